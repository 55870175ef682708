// The GSM 03.38 (3GPP TS 23.038) 7-bit default alphabet and its extension
// table, as SMS carries it.
//
// "Septets" here are unpacked: one GSM code (0x00–0x7F) per byte, which is
// how SMPP short_message usually carries data_coding 0. Characters of the
// extension table (^ { } \ [ ~ ] | € and form feed) take two septets, the
// escape 0x1B and their code. PackSeptets/UnpackSeptets convert to and from
// the air interface's packing (7 bits each, after `fill_bits` bits that align
// the first septet after a user data header).
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::text {

inline constexpr char kGsm7Escape = 0x1B;

// Septets needed for `cp`: 1 (default alphabet), 2 (extension table) or
// nullopt when GSM-7 cannot carry it.
std::optional<size_t> Gsm7Septets(char32_t cp);

// Appends the septet(s) for `cp` to `septets` (escape + code for the
// extension table). Returns false, appending nothing, when GSM-7 cannot carry
// `cp`. No normalisation: for callers that hold NFC code points already.
bool AppendGsm7(char32_t cp, std::string* septets);

// True when `utf8` is valid UTF-8 and every character of its NFC form is in
// the default alphabet or the extension table.
bool CanEncodeGsm7(std::string_view utf8);

// The error EncodeGsm7 reports for code point `cp` at `position` (index in
// the NFC code points), for callers that check code points themselves.
Status NotInGsm7Error(char32_t cp, size_t position);

// `utf8` (taken in NFC) as unpacked septets.
// Errors (kInvalidInput): invalid UTF-8 (with its byte offset); a character
// GSM-7 cannot carry, named with its code point and position — transliterate
// first with ToGsm7Safe (gsm7_safe.h) or send as UCS-2.
Result<std::string> EncodeGsm7(std::string_view utf8);

// Unpacked septets as UTF-8 (NFC). An escape followed by a code the
// extension table does not define decodes as the default-alphabet character
// for that code, as TS 23.038 asks of receivers (and 1B 1B as a no-break
// space). Errors (kInvalidInput): a byte above 0x7F, or an escape at the end.
Result<std::string> DecodeGsm7(std::string_view septets);

// Number of fill bits after a user data header of `udh_octets` octets so
// that the first septet starts on a septet boundary (1 for the 6-octet
// concatenation header).
int FillBitsAfterUdh(size_t udh_octets);

// Packs unpacked septets 7 bits each, least significant bit first, starting
// after `fill_bits` zero bits; the result has ceil((fill_bits + 7n) / 8)
// octets. When that leaves 7 spare bits in the last octet they hold CR
// (0x0D), not zeros a receiver would read as a trailing '@' (TS 23.038
// section 6.1.2.3.1). Errors (kInvalidInput): a byte above 0x7F, fill_bits
// outside 0..6.
Result<std::string> PackSeptets(std::string_view septets, int fill_bits);

// The inverse of PackSeptets: `septet_count` septets read from `octets`
// after `fill_bits` bits. The count is needed because 7 or 8 septets can
// fill the same octets. Errors (kInvalidInput): fill_bits outside 0..6, or
// fewer bits than fill_bits + 7 * septet_count.
Result<std::string> UnpackSeptets(std::string_view octets, int fill_bits, size_t septet_count);

}  // namespace dvc::text
