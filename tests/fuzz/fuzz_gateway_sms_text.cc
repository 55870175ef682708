// Fuzzes the gateway's MO text decoding. The first byte is an SMPP
// data_coding and the rest an MO short_message: DecodeSmsText must give
// valid NFC UTF-8 without NUL or refuse with kInvalidInput, and the same bytes
// read with a user data header (SplitUserData) must split consistently and
// decode the same way. Outgoing SMS planning is fuzzed by fuzz_text_sms.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sms/mo_text.h"
#include "sms/user_data_header.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace {

void Require(bool ok) {
  if (!ok) std::abort();
}

void CheckDecode(uint8_t data_coding, std::string_view body) {
  dvc::Result<std::string> text = dvc::gateway::DecodeSmsText(data_coding, body);
  if (!text.ok()) {
    Require(text.status().code() == dvc::ErrorCode::kInvalidInput);
    Require(!text.status().message().empty());
    return;
  }
  Require(dvc::text::IsValidUtf8(*text));
  Require(dvc::text::ToNfc(*text) == *text);
  Require(text->find('\0') == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 8192) return 0;
  const uint8_t data_coding = data[0];
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  CheckDecode(data_coding, body);

  // The same bytes as a short_message with a user data header.
  dvc::Result<dvc::gateway::UserData> user_data = dvc::gateway::SplitUserData(body, true);
  if (user_data.ok()) {
    Require(user_data->header.size() + user_data->body.size() == body.size());
    Require(!user_data->header.empty());
    Require(body.substr(0, user_data->header.size()) == user_data->header);
    if (user_data->concat) {
      Require(user_data->concat->sequence >= 1);
      Require(user_data->concat->sequence <= user_data->concat->total);
    }
    CheckDecode(data_coding, user_data->body);
  }
  return 0;
}
