#include "ussd/ussd_menu.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "text/gsm7_safe.h"
#include "ussd/ussd_test_support.h"

namespace dvc::gateway {
namespace {

using nlohmann::json;

json RealMenuJson() {
  return json::parse(core::ReadFile(ussd_test::kSourceDir + "/assets/ussd/menu.json").value());
}

TEST(UssdMenuTest, RealMenuLoadsWithEveryStatusAndDistinctKeys) {
  const UssdMenu menu = ussd_test::RealMenu();
  EXPECT_EQ(menu.key_back, "0");
  EXPECT_EQ(menu.key_next, "9");
  EXPECT_EQ(menu.key_home, "00");
  EXPECT_EQ(text::ToGsm7Safe(menu.main),
            "Dich vu cong tinh Hung Yen\n1. Tra cuu ho so\n2. Thu tuc hanh chinh\n"
            "3. Gio lam viec va lien he");
  for (dossier::DossierStatus status : dossier::AllStatuses()) {
    EXPECT_FALSE(menu.NextStep(status).empty()) << dossier::StatusId(status);
  }
}

TEST(UssdMenuTest, MissingOrWrongTextsAreNamedWithTheirPath) {
  json missing = RealMenuJson();
  missing["texts"].erase("not_found");
  Result<UssdMenu> r = ParseUssdMenu(missing.dump(), "menu.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "menu.json: $.texts.not_found: missing, or not a string");

  json long_screen = RealMenuJson();
  long_screen["texts"]["main"] = std::string(161, 'a');
  r = ParseUssdMenu(long_screen.dump(), "menu.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("$.texts.main: 161 GSM-7 characters"), std::string::npos)
      << r.status().message();

  json no_step = RealMenuJson();
  no_step["texts"]["next_steps"].erase("rejected");
  r = ParseUssdMenu(no_step.dump(), "menu.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("next_steps.rejected"), std::string::npos);

  json same_keys = RealMenuJson();
  same_keys["keys"]["next"] = "0";
  EXPECT_FALSE(ParseUssdMenu(same_keys.dump(), "menu.json").ok());
  json letter_key = RealMenuJson();
  letter_key["keys"]["back"] = "#";
  EXPECT_FALSE(ParseUssdMenu(letter_key.dump(), "menu.json").ok());

  json bad_utf8 = RealMenuJson();
  std::string text = bad_utf8.dump();
  const std::string needle = "Giờ làm việc: ";
  text.replace(text.find(needle), needle.size(), "Gi\xC3 ");
  EXPECT_FALSE(ParseUssdMenu(text, "menu.json").ok());

  EXPECT_FALSE(ParseUssdMenu("[1]", "menu.json").ok());
  EXPECT_FALSE(ParseUssdMenu("{", "menu.json").ok());
  EXPECT_EQ(LoadUssdMenu("/nonexistent/menu.json").status().code(), ErrorCode::kIo);
}

TEST(UssdMenuTest, TemplatesFillKnownNamesOnly) {
  EXPECT_EQ(FillUssdTemplate("Ho so {code}: {status} {x}", {{"code", "A"}, {"status", "B"}}),
            "Ho so A: B {x}");
  EXPECT_EQ(FillUssdTemplate("{code", {{"code", "A"}}), "{code");
}

TEST(UssdMenuTest, SeptetsCountExtensionCharactersTwice) {
  EXPECT_EQ(UssdSeptets("Hồ sơ"), 5u);
  EXPECT_EQ(UssdSeptets("[1]"), 5u);
  EXPECT_EQ(UssdSeptets("€"), 2u);
}

}  // namespace
}  // namespace dvc::gateway
