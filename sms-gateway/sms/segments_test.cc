#include "sms/segments.h"

#include <gtest/gtest.h>

#include <string>

#include "text/gsm7.h"

namespace dvc::gateway {
namespace {

// Bytes from a list of octets, for byte-exact expectations.
std::string Bytes(std::initializer_list<int> octets) {
  std::string out;
  for (int o : octets) out.push_back(static_cast<char>(o));
  return out;
}

std::string Concat(const SmsPlan& plan) {
  std::string all;
  for (const SmsSegment& s : plan.segments) all += s.body;
  return all;
}

constexpr size_t kNoLimit = 255;

// TS 23.038 section 6.2.1: the default alphabet's non-ASCII letters and
// symbols, and the extension table after the escape 0x1B.
TEST(Gsm7AlphabetTest, SeptetsAreTheStandardOnes) {
  Result<std::string> septets = text::EncodeGsm7("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ ^{}\\[~]|€\f");
  ASSERT_TRUE(septets.ok()) << septets.status().message();
  EXPECT_EQ(*septets,
            Bytes({0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0B, 0x0C, 0x0E,
                   0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1C,
                   0x1D, 0x1E, 0x1F, 0x20, 0x1B, 0x14, 0x1B, 0x28, 0x1B, 0x29, 0x1B, 0x2F, 0x1B,
                   0x3C, 0x1B, 0x3D, 0x1B, 0x3E, 0x1B, 0x40, 0x1B, 0x65, 0x1B, 0x0A}));
}

TEST(Gsm7AlphabetTest, PackedSeptetsMatchTheKnownVector) {
  Result<std::string> septets = text::EncodeGsm7("hellohello");
  ASSERT_TRUE(septets.ok());
  Result<std::string> packed = text::PackSeptets(*septets, 0);
  ASSERT_TRUE(packed.ok());
  EXPECT_EQ(*packed, Bytes({0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37}));
  Result<std::string> back = text::UnpackSeptets(*packed, 0, 10);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, *septets);
}

TEST(SplitForSmsTest, Gsm7KeepsSymbolsTheAlphabetHasAndEscapesTheExtension) {
  Result<SmsPlan> plan = SplitForSms("@£$¥ΔΦΓΛΩΠΨΣΘΞ_ {€}", SmsEncoding::kGsm7, 1, kNoLimit);
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  ASSERT_EQ(plan->segments.size(), 1u);
  EXPECT_EQ(plan->segments[0].udh, "");
  EXPECT_EQ(plan->segments[0].body,
            Bytes({0x00, 0x01, 0x02, 0x03, 0x10, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
                   0x18, 0x19, 0x1A, 0x11, 0x20, 0x1B, 0x28, 0x1B, 0x65, 0x1B, 0x29}));
  EXPECT_EQ(plan->DataCoding(), 0x00);
  EXPECT_EQ(plan->EsmClass(), 0x00);
}

TEST(SplitForSmsTest, Gsm7SendsVietnameseWithoutDiacritics) {
  const std::string text = "Hồ sơ của ông/bà đã được tiếp nhận. Ngày hẹn trả: 05/12/2026.";
  const std::string plain = "Ho so cua ong/ba da duoc tiep nhan. Ngay hen tra: 05/12/2026.";
  Result<std::string> sent = TextAsSent(text, SmsEncoding::kGsm7);
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent, plain);
  Result<SmsPlan> plan = SplitForSms(text, SmsEncoding::kGsm7, 9, kNoLimit);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->segments.size(), 1u);
  EXPECT_EQ(plan->segments[0].body, plain);  // ASCII letters and digits are their own septets
}

TEST(SplitForSmsTest, Gsm7TransliteratesEveryVietnameseLetterAndTypography) {
  const std::string text =
      "aàáảãạăằắẳẵặâầấẩẫậ eèéẻẽẹêềếểễệ iìíỉĩị oòóỏõọôồốổỗộơờớởỡợ uùúủũụưừứửữự yỳýỷỹỵ đ "
      "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ EÈÉẺẼẸÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ UÙÚỦŨỤƯỪỨỬỮỰ YỲÝỶỸỴ Đ "
      "“Lê–Lợi”…\u00A0‘x’ 中";
  Result<std::string> sent = TextAsSent(text, SmsEncoding::kGsm7);
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent,
            "aaaaaaaaaaaaaaaaaa eeeeeeeeeeee iiiiii oooooooooooooooooo uuuuuuuuuuuu yyyyyy d "
            "AAAAAAAAAAAAAAAAAA EEEEEEEEEEEE IIIIII OOOOOOOOOOOOOOOOOO UUUUUUUUUUUU YYYYYY D "
            "\"Le-Loi\"... 'x' ?");
  EXPECT_TRUE(text::CanEncodeGsm7(*sent));
}

