#include "dossier/code_check.h"

#include <gtest/gtest.h>

#include <set>

namespace dvc::dossier {
namespace {

TEST(CodeCheckTest, AlphabetHas32DistinctUnambiguousSymbols) {
  EXPECT_EQ(kCodeAlphabet.size(), 32u);
  EXPECT_EQ(std::set<char>(kCodeAlphabet.begin(), kCodeAlphabet.end()).size(), 32u);
  for (char confusable : {'0', '1', 'I', 'O'}) {
    EXPECT_EQ(kCodeAlphabet.find(confusable), std::string_view::npos) << confusable;
  }
}

TEST(CodeCheckTest, Gf32IsAField) {
  // Every non-zero element has an inverse, so multiplication by a ≠ 0 is a bijection.
  for (uint8_t a = 1; a < 32; ++a) {
    int inverses = 0;
    for (uint8_t b = 1; b < 32; ++b) inverses += Gf32Multiply(a, b) == 1;
    EXPECT_EQ(inverses, 1) << int(a);
  }
  EXPECT_EQ(Gf32Multiply(2, 16), 5);  // x · x^4 = x^5 = x^2 + 1
}

TEST(CodeCheckTest, OperationIsALatinSquare) {
  // A wrong symbol always changes the interim, whatever came before.
  for (uint8_t x = 0; x < 32; ++x) {
    std::set<uint8_t> row, column;
    for (uint8_t y = 0; y < 32; ++y) {
      row.insert(CheckOperation(x, y));
      column.insert(CheckOperation(y, x));
    }
    EXPECT_EQ(row.size(), 32u);
    EXPECT_EQ(column.size(), 32u);
  }
}

TEST(CodeCheckTest, OperationIsTotallyAntiSymmetric) {
  // (c∘x)∘y = (c∘y)∘x only when x = y: every neighbour swap changes the interim.
  for (uint8_t c = 0; c < 32; ++c) {
    for (uint8_t x = 0; x < 32; ++x) {
      for (uint8_t y = 0; y < 32; ++y) {
        if (x == y) continue;
        ASSERT_NE(CheckOperation(CheckOperation(c, x), y), CheckOperation(CheckOperation(c, y), x))
            << int(c) << " " << int(x) << " " << int(y);
      }
    }
  }
}

TEST(CodeCheckTest, DigitsHaveDistinctValues) {
  std::set<uint8_t> values;
  for (char d = '0'; d <= '9'; ++d) values.insert(*CodeSymbolValue(d));
  EXPECT_EQ(values.size(), 10u);
  // The parser reads a typed L as 1 in the commune number; equal values keep a
  // swap of a commune digit with a following 'L' detectable.
  EXPECT_EQ(CodeSymbolValue('1'), CodeSymbolValue('L'));
  EXPECT_FALSE(CodeSymbolValue('O').has_value());
  EXPECT_FALSE(CodeSymbolValue('a').has_value());
  EXPECT_FALSE(CodeSymbolValue('\0').has_value());
}

TEST(CodeCheckTest, CheckCharacterClosesTheCode) {
  const std::string body = "123457K4HQ2M9";
  const char check = ComputeCheckCharacter(body);
  EXPECT_TRUE(CheckCharacterMatches(body + check));
  for (char other : kCodeAlphabet) {
    if (other == check) continue;
    EXPECT_FALSE(CheckCharacterMatches(body + other)) << other;
  }
}

}  // namespace
}  // namespace dvc::dossier
