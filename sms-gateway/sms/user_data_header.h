// The user data header (UDH, 3GPP TS 23.040 section 9.2.3.24) at the start
// of an MO message's short_message when deliver_sm's esm_class has UDHI
// (0x40): its length octet, information elements, and the concatenation
// element that numbers the parts of a long message. The gateway's own UDH
// comes from text::PlanSms (text/sms_segment.h); this reads the ones phones
// send.
//
// Thread-safety: pure functions.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::gateway {

// Where a part sits in a concatenated message.
struct ConcatInfo {
  uint16_t reference = 0;  // 8- or 16-bit reference, the same for all parts
  uint8_t total = 0;       // parts in the message, >= 1
  uint8_t sequence = 0;    // this part, 1..total
  bool operator==(const ConcatInfo&) const = default;
};

// short_message split at the end of its UDH. Both views point into the
// caller's buffer, which must outlive them.
struct UserData {
  std::string_view header;  // the UDH with its length octet; empty without UDHI
  std::string_view body;    // the text bytes after it (septets, octets or UTF-16BE)
  std::optional<ConcatInfo> concat;
};

// Splits `short_message`; with `udhi` false it is all body. The
// concatenation elements 0x00 (8-bit reference) and 0x08 (16-bit reference)
// are read; one with total 0, sequence 0 or sequence above total is ignored,
// as TS 23.040 asks, so the part reads as a message of its own. Other
// elements are skipped.
// Errors (kInvalidInput): UDHI set but the header's length octet is missing
// or longer than the message, or an element runs past the header.
Result<UserData> SplitUserData(std::string_view short_message, bool udhi);
// A temporary string would leave UserData's views dangling.
template <typename T>
requires std::same_as<T, std::string> Result<UserData> SplitUserData(T&& short_message, bool udhi)
= delete;

}  // namespace dvc::gateway