TEST(SplitForSmsTest, DecomposedInputIsTransliteratedLikeComposed) {
  // "Hồ" as some phones send it: o + combining circumflex + combining grave.
  Result<std::string> sent = TextAsSent("Ho\u0302\u0300 so\u031B", SmsEncoding::kGsm7);
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent, "Ho so");
  Result<std::string> ucs2 = TextAsSent("Ho\u0302\u0300", SmsEncoding::kUcs2);
  ASSERT_TRUE(ucs2.ok());
  EXPECT_EQ(*ucs2, "Hồ");
}

TEST(SplitForSmsTest, Gsm7160SeptetsIsOneSms161IsTwoParts) {
  Result<SmsPlan> one = SplitForSms(std::string(160, 'a'), SmsEncoding::kGsm7, 7, kNoLimit);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->segments.size(), 1u);
  EXPECT_EQ(one->segments[0].udh, "");
  EXPECT_EQ(one->segments[0].body.size(), 160u);

  Result<SmsPlan> two = SplitForSms(std::string(161, 'a'), SmsEncoding::kGsm7, 7, kNoLimit);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->segments.size(), 2u);
  EXPECT_EQ(two->segments[0].udh, Bytes({0x05, 0x00, 0x03, 0x07, 0x02, 0x01}));
  EXPECT_EQ(two->segments[1].udh, Bytes({0x05, 0x00, 0x03, 0x07, 0x02, 0x02}));
  EXPECT_EQ(two->segments[0].body, std::string(153, 'a'));
  EXPECT_EQ(two->segments[1].body, std::string(8, 'a'));
  EXPECT_EQ(two->EsmClass(), 0x40);
  EXPECT_EQ(two->segments[0].ShortMessage().size(), 6u + 153u);
}

TEST(SplitForSmsTest, EscapePairAtThe153BoundaryMovesWholeToTheNextPart) {
  // '€' would take septets 153 and 154 of the first part.
  const std::string text = std::string(152, 'a') + "€" + std::string(10, 'b');
  Result<SmsPlan> plan = SplitForSms(text, SmsEncoding::kGsm7, 0xAB, kNoLimit);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->segments.size(), 2u);
  EXPECT_EQ(plan->segments[0].body, std::string(152, 'a'));
  EXPECT_EQ(plan->segments[1].body, Bytes({0x1B, 0x65}) + std::string(10, 'b'));
  EXPECT_EQ(plan->segments[1].udh, Bytes({0x05, 0x00, 0x03, 0xAB, 0x02, 0x02}));

  // One 'a' less and it fits exactly: septets 152 and 153.
  const std::string fits = std::string(151, 'a') + "€" + std::string(10, 'b');
  Result<SmsPlan> plan2 = SplitForSms(fits, SmsEncoding::kGsm7, 0xAB, kNoLimit);
  ASSERT_TRUE(plan2.ok());
  EXPECT_EQ(plan2->segments[0].body, std::string(151, 'a') + Bytes({0x1B, 0x65}));
}

TEST(SplitForSmsTest, PackedLayoutStartsAfterOneFillBitBehindTheUdh) {
  // 6-octet UDH = 48 bits; one fill bit puts the first septet at bit 49 = 7 * 7.
  const std::string text = std::string(153, '@') + "hellohello";
  Result<SmsPlan> plan = SplitForSms(text, SmsEncoding::kGsm7, 3, kNoLimit, Gsm7Layout::kPacked);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->segments.size(), 2u);
  // 1 + 153 * 7 = 1072 bits = 134 octets; with the UDH exactly 140.
  EXPECT_EQ(plan->segments[0].body, std::string(134, '\0'));
  EXPECT_EQ(plan->segments[0].user_data_octets, 140u);
  // "hellohello" shifted left by the fill bit: the known vector times two, carried.
  EXPECT_EQ(plan->segments[1].body, Bytes({0xD0, 0x65, 0x36, 0xFB, 0x8D, 0x2E, 0xB3, 0xD9, 0x6F}));
}

TEST(SplitForSmsTest, Ucs2KeepsDiacriticsAsUtf16Be) {
  Result<SmsPlan> plan = SplitForSms("Hồ sơ", SmsEncoding::kUcs2, 0, kNoLimit);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->segments.size(), 1u);
  EXPECT_EQ(plan->segments[0].body,
            Bytes({0x00, 0x48, 0x1E, 0xD3, 0x00, 0x20, 0x00, 0x73, 0x01, 0xA1}));
  EXPECT_EQ(plan->DataCoding(), 0x08);
}

