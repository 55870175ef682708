#include "dossier/dossier_code.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "dossier/code_check.h"

namespace dvc::dossier {
namespace {

IssuerSecret FixedSecret(uint8_t seed) {
  IssuerSecret secret;
  for (size_t i = 0; i < secret.size(); ++i) secret[i] = static_cast<uint8_t>(seed * 31 + i);
  return secret;
}

DossierCode Make(std::string_view commune, uint32_t issuer, uint64_t counter,
                 const CounterPermutation& permutation) {
  auto code = MakeDossierCode(commune, issuer, counter, permutation);
  if (!code.ok()) {
    ADD_FAILURE() << code.status().message();
    std::abort();
  }
  return *code;
}

CodeProblem ProblemOf(std::string_view text) {
  auto examined = ExamineDossierCode(text);
  EXPECT_TRUE(std::holds_alternative<CodeProblem>(examined)) << text;
  return std::holds_alternative<CodeProblem>(examined) ? std::get<CodeProblem>(examined)
                                                       : CodeProblem{};
}

// The characters a person could type at position p of a compact code that the
// parser accepts there: digits in the commune number, the alphabet elsewhere.
std::string AllowedAt(size_t p) {
  return p < DossierCode::kCommuneDigits ? std::string("0123456789") : std::string(kCodeAlphabet);
}

// A spread of codes: varied communes, issuers and counters (the edges included).
std::vector<DossierCode> SampleCodes(size_t n) {
  std::mt19937 rng(20261103);
  std::vector<DossierCode> codes;
  const CounterPermutation permutation(FixedSecret(7));
  for (size_t i = 0; i < n; ++i) {
    char commune[6];
    std::snprintf(commune, sizeof commune, "%05u", static_cast<unsigned>(rng() % 100000));
    const uint32_t issuer = i == 0 ? 0 : i == 1 ? 1023 : rng() % 1024;
    const uint64_t counter = i == 2   ? 0
                             : i == 3 ? DossierCode::kCounterLimit - 1
                                      : rng() % (1u << 30);
    codes.push_back(Make(commune, issuer, counter, permutation));
  }
  return codes;
}

TEST(DossierCodeTest, LayoutAndDisplay) {
  auto code = DossierCode::FromParts("12345", 7, 0x12345);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(code->compact().size(), 14u);
  EXPECT_EQ(code->commune_code(), "12345");
  EXPECT_EQ(code->issuer(), 7u);
  EXPECT_EQ(code->scrambled(), 0x12345u);
  EXPECT_EQ(code->compact().substr(0, 7), "1234529");  // issuer 7 = "2" "9" in base 32
  const std::string display = code->Display();
  EXPECT_EQ(display.size(), 18u);
  EXPECT_EQ(display.substr(0, 9), "12345-29-");
  EXPECT_EQ(display[12], '-');
  EXPECT_EQ(display[16], '-');
  auto reparsed = ParseDossierCode(display);
  ASSERT_TRUE(reparsed.ok()) << reparsed.status().message();
  EXPECT_EQ(*reparsed, *code);
}

TEST(DossierCodeTest, PartsAreValidated) {
  EXPECT_FALSE(DossierCode::FromParts("1234", 0, 0).ok());
  EXPECT_FALSE(DossierCode::FromParts("12a45", 0, 0).ok());
  EXPECT_FALSE(DossierCode::FromParts("12345", 1024, 0).ok());
  EXPECT_FALSE(DossierCode::FromParts("12345", 0, 1u << 30).ok());
  const CounterPermutation permutation(FixedSecret(1));
  auto past_end = MakeDossierCode("12345", 3, DossierCode::kCounterLimit, permutation);
  ASSERT_FALSE(past_end.ok());
  EXPECT_NE(past_end.status().message().find("enrol the kiosk again"), std::string::npos);
}

TEST(DossierCodeTest, ParsingToleratesHowPeopleType) {
  const DossierCode code = SampleCodes(5)[4];
  const std::string compact = code.compact();
  std::string lower = code.Display();
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  const std::string spaced =
      " " + compact.substr(0, 5) + "  " + compact.substr(5, 4) + "\t" + compact.substr(9) + " ";
  const std::string unicode_dashes =
      compact.substr(0, 5) + "\u2013" + compact.substr(5, 2) + "\u00A0" + compact.substr(7);
  for (const std::string& typed : {compact, code.Display(), lower, spaced, unicode_dashes}) {
    auto parsed = ParseDossierCode(typed);
    ASSERT_TRUE(parsed.ok()) << typed << ": " << parsed.status().message();
    EXPECT_EQ(*parsed, code) << typed;
  }
}

TEST(DossierCodeTest, LettersForDigitsInTheCommuneNumber) {
  auto code = DossierCode::FromParts("01100", 5, 99);
  ASSERT_TRUE(code.ok());
  std::string typed = code->compact();
  typed[0] = 'O';
  typed[1] = 'l';
  typed[2] = 'I';
  typed[3] = 'o';
  auto parsed = ParseDossierCode(typed);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(*parsed, *code);
}

TEST(DossierCodeTest, ProblemsSayWhatIsWrong) {
  const std::string good = SampleCodes(1)[0].compact();

  EXPECT_EQ(ProblemOf("").kind, CodeProblem::Kind::kEmpty);
  EXPECT_EQ(ProblemOf(" - ").kind, CodeProblem::Kind::kEmpty);

  CodeProblem short_code = ProblemOf(good.substr(0, 13));
  EXPECT_EQ(short_code.kind, CodeProblem::Kind::kWrongLength);
  EXPECT_EQ(short_code.Message(), "a dossier code has 14 characters, this has 13");
  EXPECT_EQ(ProblemOf(good + "2").length, 15u);

  std::string with_o = good;
  with_o[7] = 'O';
  CodeProblem o = ProblemOf(with_o);
  EXPECT_EQ(o.kind, CodeProblem::Kind::kBadCharacter);
  EXPECT_EQ(o.position, 8u);
  EXPECT_EQ(o.character, "O");
  EXPECT_EQ(o.Message(),
            "character 8 ('O') cannot be in a dossier code: after the commune number codes "
            "have no 0, 1, I or O");

  std::string letter_in_commune = good;
  letter_in_commune[2] = 'K';
  EXPECT_EQ(ProblemOf(letter_in_commune).Message(),
            "character 3 ('K') must be a digit: the first five characters are the commune number");

  CodeProblem vietnamese = ProblemOf(good.substr(0, 6) + "Đ" + good.substr(7));
  EXPECT_EQ(vietnamese.position, 7u);
  EXPECT_EQ(vietnamese.character, "Đ");
  EXPECT_EQ(ProblemOf(good.substr(0, 3) + "\xff" + good.substr(3)).character, "byte 0xFF");
  EXPECT_EQ(ProblemOf(good.substr(0, 3) + "?" + good.substr(3)).Message(),
            "character 4 ('?') cannot be in a dossier code");

  std::string mistyped = good;
  mistyped[10] = mistyped[10] == 'Z' ? 'Y' : 'Z';
  auto parsed = ParseDossierCode(mistyped);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(parsed.status().message(),
            "dossier code: the check character does not match (mistyped?)");
}

TEST(DossierCodeTest, EverySingleSubstitutionIsDetected) {
  for (const DossierCode& code : SampleCodes(1500)) {
    const std::string good = code.compact();
    for (size_t p = 0; p < good.size(); ++p) {
      for (char c : AllowedAt(p)) {
        if (c == good[p]) continue;
        std::string typo = good;
        typo[p] = c;
        ASSERT_EQ(ProblemOf(typo).kind, CodeProblem::Kind::kCheckMismatch) << good << " " << typo;
      }
    }
  }
}

TEST(DossierCodeTest, EveryNeighbourSwapIsDetected) {
  size_t swaps = 0;
  for (const DossierCode& code : SampleCodes(3000)) {
    const std::string good = code.compact();
    for (size_t p = 0; p + 1 < good.size(); ++p) {
      if (good[p] == good[p + 1]) continue;
      std::string swapped = good;
      std::swap(swapped[p], swapped[p + 1]);
      auto examined = ExamineDossierCode(swapped);
      ASSERT_TRUE(std::holds_alternative<CodeProblem>(examined)) << good << " " << swapped;
      ++swaps;
    }
  }
  EXPECT_GT(swaps, 30000u);
}

TEST(DossierCodeTest, SwapOfACommuneDigitWithAnLIsDetected) {
  // The parser reads 'L' as '1' in the commune number; the swap must still fail.
  ASSERT_TRUE(ParseDossierCode("97572LJH5NJKU4").ok());
  EXPECT_EQ(ProblemOf("9757L2JH5NJKU4").kind, CodeProblem::Kind::kCheckMismatch);
}

TEST(DossierCodeTest, DifferentIssuersNeverCollide) {
  // Same secret and same counters on purpose: only (commune, issuer) tells them apart.
  const CounterPermutation permutation(FixedSecret(3));
  std::set<std::string> seen;
  size_t made = 0;
  for (const char* commune : {"00004", "12345", "99999"}) {
    for (uint32_t issuer : {0u, 1u, 2u, 31u, 32u, 1023u}) {
      for (uint64_t counter = 0; counter < 500; ++counter) {
        seen.insert(Make(commune, issuer, counter, permutation).compact());
        ++made;
      }
    }
  }
  EXPECT_EQ(seen.size(), made);
}

TEST(DossierCodeTest, AMillionConsecutiveCountersGiveDistinctScatteredCodes) {
  const CounterPermutation permutation(FixedSecret(9));
  constexpr uint32_t kCount = 1'000'000;
  std::vector<uint32_t> scrambled;
  scrambled.reserve(kCount);
  for (uint32_t counter = 0; counter < kCount; ++counter) {
    const uint32_t value = permutation.Forward(counter);
    ASSERT_LT(value, CounterPermutation::kDomain);
    ASSERT_EQ(permutation.Inverse(value), counter);
    scrambled.push_back(value);
  }
  std::vector<uint32_t> sorted = scrambled;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());

  // Neighbouring codes share almost nothing in the six counter characters
  // (random strings would differ in 6 × 31/32 ≈ 5.8 of them).
  size_t differing = 0;
  size_t pairs = 0;
  std::string previous = Make("12345", 7, 0, permutation).compact();
  for (uint32_t counter = 1; counter < 20000; ++counter) {
    const std::string current = Make("12345", 7, counter, permutation).compact();
    size_t d = 0;
    for (size_t p = 7; p < 13; ++p) d += previous[p] != current[p];
    EXPECT_GE(d, 2u) << previous << " " << current;
    differing += d;
    ++pairs;
    previous = current;
  }
  EXPECT_GT(static_cast<double>(differing) / pairs, 5.5);
}

TEST(DossierCodeTest, TheSecretChangesEveryCode) {
  const CounterPermutation a(FixedSecret(1));
  const CounterPermutation b(FixedSecret(2));
  int same = 0;
  for (uint32_t counter = 0; counter < 1000; ++counter)
    same += a.Forward(counter) == b.Forward(counter);
  EXPECT_LE(same, 1);
}

}  // namespace
}  // namespace dvc::dossier
