// Vietnamese phone numbers in the international form "84xxxxxxxxx" (digits
// only, no '+'), the one place that knows the trunk prefix 0, the country
// code 84 and the international call prefix 00 / '+'.
//
// Two users with different needs: the destination of a submit must be a
// number an SMSC accepts (NormalizeVietnamesePhone, strict, refuses with a
// reason), while keys for comparing senders and opt-outs must give every
// input some stable digits (NormalizePhone in sms/phone_key.h, lenient, built
// on both functions here).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::gateway {

// A Vietnamese phone number as a resident types it, in the international
// form the SMSC wants as destination: "0912 345 678", "0912.345.678",
// "(091) 234-5678", "+84912345678", "84912345678", "0084912345678" all give
// "84912345678". Spaces, dots, dashes and parentheses are ignored.
// Errors (kInvalidInput, saying why): empty; any other character (letters,
// a '+' not in front); a foreign country code ("+1...", "00 1..."); a
// national number not of 9 or 10 digits after the leading 0 / 84 (mobile
// numbers have 9, fixed lines up to 10); a national number starting with 0
// ("840912...").
Result<std::string> NormalizeVietnamesePhone(std::string_view typed);

// The prefix rule alone, on a string of digits as dialled in Vietnam without
// validation: "00" (international call prefix) is dropped, a single leading
// "0" (trunk prefix) becomes "84", anything else is returned unchanged
// ("84912345678", "8079"). "" stays "".
std::string InternationalDigits(std::string_view digits);

}  // namespace dvc::gateway
