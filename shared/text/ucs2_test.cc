#include "text/ucs2.h"

#include <gtest/gtest.h>

#include <string>

#include "text/text_test_util.h"

namespace dvc::text {
namespace {

TEST(Ucs2Test, EncodesBmpAndSurrogatePairs) {
  EXPECT_EQ(Ok(EncodeUtf16Be("Aệ😀")), Bytes({0x00, 0x41, 0x1E, 0xC7, 0xD8, 0x3D, 0xDE, 0x00}));
  EXPECT_EQ(Ok(EncodeUtf16Be("")), "");
  EXPECT_EQ(Utf16Units(U'ệ'), 1u);
  EXPECT_EQ(Utf16Units(U'😀'), 2u);
}

TEST(Ucs2Test, AppendReplacesInvalidCodePoints) {
  std::string out;
  AppendUtf16Be(0xD800, &out);
  AppendUtf16Be(0x110000, &out);
  AppendUtf16Be(U'😀', &out);
  EXPECT_EQ(out, Bytes({0xFF, 0xFD, 0xFF, 0xFD, 0xD8, 0x3D, 0xDE, 0x00}));
}

TEST(Ucs2Test, EncodesNfc) {
  EXPECT_EQ(Ok(EncodeUtf16Be("e\xCC\xA3\xCC\x82")), Bytes({0x1E, 0xC7}));  // NFD ệ
}

TEST(Ucs2Test, RefusesInvalidUtf8) {
  EXPECT_FALSE(EncodeUtf16Be("a\xFF").ok());
  EXPECT_FALSE(EncodeUtf16Be("\xED\xA0\x80").ok());  // UTF-8-encoded surrogate
  Result<std::string> r = EncodeUtf16Be("éé\xFF");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("byte offset 4"), std::string::npos) << r.status().message();
}

TEST(Ucs2Test, DecodeRoundTrips) {
  const std::string text = "Hồ sơ 😀 số 123";
  EXPECT_EQ(Ok(DecodeUtf16Be(Ok(EncodeUtf16Be(text)))), text);
  EXPECT_EQ(Ok(DecodeUtf16Be(Bytes({0xDB, 0xFF, 0xDF, 0xFF}))), "\U0010FFFF");
}

TEST(Ucs2Test, DecodeComposesNfd) {
  EXPECT_EQ(Ok(DecodeUtf16Be(Bytes({0x00, 0x65, 0x03, 0x23, 0x03, 0x02}))), "ệ");
}

TEST(Ucs2Test, DecodeRefusesOddLengthAndLoneSurrogates) {
  Result<std::string> odd = DecodeUtf16Be(Bytes({0x00, 0x41, 0x00}));
  ASSERT_FALSE(odd.ok());
  EXPECT_NE(odd.status().message().find("odd"), std::string::npos);
  Result<std::string> high_at_end = DecodeUtf16Be(Bytes({0x00, 0x41, 0xD8, 0x3D}));
  ASSERT_FALSE(high_at_end.ok());
  EXPECT_NE(high_at_end.status().message().find("offset 2"), std::string::npos)
      << high_at_end.status().message();
  EXPECT_FALSE(DecodeUtf16Be(Bytes({0xD8, 0x3D, 0x00, 0x41})).ok());  // high then non-low
  EXPECT_FALSE(DecodeUtf16Be(Bytes({0xDE, 0x00})).ok());              // low alone
  EXPECT_FALSE(DecodeUtf16Be(Bytes({0xD8, 0x3D, 0xD8, 0x3D})).ok());  // two highs
}

}  // namespace
}  // namespace dvc::text
