// UTF-8 validation and repair.
//
// Every function of shared/text accepts arbitrary bytes. Invalid UTF-8 (bad
// lead bytes, truncated sequences, overlongs, surrogates, code points above
// U+10FFFF) is never undefined behaviour: callers either refuse it
// (IsValidUtf8) or repair it (SanitizeUtf8, which replaces each maximal
// invalid subpart with U+FFFD as Unicode recommends).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dvc::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Byte offset where the first invalid sequence of `s` starts, or nullopt
// when `s` is well-formed UTF-8. One pass over `s`.
std::optional<size_t> FirstInvalidUtf8Offset(std::string_view s);

// True when `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// `s` with every invalid sequence replaced by U+FFFD. Valid input is returned unchanged.
std::string SanitizeUtf8(std::string_view s);

// Decodes `s` into code points, replacing invalid sequences with U+FFFD.
std::u32string DecodeUtf8(std::string_view s);

// Encodes code points as UTF-8. Surrogates and values above U+10FFFF become U+FFFD.
std::string EncodeUtf8(std::u32string_view cps);
void AppendUtf8(char32_t cp, std::string* out);

// Number of code points in `s` (invalid sequences count as one each).
size_t CodePointCount(std::string_view s);

}  // namespace dvc::text
