#include "text/template_fill.h"

#include <gtest/gtest.h>

#include <vector>

namespace dvc::text {
namespace {

using Values = std::vector<TemplateValue>;
using Map = std::map<std::string, std::string, std::less<>>;

TEST(TemplateFillTest, FillsKnownNamesAnywhere) {
  const Values values = {{"code", "AB-12"}, {"service", "Khai sinh"}};
  EXPECT_EQ(FillTemplate("Ho so {code} ({service}): {code}", values, UnknownPlaceholder::kKeep),
            "Ho so AB-12 (Khai sinh): AB-12");
  EXPECT_EQ(FillTemplate("{code}{service}", values, UnknownPlaceholder::kDrop), "AB-12Khai sinh");
  EXPECT_EQ(FillTemplate("", values, UnknownPlaceholder::kDrop), "");
  EXPECT_EQ(FillTemplate("Không có chỗ trống", values, UnknownPlaceholder::kDrop),
            "Không có chỗ trống");
}

TEST(TemplateFillTest, UnknownPlaceholdersAreKeptOrDroppedAsAsked) {
  const Values values = {{"code", "A"}};
  EXPECT_EQ(FillTemplate("Ho so {code}: {status}", values, UnknownPlaceholder::kKeep),
            "Ho so A: {status}");
  EXPECT_EQ(FillTemplate("Ho so {code}: {status}", values, UnknownPlaceholder::kDrop), "Ho so A: ");
  EXPECT_EQ(FillTemplate("{}", values, UnknownPlaceholder::kKeep), "{}");
  EXPECT_EQ(FillTemplate("{}", values, UnknownPlaceholder::kDrop), "");
}

TEST(TemplateFillTest, BracesThatAreNotPlaceholdersAreText) {
  const Values values = {{"code", "A"}};
  for (const UnknownPlaceholder unknown : {UnknownPlaceholder::kKeep, UnknownPlaceholder::kDrop}) {
    EXPECT_EQ(FillTemplate("{code", values, unknown), "{code");
    EXPECT_EQ(FillTemplate("x { y", values, unknown), "x { y");
    EXPECT_EQ(FillTemplate("a } b {code}", values, unknown), "a } b A");
    EXPECT_EQ(FillTemplate("{{code}}", values, unknown), "{A}");
    EXPECT_EQ(FillTemplate("{", values, unknown), "{");
  }
}

TEST(TemplateFillTest, TheFirstValueOfANameWins) {
  const Values values = {{"x", "1"}, {"x", "2"}};
  EXPECT_EQ(FillTemplate("{x}", values, UnknownPlaceholder::kKeep), "1");
}

TEST(TemplateFillTest, MapAndListGiveTheSameText) {
  const Map map = {{"code", "A"}, {"note", "Thieu giay."}};
  const Values list = {{"code", "A"}, {"note", "Thieu giay."}};
  const char* pattern = "Ho so {code} can bo sung: {note}. {x} Xin cam on.";
  for (const UnknownPlaceholder unknown : {UnknownPlaceholder::kKeep, UnknownPlaceholder::kDrop}) {
    EXPECT_EQ(FillTemplate(pattern, map, unknown), FillTemplate(pattern, list, unknown));
  }
}

TEST(TemplateFillTest, AValueEndingASentenceSwallowsTheTemplatesDot) {
  const char* pattern = "Ho so AB can bo sung: {note}. Xin mang giay to.";
  for (const char* note : {"Bo sung ban sao CCCD.", "Thieu chu ky!", "Da co so do chua?"}) {
    EXPECT_EQ(FillTemplate(pattern, Values{{"note", note}}, UnknownPlaceholder::kDrop),
              std::string("Ho so AB can bo sung: ") + note + " Xin mang giay to.")
        << note;
  }
  // Otherwise the template's dot stays.
  EXPECT_EQ(FillTemplate(pattern, Values{{"note", "Bo sung CCCD"}}, UnknownPlaceholder::kDrop),
            "Ho so AB can bo sung: Bo sung CCCD. Xin mang giay to.");
  EXPECT_EQ(FillTemplate(pattern, Values{{"note", ""}}, UnknownPlaceholder::kDrop),
            "Ho so AB can bo sung: . Xin mang giay to.");
  // Only one dot, and only right after the placeholder.
  EXPECT_EQ(FillTemplate("{x}...", Values{{"x", "a."}}, UnknownPlaceholder::kDrop), "a...");
  EXPECT_EQ(FillTemplate("{x} .", Values{{"x", "a."}}, UnknownPlaceholder::kDrop), "a. .");
  EXPECT_EQ(FillTemplate("{x}!", Values{{"x", "a."}}, UnknownPlaceholder::kDrop), "a.!");
  EXPECT_EQ(FillTemplate("{x}.", Values{{"x", "."}}, UnknownPlaceholder::kDrop), ".");
  // A kept unknown placeholder is not a value.
  EXPECT_EQ(FillTemplate("{x.}.", Values{}, UnknownPlaceholder::kKeep), "{x.}.");
}

TEST(TemplateFillTest, AnEmptyValueBetweenWordsLeavesOneSpace) {
  const Values values = {{"x", ""}, {"y", "Y"}};
  EXPECT_EQ(FillTemplate("Ho so {x} da xong", values, UnknownPlaceholder::kDrop), "Ho so da xong");
  EXPECT_EQ(FillTemplate("Ho so {missing} da xong", values, UnknownPlaceholder::kDrop),
            "Ho so da xong");
  EXPECT_EQ(FillTemplate("a {x} {x} b", values, UnknownPlaceholder::kDrop), "a b");
  // Kept, filled, or not between two spaces: untouched.
  EXPECT_EQ(FillTemplate("Ho so {missing} da xong", values, UnknownPlaceholder::kKeep),
            "Ho so {missing} da xong");
  EXPECT_EQ(FillTemplate("a {y} b", values, UnknownPlaceholder::kDrop), "a Y b");
  EXPECT_EQ(FillTemplate("{x} b", values, UnknownPlaceholder::kDrop), " b");
  EXPECT_EQ(FillTemplate("a {x}", values, UnknownPlaceholder::kDrop), "a ");
  EXPECT_EQ(FillTemplate("a:{x} b", values, UnknownPlaceholder::kDrop), "a: b");
  EXPECT_EQ(FillTemplate("a  b {x}\n", values, UnknownPlaceholder::kDrop), "a  b \n");
}

}  // namespace
}  // namespace dvc::text
