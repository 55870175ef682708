// Vietnamese (or any) text made safe for GSM-7 SMS: plain letters without
// diacritics, so a status message fits 160 characters instead of 70.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace dvc::text {

// `utf8` transliterated so that CanEncodeGsm7 holds for the result:
//   - letters lose their diacritics and đ/Đ becomes d/D ("Đường Lê Lợi" →
//     "Duong Le Loi"); this includes letters GSM-7 has (é → e), so
//     Vietnamese text comes out as plain ASCII;
//   - typographic quotes → ' or ", dashes and minus → -, … → ..., no-break
//     and other wide spaces and tab → space, ₫ → d, U+2028/2029 → newline,
//     zero-width characters and soft hyphens are dropped, ` → ';
//   - compatibility forms are unfolded (ﬁ → fi, full-width Ａ → A, ² → 2);
//   - other characters GSM-7 carries (£ € § ß Æ Ø, newline) are kept;
//   - combining marks without a base are dropped; anything else (CJK, emoji,
//     control characters, U+FFFD from invalid UTF-8) becomes '?'.
// Invalid UTF-8 is first replaced with U+FFFD, hence '?'.
std::string ToGsm7Safe(std::string_view utf8);

}  // namespace dvc::text
