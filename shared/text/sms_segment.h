// Splitting a text into SMS segments, ready for SMPP submit_sm.
//
// One SMS carries 140 octets of user data: 160 GSM-7 septets or 70 UCS-2
// (UTF-16) units. A longer text is split into parts that each begin with a
// concatenation user data header (UDH) 05 00 03 <ref> <total> <seq>, which
// leaves 153 septets or 67 units per part. A GSM-7 extension character (two
// septets: escape + code) and a UTF-16 surrogate pair are never split across
// parts. Texts are taken in NFC (shorter, and what phones display).
//
//   Result<SmsPlan> plan = PlanSmsAuto(ToGsm7Safe(text), next_reference);
//   for (const SmsSegment& s : plan->segments)
//     submit_sm(data_coding = plan->DataCoding(), esm_class = plan->EsmClass(),
//               short_message = s.ShortMessage());
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace dvc::text {

enum class SmsEncoding {
  kGsm7,  // GSM 03.38 default alphabet, SMPP data_coding 0
  kUcs2,  // UTF-16BE, SMPP data_coding 8
};

// How GSM-7 septets are laid out in short_message. SMPP links usually take
// one septet per byte and let the SMSC pack; some SMSCs want the air
// interface's packing (after the UDH, with its fill bits).
enum class Gsm7Layout { kUnpacked, kPacked };

inline constexpr size_t kSmsUserDataOctets = 140;
inline constexpr size_t kGsm7SingleSeptets = 160;
inline constexpr size_t kGsm7PartSeptets = 153;
inline constexpr size_t kUcs2SingleUnits = 70;
inline constexpr size_t kUcs2PartUnits = 67;
inline constexpr size_t kMaxSmsSegments = 255;  // the UDH counts parts in one octet

// One SMS of a plan.
struct SmsSegment {
  std::string udh;              // empty for a one-part message, else 05 00 03 ref total seq
  std::string body;             // septets (one per byte, or packed) or UTF-16BE bytes
  size_t units = 0;             // septets or UTF-16 units in `body`
  size_t user_data_octets = 0;  // octets on the air (UDH + packed body), <= 140

  // The bytes for SMPP short_message: the UDH followed by the body.
  std::string ShortMessage() const { return udh + body; }
};

// A text split for sending.
struct SmsPlan {
  SmsEncoding encoding = SmsEncoding::kGsm7;
  Gsm7Layout layout = Gsm7Layout::kUnpacked;
  std::vector<SmsSegment> segments;  // at least one (an empty text is one empty SMS)

  // SMPP data_coding: 0x00 for GSM-7, 0x08 for UCS-2.
  uint8_t DataCoding() const { return encoding == SmsEncoding::kGsm7 ? 0x00 : 0x08; }
  // SMPP esm_class: UDHI (0x40) when the segments carry a UDH, else 0.
  uint8_t EsmClass() const { return segments.size() > 1 ? 0x40 : 0x00; }
};

// GSM-7 when every character of `utf8` fits it, else UCS-2. Call it on
// ToGsm7Safe's result to always get GSM-7.
SmsEncoding ChooseEncoding(std::string_view utf8);

// Splits `utf8` (taken in NFC) into segments; `reference` is the
// concatenation reference shared by the parts (the caller rotates it per
// message and recipient).
// Errors (kInvalidInput): invalid UTF-8; with kGsm7, a character GSM-7 cannot
// carry (see EncodeGsm7); more than 255 segments.
Result<SmsPlan> PlanSms(std::string_view utf8, SmsEncoding encoding, uint8_t reference,
                        Gsm7Layout layout = Gsm7Layout::kUnpacked);

// PlanSms with ChooseEncoding(utf8).
Result<SmsPlan> PlanSmsAuto(std::string_view utf8, uint8_t reference,
                            Gsm7Layout layout = Gsm7Layout::kUnpacked);

// The number of segments PlanSms would make, without building them (for a
// "2 SMS" counter on screen). Same errors as PlanSms, except that it counts
// beyond 255.
Result<size_t> CountSegments(std::string_view utf8, SmsEncoding encoding);

// The text of a plan: the segments' bodies decoded and joined (what the
// phone shows). Errors (kInvalidInput): a body that does not decode.
Result<std::string> PlanText(const SmsPlan& plan);

}  // namespace dvc::text
