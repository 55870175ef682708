#include "sms/segments.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>

#include "text/gsm7_safe.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::gateway {
namespace {

Status CheckUtf8(std::string_view utf8) {
  const std::optional<size_t> bad = text::FirstInvalidUtf8Offset(utf8);
  if (!bad) return Status::Ok();
  return Status::InvalidInput("SMS text is not valid UTF-8 (byte offset " + std::to_string(*bad) +
                              "); check the template or the stored data it was filled from");
}

}  // namespace

Result<std::string> TextAsSent(std::string_view utf8, SmsEncoding encoding) {
  DVC_RETURN_IF_ERROR(CheckUtf8(utf8));
  // ToGsm7Safe works on NFC and keeps GSM-7 characters as they are; the
  // second ToNfc makes the result exactly what the parts decode to.
  if (encoding == SmsEncoding::kGsm7) return text::ToNfc(text::ToGsm7Safe(utf8));
  return text::ToNfc(utf8);
}

Result<SmsPlan> SplitForSms(std::string_view utf8, SmsEncoding encoding, uint8_t reference,
                            size_t max_segments, Gsm7Layout layout) {
  Result<std::string> sent = TextAsSent(utf8, encoding);
  if (!sent.ok()) return sent.status();
  Result<size_t> count = text::CountSegments(*sent, encoding);
  if (!count.ok()) std::abort();  // TextAsSent's output is valid and, for kGsm7, encodable
  const size_t limit = std::min(max_segments, text::kMaxSmsSegments);
  if (*count > limit) {
    return Status::InvalidInput("the message needs " + std::to_string(*count) +
                                " SMS parts, more than the limit of " + std::to_string(limit) +
                                "; shorten the text or its template");
  }
  Result<SmsPlan> plan = text::PlanSms(*sent, encoding, reference, layout);
  if (!plan.ok() || plan->segments.size() != *count) std::abort();
  return plan;
}

Result<size_t> CountSmsSegments(std::string_view utf8, SmsEncoding encoding) {
  Result<std::string> sent = TextAsSent(utf8, encoding);
  if (!sent.ok()) return sent.status();
  Result<size_t> count = text::CountSegments(*sent, encoding);
  if (!count.ok()) std::abort();  // as in SplitForSms
  return count;
}

}  // namespace dvc::gateway