TEST(SplitForSmsTest, Ucs270UnitsIsOneSms71IsTwoParts) {
  std::string seventy;
  for (int i = 0; i < 70; ++i) seventy += "ă";
  Result<SmsPlan> one = SplitForSms(seventy, SmsEncoding::kUcs2, 5, kNoLimit);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->segments.size(), 1u);
  EXPECT_EQ(one->segments[0].body.size(), 140u);

  Result<SmsPlan> two = SplitForSms(seventy + "ă", SmsEncoding::kUcs2, 5, kNoLimit);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->segments.size(), 2u);
  EXPECT_EQ(two->segments[0].body.size(), 134u);  // 67 units
  EXPECT_EQ(two->segments[1].body.size(), 8u);    // 4 units
  EXPECT_EQ(two->segments[0].udh, Bytes({0x05, 0x00, 0x03, 0x05, 0x02, 0x01}));
  EXPECT_EQ(two->segments[1].body.substr(0, 2), Bytes({0x01, 0x03}));
}

TEST(SplitForSmsTest, SurrogatePairAtThe67BoundaryMovesWholeToTheNextPart) {
  // U+1F600 would take units 67 and 68 of the first part.
  const std::string text = std::string(66, 'a') + "\U0001F600" + std::string(5, 'b');
  Result<SmsPlan> plan = SplitForSms(text, SmsEncoding::kUcs2, 1, kNoLimit);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->segments.size(), 2u);
  EXPECT_EQ(plan->segments[0].body.size(), 132u);  // 66 units
  EXPECT_EQ(plan->segments[1].body.substr(0, 4), Bytes({0xD8, 0x3D, 0xDE, 0x00}));
  EXPECT_EQ(plan->segments[1].body.size(), 4u + 10u);
}

TEST(SplitForSmsTest, RefusesMorePartsThanTheLimit) {
  const std::string text(153 * 3, 'x');
  Result<SmsPlan> ok = SplitForSms(text, SmsEncoding::kGsm7, 0, 3);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->segments.size(), 3u);
  EXPECT_EQ(ok->segments[2].udh, Bytes({0x05, 0x00, 0x03, 0x00, 0x03, 0x03}));

  Result<SmsPlan> over = SplitForSms(text + "x", SmsEncoding::kGsm7, 0, 3);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(over.status().message().find("needs 4 SMS parts"), std::string::npos);
  EXPECT_NE(over.status().message().find("limit of 3"), std::string::npos);

  // The UDH counts parts in one octet: a limit above 255 is 255.
  Result<SmsPlan> huge = SplitForSms(std::string(153 * 256, 'x'), SmsEncoding::kGsm7, 0, 1000);
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("limit of 255"), std::string::npos);
}

TEST(SplitForSmsTest, RefusesInvalidUtf8InBothEncodings) {
  for (SmsEncoding e : {SmsEncoding::kGsm7, SmsEncoding::kUcs2}) {
    Result<SmsPlan> plan = SplitForSms("Ho so \xC3", e, 0, kNoLimit);
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.status().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(plan.status().message().find("offset 6"), std::string::npos)
        << plan.status().message();
    EXPECT_FALSE(CountSmsSegments("\xFF", e).ok());
  }
}

TEST(SplitForSmsTest, EmptyTextIsOneEmptySms) {
  Result<SmsPlan> plan = SplitForSms("", SmsEncoding::kGsm7, 0, 1);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->segments.size(), 1u);
  EXPECT_EQ(plan->segments[0].ShortMessage(), "");
}

TEST(SplitForSmsTest, PartsJoinBackToTheTextAsSentAndCountMatches) {
  std::string text;
  for (int i = 0; i < 12; ++i) text += "Hồ sơ của ông/bà đã được tiếp nhận [€] 😀. ";
  for (SmsEncoding e : {SmsEncoding::kGsm7, SmsEncoding::kUcs2}) {
    for (Gsm7Layout layout : {Gsm7Layout::kUnpacked, Gsm7Layout::kPacked}) {
      Result<SmsPlan> plan = SplitForSms(text, e, 42, kNoLimit, layout);
      ASSERT_TRUE(plan.ok());
      Result<std::string> joined = text::PlanText(*plan);
      ASSERT_TRUE(joined.ok());
      EXPECT_EQ(*joined, *TextAsSent(text, e));
      Result<size_t> count = CountSmsSegments(text, e);
      ASSERT_TRUE(count.ok());
      EXPECT_EQ(*count, plan->segments.size());
      for (size_t i = 0; i < plan->segments.size(); ++i) {
        EXPECT_LE(plan->segments[i].user_data_octets, 140u);
        EXPECT_EQ(plan->segments[i].udh[5], static_cast<char>(i + 1));
      }
    }
  }
  // The GSM-7 text is plain: '😀' has no GSM-7 form and is sent as '?'.
  EXPECT_NE(TextAsSent(text, SmsEncoding::kGsm7)->find("[€] ?."), std::string::npos);
  EXPECT_EQ(Concat(*SplitForSms("a", SmsEncoding::kGsm7, 0, 1)), "a");
}

}  // namespace
}  // namespace dvc::gateway
