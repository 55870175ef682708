#include "text/utf8.h"

namespace dvc::text {
namespace {

// Decodes one code point at s[i]. Returns the number of bytes consumed (≥1)
// and sets *cp; on an invalid sequence sets *cp to U+FFFD and consumes the
// maximal invalid subpart (at least one byte).
size_t DecodeOne(std::string_view s, size_t i, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t need;
  char32_t value;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    value = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    value = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // no overlongs
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    value = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // no overlongs
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *cp = kReplacementChar;
    return 1;
  }
  size_t used = 1;
  for (size_t k = 0; k < need; ++k) {
    if (i + used >= s.size()) {
      *cp = kReplacementChar;
      return used;
    }
    const auto b = static_cast<unsigned char>(s[i + used]);
    const unsigned char min = (k == 0) ? lo : 0x80;
    const unsigned char max = (k == 0) ? hi : 0xBF;
    if (b < min || b > max) {
      *cp = kReplacementChar;
      return used;
    }
    value = (value << 6) | (b & 0x3F);
    ++used;
  }
  *cp = value;
  return used;
}

}  // namespace

std::optional<size_t> FirstInvalidUtf8Offset(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    const size_t n = DecodeOne(s, i, &cp);
    // U+FFFD itself is valid when spelled correctly (EF BF BD).
    if (cp == kReplacementChar && !(n == 3 && s.substr(i, 3) == "\xEF\xBF\xBD")) return i;
    i += n;
  }
  return std::nullopt;
}

bool IsValidUtf8(std::string_view s) { return !FirstInvalidUtf8Offset(s).has_value(); }

std::string SanitizeUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    size_t n = DecodeOne(s, i, &cp);
    AppendUtf8(cp, &out);
    i += n;
  }
  return out;
}

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    i += DecodeOne(s, i, &cp);
    out.push_back(cp);
  }
  return out;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementChar;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string EncodeUtf8(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size() * 2);
  for (char32_t cp : cps) AppendUtf8(cp, &out);
  return out;
}

size_t CodePointCount(std::string_view s) {
  size_t count = 0, i = 0;
  while (i < s.size()) {
    char32_t cp;
    i += DecodeOne(s, i, &cp);
    ++count;
  }
  return count;
}

}  // namespace dvc::text
