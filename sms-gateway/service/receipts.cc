#include "service/receipts.h"

#include <sodium.h>

#include <cstdlib>
#include <vector>

#include "core/sodium_init.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::gateway {

std::string NewReceiptToken() {
  core::InitSodiumOrAbort();  // no randomness: nothing safe to hand out
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

}  // namespace dvc::gateway
