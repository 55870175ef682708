#include "text/gsm7.h"

#include <gtest/gtest.h>

#include <string>

#include "text/gsm7_safe.h"
#include "text/text_test_util.h"
#include "text/utf8.h"

namespace dvc::text {
namespace {

// Unpacked GSM 7-bit text: one septet per byte.
std::string Septets(std::initializer_list<int> codes) { return Bytes(codes); }

TEST(Gsm7Test, EncodesDefaultAlphabet) {
  Result<std::string> r = EncodeGsm7("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./");
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::string expected;
  for (int c = 0; c <= 0x2F; ++c) {
    if (c != 0x1B) expected.push_back(static_cast<char>(c));
  }
  EXPECT_EQ(*r, expected);
  EXPECT_EQ(Ok(EncodeGsm7("09:;<=>?¡AZÄÖÑÜ§¿azäöñüà")),
            Septets({0x30, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x40, 0x41, 0x5A, 0x5B,
                     0x5C, 0x5D, 0x5E, 0x5F, 0x60, 0x61, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F}));
}

TEST(Gsm7Test, EncodesExtensionTableWithEscape) {
  EXPECT_EQ(Ok(EncodeGsm7("^{}\\[~]|€\f")),
            Septets({0x1B, 0x14, 0x1B, 0x28, 0x1B, 0x29, 0x1B, 0x2F, 0x1B, 0x3C,
                     0x1B, 0x3D, 0x1B, 0x3E, 0x1B, 0x40, 0x1B, 0x65, 0x1B, 0x0A}));
  EXPECT_EQ(Gsm7Septets(U'€'), 2u);
  EXPECT_EQ(Gsm7Septets(U'a'), 1u);
  EXPECT_FALSE(Gsm7Septets(U'`').has_value());
}

TEST(Gsm7Test, AppendAddsNothingForUnencodable) {
  std::string out = "x";
  EXPECT_TRUE(AppendGsm7(U'€', &out));
  EXPECT_FALSE(AppendGsm7(U'ệ', &out));
  EXPECT_TRUE(AppendGsm7(U'@', &out));
  EXPECT_EQ(out, Septets({'x', 0x1B, 0x65, 0x00}));
}

TEST(Gsm7Test, RefusesCharactersOutsideTheAlphabet) {
  Result<std::string> r = EncodeGsm7("Việt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(r.status().message().find("U+1EC7"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("position 2"), std::string::npos);
  EXPECT_FALSE(EncodeGsm7("a`b").ok());
  EXPECT_FALSE(EncodeGsm7("😀").ok());
  EXPECT_FALSE(CanEncodeGsm7("đ"));
  EXPECT_TRUE(CanEncodeGsm7("Hello {world} 10€"));
  EXPECT_TRUE(CanEncodeGsm7(""));
}

TEST(Gsm7Test, DecomposedInputIsComposedFirst) {
  EXPECT_EQ(Ok(EncodeGsm7("e\xCC\x81")), Septets({0x05}));  // NFD é
  EXPECT_TRUE(CanEncodeGsm7("e\xCC\x81"));
}

TEST(Gsm7Test, InvalidUtf8IsRefused) {
  Result<std::string> r = EncodeGsm7("ab\xFF");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("offset 2"), std::string::npos) << r.status().message();
  EXPECT_FALSE(CanEncodeGsm7("\xC3"));
}

TEST(Gsm7Test, InvalidUtf8OffsetCountsBytesOfEarlierCharacters) {
  // Two 2-byte characters, then a bad byte at offset 4.
  Result<std::string> r = EncodeGsm7("éé\xFF");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("byte offset 4"), std::string::npos) << r.status().message();
}

TEST(Gsm7Test, DecodeRoundTripsEveryCharacter) {
  std::string all;
  for (int c = 0; c < 128; ++c) {
    if (c != 0x1B) all.push_back(static_cast<char>(c));
  }
  all += Septets({0x1B, 0x14, 0x1B, 0x65});
  Result<std::string> text = DecodeGsm7(all);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(Ok(EncodeGsm7(*text)), all);
}

TEST(Gsm7Test, DecodeHandlesEscapesAndRefusesBadBytes) {
  EXPECT_EQ(Ok(DecodeGsm7(Septets({0x1B, 0x65, 0x31}))), "€1");
  EXPECT_EQ(Ok(DecodeGsm7(Septets({0x1B, 0x41}))), "A");  // undefined extension: default table
  EXPECT_EQ(Ok(DecodeGsm7(Septets({0x1B, 0x1B}))), "\u00A0");
  EXPECT_FALSE(DecodeGsm7(Septets({0x41, 0x1B})).ok());
  EXPECT_FALSE(DecodeGsm7(Septets({0x41, 0x80})).ok());
  EXPECT_FALSE(DecodeGsm7(Septets({0x1B, 0xFF})).ok());
  EXPECT_EQ(Ok(DecodeGsm7("")), "");
}

TEST(Gsm7Test, PacksLikeTheSpecExample) {
  // "hellohello" packs to E8 32 9B FD 46 97 D9 EC 37 (TS 23.038 example).
  Result<std::string> packed = PackSeptets(Ok(EncodeGsm7("hellohello")), 0);
  ASSERT_TRUE(packed.ok());
  EXPECT_EQ(*packed, Septets({0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37}));
  EXPECT_EQ(Ok(UnpackSeptets(*packed, 0, 10)), Ok(EncodeGsm7("hellohello")));
}

TEST(Gsm7Test, PacksWithFillBits) {
  EXPECT_EQ(FillBitsAfterUdh(6), 1);
  EXPECT_EQ(FillBitsAfterUdh(7), 0);
  EXPECT_EQ(FillBitsAfterUdh(0), 0);
  const std::string septets = Ok(EncodeGsm7("Ho so cua ban da duoc tiep nhan"));
  for (int fill = 0; fill <= 6; ++fill) {
    Result<std::string> packed = PackSeptets(septets, fill);
    ASSERT_TRUE(packed.ok());
    EXPECT_EQ(packed->size(), (fill + 7 * septets.size() + 7) / 8);
    Result<std::string> back = UnpackSeptets(*packed, fill, septets.size());
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, septets) << fill;
  }
  // One fill bit: "A" (0x41) is shifted left by one.
  EXPECT_EQ(Ok(PackSeptets("A", 1)), Septets({0x82}));
}

