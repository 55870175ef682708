#include "dossier/code_check.h"

#include <cstdlib>

namespace dvc::dossier {

namespace {

constexpr uint8_t kModulus = 0x25;  // x^5 + x^2 + 1, primitive over GF(2)
constexpr uint8_t kMultiplier = 2;  // "a" in x ∘ y = a·x + y; any value but 0 and 1

uint8_t Interim(std::string_view symbols) {
  uint8_t interim = 0;
  for (char c : symbols) {
    const std::optional<uint8_t> value = CodeSymbolValue(c);
    if (!value) std::abort();  // callers validate characters first
    interim = CheckOperation(interim, *value);
  }
  return interim;
}

}  // namespace

uint8_t Gf32Multiply(uint8_t a, uint8_t b) {
  uint8_t product = 0;
  for (int bit = 0; bit < 5; ++bit) {
    if (b & 1) product ^= a;
    b >>= 1;
    a <<= 1;
    if (a & 0x20) a ^= kModulus;
  }
  return product;
}

uint8_t CheckOperation(uint8_t x, uint8_t y) { return Gf32Multiply(kMultiplier, x) ^ y; }

std::optional<uint8_t> CodeSymbolValue(char c) {
  if (c == '0') return CodeSymbolValue('A');
  if (c == '1') return CodeSymbolValue('L');
  const size_t index = kCodeAlphabet.find(c);
  if (index == std::string_view::npos || c == '\0') return std::nullopt;
  return static_cast<uint8_t>(index);
}

char ComputeCheckCharacter(std::string_view body) {
  // interim ∘ check = 2·interim + check = 0  ⇔  check = 2·interim (characteristic 2).
  return kCodeAlphabet[Gf32Multiply(kMultiplier, Interim(body))];
}

bool CheckCharacterMatches(std::string_view code) { return Interim(code) == 0; }

}  // namespace dvc::dossier
