// VNI goes through the same engine as Telex with its own key table; these
// tests check that table and the behaviours that differ (digits as keys).
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "text/telex.h"

namespace dvc::text {
namespace {

std::string Vni(std::string_view keys) { return ApplyKeys(InputMethod::kVni, "", keys); }

std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

struct VowelCase {
  const char* keys;
  const char* lower;  // no tone, then 1 2 3 4 5
  const char* upper;
};

const VowelCase kVowelCases[] = {
    {"a", "a á à ả ã ạ", "A Á À Ả Ã Ạ"},  {"a8", "ă ắ ằ ẳ ẵ ặ", "Ă Ắ Ằ Ẳ Ẵ Ặ"},
    {"a6", "â ấ ầ ẩ ẫ ậ", "Â Ấ Ầ Ẩ Ẫ Ậ"}, {"e", "e é è ẻ ẽ ẹ", "E É È Ẻ Ẽ Ẹ"},
    {"e6", "ê ế ề ể ễ ệ", "Ê Ế Ề Ể Ễ Ệ"}, {"i", "i í ì ỉ ĩ ị", "I Í Ì Ỉ Ĩ Ị"},
    {"o", "o ó ò ỏ õ ọ", "O Ó Ò Ỏ Õ Ọ"},  {"o6", "ô ố ồ ổ ỗ ộ", "Ô Ố Ồ Ổ Ỗ Ộ"},
    {"o7", "ơ ớ ờ ở ỡ ợ", "Ơ Ớ Ờ Ở Ỡ Ợ"}, {"u", "u ú ù ủ ũ ụ", "U Ú Ù Ủ Ũ Ụ"},
    {"u7", "ư ứ ừ ử ữ ự", "Ư Ứ Ừ Ử Ữ Ự"}, {"y", "y ý ỳ ỷ ỹ ỵ", "Y Ý Ỳ Ỷ Ỹ Ỵ"},
};

const char* const kToneKeys[] = {"", "1", "2", "3", "4", "5"};

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

TEST(VniTest, EveryToneOnEveryVowel) {
  for (const VowelCase& vc : kVowelCases) {
    const std::vector<std::string> lower = Words(vc.lower);
    const std::vector<std::string> upper = Words(vc.upper);
    ASSERT_EQ(lower.size(), 6u);
    ASSERT_EQ(upper.size(), 6u);
    for (int t = 0; t < 6; ++t) {
      const std::string keys = std::string(vc.keys) + kToneKeys[t];
      EXPECT_EQ(Vni(keys), lower[t]) << keys;
      EXPECT_EQ(Vni(Upper(keys)), upper[t]) << Upper(keys);
      EXPECT_EQ(Vni("h" + keys), "h" + lower[t]) << "h" + keys;
    }
  }
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
