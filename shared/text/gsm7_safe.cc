#include "text/gsm7_safe.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "text/gsm7.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::text {
namespace {

// Characters with a fixed ASCII spelling, looked up before anything else.
struct Replacement {
  char32_t cp;
  std::string_view ascii;
};

constexpr Replacement kReplacements[] = {
    // Letters whose stroke is not a combining mark.
    {U'đ', "d"},
    {U'Đ', "D"},
    {U'Ð', "D"},
    {U'₫', "d"},
    // Quotes and apostrophes.
    {U'`', "'"},
    {U'‘', "'"},
    {U'’', "'"},
    {U'‚', "'"},
    {U'‛', "'"},
    {U'′', "'"},
    {U'ʼ', "'"},
    {U'“', "\""},
    {U'”', "\""},
    {U'„', "\""},
    {U'‟', "\""},
    {U'″', "\""},
    {U'«', "\""},
    {U'»', "\""},
    // Dashes, minus, bullets.
    {U'‐', "-"},
    {U'‑', "-"},
    {U'‒', "-"},
    {U'–', "-"},
    {U'—', "-"},
    {U'―', "-"},
    {U'−', "-"},
    {U'•', "-"},
    {U'…', "..."},
    // Spaces and line breaks.
    {U'\t', " "},
    {0x00A0, " "},
    {0x2000, " "},
    {0x2001, " "},
    {0x2002, " "},
    {0x2003, " "},
    {0x2004, " "},
    {0x2005, " "},
    {0x2006, " "},
    {0x2007, " "},
    {0x2008, " "},
    {0x2009, " "},
    {0x200A, " "},
    {0x202F, " "},
    {0x205F, " "},
    {0x3000, " "},
    {0x2028, "\n"},
    {0x2029, "\n"},
    // Invisible characters.
    {0x00AD, ""},
    {0x200B, ""},
    {0x200C, ""},
    {0x200D, ""},
    {0x2060, ""},
    {0xFEFF, ""},
};

const Replacement* FindReplacement(char32_t cp) {
  for (const Replacement& r : kReplacements) {
    if (r.cp == cp) return &r;
  }
  return nullptr;
}

bool IsAsciiGsm(char32_t cp) { return cp < 0x80 && Gsm7Septets(cp).has_value(); }

// The compatibility decomposition of `cp` without marks ("ế" → "e",
// "ﬁ" → "fi", a lone combining mark → ""), when it differs from `cp` and is
// all ASCII that GSM-7 carries; nullopt otherwise.
std::optional<std::string> Unfold(char32_t cp) {
  utf8proc_int32_t parts[16];
  int boundclass = 0;
  const utf8proc_ssize_t n = utf8proc_decompose_char(
      static_cast<utf8proc_int32_t>(cp), parts, 16,
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK),
      &boundclass);
  if (n < 0 || n > 16) return std::nullopt;
  if (n == 1 && static_cast<char32_t>(parts[0]) == cp) return std::nullopt;
  std::string out;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    const auto part = static_cast<char32_t>(parts[i]);
    if (!IsAsciiGsm(part)) return std::nullopt;
    out.push_back(static_cast<char>(part));
  }
  return out;
}

// Which ASCII characters ToGsm7Safe keeps as they are (no replacement,
// in GSM-7's basic or extension table).
std::array<bool, 128> BuildAsciiKept() {
  std::array<bool, 128> kept{};
  for (char32_t c = 0; c < 128; ++c) kept[c] = FindReplacement(c) == nullptr && IsAsciiGsm(c);
  return kept;
}

}  // namespace

std::string ToGsm7Safe(std::string_view utf8) {
  // Most texts (replies, templates already without diacritics) are kept
  // whole: one pass over the bytes instead of decoding and rebuilding.
  static const std::array<bool, 128> kAsciiKept = BuildAsciiKept();
  if (std::all_of(utf8.begin(), utf8.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b < 0x80 && kAsciiKept[b];
      })) {
    return std::string(utf8);
  }
  const std::u32string cps = DecodeUtf8(ToNfc(utf8));
  std::string out;
  out.reserve(cps.size());
  for (char32_t cp : cps) {
    if (const Replacement* r = FindReplacement(cp)) {
      out += r->ascii;
    } else if (IsAsciiGsm(cp)) {
      out.push_back(static_cast<char>(cp));
    } else if (std::optional<std::string> unfolded = Unfold(cp)) {
      out += *unfolded;
    } else if (cp >= 0x80 && Gsm7Septets(cp)) {
      AppendUtf8(cp, &out);  // £ € ß Æ Ø...: GSM-7 has them, keep them
    } else {
      out.push_back('?');
    }
  }
  return out;
}

}  // namespace dvc::text
