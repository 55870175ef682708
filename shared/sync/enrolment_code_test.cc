#include "sync/enrolment_code.h"

#include <gtest/gtest.h>

#include <array>
#include <set>

#include "dossier/code_check.h"

namespace dvc::sync {
namespace {

TEST(EnrolmentCodeTest, NewCodesUseTheDossierAlphabetUniformly) {
  std::array<int, 32> counts{};
  std::set<std::string> seen;
  constexpr int kCodes = 2000;
  for (int i = 0; i < kCodes; ++i) {
    const std::string code = NewEnrolmentCode();
    ASSERT_EQ(code.size(), kEnrolmentCodeLength);
    for (char c : code) {
      const size_t at = dossier::kCodeAlphabet.find(c);
      ASSERT_NE(at, std::string_view::npos) << code;
      ++counts[at];
    }
    auto parsed = ParseEnrolmentCode(code);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, code);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kCodes));  // 50 bits each: no collision expected
  // 20000 symbols over 32: 625 expected each; a far-off count means a biased draw.
  for (int n : counts) {
    EXPECT_GT(n, 450);
    EXPECT_LT(n, 800);
  }
}

TEST(EnrolmentCodeTest, FormatsInTwoGroups) {
  EXPECT_EQ(FormatEnrolmentCode("ABCDEFGHJK"), "ABCDE-FGHJK");
}

TEST(EnrolmentCodeTest, ParsesWhatPeopleType) {
  for (const char* typed : {"ABCDE-FGHJK", "abcde-fghjk", "ABCDEFGHJK", " abcde fghjk ",
                            "AB-CD-EF-GH-JK", "aBcDeFgHjK"}) {
    auto code = ParseEnrolmentCode(typed);
    ASSERT_TRUE(code.ok()) << typed;
    EXPECT_EQ(*code, "ABCDEFGHJK") << typed;
  }
}

TEST(EnrolmentCodeTest, RefusesAnythingElse) {
  for (const char* typed : {"", "ABCDE-FGHJ", "ABCDE-FGHJKL", "ABCDE-FGHJ0", "ABCDE-FGHJO",
                            "ABCDE-FGHJ1", "ABCDE-FGHJI", "ABCDE_FGHJK", "ABCDE\tFGHJK",
                            "ABCDE\xE2\x80\x93"
                            "FGHJK",
                            "ÀBCDE-FGHJK"}) {
    auto code = ParseEnrolmentCode(typed);
    ASSERT_FALSE(code.ok()) << typed;
    EXPECT_EQ(code.status().code(), ErrorCode::kInvalidInput);
    EXPECT_TRUE(code.status().message().starts_with("an enrolment code has 10 letters and digits"));
  }
}

}  // namespace
}  // namespace dvc::sync
