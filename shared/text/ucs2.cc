#include "text/ucs2.h"

#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::text {
namespace {

bool IsHighSurrogate(unsigned u) { return u >= 0xD800 && u <= 0xDBFF; }
bool IsLowSurrogate(unsigned u) { return u >= 0xDC00 && u <= 0xDFFF; }

void AppendUnit(unsigned unit, std::string* out) {
  out->push_back(static_cast<char>((unit >> 8) & 0xFF));
  out->push_back(static_cast<char>(unit & 0xFF));
}

}  // namespace

size_t Utf16Units(char32_t cp) { return cp > 0xFFFF ? 2 : 1; }

void AppendUtf16Be(char32_t cp, std::string* out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementChar;
  if (cp > 0xFFFF) {
    const char32_t v = cp - 0x10000;
    AppendUnit(0xD800 | (v >> 10), out);
    AppendUnit(0xDC00 | (v & 0x3FF), out);
  } else {
    AppendUnit(cp, out);
  }
}

Result<std::string> EncodeUtf16Be(std::string_view utf8) {
  Result<std::u32string> cps = NfcCodePoints(utf8);
  if (!cps.ok()) return cps.status();
  std::string out;
  out.reserve(2 * cps->size());
  for (char32_t cp : *cps) AppendUtf16Be(cp, &out);
  return out;
}

Result<std::string> DecodeUtf16Be(std::string_view bytes) {
  if (bytes.size() % 2 != 0) {
    return Status::InvalidInput("UCS-2 text has an odd number of bytes (" +
                                std::to_string(bytes.size()) + ")");
  }
  auto unit_at = [&](size_t i) {
    return (static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 8) |
           static_cast<unsigned char>(bytes[i + 1]);
  };
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size(); i += 2) {
    const unsigned unit = unit_at(i);
    if (IsLowSurrogate(unit)) {
      return Status::InvalidInput("UCS-2 text has a lone low surrogate at byte offset " +
                                  std::to_string(i));
    }
    if (!IsHighSurrogate(unit)) {
      AppendUtf8(unit, &out);
      continue;
    }
    if (i + 2 >= bytes.size() || !IsLowSurrogate(unit_at(i + 2))) {
      return Status::InvalidInput(
          "UCS-2 text has a high surrogate without its low half at "
          "byte offset " +
          std::to_string(i));
    }
    const unsigned low = unit_at(i + 2);
    AppendUtf8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), &out);
    i += 2;
  }
  return ToNfc(out);
}

}  // namespace dvc::text
