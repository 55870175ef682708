#include "sms/user_data_header.h"

#include <string>

namespace dvc::gateway {
namespace {

constexpr uint8_t kConcat8 = 0x00;
constexpr uint8_t kConcat16 = 0x08;

uint8_t Octet(std::string_view s, size_t i) { return static_cast<uint8_t>(s[i]); }

// The concatenation element `iei` with data `ie`, when well-formed and sane.
std::optional<ConcatInfo> ReadConcat(uint8_t iei, std::string_view ie) {
  ConcatInfo info;
  if (iei == kConcat8 && ie.size() == 3) {
    info.reference = Octet(ie, 0);
  } else if (iei == kConcat16 && ie.size() == 4) {
    info.reference = static_cast<uint16_t>(Octet(ie, 0) << 8 | Octet(ie, 1));
  } else {
    return std::nullopt;
  }
  info.total = Octet(ie, ie.size() - 2);
  info.sequence = Octet(ie, ie.size() - 1);
  if (info.total == 0 || info.sequence == 0 || info.sequence > info.total) return std::nullopt;
  return info;
}

}  // namespace

Result<UserData> SplitUserData(std::string_view short_message, bool udhi) {
  UserData data;
  if (!udhi) {
    data.body = short_message;
    return data;
  }
  if (short_message.empty()) {
    return Status::InvalidInput("message flagged with a user data header (UDHI) is empty");
  }
  const size_t udhl = Octet(short_message, 0);
  if (1 + udhl > short_message.size()) {
    return Status::InvalidInput("user data header length " + std::to_string(udhl) +
                                " exceeds the " + std::to_string(short_message.size() - 1) +
                                " octets that follow it");
  }
  data.header = short_message.substr(0, 1 + udhl);
  data.body = short_message.substr(1 + udhl);
  const std::string_view ies = data.header.substr(1);
  size_t pos = 0;
  while (pos < ies.size()) {
    if (pos + 2 > ies.size() || pos + 2 + Octet(ies, pos + 1) > ies.size()) {
      return Status::InvalidInput("user data header element at octet " + std::to_string(pos + 1) +
                                  " runs past the header");
    }
    const uint8_t iei = Octet(ies, pos);
    const std::string_view ie = ies.substr(pos + 2, Octet(ies, pos + 1));
    // TS 23.040: when an element repeats, the last occurrence applies.
    if (iei == kConcat8 || iei == kConcat16) data.concat = ReadConcat(iei, ie);
    pos += 2 + ie.size();
  }
  return data;
}

}  // namespace dvc::gateway
