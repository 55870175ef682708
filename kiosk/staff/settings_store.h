// Settings a clerk changes on the kiosk itself (staff mode → Settings): the
// receipt printer's device and paper width, the idle timeout and the default
// language. They are kept in the `settings` table of kiosk.db (key = the
// config key, value = its text) and override the TOML file's values at start
// and as soon as they are saved, so no restart is needed
// (docs/kiosk-config.md, "Settings changed on the kiosk").
//
// Every value goes through the config's own key table (ApplyOverride), so a
// setting saved here obeys the same bounds and cross-key rules as the file.
//
// Thread-safety: one thread at a time. Ownership: owns its own connection to
// kiosk.db (SQLite serialises it with the outbox's and the PIN's).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "config/kiosk_config.h"
#include "core/status.h"
#include "store/database.h"

namespace dvc::kiosk {

// The config keys staff may change, in the order they are stored.
inline constexpr std::string_view kStaffSettingKeys[] = {"printer.device", "printer.width_mm",
                                                         "idle_timeout_s", "language"};

// The values of kStaffSettingKeys.
struct StaffSettings {
  std::string printer_device;  // empty: receipts are written as files
  int64_t printer_width_mm = 80;
  int64_t idle_timeout_s = 90;
  std::string language = "vi";

  friend bool operator==(const StaffSettings&, const StaffSettings&) = default;
};

// The staff settings as `config` has them now.
StaffSettings StaffSettingsOf(const KioskConfig& config);

// Sets the four keys in `config` through ApplyOverride. Errors: the first
// key's kInvalidInput (its bounds, or idle_timeout_s not above
// idle_warning_s); `config` is unchanged on error.
Status ApplyStaffSettings(KioskConfig& config, const StaffSettings& settings);

class SettingsStore {
 public:
  // Opens <db_path> (kiosk.db), migrating it if needed.
  // Errors: as store::Database::Open.
  static Result<std::unique_ptr<SettingsStore>> Open(const std::string& db_path);

  // Overrides `config` with the settings saved earlier (none saved: unchanged).
  // Errors: database errors; kInvalidInput naming the key when a stored value
  // no longer fits the config (e.g. the file raised idle_warning_s above it);
  // `config` is then unchanged.
  Status ApplySaved(KioskConfig& config);

  // Checks `settings` against `config`, writes all four in one committed
  // transaction, then applies them to `config`.
  // Errors: kInvalidInput from ApplyStaffSettings (nothing written);
  // database errors (nothing written, `config` unchanged).
  Status Save(const StaffSettings& settings, KioskConfig& config);

  explicit SettingsStore(std::unique_ptr<store::Database> db) : db_(std::move(db)) {}

 private:
  std::unique_ptr<store::Database> db_;
};

}  // namespace dvc::kiosk
