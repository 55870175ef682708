#include "app/ui_strings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "text/normalize.h"

namespace dvc::kiosk {
namespace {

const std::string kShipped = std::string(DVC_SOURCE_DIR) + "/assets/ui/strings.json";

TEST(UiStringsTest, ShippedTableHasEveryKeyInBothLanguages) {
  Result<UiStrings> strings = LoadUiStrings(kShipped);
  ASSERT_TRUE(strings.ok()) << strings.status().message();
  for (size_t i = 0; i < kStringCount; ++i) {
    const auto id = static_cast<StringId>(i);
    const std::string& vi = strings->Get(id, catalog::Language::kVi);
    const std::string& en = strings->Get(id, catalog::Language::kEn);
    EXPECT_FALSE(vi.empty()) << kStringKeys[i];
    EXPECT_FALSE(en.empty()) << kStringKeys[i];
    EXPECT_EQ(vi, text::ToNfc(vi)) << kStringKeys[i];
  }
  EXPECT_EQ(strings->Get(StringId::kWelcomeSubmit, catalog::Language::kVi), "Nộp hồ sơ");
  EXPECT_EQ(strings->Get(StringId::kWelcomeSubmit, catalog::Language::kEn), "Submit a dossier");
}

// Every StringId named in the kiosk's sources is in the key list (the enum
// guarantees it at compile time); this checks the reverse: no listed key is
// dead, so the table holds only text the kiosk shows.
TEST(UiStringsTest, EveryListedKeyIsUsedInCode) {
  // Every non-test source of the kiosk, so a file added later is read too.
  std::string sources;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(DVC_SOURCE_DIR) + "/kiosk")) {
    const std::string path = entry.path().string();
    if (entry.path().extension() != ".cc" || path.ends_with("_test.cc")) continue;
    std::ifstream in(path);
    ASSERT_TRUE(in) << path;
    std::stringstream buffer;
    buffer << in.rdbuf();
    sources += buffer.str();
  }
  std::set<std::string> used;
  const std::regex id_pattern("StringId::(k[A-Za-z]+)");
  for (auto it = std::sregex_iterator(sources.begin(), sources.end(), id_pattern);
       it != std::sregex_iterator(); ++it) {
    used.insert((*it)[1]);
  }
  const char* names[] = {
#define DVC_KIOSK_STRING_NAME(id, key) #id,
      DVC_KIOSK_STRINGS(DVC_KIOSK_STRING_NAME)
#undef DVC_KIOSK_STRING_NAME
  };
  for (const char* name : names) EXPECT_TRUE(used.count(name)) << name << " is never shown";
}

TEST(UiStringsTest, RefusesMissingUnknownAndHalfTranslatedKeys) {
  Result<UiStrings> missing = ParseUiStrings("{}", "s.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "s.json: key \"app.title\" is missing");

  Result<UiStrings> unknown = ParseUiStrings(R"({"app.titel": {"vi": "a", "en": "b"}})", "s.json");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "s.json: \"app.titel\" is not a key the kiosk uses");

  Result<UiStrings> half = ParseUiStrings(R"({"app.title": {"vi": "Dịch vụ công"}})", "s.json");
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.status().message(), "s.json: \"app.title\": \"en\" text is missing");

  EXPECT_FALSE(ParseUiStrings("not json", "s.json").ok());
  EXPECT_FALSE(ParseUiStrings("[1]", "s.json").ok());
}

TEST(UiStringsTest, FormatReplacesPlaceholders) {
  Result<UiStrings> strings = LoadUiStrings(kShipped);
  ASSERT_TRUE(strings.ok());
  EXPECT_EQ(
      strings->Format(StringId::kFormStep, catalog::Language::kVi, {{"n", "2"}, {"total", "4"}}),
      "Bước 2/4");
  EXPECT_EQ(
      strings->Format(StringId::kFormStep, catalog::Language::kEn, {{"n", "2"}, {"total", "4"}}),
      "Step 2 of 4");
}

TEST(UiStringsTest, StringsAreFoundBesideTheConfiguredCatalog) {
  EXPECT_EQ(UiStringsPathBeside("/usr/share/dvc/catalog"), "/usr/share/dvc/ui/strings.json");
  EXPECT_EQ(UiStringsPathBeside("/usr/share/dvc/catalog/"), "/usr/share/dvc/ui/strings.json");
  EXPECT_EQ(UiStringsPathBeside(std::string(DVC_SOURCE_DIR) + "/assets/catalog"), kShipped);
}

TEST(UiStringsTest, KeyboardLabelsFollowTheLanguage) {
  Result<UiStrings> strings = LoadUiStrings(kShipped);
  ASSERT_TRUE(strings.ok()) << strings.status().message();
  EXPECT_EQ(strings->Get(StringId::kKeyboardShift, catalog::Language::kVi), "Chữ HOA");
  EXPECT_NE(strings->Get(StringId::kKeyboardShift, catalog::Language::kEn), "Chữ HOA");
}

}  // namespace
}  // namespace dvc::kiosk
