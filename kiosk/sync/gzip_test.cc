#include "sync/gzip.h"

#include <gtest/gtest.h>

#include <random>

namespace dvc::kiosk {
namespace {

TEST(GzipTest, ABatchOfJsonShrinksAndComesBackWhole) {
  std::string json = "{\"dossiers\":[";
  for (int i = 0; i < 50; ++i) {
    json += "{\"code\":\"12430-0001-" + std::to_string(1000 + i) +
            "\",\"service_id\":\"1.001234\",\"form_version\":\"2024-01\","
            "\"filled_on\":\"2026-11-28\"},";
  }
  json += "{}]}";
  std::optional<std::string> packed = Gzip(json);
  ASSERT_TRUE(packed.has_value());
  EXPECT_LT(packed->size(), json.size() / 4);
  EXPECT_EQ(static_cast<unsigned char>((*packed)[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>((*packed)[1]), 0x8b);
  EXPECT_EQ(Gunzip(*packed, json.size()), json);
}

TEST(GzipTest, RandomBytesAndTheEmptyStringRoundTrip) {
  std::mt19937 rng(7);
  std::string noise(100000, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  for (const std::string& input : {noise, std::string()}) {
    std::optional<std::string> packed = Gzip(input);
    ASSERT_TRUE(packed.has_value());
    EXPECT_EQ(Gunzip(*packed, input.size()), input);
  }
}

TEST(GzipTest, GunzipRefusesTruncatedTrailingAndOversizeInput) {
  const std::string text(5000, 'a');
  const std::string packed = Gzip(text).value();
  EXPECT_FALSE(Gunzip(packed.substr(0, packed.size() - 4), 10000).has_value());
  EXPECT_FALSE(Gunzip(packed + "x", 10000).has_value());
  EXPECT_FALSE(Gunzip(packed, 4999).has_value());
  EXPECT_FALSE(Gunzip("not gzip at all", 10000).has_value());
}

}  // namespace
}  // namespace dvc::kiosk
