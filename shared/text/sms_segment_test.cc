#include "text/sms_segment.h"

#include <gtest/gtest.h>

#include <string>

#include "text/gsm7.h"
#include "text/gsm7_safe.h"
#include "text/text_test_util.h"

namespace dvc::text {
namespace {

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

SmsPlan Plan(std::string_view text, SmsEncoding encoding,
             Gsm7Layout layout = Gsm7Layout::kUnpacked) {
  return Ok(PlanSms(text, encoding, 0x2A, layout));
}

size_t Count(std::string_view text, SmsEncoding encoding) {
  return Ok(CountSegments(text, encoding));
}

// Checks what every plan must satisfy and that it reads back as `text`.
void ExpectWellFormed(const SmsPlan& plan, std::string_view text) {
  ASSERT_FALSE(plan.segments.empty());
  const size_t total = plan.segments.size();
  for (size_t i = 0; i < total; ++i) {
    const SmsSegment& s = plan.segments[i];
    EXPECT_LE(s.user_data_octets, kSmsUserDataOctets);
    if (total == 1) {
      EXPECT_TRUE(s.udh.empty());
    } else {
      EXPECT_EQ(s.udh,
                Bytes({0x05, 0x00, 0x03, 0x2A, static_cast<int>(total), static_cast<int>(i + 1)}));
    }
    EXPECT_EQ(s.ShortMessage(), s.udh + s.body);
  }
  Result<std::string> back = PlanText(plan);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, text);
}

TEST(SmsSegmentTest, Gsm7At160And161) {
  const SmsPlan one = Plan(Repeat("a", 160), SmsEncoding::kGsm7);
  ASSERT_EQ(one.segments.size(), 1u);
  EXPECT_EQ(one.segments[0].units, 160u);
  EXPECT_EQ(one.segments[0].body, Repeat("a", 160));  // 'a' is septet 0x61
  EXPECT_EQ(one.segments[0].user_data_octets, 140u);
  EXPECT_EQ(one.EsmClass(), 0x00);
  EXPECT_EQ(one.DataCoding(), 0x00);
  ExpectWellFormed(one, Repeat("a", 160));

  const SmsPlan two = Plan(Repeat("a", 161), SmsEncoding::kGsm7);
  ASSERT_EQ(two.segments.size(), 2u);
  EXPECT_EQ(two.segments[0].units, 153u);
  EXPECT_EQ(two.segments[1].units, 8u);
  EXPECT_EQ(two.segments[0].user_data_octets, 140u);
  EXPECT_EQ(two.EsmClass(), 0x40);
  ExpectWellFormed(two, Repeat("a", 161));
  EXPECT_EQ(Count(Repeat("a", 160), SmsEncoding::kGsm7), 1u);
  EXPECT_EQ(Count(Repeat("a", 161), SmsEncoding::kGsm7), 2u);
}

TEST(SmsSegmentTest, Gsm7AtTwoAndThreeParts) {
  EXPECT_EQ(Plan(Repeat("a", 306), SmsEncoding::kGsm7).segments.size(), 2u);
  const SmsPlan three = Plan(Repeat("a", 307), SmsEncoding::kGsm7);
  ASSERT_EQ(three.segments.size(), 3u);
  EXPECT_EQ(three.segments[2].units, 1u);
  ExpectWellFormed(three, Repeat("a", 307));
  EXPECT_EQ(Count(Repeat("a", 306), SmsEncoding::kGsm7), 2u);
  EXPECT_EQ(Count(Repeat("a", 307), SmsEncoding::kGsm7), 3u);
}

TEST(SmsSegmentTest, ExtensionCharactersCountTwiceAndAreNotSplit) {
  EXPECT_EQ(Plan(Repeat("a", 158) + "€", SmsEncoding::kGsm7).segments.size(), 1u);
  EXPECT_EQ(Plan(Repeat("a", 159) + "€", SmsEncoding::kGsm7).segments.size(), 2u);
  EXPECT_EQ(Count(Repeat("a", 159) + "€", SmsEncoding::kGsm7), 2u);

  // The escape pair would take septets 153 and 154: it moves whole to part 2.
  const std::string text = Repeat("a", 152) + "€" + Repeat("b", 10);
  const SmsPlan plan = Plan(text, SmsEncoding::kGsm7);
  ASSERT_EQ(plan.segments.size(), 2u);
  EXPECT_EQ(plan.segments[0].units, 152u);
  EXPECT_EQ(plan.segments[0].body, Repeat("a", 152));
  EXPECT_EQ(plan.segments[1].body.substr(0, 2), Bytes({0x1B, 0x65}));
  ExpectWellFormed(plan, text);

  // Exactly filling part 1 with the pair at septets 152 and 153 is fine.
  const std::string fits = Repeat("a", 151) + "€" + Repeat("b", 10);
  EXPECT_EQ(Plan(fits, SmsEncoding::kGsm7).segments[0].units, 153u);
}

TEST(SmsSegmentTest, Ucs2At70And71) {
  const SmsPlan one = Plan(Repeat("ệ", 70), SmsEncoding::kUcs2);
  ASSERT_EQ(one.segments.size(), 1u);
  EXPECT_EQ(one.segments[0].units, 70u);
  EXPECT_EQ(one.segments[0].body.size(), 140u);
  EXPECT_EQ(one.segments[0].body.substr(0, 2), Bytes({0x1E, 0xC7}));
  EXPECT_EQ(one.DataCoding(), 0x08);
  ExpectWellFormed(one, Repeat("ệ", 70));

  const SmsPlan two = Plan(Repeat("ệ", 71), SmsEncoding::kUcs2);
  ASSERT_EQ(two.segments.size(), 2u);
  EXPECT_EQ(two.segments[0].units, 67u);
  EXPECT_EQ(two.segments[1].units, 4u);
  EXPECT_EQ(two.segments[0].user_data_octets, 140u);
  ExpectWellFormed(two, Repeat("ệ", 71));
  EXPECT_EQ(Count(Repeat("ệ", 70), SmsEncoding::kUcs2), 1u);
  EXPECT_EQ(Count(Repeat("ệ", 71), SmsEncoding::kUcs2), 2u);
}

TEST(SmsSegmentTest, Ucs2AtTwoAndThreeParts) {
  EXPECT_EQ(Plan(Repeat("ệ", 134), SmsEncoding::kUcs2).segments.size(), 2u);
  EXPECT_EQ(Plan(Repeat("ệ", 135), SmsEncoding::kUcs2).segments.size(), 3u);
  EXPECT_EQ(Count(Repeat("ệ", 134), SmsEncoding::kUcs2), 2u);
  EXPECT_EQ(Count(Repeat("ệ", 135), SmsEncoding::kUcs2), 3u);
}

TEST(SmsSegmentTest, SurrogatePairsAreNotSplit) {
  EXPECT_EQ(Plan(Repeat("a", 68) + "😀", SmsEncoding::kUcs2).segments.size(), 1u);
  EXPECT_EQ(Plan(Repeat("a", 69) + "😀", SmsEncoding::kUcs2).segments.size(), 2u);

  const std::string text = Repeat("ệ", 66) + "😀" + Repeat("x", 10);
  const SmsPlan plan = Plan(text, SmsEncoding::kUcs2);
  ASSERT_EQ(plan.segments.size(), 2u);
  EXPECT_EQ(plan.segments[0].units, 66u);
  EXPECT_EQ(plan.segments[1].body.substr(0, 4), Bytes({0xD8, 0x3D, 0xDE, 0x00}));
  ExpectWellFormed(plan, text);
}

TEST(SmsSegmentTest, PackedLayoutFitsAndRoundTrips) {
  const SmsPlan one = Plan(Repeat("a", 160), SmsEncoding::kGsm7, Gsm7Layout::kPacked);
  ASSERT_EQ(one.segments.size(), 1u);
  EXPECT_EQ(one.segments[0].body.size(), 140u);
  ExpectWellFormed(one, Repeat("a", 160));

  const std::string text = Repeat("Ho so {1} ", 40);
  const SmsPlan parts = Plan(text, SmsEncoding::kGsm7, Gsm7Layout::kPacked);
  ASSERT_GT(parts.segments.size(), 1u);
  EXPECT_EQ(parts.segments[0].ShortMessage().size(), 140u);  // 6 UDH + 134 packed
  ExpectWellFormed(parts, text);
}

TEST(SmsSegmentTest, PackedPartWithSevenSpareBitsEndsInCarriageReturn) {
  // 153 + 152 septets: the second part's 1 fill bit + 152 * 7 bits leave 7
  // spare bits in its last octet, which must not read as '@'.
  const std::string text = Repeat("a", 305);
  const SmsPlan plan = Plan(text, SmsEncoding::kGsm7, Gsm7Layout::kPacked);
  ASSERT_EQ(plan.segments.size(), 2u);
  const SmsSegment& last = plan.segments[1];
  ASSERT_EQ(last.units, 152u);
  EXPECT_EQ(Ok(UnpackSeptets(last.body, FillBitsAfterUdh(last.udh.size()), 153)),
            Repeat("a", 152) + "\r");
  ExpectWellFormed(plan, text);
}

TEST(SmsSegmentTest, EmptyTextIsOneEmptySms) {
  const SmsPlan plan = Plan("", SmsEncoding::kGsm7);
  ASSERT_EQ(plan.segments.size(), 1u);
  EXPECT_EQ(plan.segments[0].body, "");
  EXPECT_EQ(Count("", SmsEncoding::kUcs2), 1u);
}

TEST(SmsSegmentTest, AutoPicksGsm7WhenItFits) {
  EXPECT_EQ(ChooseEncoding("Ho so 123 {ok}"), SmsEncoding::kGsm7);
  EXPECT_EQ(ChooseEncoding("Hồ sơ"), SmsEncoding::kUcs2);
  EXPECT_EQ(ChooseEncoding(ToGsm7Safe("Hồ sơ của bạn đã được tiếp nhận")), SmsEncoding::kGsm7);
  Result<SmsPlan> plan = PlanSmsAuto("Hồ sơ", 7);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->encoding, SmsEncoding::kUcs2);
}

