// The gateway's outgoing SMS text: a resident's message (a receipt, a status
// change, a reply) turned into the SMS parts SMPP submit_sm carries, in the
// encoding the configuration chooses (issue 5, item 3).
//
// The GSM 03.38 tables, UTF-16BE, septet packing and the segment planner live
// in shared/text (text/gsm7.h, text/ucs2.h, text/sms_segment.h,
// text/gsm7_safe.h), shared with the kiosk's SMS preview so both count parts
// the same way. This layer adds the gateway's rules on top:
//   - kGsm7 means "without diacritics": the text is transliterated
//     (text::ToGsm7Safe: "Hồ sơ" → "Ho so", đ → d, typographic quotes and
//     dashes → ASCII, anything GSM-7 lacks → '?') before it is split, so a
//     template can always be sent as GSM-7;
//   - kUcs2 keeps the diacritics (UTF-16BE, emoji as surrogate pairs);
//   - a per-configuration limit on the number of parts, so a runaway
//     template costs the province a clear error, not 255 SMS per resident;
//   - invalid UTF-8 is refused in both encodings (a template or database bug
//     should be seen, not sent as '?').
//
//   Result<text::SmsPlan> plan = SplitForSms(text, config.encoding, ref, config.max_parts);
//   for (const text::SmsSegment& s : plan->segments)
//     submit_sm(data_coding = plan->DataCoding(), esm_class = plan->EsmClass(),
//               short_message = s.ShortMessage());
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "text/sms_segment.h"

namespace dvc::gateway {

using text::Gsm7Layout;
using text::SmsEncoding;
using text::SmsPlan;
using text::SmsSegment;

// The text a resident's phone shows for `utf8` sent in `encoding`: NFC, and
// for kGsm7 transliterated as above. This is what the log transport records
// and what SplitForSms's parts join back to.
// Errors (kInvalidInput): invalid UTF-8, naming the byte offset.
Result<std::string> TextAsSent(std::string_view utf8, SmsEncoding encoding);

// Splits `utf8` into SMS parts: kGsm7 (after transliteration) in one SMS of
// up to 160 septets, else parts of 153 septets (an escape pair never split);
// kUcs2 in one SMS of up to 70 UTF-16 units, else parts of 67 units (a
// surrogate pair never split). Parts carry the concatenation UDH
// 05 00 03 `reference` total seq; the caller rotates `reference` per message
// and recipient. `layout` chooses unpacked septets (one per byte, the usual
// SMPP form) or the packed air-interface form for SMSCs that want it.
// An empty text is one empty SMS.
// Errors (kInvalidInput): invalid UTF-8; more parts than `max_segments`
// (values above 255, the UDH's limit, count as 255), naming both numbers.
Result<SmsPlan> SplitForSms(std::string_view utf8, SmsEncoding encoding, uint8_t reference,
                            size_t max_segments, Gsm7Layout layout = Gsm7Layout::kUnpacked);

// How many SMS parts SplitForSms would make for `utf8` (for previews and the
// operator CLI), without building them; counts past 255.
// Errors (kInvalidInput): invalid UTF-8.
Result<size_t> CountSmsSegments(std::string_view utf8, SmsEncoding encoding);

}  // namespace dvc::gateway
