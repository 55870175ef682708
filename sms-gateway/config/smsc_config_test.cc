// SMSC connection files: one per connection, checked like gateway.toml.
#include "config/smsc_config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "store/scratch_dir.h"

namespace dvc::gateway {
namespace {

TEST(SmscConfigTest, AConnectionFileGivesItsAccountAndDefaults) {
  auto config = ParseSmscConfig(
      "host = \"10.0.0.5\"\nsystem_id = \"dvc_tinh\"\npassword = \"s3cret\"\n"
      "window = 50\nprefixes = [\"8486\", \"8496\"]\n",
      "viettel.toml", "viettel");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->name, "viettel");
  EXPECT_EQ(config->host, "10.0.0.5");
  EXPECT_EQ(config->port, 2775);
  EXPECT_EQ(config->window, 50);
  EXPECT_EQ(config->bind_mode, "transceiver");
  EXPECT_TRUE(config->registered_delivery);
  EXPECT_EQ(config->prefixes, (std::vector<std::string>{"8486", "8496"}));
}

TEST(SmscConfigTest, MistakesAreNamedWithFileAndKey) {
  EXPECT_EQ(ParseSmscConfig("host = \"x\"\n", "a.toml", "a").status().message(),
            "a.toml: system_id: expected the account's system_id");
  EXPECT_EQ(ParseSmscConfig("system_id = \"a\"\npassword = \"toolongpass\"\n", "a.toml", "a")
                .status()
                .message(),
            "a.toml:2: password: expected at most 8 characters");
  EXPECT_EQ(ParseSmscConfig("system_id = \"a\"\nprefixes = [\"0912\"]\n", "a.toml", "a")
                .status()
                .message(),
            "a.toml:2: prefixes: entry 1: expected an international prefix of 2 to 8 digits "
            "starting with 84, e.g. \"8486\"");
  EXPECT_FALSE(ParseSmscConfig("system_id = \"a\"\nwindow = 0\n", "a.toml", "a").ok());
  EXPECT_FALSE(ParseSmscConfig("system_id = \"a\"\nbind_mode = \"rx\"\n", "a.toml", "a").ok());
  EXPECT_FALSE(ParseSmscConfig("system_id = \"a\"\nhots = \"b\"\n", "a.toml", "a").ok());
}

TEST(SmscConfigTest, ADirectoryGivesOneConnectionPerFileInNameOrder) {
  store::ScratchDir dir;
  EXPECT_NE(LoadSmscConfigs(dir.File("")).status().message().find("no SMSC connection file"),
            std::string::npos);
  std::ofstream(dir.File("vnpt.toml")) << "system_id = \"b\"\n";
  std::ofstream(dir.File("viettel.toml")) << "system_id = \"a\"\n";
  std::ofstream(dir.File("notes.txt")) << "ignored\n";
  auto configs = LoadSmscConfigs(dir.File(""));
  ASSERT_TRUE(configs.ok()) << configs.status().message();
  ASSERT_EQ(configs->size(), 2u);
  EXPECT_EQ((*configs)[0].name, "viettel");
  EXPECT_EQ((*configs)[1].system_id, "b");
  std::ofstream(dir.File("Bad Name.toml")) << "system_id = \"c\"\n";
  EXPECT_FALSE(LoadSmscConfigs(dir.File("")).ok());
  EXPECT_EQ(LoadSmscConfigs(dir.File("missing")).status().code(), ErrorCode::kIo);
}

TEST(SmscConfigTest, TheExampleFileDocumentsEveryKey) {
  const std::string example = SmscExampleFile();
  for (const auto& key : SmscConfigKeys()) {
    EXPECT_NE(example.find("\n" + std::string(key.name) + " = "), std::string::npos) << key.name;
  }
}

}  // namespace
}  // namespace dvc::gateway
