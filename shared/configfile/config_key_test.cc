#include "configfile/config_key.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dvc::configfile {
namespace {

constexpr int64_t kWidths[] = {58, 80};
constexpr std::string_view kLanguages[] = {"vi", "en"};

std::string CheckProblem(const KeySpec& key, Value value) { return CheckValue(key, value); }

TEST(CheckValueTest, IntegersKeepTheirBoundsAndChoices) {
  const KeySpec timeout{.name = "t", .type = KeyType::kInteger, .min = 30, .max = 3600};
  EXPECT_EQ(CheckProblem(timeout, int64_t{30}), "");
  EXPECT_EQ(CheckProblem(timeout, int64_t{3600}), "");
  EXPECT_EQ(CheckProblem(timeout, int64_t{29}), "expected an integer between 30 and 3600");
  EXPECT_EQ(CheckProblem(timeout, int64_t{3601}), "expected an integer between 30 and 3600");
  EXPECT_EQ(CheckProblem(timeout, std::string("90")), "expected an integer between 30 and 3600");
  const KeySpec width{
      .name = "w", .type = KeyType::kInteger, .min = 58, .max = 80, .integer_choices = kWidths};
  EXPECT_EQ(CheckProblem(width, int64_t{80}), "");
  EXPECT_EQ(CheckProblem(width, int64_t{70}), "expected 58 or 80");
}

TEST(CheckValueTest, StringsKeepTheirChoicesChecksAndNfc) {
  const KeySpec language{.name = "l", .type = KeyType::kString, .string_choices = kLanguages};
  EXPECT_EQ(CheckProblem(language, std::string("en")), "");
  EXPECT_EQ(CheckProblem(language, std::string("fr")), "expected \"vi\" or \"en\"");
  EXPECT_EQ(CheckProblem(language, true), "expected \"vi\" or \"en\"");
  const KeySpec path{.name = "p", .type = KeyType::kString, .check = CheckPath};
  EXPECT_EQ(CheckProblem(path, std::string("")), "expected a non-empty path");
  EXPECT_EQ(CheckProblem(path, std::string("a\0b", 3)), "expected a path without NUL characters");
  const KeySpec optional{.name = "o", .type = KeyType::kString, .check = CheckOptionalPath};
  EXPECT_EQ(CheckProblem(optional, std::string("")), "");
  EXPECT_EQ(CheckProblem(optional, int64_t{1}), "expected a string");
  // A resident-facing name typed in NFD is stored NFC.
  const KeySpec name{.name = "n", .type = KeyType::kString, .nfc = true};
  Value value = std::string("Phu\xcc\x9bo\xcc\x9b\xcc\x80ng");  // "Phường" in NFD
  ASSERT_EQ(CheckValue(name, value), "");
  EXPECT_EQ(std::get<std::string>(value), "Phường");
}

TEST(CheckValueTest, ListsBooleansAndOfficeHours) {
  const KeySpec folders{.name = "f", .type = KeyType::kStringList, .check = CheckPath};
  EXPECT_EQ(CheckProblem(folders, std::vector<std::string>{"/a", "/b"}), "");
  EXPECT_EQ(CheckProblem(folders, std::vector<std::string>{"/a", ""}),
            "entry 2: expected a non-empty path");
  EXPECT_EQ(CheckProblem(folders, std::vector<std::string>(33, "/a")), "expected at most 32 entries");
  EXPECT_EQ(CheckProblem(folders, std::string("/a")), "expected a list of strings");
  const KeySpec flag{.name = "b", .type = KeyType::kBoolean};
  EXPECT_EQ(CheckProblem(flag, false), "");
  EXPECT_EQ(CheckProblem(flag, std::string("yes")), "expected true or false");
  const KeySpec hours{.name = "h", .type = KeyType::kOfficeHours};
  Value value = std::string("08:00-12:00, 13:00-16:30");
  ASSERT_EQ(CheckValue(hours, value), "");
  ASSERT_TRUE(std::holds_alternative<calendar::OfficeHours>(value));
  EXPECT_EQ(std::get<calendar::OfficeHours>(value).ToString(), "08:00-12:00,13:00-16:30");
  EXPECT_EQ(CheckProblem(hours, std::string("17:00-07:30"))
                .rfind("expected office hours like \"07:30-11:30,13:30-17:00\" (", 0),
            0u);
}

TEST(ValueFromTextTest, ReadsFlagsAsTheirKeysType) {
  const KeySpec n{.name = "n", .type = KeyType::kInteger, .min = 0, .max = 100};
  EXPECT_EQ(std::get<int64_t>(ValueFromText(n, "45")), 45);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(ValueFromText(n, "45s")));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(ValueFromText(n, "")));
  const KeySpec b{.name = "b", .type = KeyType::kBoolean};
  EXPECT_EQ(std::get<bool>(ValueFromText(b, "true")), true);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(ValueFromText(b, "1")));
  const KeySpec list{.name = "l", .type = KeyType::kStringList};
  EXPECT_EQ(std::get<std::vector<std::string>>(ValueFromText(list, "/a,/b")),
            (std::vector<std::string>{"/a", "/b"}));
  EXPECT_TRUE(std::get<std::vector<std::string>>(ValueFromText(list, "")).empty());
  EXPECT_EQ(std::get<std::vector<std::string>>(ValueFromText(list, "/a,")),
            (std::vector<std::string>{"/a", ""}));
}

}  // namespace
}  // namespace dvc::configfile
