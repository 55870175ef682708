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

// The forms themselves are tested in sms/phone_number_test.cc; the SMPP
// channel still calls the normaliser by its smpp:: name.
TEST(SmppSmscRouterTest, NormalisesDestinationsUnderItsOldName) {
  EXPECT_EQ(smpp::NormalizeVietnamesePhone("0912 345 678").value(), "84912345678");
  EXPECT_FALSE(smpp::NormalizeVietnamesePhone("+1 415 555 0100").ok());
}

}  // namespace
}  // namespace dvc::gateway::smpp
