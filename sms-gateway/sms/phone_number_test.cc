#include "sms/phone_number.h"

#include <gtest/gtest.h>

#include "sms/phone_key.h"
#include "store/scratch_dir.h"
#include "sync/sealing.h"

namespace dvc::gateway {
namespace {

TEST(PhoneNumberTest, AcceptsEveryWayAResidentTypesAMobileNumber) {
  for (const char* typed :
       {"0912345678", "0912 345 678", "+84912345678", "84912345678", "0912.345.678", "0912-345-678",
        "(091) 234-5678", "0084912345678", "+84 912 345 678", "00 84 912 345 678"}) {
    const Result<std::string> number = NormalizeVietnamesePhone(typed);
    ASSERT_TRUE(number.ok()) << typed << ": " << number.status().message();
    EXPECT_EQ(*number, "84912345678") << typed;
  }
}

TEST(PhoneNumberTest, AcceptsTenDigitFixedLines) {
  // Hanoi's area code 24: 10 national digits.
  const Result<std::string> fixed = NormalizeVietnamesePhone("024 3825 3536");
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(*fixed, "842438253536");
  EXPECT_EQ(NormalizeVietnamesePhone("+84 24 3825 3536").value(), "842438253536");
}

TEST(PhoneNumberTest, RefusesWhatIsNotAVietnamesePhoneSayingWhy) {
  const struct {
    const char* typed;
    const char* reason;  // a part of the message
  } kCases[] = {
      {"", "empty"},
      {"   ", "empty"},
      {"0912a45678", "not a digit"},
      {"0912+345678", "not a digit"},
      {"++84912345678", "not a digit"},
      {"0912\n345678", "not a digit"},
      {"091234567", "8 digits"},
      {"091234567890", "11 digits"},
      {"+1 415 555 0100", "not Vietnamese (+84)"},
      {"001 415 555 0100", "not Vietnamese (0084)"},
      {"+0912345678", "not Vietnamese (+84)"},
      {"912345678", "neither 0, 84 nor +84"},
      {"840912345678", "a 0 after the country code"},
      {"0", "0 digits"},
  };
  for (const auto& c : kCases) {
    const Result<std::string> number = NormalizeVietnamesePhone(c.typed);
    ASSERT_FALSE(number.ok()) << c.typed;
    EXPECT_EQ(number.status().code(), ErrorCode::kInvalidInput) << c.typed;
    EXPECT_NE(number.status().message().find(c.reason), std::string::npos)
        << c.typed << ": " << number.status().message();
  }
}

TEST(PhoneNumberTest, InternationalDigitsAppliesOnlyThePrefixRule) {
  EXPECT_EQ(InternationalDigits("0912345678"), "84912345678");
  EXPECT_EQ(InternationalDigits("0084912345678"), "84912345678");
  EXPECT_EQ(InternationalDigits("84912345678"), "84912345678");
  EXPECT_EQ(InternationalDigits("0014155550100"), "14155550100");
  EXPECT_EQ(InternationalDigits("8079"), "8079");
  EXPECT_EQ(InternationalDigits(""), "");
}

// The output opt-out keys were stored under before the two normalisers were
// joined: it must not change.
TEST(PhoneNumberTest, NormalizePhoneKeepsItsOutput) {
  for (const char* typed : {"0912345678", "84912345678", "+84912345678", "0084912345678",
                            "0912 345 678", "(091) 234-5678"}) {
    EXPECT_EQ(NormalizePhone(typed), "84912345678") << typed;
  }
  // Numbers the strict form refuses keep their lenient digits.
  EXPECT_EQ(NormalizePhone("8079"), "8079");
  EXPECT_EQ(NormalizePhone("+1 415 555 0100"), "14155550100");
  EXPECT_EQ(NormalizePhone("001 415 555 0100"), "14155550100");
  EXPECT_EQ(NormalizePhone("091234567"), "8491234567");
  EXPECT_EQ(NormalizePhone("tel: 0912 345 678"), "84912345678");
  EXPECT_EQ(NormalizePhone("+0912345678"), "84912345678");
  EXPECT_EQ(NormalizePhone("no digits"), "");
  EXPECT_EQ(NormalizePhone(""), "");
}

TEST(PhoneNumberTest, OptOutKeyIsTheSameForEveryFormOfANumber) {
  store::ScratchDir dir;
  const Result<sync::ProvinceKeys> keys = sync::ProvinceKeys::Create(dir.File("keys"));
  ASSERT_TRUE(keys.ok()) << keys.status().message();
  const PhoneKeyer keyer(*keys);
  const std::string key = keyer.KeyOf("0912 345 678");
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key, keyer.KeyOf("+84912345678"));
  EXPECT_EQ(key, keyer.KeyOf("0084912345678"));
  EXPECT_NE(key, keyer.KeyOf("0912 345 679"));
}

}  // namespace
}  // namespace dvc::gateway
