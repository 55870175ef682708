#include "configfile/key_index.h"

#include <gtest/gtest.h>

#include <string>

namespace dvc::configfile {
namespace {

constexpr KeySpec kSpecs[] = {
    {.name = "data_dir"},
    {.name = "idle_timeout_s", .type = KeyType::kInteger},
    {.name = "printer.device"},
    {.name = "printer.width_mm", .type = KeyType::kInteger},
    {.name = "sync.allow_plain_http", .type = KeyType::kBoolean},
};

KeyIndex Index() {
  std::vector<const KeySpec*> specs;
  for (const KeySpec& spec : kSpecs) specs.push_back(&spec);
  return KeyIndex(std::move(specs));
}

TEST(EditDistanceTest, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("port", "port"), 0u);
  EXPECT_EQ(EditDistance("prot", "port"), 2u);  // a swap is two substitutions
  EXPECT_EQ(EditDistance("idle_timout_s", "idle_timeout_s"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
}

TEST(KeyIndexTest, FindsKeysAndDerivesSections) {
  const KeyIndex index = Index();
  EXPECT_EQ(index.Find("printer.device"), 2u);
  EXPECT_EQ(index.Find("device"), std::nullopt);
  EXPECT_TRUE(index.IsSection("printer"));
  EXPECT_TRUE(index.IsSection("sync"));
  EXPECT_FALSE(index.IsSection("print"));  // a prefix of a section is not one
  EXPECT_FALSE(index.IsSection("data_dir"));
}

TEST(KeyIndexTest, SuggestsTheNearestKeyForATypo) {
  const KeyIndex index = Index();
  EXPECT_EQ(index.UnknownKeyText("idle_timout_s"),
            "idle_timout_s: unknown key; did you mean idle_timeout_s?");
  EXPECT_EQ(index.UnknownKeyText("printer.devise"),
            "printer.devise: unknown key; did you mean printer.device?");
  // A key written without its table.
  EXPECT_EQ(index.Nearest("allow_plain_http"), "sync.allow_plain_http");
  EXPECT_EQ(index.Nearest("width_mm"), "printer.width_mm");
  // Nothing near: no suggestion rather than a random one.
  EXPECT_EQ(index.UnknownKeyText("completely_unrelated_setting"),
            "completely_unrelated_setting: unknown key");
  EXPECT_EQ(index.Nearest(std::string(65, 'd')), "");
}

TEST(KeyIndexTest, SuggestsTheNearestSection) {
  const KeyIndex index = Index();
  EXPECT_EQ(index.UnknownSectionText("prnter"), "prnter: unknown section; did you mean [printer]?");
  EXPECT_EQ(index.UnknownSectionText("database"), "database: unknown section");
}

}  // namespace
}  // namespace dvc::configfile
