#include "dossier/masking.h"

#include <vector>

#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::dossier {
namespace {

bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == 0xA0; }

}  // namespace

std::string MaskName(std::string_view name) {
  const std::u32string cps = text::DecodeUtf8(text::ToNfc(text::SanitizeUtf8(name)));
  std::vector<std::u32string> words;
  std::u32string word;
  for (char32_t c : cps) {
    if (IsSpace(c)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  std::u32string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += U' ';
    if (i == 0 && words.size() > 1) {
      out += words[i];
    } else {
      out += words[i][0];
      out += U'.';
    }
  }
  return text::EncodeUtf8(out);
}

std::string MaskPhone(std::string_view phone) {
  const std::u32string cps = text::DecodeUtf8(text::SanitizeUtf8(phone));
  std::u32string out;
  if (cps.size() >= 7) {
    for (size_t i = 0; i < cps.size(); ++i) {
      out += (i < 3 || i + 3 >= cps.size()) ? cps[i] : U'*';
    }
  } else {
    for (size_t i = 0; i < cps.size(); ++i) out += i + 2 >= cps.size() ? cps[i] : U'*';
  }
  return text::EncodeUtf8(out);
}

}  // namespace dvc::dossier
