#include "configfile/key_table.h"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <fstream>
#include <string>
#include <vector>

#include "store/scratch_dir.h"

namespace dvc::configfile {
namespace {

// A small program's configuration: one key of every type, two sections and a
// cross-key rule, as the kiosk's and the gateway's tables have.
struct TestConfig {
  std::string data_dir;
  std::string language;
  std::vector<std::string> folders;
  calendar::OfficeHours hours = calendar::OfficeHours::Default();
  int64_t low = 0;
  int64_t high = 0;
  int64_t port = 0;
  bool plain = false;
};

constexpr std::string_view kLanguageChoices[] = {"vi", "en"};
constexpr std::string_view kFolders[] = {"/srv/scans", "/media"};

constexpr ConfigKey<TestConfig> kKeys[] = {
    {{.name = "data_dir",
      .type = KeyType::kString,
      .doc = "Where the program keeps its files.",
      .default_string = "/var/lib/test",
      .check = CheckPath},
     &TestConfig::data_dir},
    {{.name = "language",
      .type = KeyType::kString,
      .doc = "Language: \"vi\" or \"en\".",
      .default_string = "vi",
      .string_choices = kLanguageChoices},
     &TestConfig::language},
    {{.name = "folders",
      .type = KeyType::kStringList,
      .doc = "Folders searched, in order. This sentence is long enough to be wrapped onto a "
             "second comment line in the example file, at about ninety columns.",
      .default_list = kFolders,
      .check = CheckPath},
     &TestConfig::folders},
    {{.name = "hours",
      .type = KeyType::kOfficeHours,
      .doc = "Office hours.",
      .default_string = "07:30-11:30,13:30-17:00"},
     &TestConfig::hours},
    {{.name = "limits.low",
      .type = KeyType::kInteger,
      .doc = "Lower limit.",
      .default_integer = 1,
      .min = 0,
      .max = 100},
     &TestConfig::low},
    {{.name = "limits.high",
      .type = KeyType::kInteger,
      .doc = "Upper limit, above low.",
      .default_integer = 10,
      .min = 0,
      .max = 100},
     &TestConfig::high},
    {{.name = "net.port",
      .type = KeyType::kInteger,
      .doc = "TCP port.",
      .default_integer = 8460,
      .min = 0,
      .max = 65535},
     &TestConfig::port},
    {{.name = "net.plain",
      .type = KeyType::kBoolean,
      .doc = "Plain HTTP.",
      .default_boolean = false},
     &TestConfig::plain},
};

std::vector<Problem> LowBelowHigh(const TestConfig& config, const SeenKeys& seen) {
  if (config.low < config.high) return {};
  return {{seen.LineOf("limits.low"),
           "limits.low: expected less than limits.high (" + std::to_string(config.high) + ")"}};
}

const KeyTable<TestConfig>& Table() {
  static const KeyTable<TestConfig> table(kKeys, LowBelowHigh);
  return table;
}

std::string ErrorOf(std::string_view text) {
  auto parsed = Table().Parse(text, "test.toml");
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? "" : parsed.status().message();
}

TEST(KeyTableTest, DefaultsComeFromTheTable) {
  const TestConfig& config = Table().Defaults();
  EXPECT_EQ(config.data_dir, "/var/lib/test");
  EXPECT_EQ(config.folders, (std::vector<std::string>{"/srv/scans", "/media"}));
  EXPECT_EQ(config.hours.ToString(), "07:30-11:30,13:30-17:00");
  EXPECT_EQ(config.port, 8460);
  auto empty = Table().Parse("", "test.toml");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->low, 1);
}

TEST(KeyTableTest, ReadsEveryTypeIntoItsMember) {
  auto config = Table().Parse(R"(
data_dir = "/srv/x"
language = "en"
folders = ["/a"]
hours = "08:00-12:00"
[limits]
high = 50
[net]
port = 9000
plain = true
)",
                              "test.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->data_dir, "/srv/x");
  EXPECT_EQ(config->language, "en");
  EXPECT_EQ(config->folders, std::vector<std::string>{"/a"});
  EXPECT_EQ(config->hours.ToString(), "08:00-12:00");
  EXPECT_EQ(config->low, 1);  // absent: the default
  EXPECT_EQ(config->high, 50);
  EXPECT_EQ(config->port, 9000);
  EXPECT_TRUE(config->plain);
}

TEST(KeyTableTest, ErrorsNameFileLineKeyAndExpectation) {
  EXPECT_EQ(ErrorOf("\n[net]\nport = 70000\n"),
            "test.toml:3: net.port: expected an integer between 0 and 65535");
  EXPECT_EQ(ErrorOf("[net]\nport = \"8460\"\n"),
            "test.toml:2: net.port: expected an integer between 0 and 65535");
  EXPECT_EQ(ErrorOf("[net]\nport = 1.5\n"),
            "test.toml:2: net.port: expected an integer between 0 and 65535");
  EXPECT_EQ(ErrorOf("[net]\nplain = 1\n"), "test.toml:2: net.plain: expected true or false");
  EXPECT_EQ(ErrorOf("folders = [\"/a\", 3]"), "test.toml:1: folders: expected a list of strings");
  EXPECT_EQ(ErrorOf("language = \"fr\""), "test.toml:1: language: expected \"vi\" or \"en\"");
  EXPECT_EQ(ErrorOf("data_dir = \"\""), "test.toml:1: data_dir: expected a non-empty path");
  EXPECT_EQ(ErrorOf("net = 3\n"), "test.toml:1: net: expected a table ([net])");
  // TOML syntax errors carry toml++'s own description and the line.
  EXPECT_EQ(ErrorOf("data_dir = \"/x\"\n[net\n").rfind("test.toml:2: ", 0), 0u);
}

TEST(KeyTableTest, UnknownKeysAndSectionsAreRefusedWithTheNearestKnownOne) {
  EXPECT_EQ(ErrorOf("[net]\nprot = 1\n"),
            "test.toml:2: net.prot: unknown key; did you mean net.port?");
  EXPECT_EQ(ErrorOf("port = 1\n"), "test.toml:1: port: unknown key; did you mean net.port?");
  EXPECT_EQ(ErrorOf("zzzzzzzzzzzzzzz = 1\n"), "test.toml:1: zzzzzzzzzzzzzzz: unknown key");
  // A misspelt table is one problem, not one per key inside it.
  EXPECT_EQ(ErrorOf("[limit]\nlow = 1\nhigh = 2\n"),
            "test.toml:1: limit: unknown section; did you mean [limits]?");
  EXPECT_EQ(ErrorOf("[net.tls]\ncert = \"/c\"\n"), "test.toml:1: net.tls: unknown key");
}

TEST(KeyTableTest, ProblemsAreListedInFileOrderAtMostFive) {
  EXPECT_EQ(ErrorOf("[net]\nport = -1\n[limits]\nhigh = 200\n"),
            "test.toml:2: net.port: expected an integer between 0 and 65535\n"
            "test.toml:4: limits.high: expected an integer between 0 and 100");
  const std::string many = ErrorOf("a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6\ng = 7\n");
  EXPECT_EQ(many.substr(0, many.find('\n')), "test.toml:1: a: unknown key");
  EXPECT_NE(many.find("test.toml:5: e: unknown key\n(2 more)"), std::string::npos) << many;
}

TEST(KeyTableTest, CrossKeyRulesRunLastAndNameTheLine) {
  EXPECT_EQ(ErrorOf("language = \"vi\"\n[limits]\nlow = 20\nhigh = 20\n"),
            "test.toml:3: limits.low: expected less than limits.high (20)");
  // Not set in the file: no line.
  EXPECT_EQ(ErrorOf("[limits]\nhigh = 1\n"),
            "test.toml: limits.low: expected less than limits.high (1)");
}

TEST(KeyTableTest, OverridesUseTheSameRules) {
  TestConfig config = Table().Defaults();
  ASSERT_TRUE(Table().Override(config, "net.port", "81").ok());
  EXPECT_EQ(config.port, 81);
  ASSERT_TRUE(Table().Override(config, "folders", "/a,/b").ok());
  EXPECT_EQ(config.folders, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(Table().Override(config, "net.port", "81x").message(),
            "--net.port: expected an integer between 0 and 65535");
  EXPECT_EQ(Table().Override(config, "limits.high", "1").message(),
            "--limits.low: expected less than limits.high (1)");
  EXPECT_EQ(config.high, 10);  // unchanged on error
  EXPECT_EQ(Table().Override(config, "data-dir", "/x").message(),
            "data-dir: unknown key; did you mean data_dir?");
}

TEST(KeyTableTest, LoadNamesThePathAndRefusesHugeFiles) {
  auto missing = Table().Load("/nonexistent/test.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kIo);
  EXPECT_NE(missing.status().message().find("/nonexistent/test.toml"), std::string::npos);
  store::ScratchDir scratch;
  const std::string path = scratch.File("test.toml");
  std::ofstream(path) << "[net]\nport = 99999\n";
  EXPECT_EQ(Table().Load(path).status().message(),
            path + ":2: net.port: expected an integer between 0 and 65535");
  std::ofstream(path, std::ios::trunc) << std::string(kMaxConfigBytes + 1, '#');
  auto huge = Table().Load(path);
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(huge.status().message(), path + ": larger than 1048576 bytes");
}

TEST(KeyTableTest, ExampleFileListsEveryKeyAndReadsBackAsTheDefaults) {
  const std::string example = Table().RenderExample("# Test configuration.\n");
  EXPECT_EQ(example,
            "# Test configuration.\n"
            "\n# Where the program keeps its files.\n"
            "data_dir = \"/var/lib/test\"\n"
            "\n# Language: \"vi\" or \"en\".\n"
            "language = \"vi\"\n"
            "\n# Folders searched, in order. This sentence is long enough to be wrapped onto a "
            "second\n# comment line in the example file, at about ninety columns.\n"
            "folders = [\"/srv/scans\", \"/media\"]\n"
            "\n# Office hours.\n"
            "hours = \"07:30-11:30,13:30-17:00\"\n"
            "\n[limits]\n"
            "\n# Lower limit.\nlow = 1\n"
            "\n# Upper limit, above low.\nhigh = 10\n"
            "\n[net]\n"
            "\n# TCP port.\nport = 8460\n"
            "\n# Plain HTTP.\nplain = false\n");
  auto parsed = Table().Parse(example, "example.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->folders, Table().Defaults().folders);
  EXPECT_EQ(parsed->port, Table().Defaults().port);
  const toml::table table = toml::parse(example);
  for (const ConfigKey<TestConfig>& key : Table().keys()) {
    EXPECT_TRUE(table.at_path(key.name)) << key.name << " missing from the example";
  }
}

}  // namespace
}  // namespace dvc::configfile
