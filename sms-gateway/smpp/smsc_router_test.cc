#include "smpp/smsc_router.h"

#include <gtest/gtest.h>

namespace dvc::gateway::smpp {
namespace {

SmscRouter VietnamRouter() {
  Result<SmscRouter> router = SmscRouter::Create({
      {"viettel",
       {"8486", "8496", "8497", "8498", "8432", "8433", "8434", "8435", "8436", "8437", "8438",
        "8439"}},
      {"vinaphone", {"8491", "8494", "8488", "8483", "8484", "8485", "8481", "8482"}},
      {"mobifone", {"8490", "8493", "8489", "8470", "8476", "8477", "8478", "8479"}},
      {"aggregator", {"84"}},
  });
  EXPECT_TRUE(router.ok()) << router.status().message();
  return std::move(router).value();
}

const std::vector<std::string> kAllBound = {"viettel", "vinaphone", "mobifone", "aggregator"};

TEST(SmppSmscRouterTest, HomeNetworkFirstThenEveryOtherBoundSession) {
  const SmscRouter router = VietnamRouter();
  EXPECT_EQ(router.Pick("84912345678", kAllBound),
            (std::vector<std::string>{"vinaphone", "aggregator", "viettel", "mobifone"}));
  EXPECT_EQ(router.Pick("84361234567", kAllBound),
            (std::vector<std::string>{"viettel", "aggregator", "vinaphone", "mobifone"}));
  EXPECT_EQ(router.Pick("84701234567", kAllBound),
            (std::vector<std::string>{"mobifone", "aggregator", "viettel", "vinaphone"}));
}

TEST(SmppSmscRouterTest, LongestPrefixWins) {
  Result<SmscRouter> router =
      SmscRouter::Create({{"short", {"849"}}, {"long", {"8491"}}, {"other", {"8470"}}});
  ASSERT_TRUE(router.ok());
  EXPECT_EQ(router->Pick("84912345678", {"short", "long", "other"}),
            (std::vector<std::string>{"long", "short", "other"}));
  EXPECT_EQ(router->Pick("84951234567", {"short", "long", "other"}),
            (std::vector<std::string>{"short", "long", "other"}));
}

TEST(SmppSmscRouterTest, UnboundSessionsAreLeftOutAndFailoverTakesOver) {
  const SmscRouter router = VietnamRouter();
  EXPECT_EQ(router.Pick("84912345678", {"viettel", "mobifone"}),
            (std::vector<std::string>{"viettel", "mobifone"}));
  EXPECT_TRUE(router.Pick("84912345678", {}).empty());
  EXPECT_EQ(router.Pick("84912345678", {"unknown-session"}), std::vector<std::string>{});
}

TEST(SmppSmscRouterTest, BadRoutesAreRefused) {
  EXPECT_FALSE(SmscRouter::Create({{"", {"84"}}}).ok());
  EXPECT_FALSE(SmscRouter::Create({{"a", {"84"}}, {"a", {"85"}}}).ok());
  EXPECT_FALSE(SmscRouter::Create({{"a", {"84x"}}}).ok());
  EXPECT_FALSE(SmscRouter::Create({{"a", {""}}}).ok());
  EXPECT_TRUE(SmscRouter::Create({}).ok());
}

TEST(SmppSmscRouterTest, NormalisesVietnamesePhonesAsTyped) {
  for (const char* typed : {"0912 345 678", "+84912345678", "84912345678", "0912.345.678",
                            "0912-345-678", "(091) 234-5678", "0084912345678", "+84 912 345 678"}) {
    const Result<std::string> number = NormalizeVietnamesePhone(typed);
    ASSERT_TRUE(number.ok()) << typed << ": " << number.status().message();
    EXPECT_EQ(*number, "84912345678") << typed;
  }
  // Fixed line in Hanoi: 10 national digits.
  const Result<std::string> fixed = NormalizeVietnamesePhone("024 3825 3536");
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(*fixed, "842438253536");
}

TEST(SmppSmscRouterTest, RefusesWhatIsNotAVietnamesePhone) {
  for (const char* typed :
       {"", "   ", "0912a45678", "091234567", "091234567890", "+1 415 555 0100", "001 415 555 0100",
        "912345678", "840912345678", "0912+345678", "++84912345678", "0912\n345678"}) {
    const Result<std::string> number = NormalizeVietnamesePhone(typed);
    EXPECT_FALSE(number.ok()) << typed;
    if (!number.ok()) {
      EXPECT_FALSE(number.status().message().empty());
    }
  }
}

}  // namespace
}  // namespace dvc::gateway::smpp