TEST(SmsSegmentTest, NfdTextIsPlannedAsNfc) {
  const SmsPlan plan = Plan(Repeat("e\xCC\xA3\xCC\x82", 70), SmsEncoding::kUcs2);
  EXPECT_EQ(plan.segments.size(), 1u);
  ExpectWellFormed(plan, Repeat("ệ", 70));
}

TEST(SmsSegmentTest, RefusesWhatCannotBeSent) {
  EXPECT_FALSE(PlanSms("Hồ sơ", SmsEncoding::kGsm7, 1).ok());
  EXPECT_FALSE(CountSegments("Hồ sơ", SmsEncoding::kGsm7).ok());
  Result<SmsPlan> invalid = PlanSms("a\xFF", SmsEncoding::kUcs2, 1);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(invalid.status().message().find("byte offset 1"), std::string::npos)
      << invalid.status().message();
  Result<SmsPlan> not_gsm = PlanSms("Hồ sơ", SmsEncoding::kGsm7, 1);
  ASSERT_FALSE(not_gsm.ok());
  EXPECT_NE(not_gsm.status().message().find("U+1ED3"), std::string::npos)
      << not_gsm.status().message();
  EXPECT_NE(not_gsm.status().message().find("position 1"), std::string::npos);
  EXPECT_FALSE(CountSegments("a\xFF", SmsEncoding::kGsm7).ok());
  EXPECT_FALSE(PlanSmsAuto("a\xFF", 1).ok());
  EXPECT_EQ(ChooseEncoding("a\xFF"), SmsEncoding::kUcs2);  // and PlanSms then refuses it

  const std::string huge = Repeat("a", 153 * 255 + 1);
  EXPECT_EQ(Count(huge, SmsEncoding::kGsm7), 256u);
  Result<SmsPlan> too_long = PlanSms(huge, SmsEncoding::kGsm7, 1);
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.status().message().find("256"), std::string::npos);
  EXPECT_EQ(PlanSms(Repeat("a", 153 * 255), SmsEncoding::kGsm7, 1)->segments.size(), 255u);
}

TEST(SmsSegmentTest, CountAgreesWithPlan) {
  for (size_t n = 0; n < 400; n += 7) {
    const std::string gsm = Repeat("a", n) + Repeat("[", n % 5);
    EXPECT_EQ(Count(gsm, SmsEncoding::kGsm7), Plan(gsm, SmsEncoding::kGsm7).segments.size()) << n;
    const std::string ucs = Repeat("ệ", n) + Repeat("😀", n % 5);
    EXPECT_EQ(Count(ucs, SmsEncoding::kUcs2), Plan(ucs, SmsEncoding::kUcs2).segments.size()) << n;
  }
}

}  // namespace
}  // namespace dvc::text
