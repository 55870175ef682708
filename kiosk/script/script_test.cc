#include "script/script.h"

#include <gtest/gtest.h>

#include "platform/platform.h"
#include "script/script_player.h"

namespace dvc::kiosk {
namespace {

TEST(ScriptParserTest, ParsesEveryCommand) {
  const auto steps = ParseScript(
      "# comment\n"
      "tap \"Nộp hồ sơ\"\n"
      "\n"
      "  type \"Nguyeenx Vawn An\"   # trailing comment\n"
      "expect \"Bước 1/2\"\r\n"
      "expect-not \"Lỗi\"\n"
      "wait-for \"Mã hồ sơ\" 5s\n"
      "wait-for \"x\" 250ms\n"
      "screenshot \"out/receipt.png\"",
      "t.script");
  ASSERT_TRUE(steps.ok()) << steps.status().message();
  ASSERT_EQ(steps->size(), 7u);
  EXPECT_EQ((*steps)[0], (ScriptStep{StepKind::kTap, "Nộp hồ sơ", 0, 2}));
  EXPECT_EQ((*steps)[1], (ScriptStep{StepKind::kType, "Nguyeenx Vawn An", 0, 4}));
  EXPECT_EQ((*steps)[2], (ScriptStep{StepKind::kExpect, "Bước 1/2", 0, 5}));
  EXPECT_EQ((*steps)[3], (ScriptStep{StepKind::kExpectNot, "Lỗi", 0, 6}));
  EXPECT_EQ((*steps)[4], (ScriptStep{StepKind::kWaitFor, "Mã hồ sơ", 5000, 7}));
  EXPECT_EQ((*steps)[5].timeout_ms, 250);
  EXPECT_EQ((*steps)[6], (ScriptStep{StepKind::kScreenshot, "out/receipt.png", 0, 9}));
}

TEST(ScriptParserTest, EscapesAndNfc) {
  // "Nộp" typed decomposed (o + combining circumflex + combining dot below).
  const auto steps = ParseScript("expect \"say \\\"N\x6f\xcc\x82\xcc\xa3p\\\" \\\\\"\n", "t");
  ASSERT_TRUE(steps.ok()) << steps.status().message();
  EXPECT_EQ((*steps)[0].text, "say \"Nộp\" \\");
}

struct BadScript {
  const char* text;
  const char* message;
};

class ScriptParserErrorTest : public ::testing::TestWithParam<BadScript> {};

TEST_P(ScriptParserErrorTest, ReportsTheLine) {
  const auto steps = ParseScript(GetParam().text, "bad.script");
  ASSERT_FALSE(steps.ok());
  EXPECT_EQ(steps.status().message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, ScriptParserErrorTest,
    ::testing::Values(
        BadScript{"tap \"a\"\ntapp \"b\"\n",
                  "bad.script:2: unknown command \"tapp\" (expected tap, type, expect, "
                  "expect-not, wait-for, screenshot or wait-synced)"},
        BadScript{"\n\ntap \"abc\n", "bad.script:3: tap: unterminated string (missing closing \")"},
        BadScript{"tap Nộp\n", "bad.script:1: tap: expected a double-quoted string"},
        BadScript{"wait-for \"x\"\n",
                  "bad.script:1: wait-for: expected a time limit such as 5s or 500ms after the "
                  "text"},
        BadScript{"wait-for \"x\" 5 s\n",
                  "bad.script:1: wait-for: expected a time limit such as 5s or 500ms after the "
                  "text"},
        BadScript{"wait-for \"x\" 9999s\n",
                  "bad.script:1: wait-for: expected a time limit such as 5s or 500ms after the "
                  "text"},
        BadScript{"expect \"a\" extra\n",
                  "bad.script:1: unexpected text after the arguments: \"extra\""},
        BadScript{"tap \"\"\n", "bad.script:1: tap: the string is empty"},
        BadScript{"tap \"a\\n\"\n", "bad.script:1: tap: unknown escape \\n"},
        BadScript{"tap \"\xff\"\n", "bad.script:1: not valid UTF-8"},
        BadScript{"wait-synced\n",
                  "bad.script:1: wait-synced: expected a time limit such as 30 (seconds), 30s "
                  "or 500ms"},
        BadScript{"wait-synced \"x\" 5s\n",
                  "bad.script:1: wait-synced: expected a time limit such as 30 (seconds), 30s "
                  "or 500ms"}),
    // Stable test names (the default prints the struct's bytes, pointers included).
    [](const ::testing::TestParamInfo<BadScript>& param) {
      return "Case" + std::to_string(param.index);
    });

TEST(ScriptParserTest, WaitSyncedTakesOnlyATimeLimit) {
  const auto steps = ParseScript("wait-synced 30\nwait-synced 45s # the link is slow\n", "t");
  ASSERT_TRUE(steps.ok()) << steps.status().message();
  ASSERT_EQ(steps->size(), 2u);
  EXPECT_EQ((*steps)[0], (ScriptStep{StepKind::kWaitSynced, "", 30'000, 1}));
  EXPECT_EQ((*steps)[1], (ScriptStep{StepKind::kWaitSynced, "", 45'000, 2}));
  EXPECT_EQ(StepName(StepKind::kWaitSynced), "wait-synced");
}

TEST(ScriptParserTest, EmptyScriptHasNoSteps) {
  const auto steps = ParseScript("# nothing\n\n", "t");
  ASSERT_TRUE(steps.ok());
  EXPECT_TRUE(steps->empty());
}

TEST(ScreenshotTest, OneColourEverywhereIsBlank) {
  RgbaImage image{2, 2, std::vector<uint8_t>(16, 0xFF)};
  EXPECT_TRUE(IsBlankImage(image));
  image.pixels[13] = 0x00;  // the last pixel's green
  EXPECT_FALSE(IsBlankImage(image));
  EXPECT_TRUE(IsBlankImage(RgbaImage{}));
}

}  // namespace
}  // namespace dvc::kiosk
