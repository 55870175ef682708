// Fuzzes the SMS text code: random bytes are planned as UCS-2 (after
// sanitising) and as GSM-7 (after ToGsm7Safe), in both GSM-7 layouts; every
// segment must fit 140 octets and the joined segments must read back as the
// planned text. The same bytes are also decoded as septets and as UTF-16BE,
// and packed/unpacked.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/gsm7.h"
#include "text/gsm7_safe.h"
#include "text/normalize.h"
#include "text/sms_segment.h"
#include "text/ucs2.h"
#include "text/utf8.h"

namespace {

using dvc::text::Gsm7Layout;
using dvc::text::SmsEncoding;

void Require(bool ok) {
  if (!ok) std::abort();
}

void CheckPlan(const std::string& text, SmsEncoding encoding, Gsm7Layout layout, uint8_t ref) {
  dvc::Result<dvc::text::SmsPlan> plan = dvc::text::PlanSms(text, encoding, ref, layout);
  Require(plan.ok());
  Require(!plan->segments.empty());
  for (const dvc::text::SmsSegment& s : plan->segments) {
    Require(s.user_data_octets <= dvc::text::kSmsUserDataOctets);
    const bool on_air_bytes = encoding == SmsEncoding::kUcs2 || layout == Gsm7Layout::kPacked;
    Require(!on_air_bytes || s.ShortMessage().size() <= dvc::text::kSmsUserDataOctets);
    Require(s.ShortMessage().size() <= dvc::text::kGsm7SingleSeptets);
    Require(s.udh.empty() == (plan->segments.size() == 1));
  }
  dvc::Result<std::string> back = dvc::text::PlanText(*plan);
  Require(back.ok());
  Require(*back == dvc::text::ToNfc(text));
  dvc::Result<size_t> count = dvc::text::CountSegments(text, encoding);
  Require(count.ok() && *count == plan->segments.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return 0;  // 255 segments is ~39 KB; stay well inside it
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const uint8_t ref = size > 0 ? data[0] : 0;

  const std::string sanitized = dvc::text::SanitizeUtf8(bytes);
  CheckPlan(sanitized, SmsEncoding::kUcs2, Gsm7Layout::kUnpacked, ref);

  const std::string safe = dvc::text::ToGsm7Safe(bytes);
  Require(dvc::text::CanEncodeGsm7(safe));
  CheckPlan(safe, SmsEncoding::kGsm7, Gsm7Layout::kUnpacked, ref);
  CheckPlan(safe, SmsEncoding::kGsm7, Gsm7Layout::kPacked, ref);

  // Raw bytes as septets and as UTF-16BE: refused or decoded, never UB.
  dvc::Result<std::string> gsm = dvc::text::DecodeGsm7(bytes);
  if (gsm.ok()) {
    Require(dvc::text::IsValidUtf8(*gsm));
    if (bytes.find('\x1B') == std::string_view::npos) {
      dvc::Result<std::string> again = dvc::text::EncodeGsm7(*gsm);
      Require(again.ok() && *again == bytes);
    }
  }
  dvc::Result<std::string> ucs = dvc::text::DecodeUtf16Be(bytes);
  if (ucs.ok()) Require(dvc::text::IsValidUtf8(*ucs));

  const int fill = ref % 7;
  dvc::Result<std::string> packed = dvc::text::PackSeptets(bytes, fill);
  if (packed.ok()) {
    dvc::Result<std::string> unpacked = dvc::text::UnpackSeptets(*packed, fill, bytes.size());
    Require(unpacked.ok() && *unpacked == bytes);
    // 7 spare bits at the end hold CR, never a phantom '@'.
    if ((static_cast<size_t>(fill) + 7 * bytes.size()) % 8 == 1) {
      dvc::Result<std::string> spare = dvc::text::UnpackSeptets(*packed, fill, bytes.size() + 1);
      Require(spare.ok() && spare->back() == '\r');
    }
  }
  const size_t count = size > 1 ? data[1] : 0;
  dvc::Result<std::string> septets = dvc::text::UnpackSeptets(bytes, fill, count);
  if (septets.ok()) Require(septets->size() == count);
  return 0;
}
