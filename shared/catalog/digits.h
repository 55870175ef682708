// ASCII digit tests shared by the catalog's parsers and validators (unit and
// province codes, reference-table codes, citizen IDs, phone numbers).
// Thread-safety: pure functions.
#pragma once

#include <algorithm>
#include <string_view>

namespace dvc::catalog {

// True for '0'-'9' only: not other Unicode digits, and not locale-dependent
// like std::isdigit.
constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// True when `s` is not empty and every byte is an ASCII digit.
constexpr bool IsAllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsAsciiDigit);
}

// True when `s` is exactly `length` ASCII digits ("034" for length 3).
constexpr bool IsDigitCode(std::string_view s, size_t length) {
  return s.size() == length && IsAllDigits(s);
}

}  // namespace dvc::catalog
