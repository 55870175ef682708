// Lower-case hexadecimal: the spelling of hashes (SHA-256 content addresses)
// and key ids across the project.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace dvc::core {

// Lower-case hex of `bytes`, two digits per byte.
std::string HexOf(std::span<const uint8_t> bytes);

// True for '0'-'9' and 'a'-'f' (upper case is not the project's spelling).
constexpr bool IsLowerHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// True when `s` is a SHA-256 digest spelled as 64 lower-case hex digits.
bool IsSha256Hex(std::string_view s);

}  // namespace dvc::core
