// Text of incoming (MO) SMS: the short_message (or message_payload) bytes of
// a deliver_sm, after any user data header, turned into UTF-8 for the
// command handler, whatever a phone or an SMSC put there.
//
// MO text comes from anyone with a phone. Decoding is therefore lenient where
// the sender's intent is still clear (a stray byte becomes '?') and strict
// only where guessing would show garbage (UCS-2 of odd length, a lone
// surrogate, a character set this gateway does not decode). The result is
// always valid UTF-8 in NFC, without NUL or other control characters except
// tab, line feed, form feed and carriage return (those become '?'), so it is
// safe to log, store and parse.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::gateway {

// How the bytes of a message with a given SMPP 3.4 data_coding are read.
enum class MoCharset {
  kGsm7,         // GSM 03.38 default alphabet, one septet per byte
  kAscii,        // IA5 / ASCII
  kLatin1,       // ISO-8859-1
  kUcs2,         // UTF-16BE
  kBinary,       // 8-bit data, not text
  kUnsupported,  // a character set this gateway does not decode, compressed text, reserved values
};

// The charset of `data_coding` and its name for messages ("UCS-2",
// "JIS X 0208", ...). Covers the SMPP 3.4 values 0x00-0x0E and, because
// SMSCs pass them through, the GSM 03.38 data coding scheme groups: general
// (0x10-0x7F: alphabet in bits 3-2, compressed in bit 5), message waiting
// (0xC0-0xDF GSM-7, 0xE0-0xEF UCS-2) and message class (0xF0-0xFF: bit 2
// chooses GSM-7 or 8-bit data).
struct MoCharsetInfo {
  MoCharset charset;
  const char* name;  // static storage
};
MoCharsetInfo CharsetOfDataCoding(uint8_t data_coding);

// Unpacked GSM-7 septets as UTF-8 (NFC). Never fails:
//   - a byte above 0x7F (not a septet) becomes '?';
//   - an escape (0x1B) followed by a code the extension table does not
//     define reads as the default-alphabet character of that code, as TS
//     23.038 asks of receivers;
//   - an escape as the last byte (an extension character cut off) becomes a
//     space, as TS 23.038 shows an escape to an undefined table, so the text
//     keeps its length and nothing is invented.
std::string Gsm7SeptetsToUtf8(std::string_view septets);

// The text of an MO message with SMPP `data_coding` and body `bytes` (UDH
// already removed). GSM-7, ASCII and Latin-1 always decode (bytes that are
// not characters of the set become '?'); 8-bit data becomes one '?' per byte
// (it is not text, but the handler still sees that something arrived).
// Errors (kInvalidInput): UCS-2 with an odd number of bytes or a broken
// surrogate pair; a charset of kUnsupported, named with its data_coding.
Result<std::string> DecodeSmsText(uint8_t data_coding, std::string_view bytes);

}  // namespace dvc::gateway
