#include "text/normalize.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>

#include "text/utf8.h"

namespace dvc::text {
namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

// Runs utf8proc_map on already-valid UTF-8. utf8proc only fails on invalid
// input or allocation failure; the first is excluded by the caller, the
// second is a broken invariant.
std::string Map(std::string_view valid, int options) {
  if (valid.empty()) return std::string();
  utf8proc_uint8_t* raw = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid.data()),
                                    static_cast<utf8proc_ssize_t>(valid.size()), &raw,
                                    static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(raw);
  if (n < 0) std::abort();
  return std::string(reinterpret_cast<const char*>(raw), static_cast<size_t>(n));
}

bool IsDStroke(char32_t cp) { return cp == 0x0111 || cp == 0x0110; }

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// NFC of text already known to be valid UTF-8. ASCII is its own NFC; most SMS
// and keyboard text is, and skipping utf8proc spares its allocation and
// table look-ups.
std::string NfcOfValid(std::string_view valid) {
  if (IsAscii(valid)) return std::string(valid);
  return Map(valid, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

}  // namespace

std::string ToNfc(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
  return Map(SanitizeUtf8(s), UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

Result<std::u32string> NfcCodePoints(std::string_view utf8) {
  if (IsAscii(utf8)) return std::u32string(utf8.begin(), utf8.end());  // its own NFC
  if (const std::optional<size_t> bad = FirstInvalidUtf8Offset(utf8)) {
    return Status::InvalidInput("text is not valid UTF-8 (byte offset " + std::to_string(*bad) +
                                "); repair it with SanitizeUtf8 to send U+FFFD instead");
  }
  return DecodeUtf8(NfcOfValid(utf8));
}

std::string FoldCase(std::string_view s) {
  std::string valid = SanitizeUtf8(s);
  return Map(valid, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

std::string StripDiacritics(std::string_view s) {
  std::string valid = SanitizeUtf8(s);
  std::string stripped = Map(valid, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
  std::u32string cps = DecodeUtf8(stripped);
  for (char32_t& cp : cps) {
    if (cp == 0x0111) cp = U'd';
    if (cp == 0x0110) cp = U'D';
  }
  return Map(EncodeUtf8(cps), UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string SearchKey(std::string_view s) {
  std::string valid = SanitizeUtf8(s);
  std::string folded = Map(valid, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                      UTF8PROC_CASEFOLD | UTF8PROC_COMPAT);
  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  for (char32_t cp : DecodeUtf8(folded)) {
    if (IsDStroke(cp)) cp = U'd';
    utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    bool keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
    if (!keep) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    AppendUtf8(cp, &out);
  }
  return out;
}

}  // namespace dvc::text
