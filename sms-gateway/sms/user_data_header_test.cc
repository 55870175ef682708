#include "sms/user_data_header.h"

#include <gtest/gtest.h>

#include <string>

#include "text/sms_segment.h"
#include "text/text_test_util.h"

namespace dvc::gateway {
namespace {

using text::Bytes;

TEST(SplitUserDataTest, WithoutUdhiEverythingIsBody) {
  const std::string sm = Bytes({0x05, 0x00, 0x03, 0x01, 0x02, 0x01, 0x41});
  Result<UserData> data = SplitUserData(sm, false);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->header, "");
  EXPECT_EQ(data->body, sm);
  EXPECT_FALSE(data->concat.has_value());
}

TEST(SplitUserDataTest, ReadsThe8BitConcatenationElement) {
  const std::string sm = Bytes({0x05, 0x00, 0x03, 0xAB, 0x03, 0x02}) + "TT 123";
  Result<UserData> data = SplitUserData(sm, true);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->header.size(), 6u);
  EXPECT_EQ(data->body, "TT 123");
  ASSERT_TRUE(data->concat.has_value());
  EXPECT_EQ(*data->concat, (ConcatInfo{0xAB, 3, 2}));
}

TEST(SplitUserDataTest, ReadsThe16BitConcatenationElementAfterAnotherElement) {
  // A port-addressing element (0x05, 4 octets) first, then 08 04 12 34 02 02.
  const std::string sm =
      Bytes({0x0C, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x08, 0x04, 0x12, 0x34, 0x02, 0x02}) + "x";
  Result<UserData> data = SplitUserData(sm, true);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->body, "x");
  ASSERT_TRUE(data->concat.has_value());
  EXPECT_EQ(*data->concat, (ConcatInfo{0x1234, 2, 2}));
}

TEST(SplitUserDataTest, IgnoresAnInsaneConcatenationElement) {
  for (const std::string& udh :
       {Bytes({0x05, 0x00, 0x03, 0x01, 0x00, 0x01}), Bytes({0x05, 0x00, 0x03, 0x01, 0x02, 0x00}),
        Bytes({0x05, 0x00, 0x03, 0x01, 0x02, 0x03}), Bytes({0x04, 0x00, 0x02, 0x01, 0x02})}) {
    const std::string sm = udh + "A";
    Result<UserData> data = SplitUserData(sm, true);
    ASSERT_TRUE(data.ok());
    EXPECT_EQ(data->body, "A");
    EXPECT_FALSE(data->concat.has_value());
  }
}

TEST(SplitUserDataTest, RefusesAHeaderLongerThanTheMessage) {
  EXPECT_FALSE(SplitUserData("", true).ok());
  const std::string short_of_header = Bytes({0x05, 0x00, 0x03});
  Result<UserData> long_header = SplitUserData(short_of_header, true);
  ASSERT_FALSE(long_header.ok());
  EXPECT_NE(long_header.status().message().find("length 5"), std::string::npos);
  // The element claims 4 octets, the header holds 3.
  const std::string long_element = Bytes({0x05, 0x00, 0x04, 0x01, 0x02, 0x01});
  EXPECT_FALSE(SplitUserData(long_element, true).ok());
  const std::string cut_element = Bytes({0x01, 0x00});
  EXPECT_FALSE(SplitUserData(cut_element, true).ok());
}

TEST(SplitUserDataTest, ReadsWhatTheSharedPlannerWrites) {
  Result<text::SmsPlan> plan = text::PlanSms(std::string(200, 'z'), text::SmsEncoding::kGsm7, 77);
  ASSERT_TRUE(plan.ok());
  for (size_t i = 0; i < plan->segments.size(); ++i) {
    const std::string sm = plan->segments[i].ShortMessage();
    Result<UserData> data = SplitUserData(sm, plan->EsmClass() & 0x40);
    ASSERT_TRUE(data.ok());
    EXPECT_EQ(data->body, plan->segments[i].body);
    ASSERT_TRUE(data->concat.has_value());
    EXPECT_EQ(*data->concat, (ConcatInfo{77, 2, static_cast<uint8_t>(i + 1)}));
  }
}

}  // namespace
}  // namespace dvc::gateway
