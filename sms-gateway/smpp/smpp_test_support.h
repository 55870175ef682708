// Helpers for the smpp tests: PDUs written as the hex a person reads in a
// protocol trace, independent of the encoder under test.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace dvc::gateway::smpp::test_support {

// The octets of `hex`, ignoring spaces ("00 00 00 10" -> 4 octets).
// Aborts on a malformed literal (a bug in the test itself).
inline std::string Bytes(std::string_view hex) {
  std::string out;
  int high = -1;
  for (char c : hex) {
    if (c == ' ' || c == '\n') continue;
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) std::abort();
    if (high < 0) {
      high = digit;
    } else {
      out.push_back(static_cast<char>(high * 16 + digit));
      high = -1;
    }
  }
  if (high >= 0) std::abort();
  return out;
}

// A PDU with a correct 16-octet header around `body`: for malformed-body
// cases, where only the body is under test.
inline std::string WithHeader(uint32_t command_id, uint32_t sequence, std::string_view body,
                              uint32_t command_status = 0) {
  std::string out;
  const uint32_t words[] = {static_cast<uint32_t>(16 + body.size()), command_id, command_status,
                            sequence};
  for (uint32_t word : words) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(word >> shift));
  }
  out.append(body);
  return out;
}

}  // namespace dvc::gateway::smpp::test_support
