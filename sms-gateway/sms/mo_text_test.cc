#include "sms/mo_text.h"

#include <gtest/gtest.h>

#include <string>

#include "text/gsm7_safe.h"
#include "text/normalize.h"
#include "text/sms_segment.h"
#include "text/text_test_util.h"
#include "text/utf8.h"

namespace dvc::gateway {
namespace {

using text::Bytes;

std::string Decoded(uint8_t data_coding, const std::string& bytes) {
  Result<std::string> text = DecodeSmsText(data_coding, bytes);
  EXPECT_TRUE(text.ok()) << text.status().message();
  return text.ok() ? *text : "<error>";
}

std::string ErrorOf(uint8_t data_coding, const std::string& bytes) {
  Result<std::string> text = DecodeSmsText(data_coding, bytes);
  EXPECT_FALSE(text.ok()) << *text;
  return text.ok() ? "" : text.status().message();
}

TEST(Gsm7SeptetsToUtf8Test, DecodesTheStandardTables) {
  EXPECT_EQ(Gsm7SeptetsToUtf8(Bytes({0x00, 0x01, 0x02, 0x03, 0x10, 0x1C, 0x1F, 0x24, 0x40, 0x60,
                                     0x7F, 0x1B, 0x14, 0x1B, 0x28, 0x1B, 0x29, 0x1B, 0x2F, 0x1B,
                                     0x3C, 0x1B, 0x3D, 0x1B, 0x3E, 0x1B, 0x40, 0x1B, 0x65})),
            "@£$¥ΔÆÉ¤¡¿à^{}\\[~]|€");
  EXPECT_EQ(Gsm7SeptetsToUtf8("TT 12345"), "TT 12345");
}

TEST(Gsm7SeptetsToUtf8Test, RepairsWhatIsNotAValidSeptetSequence) {
  // An escape before a code the extension table lacks: the default table's character.
  EXPECT_EQ(Gsm7SeptetsToUtf8(Bytes({0x1B, 0x41, 0x42})), "AB");
  // A byte that is not a septet.
  EXPECT_EQ(Gsm7SeptetsToUtf8(Bytes({0x41, 0x80, 0xFF, 0x42})), "A??B");
  // A trailing escape whose code was cut off: a space.
  EXPECT_EQ(Gsm7SeptetsToUtf8(Bytes({0x41, 0x1B})), "A ");
  EXPECT_EQ(Gsm7SeptetsToUtf8(Bytes({0x1B})), " ");
  // 1B 1B (escape to a further table, undefined) shows as a no-break space,
  // then the third escape is the cut-off one.
  EXPECT_EQ(Gsm7SeptetsToUtf8(Bytes({0x1B, 0x1B, 0x1B})), "\u00A0 ");
  EXPECT_EQ(Gsm7SeptetsToUtf8(Bytes({0x1B, 0x1B, 0x1B, 0x65})), "\u00A0€");
  EXPECT_EQ(Gsm7SeptetsToUtf8(""), "");
}

TEST(CharsetOfDataCodingTest, CoversEveryValue) {
  for (int dc = 0; dc < 256; ++dc) {
    const MoCharsetInfo info = CharsetOfDataCoding(static_cast<uint8_t>(dc));
    EXPECT_NE(info.name, nullptr);
  }
  EXPECT_EQ(CharsetOfDataCoding(0x00).charset, MoCharset::kGsm7);
  EXPECT_EQ(CharsetOfDataCoding(0x01).charset, MoCharset::kAscii);
  EXPECT_EQ(CharsetOfDataCoding(0x02).charset, MoCharset::kBinary);
  EXPECT_EQ(CharsetOfDataCoding(0x03).charset, MoCharset::kLatin1);
  EXPECT_EQ(CharsetOfDataCoding(0x04).charset, MoCharset::kBinary);
  EXPECT_EQ(CharsetOfDataCoding(0x05).charset, MoCharset::kUnsupported);
  EXPECT_EQ(CharsetOfDataCoding(0x08).charset, MoCharset::kUcs2);
  EXPECT_EQ(CharsetOfDataCoding(0x0F).charset, MoCharset::kUnsupported);
  // GSM 03.38 general group passed through: class 0 flash SMS, GSM-7 and UCS-2.
  EXPECT_EQ(CharsetOfDataCoding(0x10).charset, MoCharset::kGsm7);
  EXPECT_EQ(CharsetOfDataCoding(0x14).charset, MoCharset::kBinary);
  EXPECT_EQ(CharsetOfDataCoding(0x18).charset, MoCharset::kUcs2);
  EXPECT_EQ(CharsetOfDataCoding(0x1C).charset, MoCharset::kUnsupported);
  EXPECT_EQ(CharsetOfDataCoding(0x20).charset, MoCharset::kUnsupported);  // compressed
  EXPECT_EQ(CharsetOfDataCoding(0x48).charset, MoCharset::kUcs2);         // automatic deletion
  EXPECT_EQ(CharsetOfDataCoding(0x90).charset, MoCharset::kUnsupported);
  EXPECT_EQ(CharsetOfDataCoding(0xC8).charset, MoCharset::kGsm7);
  EXPECT_EQ(CharsetOfDataCoding(0xD0).charset, MoCharset::kGsm7);
  EXPECT_EQ(CharsetOfDataCoding(0xE0).charset, MoCharset::kUcs2);
  EXPECT_EQ(CharsetOfDataCoding(0xF0).charset, MoCharset::kGsm7);
  EXPECT_EQ(CharsetOfDataCoding(0xF1).charset, MoCharset::kGsm7);
  EXPECT_EQ(CharsetOfDataCoding(0xF4).charset, MoCharset::kBinary);
  EXPECT_EQ(CharsetOfDataCoding(0xF7).charset, MoCharset::kBinary);
}

TEST(DecodeSmsTextTest, Gsm7AndItsClassVariants) {
  const std::string septets = Bytes({0x54, 0x54, 0x20, 0x00, 0x1B, 0x65, 0x05});  // "TT @€é"
  EXPECT_EQ(Decoded(0x00, septets), "TT @€é");
  EXPECT_EQ(Decoded(0xF0, septets), "TT @€é");
  EXPECT_EQ(Decoded(0x10, septets), "TT @€é");
}

TEST(DecodeSmsTextTest, AsciiAndLatin1) {
  EXPECT_EQ(Decoded(0x01, "tt ab12"), "tt ab12");
  EXPECT_EQ(Decoded(0x01, Bytes({0x63, 0x61, 0x66, 0xE9})), "caf?");
  EXPECT_EQ(Decoded(0x03, Bytes({0x63, 0x61, 0x66, 0xE9, 0xA3})), "café£");
}

TEST(DecodeSmsTextTest, ControlCharactersBecomeQuestionMarksButLineBreaksStay) {
  EXPECT_EQ(Decoded(0x01, Bytes({0x41, 0x00, 0x42, 0x07, 0x0A, 0x0D, 0x09, 0x7F})), "A?B?\n\r\t?");
  EXPECT_EQ(Decoded(0x03, Bytes({0x41, 0x85, 0x9F})), "A??");
  EXPECT_EQ(Decoded(0x08, Bytes({0x00, 0x41, 0x00, 0x00})), "A?");
}

TEST(DecodeSmsTextTest, Ucs2WithSurrogatesAndDecomposedVietnamese) {
  // "Tra cứu 😀": U+1EE9 and the pair D83D DE00.
  EXPECT_EQ(Decoded(0x08, Bytes({0x00, 0x54, 0x00, 0x72, 0x00, 0x61, 0x00, 0x20, 0x00, 0x63,
                                 0x1E, 0xE9, 0x00, 0x75, 0x00, 0x20, 0xD8, 0x3D, 0xDE, 0x00})),
            "Tra cứu 😀");
  // A phone that sends o + U+0302 + U+0300: the handler gets NFC "ồ" (U+1ED3).
  EXPECT_EQ(Decoded(0x08, Bytes({0x00, 0x6F, 0x03, 0x02, 0x03, 0x00})), "ồ");
  EXPECT_EQ(Decoded(0x18, Bytes({0x01, 0x11})), "đ");
  EXPECT_EQ(Decoded(0x08, ""), "");
}

TEST(DecodeSmsTextTest, BrokenUcs2IsRefused) {
  EXPECT_NE(ErrorOf(0x08, Bytes({0x00, 0x41, 0x00})).find("0x08"), std::string::npos);
  EXPECT_FALSE(DecodeSmsText(0x08, Bytes({0xD8, 0x3D, 0x00, 0x41})).ok());  // high alone
  EXPECT_FALSE(DecodeSmsText(0x08, Bytes({0xDE, 0x00})).ok());              // low alone
  EXPECT_FALSE(DecodeSmsText(0x08, Bytes({0xD8, 0x3D})).ok());              // cut pair
}

TEST(DecodeSmsTextTest, BinaryIsOneQuestionMarkPerByteAndUnknownCharsetsAreNamed) {
  EXPECT_EQ(Decoded(0x04, Bytes({0x00, 0xFF, 0x41})), "???");
  EXPECT_EQ(Decoded(0xF6, Bytes({0x00, 0x01})), "??");
  const std::string jis = ErrorOf(0x05, "abc");
  EXPECT_NE(jis.find("0x05"), std::string::npos) << jis;
  EXPECT_NE(jis.find("JIS"), std::string::npos) << jis;
  EXPECT_NE(ErrorOf(0x24, "abc").find("compressed"), std::string::npos);
}

TEST(DecodeSmsTextTest, WhatTheGatewaySendsDecodesBackToTheTextAsSent) {
  const std::string text =
      "Hồ sơ của ông/bà đã được tiếp nhận. Ngày hẹn trả: 05/12/2026. {€} 😀 "
      "Tra cứu: nhắn TT <mã hồ sơ> gửi 8xxx.";
  const std::string plain = text::ToNfc(text::ToGsm7Safe(text));
  for (const auto& [sent, encoding] :
       {std::pair{plain, text::SmsEncoding::kGsm7}, std::pair{text, text::SmsEncoding::kUcs2}}) {
    Result<text::SmsPlan> plan = text::PlanSms(sent, encoding, 0);
    ASSERT_TRUE(plan.ok());
    std::string joined;
    for (const text::SmsSegment& s : plan->segments) joined += s.body;
    EXPECT_EQ(Decoded(plan->DataCoding(), joined), text::ToNfc(sent));
  }
}

TEST(DecodeSmsTextTest, GarbageNeverFailsToGiveValidUtf8) {
  uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string bytes;
    const size_t n = round % 40;
    for (size_t i = 0; i < n; ++i) {
      state = state * 1103515245u + 12345u;
      bytes.push_back(static_cast<char>(state >> 24));
    }
    const auto dc = static_cast<uint8_t>(round % 256);
    Result<std::string> text = DecodeSmsText(dc, bytes);
    if (text.ok()) {
      EXPECT_TRUE(text::IsValidUtf8(*text));
      EXPECT_EQ(text->find('\0'), std::string::npos);
    } else {
      EXPECT_EQ(text.status().code(), ErrorCode::kInvalidInput);
    }
  }
}

}  // namespace
}  // namespace dvc::gateway
