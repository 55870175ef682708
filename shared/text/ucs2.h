// UTF-16BE, which SMS calls "UCS-2" (SMPP data_coding 8).
//
// Phones and SMSCs in practice accept UTF-16: characters beyond the BMP
// (emoji) travel as surrogate pairs, each pair counting as two units.
// Decoding is strict: odd lengths and lone surrogates are refused rather
// than replaced, so a broken message is noticed instead of shown garbled.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::text {

// UTF-16 code units `cp` takes: 2 above U+FFFF, else 1.
size_t Utf16Units(char32_t cp);

// Appends `cp` as UTF-16BE (a surrogate pair above U+FFFF; surrogates and
// values above U+10FFFF as U+FFFD). No normalisation.
void AppendUtf16Be(char32_t cp, std::string* out);

// `utf8` (taken in NFC) as UTF-16BE bytes.
// Errors (kInvalidInput): invalid UTF-8, with the byte offset of the first
// invalid sequence (sanitise with SanitizeUtf8 first to send U+FFFD instead).
Result<std::string> EncodeUtf16Be(std::string_view utf8);

// UTF-16BE bytes as UTF-8 (NFC).
// Errors (kInvalidInput): an odd number of bytes; a high surrogate not
// followed by a low one, or a low surrogate alone (with its byte offset).
Result<std::string> DecodeUtf16Be(std::string_view bytes);

}  // namespace dvc::text
