#include "text/normalize.h"

#include <gtest/gtest.h>

#include "text/utf8.h"

namespace dvc::text {
namespace {

// "Nộp hồ sơ" spelled precomposed and decomposed.
const char kNfc[] = "Nộp hồ sơ";
const char kNfd[] = "No\xCC\xA3\xCC\x82p ho\xCC\x82\xCC\x80 so\xCC\x9B";

TEST(NormalizeTest, NfdBecomesNfc) {
  EXPECT_EQ(ToNfc(kNfd), kNfc);
  EXPECT_EQ(ToNfc(kNfc), kNfc);
}

TEST(NormalizeTest, AsciiIsUnchanged) {
  EXPECT_EQ(ToNfc("Ho so 123\n\t~"), "Ho so 123\n\t~");
  EXPECT_EQ(ToNfc(std::string("a\0b", 3)), std::string("a\0b", 3));
  EXPECT_EQ(ToNfc(""), "");
}

TEST(NormalizeTest, SearchKeyFoldsCaseDiacriticsAndDStroke) {
  EXPECT_EQ(SearchKey(kNfc), "nop ho so");
  EXPECT_EQ(SearchKey(kNfd), "nop ho so");
  EXPECT_EQ(SearchKey("ĐẤT ĐAI"), "dat dai");
  EXPECT_EQ(SearchKey("  Giấy   phép\t xây-dựng!! "), "giay phep xay dung");
}

TEST(NormalizeTest, SearchKeyOfEmptyAndPunctuationIsEmpty) {
  EXPECT_EQ(SearchKey(""), "");
  EXPECT_EQ(SearchKey(" -- ,, "), "");
}

TEST(NormalizeTest, StripDiacriticsKeepsCase) { EXPECT_EQ(StripDiacritics("Đắk Lắk"), "Dak Lak"); }

TEST(NormalizeTest, FoldCaseKeepsDiacritics) { EXPECT_EQ(FoldCase("ỘI"), "ội"); }

TEST(NormalizeTest, InvalidUtf8IsReplacedNotUndefined) {
  EXPECT_FALSE(
      IsValidUtf8("a\xFF"
                  "b"));
  EXPECT_EQ(SanitizeUtf8("a\xFF"
                         "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(ToNfc("a\xC3"), "a\xEF\xBF\xBD");  // truncated sequence
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(SearchKey("\xC0\xAF"
                      "abc"),
            "abc");  // overlong '/', then letters
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBD"));
}

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(CodePointCount(kNfc), 9u);
  EXPECT_EQ(CodePointCount(""), 0u);
}

}  // namespace
}  // namespace dvc::text
