// Settings saved in staff mode: durable in a real kiosk.db, checked against
// the config's key table, and applied over the file's values when reopened.
#include "staff/settings_store.h"

#include <gtest/gtest.h>

#include "outbox/kiosk_schema.h"
#include "store/scratch_dir.h"

namespace dvc::kiosk {
namespace {

std::unique_ptr<SettingsStore> Open(const std::string& path) {
  auto store = SettingsStore::Open(path);
  EXPECT_TRUE(store.ok()) << store.status().message();
  return store.ok() ? std::move(store).value() : nullptr;
}

StaffSettings Changed() { return StaffSettings{"/dev/usb/lp0", 58, 180, "en"}; }

TEST(SettingsStoreTest, SavedSettingsOverrideTheFileAfterARestart) {
  store::ScratchDir dir;
  const std::string db = dir.File("kiosk.db");
  KioskConfig config = DefaultKioskConfig();
  {
    auto store = Open(db);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->Save(Changed(), config).ok());
    EXPECT_EQ(StaffSettingsOf(config), Changed());  // in force at once
  }
  // A new process: the file's defaults, then what staff saved.
  KioskConfig restarted = DefaultKioskConfig();
  EXPECT_EQ(restarted.printer_device, "");
  auto store = Open(db);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->ApplySaved(restarted).ok());
  EXPECT_EQ(restarted.printer_device, "/dev/usb/lp0");
  EXPECT_EQ(restarted.printer_width_mm, 58);
  EXPECT_EQ(restarted.idle_timeout_s, 180);
  EXPECT_EQ(restarted.language, "en");
  EXPECT_EQ(restarted.commune_code, DefaultKioskConfig().commune_code);  // others untouched
}

TEST(SettingsStoreTest, NothingSavedLeavesTheConfigAsItWas) {
  store::ScratchDir dir;
  auto store = Open(dir.File("kiosk.db"));
  ASSERT_TRUE(store);
  KioskConfig config = DefaultKioskConfig();
  config.idle_timeout_s = 120;
  ASSERT_TRUE(store->ApplySaved(config).ok());
  EXPECT_EQ(config.idle_timeout_s, 120);
}

TEST(SettingsStoreTest, OutOfBoundsValuesAreRefusedAndNothingIsWritten) {
  store::ScratchDir dir;
  const std::string db = dir.File("kiosk.db");
  auto store = Open(db);
  ASSERT_TRUE(store);
  KioskConfig config = DefaultKioskConfig();
  StaffSettings bad = Changed();
  bad.printer_width_mm = 70;
  EXPECT_FALSE(store->Save(bad, config).ok());
  bad = Changed();
  bad.idle_timeout_s = config.idle_warning_s;  // the warning must be shorter
  Status refused = store->Save(bad, config);
  EXPECT_EQ(refused.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(refused.message().find("idle"), std::string::npos) << refused.message();
  bad = Changed();
  bad.language = "fr";
  EXPECT_FALSE(store->Save(bad, config).ok());
  EXPECT_EQ(StaffSettingsOf(config), StaffSettingsOf(DefaultKioskConfig()));
  KioskConfig reopened = DefaultKioskConfig();
  ASSERT_TRUE(Open(db)->ApplySaved(reopened).ok());
  EXPECT_EQ(StaffSettingsOf(reopened), StaffSettingsOf(DefaultKioskConfig()));
}

TEST(SettingsStoreTest, ASavedValueTheFileNoLongerAllowsIsReported) {
  store::ScratchDir dir;
  const std::string db = dir.File("kiosk.db");
  KioskConfig config = DefaultKioskConfig();
  StaffSettings settings = StaffSettingsOf(config);
  settings.idle_timeout_s = 60;
  ASSERT_TRUE(Open(db)->Save(settings, config).ok());
  KioskConfig stricter = DefaultKioskConfig();
  stricter.idle_warning_s = 90;
  stricter.idle_timeout_s = 120;
  Status applied = Open(db)->ApplySaved(stricter);
  EXPECT_EQ(applied.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(applied.message().find("staff mode"), std::string::npos) << applied.message();
  EXPECT_EQ(stricter.idle_timeout_s, 120);  // unchanged
}

}  // namespace
}  // namespace dvc::kiosk