TEST(Gsm7Test, SevenSpareBitsHoldCarriageReturn) {
  // 7 septets fill 49 bits: the 7th octet has 7 spare bits, which must read as
  // CR rather than a trailing '@' (TS 23.038 section 6.1.2.3.1).
  const std::string seven = Ok(EncodeGsm7("1234567"));
  Result<std::string> packed = PackSeptets(seven, 0);
  ASSERT_TRUE(packed.ok());
  ASSERT_EQ(packed->size(), 7u);
  EXPECT_EQ(static_cast<unsigned char>(packed->back()) >> 1, 0x0Du);
  EXPECT_EQ(Ok(UnpackSeptets(*packed, 0, 8)), seven + "\r");
  EXPECT_EQ(Ok(UnpackSeptets(*packed, 0, 7)), seven);
  // After one fill bit, 8 septets leave the same 7 spare bits.
  const std::string eight = Ok(EncodeGsm7("12345678"));
  packed = PackSeptets(eight, 1);
  ASSERT_TRUE(packed.ok());
  EXPECT_EQ(Ok(UnpackSeptets(*packed, 1, 9)), eight + "\r");
  // Fewer spare bits stay zero: 6 septets leave 6, 8 septets none.
  EXPECT_EQ(static_cast<unsigned char>(Ok(PackSeptets("123456", 0)).back()) >> 2, 0u);
  EXPECT_EQ(Ok(PackSeptets(eight, 0)).size(), 7u);
}

TEST(Gsm7Test, PackRefusesBadInput) {
  EXPECT_FALSE(PackSeptets("\x80", 0).ok());
  EXPECT_FALSE(PackSeptets("a", 7).ok());
  EXPECT_FALSE(PackSeptets("a", -1).ok());
  EXPECT_FALSE(UnpackSeptets("\x41", 0, 2).ok());
  EXPECT_FALSE(UnpackSeptets("\x41", 2, 1).ok());
  EXPECT_FALSE(UnpackSeptets("", 0, 1).ok());
  EXPECT_EQ(Ok(UnpackSeptets("", 0, 0)), "");
}

TEST(Gsm7SafeTest, StripsVietnameseToAscii) {
  EXPECT_EQ(ToGsm7Safe("Hồ sơ của bạn đã được tiếp nhận"), "Ho so cua ban da duoc tiep nhan");
  EXPECT_EQ(ToGsm7Safe("ĐƯỜNG LÊ LỢI, Đắk Lắk"), "DUONG LE LOI, Dak Lak");
  // NFD input gives the same.
  EXPECT_EQ(ToGsm7Safe("Vie\xCC\xA3\xCC\x82t"), "Viet");
  // Letters GSM-7 has are stripped too, for consistent plain text.
  EXPECT_EQ(ToGsm7Safe("café à"), "cafe a");
}

TEST(Gsm7SafeTest, TypographyBecomesAscii) {
  EXPECT_EQ(ToGsm7Safe("“Hồ sơ” – ‘mã’ — xem…"), "\"Ho so\" - 'ma' - xem...");
  EXPECT_EQ(ToGsm7Safe("50.000₫\u00A0phí"), "50.000d phi");
  EXPECT_EQ(ToGsm7Safe("a\tb`c"), "a b'c");
  EXPECT_EQ(ToGsm7Safe("ﬁ Ａ x²"), "fi A x2");
  EXPECT_EQ(ToGsm7Safe("a\u200Bb\u00ADc"), "abc");
}

TEST(Gsm7SafeTest, KeepsGsmCharactersAndReplacesTheRest) {
  EXPECT_EQ(ToGsm7Safe("£5 {x} €"), "£5 {x} €");
  EXPECT_EQ(ToGsm7Safe("ß Æ\nØ"), "ß Æ\nØ");
  EXPECT_EQ(ToGsm7Safe("中文 😀"), "?? ?");
  EXPECT_EQ(ToGsm7Safe("a\x01"
                       "b"),
            "a?b");
  EXPECT_EQ(ToGsm7Safe("\xCC\x81x"), "x");  // a lone combining mark is dropped
}

TEST(Gsm7SafeTest, InvalidUtf8BecomesQuestionMark) {
  EXPECT_EQ(ToGsm7Safe("a\xFF"
                       "b"),
            "a?b");
  EXPECT_EQ(ToGsm7Safe("\xED\xA0\x80"), "???");
}

TEST(Gsm7SafeTest, ResultIsAlwaysEncodable) {
  const char* const inputs[] = {"Nộp hồ sơ — “Đất đai”", "中文", "\xFF\xFE", "€[]", "x\u0301",
                                "\u2028\u3000"};
  for (const char* in : inputs) {
    const std::string safe = ToGsm7Safe(in);
    EXPECT_TRUE(CanEncodeGsm7(safe)) << in << " -> " << safe;
  }
}

}  // namespace
}  // namespace dvc::text
