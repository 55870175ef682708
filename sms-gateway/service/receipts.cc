#include "service/receipts.h"

#include <sodium.h>

#include <cstdlib>
#include <vector>

#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::gateway {

namespace {

bool IsSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0xA0;
}

}  // namespace

std::string NewReceiptToken() {
  if (sodium_init() < 0) std::abort();  // no randomness: nothing safe to hand out
  std::string token(kReceiptTokenChars, ' ');
  for (char& c : token) {
    c = kReceiptTokenAlphabet[randombytes_uniform(
        static_cast<uint32_t>(kReceiptTokenAlphabet.size()))];
  }
  return token;
}

bool IsReceiptToken(std::string_view text) {
  if (text.size() != kReceiptTokenChars) return false;
  for (char c : text) {
    if (kReceiptTokenAlphabet.find(c) == std::string_view::npos) return false;
  }
  return true;
}

std::string ReceiptUrl(std::string_view base, std::string_view token) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  std::string url(base);
  url += "/r/";
  url += token;
  return url;
}

std::string MaskApplicantName(std::string_view name) {
  const std::u32string cps = text::DecodeUtf8(text::ToNfc(text::SanitizeUtf8(name)));
  std::vector<std::u32string> words;
  std::u32string word;
  for (char32_t c : cps) {
    if (!IsSpace(c)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  std::u32string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += U' ';
    // The family name alone identifies nobody; a one-word name is masked too.
    if (i == 0 && words.size() > 1) {
      out += words[i];
    } else {
      out += words[i].front();
      out += U'.';
    }
  }
  return text::EncodeUtf8(out);
}

std::string MaskApplicantPhone(std::string_view phone) {
  const std::u32string cps = text::DecodeUtf8(text::SanitizeUtf8(phone));
  std::u32string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    const bool shown = cps.size() >= 7 && (i < 3 || i + 3 >= cps.size());
    out += shown ? cps[i] : U'*';
  }
  return text::EncodeUtf8(out);
}

}  // namespace dvc::gateway
