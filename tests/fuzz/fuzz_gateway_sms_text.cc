// Fuzzes the gateway's SMS text layer. The first byte is an SMPP data_coding
// and the rest an MO message body for DecodeSmsText, which must give valid
// NFC-stable UTF-8 without NUL or refuse with kInvalidInput. When the rest is
// valid UTF-8 it is also split for sending in both encodings and both GSM-7
// layouts: every part within 140 octets and its unit limit, the UDH exact,
// and the parts joining back to TextAsSent. The body is also read as a
// short_message with a UDH (SplitUserData).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sms/mo_text.h"
#include "sms/segments.h"
#include "sms/user_data_header.h"
#include "text/gsm7.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace {

using dvc::gateway::Gsm7Layout;
using dvc::gateway::SmsEncoding;

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

void CheckSplit(std::string_view utf8, SmsEncoding encoding, Gsm7Layout layout, uint8_t ref,
                size_t max_segments) {
  dvc::Result<size_t> count = dvc::gateway::CountSmsSegments(utf8, encoding);
  Require(count.ok());
  dvc::Result<dvc::gateway::SmsPlan> plan =
      dvc::gateway::SplitForSms(utf8, encoding, ref, max_segments, layout);
  if (*count > max_segments) {
    Require(!plan.ok() && plan.status().code() == dvc::ErrorCode::kInvalidInput);
    return;
  }
  Require(plan.ok());
  Require(plan->segments.size() == *count);
  const size_t total = plan->segments.size();
  const bool gsm7 = encoding == SmsEncoding::kGsm7;
  for (size_t i = 0; i < total; ++i) {
    const dvc::gateway::SmsSegment& s = plan->segments[i];
    Require(s.user_data_octets <= 140);
    if (total == 1) {
      Require(s.udh.empty());
      Require(s.units <= (gsm7 ? 160u : 70u));
    } else {
      const std::string udh = {0x05,
                               0x00,
                               0x03,
                               static_cast<char>(ref),
                               static_cast<char>(total),
                               static_cast<char>(i + 1)};
      Require(s.udh == udh);
      Require(s.units <= (gsm7 ? 153u : 67u));
    }
    // No part ends inside an escape pair or a surrogate pair.
    if (gsm7 && layout == Gsm7Layout::kUnpacked) {
      size_t run = 0;
      while (run < s.body.size() && s.body[s.body.size() - 1 - run] == 0x1B) ++run;
      Require(run % 2 == 0);
    }
    if (!gsm7 && s.body.size() >= 2) {
      const auto hi = static_cast<unsigned char>(s.body[s.body.size() - 2]);
      Require(hi < 0xD8 || hi > 0xDB);
    }
  }
  dvc::Result<std::string> joined = dvc::text::PlanText(*plan);
  dvc::Result<std::string> sent = dvc::gateway::TextAsSent(utf8, encoding);
  Require(joined.ok() && sent.ok() && *joined == *sent);
  if (gsm7) Require(dvc::text::CanEncodeGsm7(*sent));
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
    if (user_data->concat) {
      Require(user_data->concat->sequence >= 1);
      Require(user_data->concat->sequence <= user_data->concat->total);
    }
    CheckDecode(data_coding, user_data->body);
  }

  if (!dvc::text::IsValidUtf8(body)) {
    Require(!dvc::gateway::SplitForSms(body, SmsEncoding::kGsm7, 0, 255).ok());
    Require(!dvc::gateway::SplitForSms(body, SmsEncoding::kUcs2, 0, 255).ok());
    return 0;
  }
  const size_t max_segments = 1 + data_coding % 8;
  for (SmsEncoding e : {SmsEncoding::kGsm7, SmsEncoding::kUcs2}) {
    CheckSplit(body, e, Gsm7Layout::kUnpacked, data_coding, 255);
    CheckSplit(body, e, Gsm7Layout::kPacked, data_coding, max_segments);
  }
  return 0;
}
