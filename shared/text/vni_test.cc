// VNI goes through the same engine as Telex with its own key table; these
// tests check that table and the behaviours that differ (digits as keys).
#include <gtest/gtest.h>

#include <string>

#include "text/input_method_test_util.h"
#include "text/telex.h"

namespace dvc::text {
namespace {

std::string Vni(std::string_view keys) { return ApplyKeys(InputMethod::kVni, "", keys); }

TEST(VniTest, EveryToneOnEveryVowel) {
  ExpectEveryToneOnEveryVowel(InputMethod::kVni, &VowelCase::vni, kVniToneKeys);
}

TEST(VniTest, Words) {
  EXPECT_EQ(Vni("Vie65t"), "Việt");
  EXPECT_EQ(Vni("Viet65"), "Việt");
  EXPECT_EQ(Vni("nguo72i"), "người");
  EXPECT_EQ(Vni("nguoi72"), "người");
  EXPECT_EQ(Vni("d9uo72ng"), "đường");
  EXPECT_EQ(Vni("toan1"), "toán");
  EXPECT_EQ(Vni("hoang2"), "hoàng");
  EXPECT_EQ(Vni("quye6n2"), "quyền");
  EXPECT_EQ(Vni("gia1"), "giá");
  EXPECT_EQ(Vni("thuy3"), "thủy");
  EXPECT_EQ(Vni("D9a6u"), "Đâu");
  EXPECT_EQ(Vni("VIE65T"), "VIỆT");
  EXPECT_EQ(Vni("hoa8c5"), "hoặc");
  EXPECT_EQ(Vni("thuo73"), "thuở");
}

TEST(VniTest, ToneMovesAndIsReplacedAndCleared) {
  EXPECT_EQ(Vni("hoa2"), "hòa");
  EXPECT_EQ(ApplyKey(InputMethod::kVni, "hòa", U'n'), "hoàn");
  EXPECT_EQ(Vni("a12"), "à");
  EXPECT_EQ(Vni("a10"), "a");
  EXPECT_EQ(Vni("a0"), "a0");
}

TEST(VniTest, RepeatedKeyUndoes) {
  EXPECT_EQ(Vni("a11"), "a1");
  EXPECT_EQ(Vni("a66"), "a6");
  EXPECT_EQ(Vni("a88"), "a8");
  EXPECT_EQ(Vni("o77"), "o7");
  EXPECT_EQ(Vni("uo77"), "uo7");
  EXPECT_EQ(Vni("d99"), "d9");
  // After an undo the digit ends the word, so another digit is typed as is.
  EXPECT_EQ(Vni("a111"), "a11");
}

TEST(VniTest, DigitsWithoutAWordAreTyped) {
  EXPECT_EQ(Vni("2024"), "2024");
  EXPECT_EQ(Vni("so 1"), "so 1");
  EXPECT_EQ(Vni("7"), "7");  // no standalone ư in VNI
  EXPECT_EQ(Vni("t7"), "t7");
  EXPECT_EQ(Vni("b1"), "b1");
}

TEST(VniTest, TelexKeysAreLettersInVni) {
  EXPECT_EQ(Vni("aas"), "aas");
  EXPECT_EQ(Vni("dd"), "dd");
  EXPECT_EQ(Vni("w"), "w");
}

TEST(VniTest, InvalidUtf8IsReplaced) {
  EXPECT_EQ(ApplyKey(InputMethod::kVni, "a\xFF", U'1'),
            "a\xEF\xBF\xBD"
            "1");
  EXPECT_EQ(ApplyKeys(InputMethod::kVni, "",
                      "a\xC3"
                      "1"),
            "a\xEF\xBF\xBD"
            "1");
}

}  // namespace
}  // namespace dvc::text
