// Unicode normalisation for Vietnamese text, on top of utf8proc.
//
// Vietnamese arrives both precomposed (NFC: "ộ" = U+1ED9) and decomposed (NFD:
// "o" + U+0323 + U+0302, as some phones and macOS send it). Inside the
// programs everything is NFC; search compares "search keys".
//
// All functions accept arbitrary bytes: invalid UTF-8 is first replaced with
// U+FFFD (see utf8.h). Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::text {

// `s` in Unicode NFC.
std::string ToNfc(std::string_view s);

// `utf8` in NFC as code points, for encoders that refuse invalid text rather
// than repair it; validates once (ToNfc would check again).
// Errors (kInvalidInput): invalid UTF-8, naming the byte offset of the first
// invalid sequence (SanitizeUtf8 first to send U+FFFD instead).
Result<std::u32string> NfcCodePoints(std::string_view utf8);

// The key used to compare text for search and commands: NFC, case-folded,
// diacritics removed, đ/Đ → d, every run of white space (and of punctuation
// other than letters and digits) collapsed to one ASCII space, trimmed.
// "  Nộp  HỒ SƠ—Đất đai " → "nop ho so dat dai".
std::string SearchKey(std::string_view s);

// Lower-cases `s` (Unicode case folding), keeping diacritics; result NFC.
std::string FoldCase(std::string_view s);

// Removes diacritics (and maps đ/Đ → d/D) but keeps case: "Đắk Lắk" → "Dak Lak".
// Result NFC; characters with no ASCII base are kept.
std::string StripDiacritics(std::string_view s);

}  // namespace dvc::text
