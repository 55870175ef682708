#include "config/kiosk_config.h"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config_keys.h"
#include "outbox/kiosk_identity.h"
#include "outbox/outbox_test_support.h"
#include "store/scratch_dir.h"

namespace dvc::kiosk {
namespace {

const std::string kExamplePath = DVC_SOURCE_DIR "/deploy/kiosk.example.toml";

std::string ErrorOf(std::string_view text) {
  auto parsed = ParseKioskConfig(text, "kiosk.toml");
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? "" : parsed.status().message();
}

// The paths the config reports are the files the kiosk really opens.
TEST(KioskConfigTest, DataPathsAreTheFilesTheKioskOpens) {
  store::ScratchDir scratch;
  KioskConfig config = DefaultKioskConfig();
  config.data_dir = scratch.File("data");
  ASSERT_TRUE(KioskIdentity::LoadOrCreate(config.data_dir).ok());
  EXPECT_TRUE(std::filesystem::exists(config.KeyPath()));
  ASSERT_TRUE(Outbox::Open(config.data_dir, testing::TestOutboxOptions()).ok());
  EXPECT_TRUE(std::filesystem::exists(config.DatabasePath()));
}

TEST(KioskConfigTest, DefaultsAreTheDocumentedOnes) {
  const KioskConfig config = DefaultKioskConfig();
  EXPECT_EQ(config.language, "vi");
  EXPECT_EQ(config.idle_timeout_s, 90);
  EXPECT_EQ(config.idle_warning_s, 20);
  EXPECT_EQ(config.printer_device, "");
  EXPECT_EQ(config.printer_width_mm, 80);
  EXPECT_EQ(config.staff_max_failures, 5);
  EXPECT_EQ(config.staff_lockout_s, 300);
  EXPECT_EQ(config.office_hours.ToString(), "07:30-11:30,13:30-17:00");
  // A development build reads the source tree's catalog.
  const std::string source_catalog = DVC_SOURCE_DIR "/assets/catalog";
  EXPECT_EQ(config.catalog_dir, source_catalog);
  auto empty = ParseKioskConfig("", "kiosk.toml");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->idle_timeout_s, 90);
  auto no_file = LoadKioskConfig("");
  ASSERT_TRUE(no_file.ok());
  EXPECT_EQ(no_file->commune_code, config.commune_code);
}

TEST(KioskConfigTest, ReadsEveryKindOfKey) {
  auto config = ParseKioskConfig(R"(
data_dir = "/srv/kiosk"
commune_code = "12439"
commune_name = "Phường Trần Lãm"
issuer_number = 42
language = "en"
idle_timeout_s = 120
idle_warning_s = 30
office_hours = "08:00-12:00, 13:00-16:30"
scan_folders = ["/home/kiosk/scans", "/srv/scans"]

[printer]
device = "/dev/usb/lp0"
width_mm = 58

[staff]
max_failures = 3
lockout_s = 600
)",
                                 "kiosk.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->data_dir, "/srv/kiosk");
  EXPECT_EQ(config->commune_code, "12439");
  EXPECT_EQ(config->commune_name, "Phường Trần Lãm");
  EXPECT_EQ(config->issuer_number, 42);
  EXPECT_EQ(config->language, "en");
  EXPECT_EQ(config->idle_timeout_s, 120);
  EXPECT_EQ(config->idle_warning_s, 30);
  EXPECT_EQ(config->office_hours.ToString(), "08:00-12:00,13:00-16:30");
  EXPECT_EQ(config->scan_folders, (std::vector<std::string>{"/home/kiosk/scans", "/srv/scans"}));
  EXPECT_EQ(config->printer_device, "/dev/usb/lp0");
  EXPECT_EQ(config->printer_width_mm, 58);
  EXPECT_EQ(config->staff_max_failures, 3);
  EXPECT_EQ(config->staff_lockout_s, 600);
}

TEST(KioskConfigTest, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(ErrorOf("language = \"vi\"\nidle_timeout_s = 5\n"),
            "kiosk.toml:2: idle_timeout_s: expected an integer between 30 and 3600");
  EXPECT_EQ(ErrorOf("idle_timeout_s = \"90\"\n"),
            "kiosk.toml:1: idle_timeout_s: expected an integer between 30 and 3600");
  EXPECT_EQ(ErrorOf("[printer]\nwidth_mm = 70\n"),
            "kiosk.toml:2: printer.width_mm: expected 58 or 80");
  EXPECT_EQ(ErrorOf("language = \"fr\""), "kiosk.toml:1: language: expected \"vi\" or \"en\"");
  EXPECT_EQ(ErrorOf("commune_code = \"1243\""),
            "kiosk.toml:1: commune_code: expected exactly 5 digits");
  EXPECT_EQ(ErrorOf("idle_warning_s = 10"),
            "kiosk.toml:1: idle_warning_s: expected an integer between 20 and 600");
  EXPECT_EQ(ErrorOf("idle_timeout_s = 60\nidle_warning_s = 60"),
            "kiosk.toml:2: idle_warning_s: expected less than idle_timeout_s (60)");
  EXPECT_EQ(ErrorOf("scan_folders = [\"/a\", 3]"),
            "kiosk.toml:1: scan_folders: expected a list of strings");
  EXPECT_NE(ErrorOf("office_hours = \"17:00-07:30\"").find("kiosk.toml:1: office_hours: expected"),
            std::string::npos);
  EXPECT_EQ(ErrorOf("printer = 3"), "kiosk.toml:1: printer: expected a table ([printer])");
  // TOML syntax errors carry toml++'s own description and the line.
  EXPECT_EQ(ErrorOf("\n\nlanguage = vi\n").rfind("kiosk.toml:3: ", 0), 0u);
  // Several problems are listed in file order.
  EXPECT_EQ(ErrorOf("issuer_number = 0\nlanguage = \"de\""),
            "kiosk.toml:1: issuer_number: expected an integer between 1 and 1023\n"
            "kiosk.toml:2: language: expected \"vi\" or \"en\"");
}

TEST(KioskConfigTest, UnknownKeysAreRefusedWithTheNearestKnownOne) {
  EXPECT_EQ(ErrorOf("idle_timout_s = 90"),
            "kiosk.toml:1: idle_timout_s: unknown key; did you mean idle_timeout_s?");
  EXPECT_EQ(ErrorOf("[printer]\ndevise = \"/dev/usb/lp0\""),
            "kiosk.toml:2: printer.devise: unknown key; did you mean printer.device?");
  EXPECT_EQ(ErrorOf("device = \"/dev/usb/lp0\""),
            "kiosk.toml:1: device: unknown key; did you mean printer.device?");
  EXPECT_EQ(ErrorOf("completely_unrelated_setting = 1"),
            "kiosk.toml:1: completely_unrelated_setting: unknown key");
}

TEST(KioskConfigTest, OverridesUseTheSameRules) {
  KioskConfig config = DefaultKioskConfig();
  ASSERT_TRUE(ApplyOverride(config, "data_dir", "/tmp/kiosk-demo").ok());
  EXPECT_EQ(config.data_dir, "/tmp/kiosk-demo");
  ASSERT_TRUE(ApplyOverride(config, "idle_timeout_s", "45").ok());
  EXPECT_EQ(config.idle_timeout_s, 45);
  ASSERT_TRUE(ApplyOverride(config, "scan_folders", "/a,/b").ok());
  EXPECT_EQ(config.scan_folders, (std::vector<std::string>{"/a", "/b"}));

  Status bad = ApplyOverride(config, "idle_timeout_s", "45s");
  EXPECT_EQ(bad.message(), "--idle_timeout_s: expected an integer between 30 and 3600");
  EXPECT_EQ(config.idle_timeout_s, 45);  // unchanged
  Status too_short = ApplyOverride(config, "idle_timeout_s", "20");
  EXPECT_EQ(too_short.message(), "--idle_timeout_s: expected an integer between 30 and 3600");
  Status crossing = ApplyOverride(config, "idle_warning_s", "45");
  EXPECT_EQ(crossing.message(), "--idle_warning_s: expected less than idle_timeout_s (45)");
  EXPECT_EQ(config.idle_warning_s, 20);
  EXPECT_EQ(ApplyOverride(config, "data-dir", "/x").message(),
            "data-dir: unknown key; did you mean data_dir?");
}

std::string ReadExample() {
  std::ifstream in(kExamplePath, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// deploy/kiosk.example.toml is the rendering of the key table. Run the test with
// DVC_UPDATE_EXAMPLE=1 to rewrite it after changing the table.
TEST(KioskConfigTest, ExampleFileIsTheKeyTable) {
  const std::string rendered = RenderExampleConfig();
  if (std::getenv("DVC_UPDATE_EXAMPLE") != nullptr) {
    std::ofstream(kExamplePath, std::ios::binary | std::ios::trunc) << rendered;
  }
  const std::string file = ReadExample();
  EXPECT_EQ(file, rendered) << kExamplePath
                            << " is out of date; rerun this test with DVC_UPDATE_EXAMPLE=1";
  auto parsed = ParseKioskConfig(file, "kiosk.example.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  // Every key of the table is set in the file (not only mentioned in a comment).
  const toml::table table = toml::parse(file);
  for (const ConfigKey& key : ConfigKeys()) {
    EXPECT_TRUE(table.at_path(key.name)) << key.name << " missing from " << kExamplePath;
  }
}

}  // namespace
}  // namespace dvc::kiosk

namespace dvc::kiosk {
namespace {

TEST(KioskConfigSyncTest, ReadsTheSyncTable) {
  const KioskConfig defaults = DefaultKioskConfig();
  EXPECT_EQ(defaults.sync_interval_s, 60);
  EXPECT_EQ(defaults.sync_batch_size, 50);
  EXPECT_EQ(defaults.sync_chunk_kib, 256);
  EXPECT_FALSE(defaults.sync_allow_plain_http);
  auto config = ParseKioskConfig(
      "[sync]\ninterval_s = 15\nbatch_size = 100\nchunk_kib = 64\nallow_plain_http = true\n",
      "kiosk.toml");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->sync_interval_s, 15);
  EXPECT_EQ(config->sync_batch_size, 100);
  EXPECT_EQ(config->sync_chunk_kib, 64);
  EXPECT_TRUE(config->sync_allow_plain_http);
}

TEST(KioskConfigSyncTest, RefusesWhatTheGatewayWouldRefuse) {
  // The gateway takes at most 100 dossiers a push and 4 MiB a chunk.
  EXPECT_EQ(ErrorOf("[sync]\nbatch_size = 101\n"),
            "kiosk.toml:2: sync.batch_size: expected an integer between 1 and 100");
  EXPECT_EQ(ErrorOf("[sync]\nchunk_kib = 8192\n"),
            "kiosk.toml:2: sync.chunk_kib: expected an integer between 16 and 4096");
  EXPECT_EQ(ErrorOf("[sync]\nallow_plain_http = \"yes\"\n"),
            "kiosk.toml:2: sync.allow_plain_http: expected true or false");
  EXPECT_EQ(ErrorOf("allow_plain_http = true\n"),
            "kiosk.toml:1: allow_plain_http: unknown key; did you mean sync.allow_plain_http?");
  KioskConfig config = DefaultKioskConfig();
  EXPECT_TRUE(ApplyOverride(config, "sync.allow_plain_http", "true").ok());
  EXPECT_TRUE(config.sync_allow_plain_http);
  EXPECT_FALSE(ApplyOverride(config, "sync.allow_plain_http", "1").ok());
}

}  // namespace
}  // namespace dvc::kiosk
