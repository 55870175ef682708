#include "text/utf8.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace dvc::text {
namespace {

TEST(Utf8Test, FirstInvalidOffsetIsNulloptForValidText) {
  EXPECT_EQ(FirstInvalidUtf8Offset(""), std::nullopt);
  EXPECT_EQ(FirstInvalidUtf8Offset("Hồ sơ 😀"), std::nullopt);
  EXPECT_EQ(FirstInvalidUtf8Offset("\xEF\xBF\xBD"), std::nullopt);  // U+FFFD spelled right
  EXPECT_TRUE(IsValidUtf8("Hồ sơ 😀"));
}

TEST(Utf8Test, FirstInvalidOffsetPointsAtTheBadSequence) {
  // A bisection over prefixes fails here: "é" cut in half is invalid although
  // the four-byte prefix is valid.
  EXPECT_EQ(FirstInvalidUtf8Offset("éé\xFF"), 4u);
  EXPECT_EQ(FirstInvalidUtf8Offset("\xFF"
                                   "abc"),
            0u);
  EXPECT_EQ(FirstInvalidUtf8Offset("ab\xC3"), 2u);  // truncated at the end
  EXPECT_EQ(FirstInvalidUtf8Offset("a\xE1\xBB"
                                   "b"),
            1u);                                               // truncated in the middle
  EXPECT_EQ(FirstInvalidUtf8Offset("ệ\xED\xA0\x80"), 3u);      // encoded surrogate
  EXPECT_EQ(FirstInvalidUtf8Offset("x\xC0\xAF"), 1u);          // overlong
  EXPECT_EQ(FirstInvalidUtf8Offset("😀\xF4\x90\x80\x80"), 4u);  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("éé\xFF"));
}

}  // namespace
}  // namespace dvc::text
