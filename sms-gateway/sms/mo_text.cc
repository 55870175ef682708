#include "sms/mo_text.h"

#include <cstdio>
#include <cstdlib>

#include "text/gsm7.h"
#include "text/normalize.h"
#include "text/ucs2.h"
#include "text/utf8.h"

namespace dvc::gateway {
namespace {

// data_coding values by bit pattern: the first row with
// (data_coding & mask) == value applies. SMPP 3.4 section 5.2.19 for
// 0x00-0x0F, 3GPP TS 23.038 section 4 for the coding groups above.
struct CharsetRule {
  uint8_t mask;
  uint8_t value;
  MoCharsetInfo info;
};

constexpr CharsetRule kCharsetRules[] = {
    {0xFF, 0x00, {MoCharset::kGsm7, "SMSC default alphabet (GSM-7)"}},
    {0xFF, 0x01, {MoCharset::kAscii, "IA5 (ASCII)"}},
    {0xFF, 0x02, {MoCharset::kBinary, "8-bit binary"}},
    {0xFF, 0x03, {MoCharset::kLatin1, "Latin-1"}},
    {0xFF, 0x04, {MoCharset::kBinary, "8-bit binary"}},
    {0xFF, 0x05, {MoCharset::kUnsupported, "JIS X 0208"}},
    {0xFF, 0x06, {MoCharset::kUnsupported, "Cyrillic (ISO-8859-5)"}},
    {0xFF, 0x07, {MoCharset::kUnsupported, "Latin/Hebrew (ISO-8859-8)"}},
    {0xFF, 0x08, {MoCharset::kUcs2, "UCS-2"}},
    {0xFF, 0x09, {MoCharset::kUnsupported, "pictogram encoding"}},
    {0xFF, 0x0A, {MoCharset::kUnsupported, "ISO-2022-JP"}},
    {0xFF, 0x0D, {MoCharset::kUnsupported, "extended Kanji JIS (X 0212)"}},
    {0xFF, 0x0E, {MoCharset::kUnsupported, "KS C 5601"}},
    {0xF0, 0x00, {MoCharset::kUnsupported, "reserved SMPP data_coding"}},
    // GSM general data coding (00xx xxxx) and automatic deletion (01xx xxxx).
    {0xA0, 0x20, {MoCharset::kUnsupported, "compressed text"}},
    {0x8C, 0x00, {MoCharset::kGsm7, "GSM-7"}},
    {0x8C, 0x04, {MoCharset::kBinary, "8-bit data"}},
    {0x8C, 0x08, {MoCharset::kUcs2, "UCS-2"}},
    {0x8C, 0x0C, {MoCharset::kUnsupported, "reserved alphabet"}},
    {0xC0, 0x80, {MoCharset::kUnsupported, "reserved coding group"}},
    // Message waiting indication: discard / store (GSM-7), store (UCS-2).
    {0xE0, 0xC0, {MoCharset::kGsm7, "GSM-7 (message waiting)"}},
    {0xF0, 0xE0, {MoCharset::kUcs2, "UCS-2 (message waiting)"}},
    // Data coding / message class: bit 2 chooses the alphabet.
    {0xF4, 0xF0, {MoCharset::kGsm7, "GSM-7 (message class)"}},
    {0xF4, 0xF4, {MoCharset::kBinary, "8-bit data (message class)"}},
};

std::string Hex2(unsigned value) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02X", value & 0xFF);
  return buf;
}

// A character the handler, the log and the store can take as it is. Other
// controls (NUL first of all) would cut C strings or garble a log line.
bool IsAcceptable(char32_t cp) {
  if (cp == U'\t' || cp == U'\n' || cp == U'\f' || cp == U'\r') return true;
  return !(cp < 0x20 || (cp >= 0x7F && cp <= 0x9F));
}

// The final form of every decoded text: controls replaced, NFC.
std::string Finish(std::u32string cps) {
  for (char32_t& cp : cps) {
    if (!IsAcceptable(cp)) cp = U'?';
  }
  return text::ToNfc(text::EncodeUtf8(cps));
}

// Bytes of a single-byte character set as code points; bytes at or above
// `limit` become '?'.
std::u32string SingleByte(std::string_view bytes, unsigned limit) {
  std::u32string cps;
  cps.reserve(bytes.size());
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    cps.push_back(b < limit ? static_cast<char32_t>(b) : U'?');
  }
  return cps;
}

}  // namespace

MoCharsetInfo CharsetOfDataCoding(uint8_t data_coding) {
  for (const CharsetRule& rule : kCharsetRules) {
    if ((data_coding & rule.mask) == rule.value) return rule.info;
  }
  std::abort();  // the rules cover all 256 values (a test checks every one)
}

std::string Gsm7SeptetsToUtf8(std::string_view septets) {
  std::string clean(septets);
  for (char& c : clean) {
    if (static_cast<unsigned char>(c) > 0x7F) c = '?';  // '?' is 0x3F in GSM-7 as in ASCII
  }
  // Escapes pair up from the start of each run, so an odd run at the end
  // leaves the last one without its code.
  size_t run = 0;
  while (run < clean.size() && clean[clean.size() - 1 - run] == text::kGsm7Escape) ++run;
  if (run % 2 == 1) clean.back() = ' ';
  Result<std::string> decoded = text::DecodeGsm7(clean);
  if (!decoded.ok()) std::abort();  // every byte is a septet and no escape is left open
  return *decoded;
}

Result<std::string> DecodeSmsText(uint8_t data_coding, std::string_view bytes) {
  const MoCharsetInfo info = CharsetOfDataCoding(data_coding);
  switch (info.charset) {
    case MoCharset::kGsm7:
      return Finish(text::DecodeUtf8(Gsm7SeptetsToUtf8(bytes)));
    case MoCharset::kAscii:
      return Finish(SingleByte(bytes, 0x80));
    case MoCharset::kLatin1:
      return Finish(SingleByte(bytes, 0x100));
    case MoCharset::kBinary:
      return std::string(bytes.size(), '?');
    case MoCharset::kUcs2: {
      Result<std::string> decoded = text::DecodeUtf16Be(bytes);
      if (!decoded.ok()) {
        return decoded.status().WithContext("MO message with data_coding 0x" + Hex2(data_coding) +
                                            " (UCS-2)");
      }
      return Finish(text::DecodeUtf8(*decoded));
    }
    case MoCharset::kUnsupported:
      break;
  }
  return Status::InvalidInput("MO message with data_coding 0x" + Hex2(data_coding) + " (" +
                              info.name + ") is not decoded by this gateway");
}

}  // namespace dvc::gateway
