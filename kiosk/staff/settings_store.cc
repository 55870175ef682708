#include "staff/settings_store.h"

#include <utility>
#include <vector>

#include "outbox/kiosk_schema.h"
#include "store/transaction.h"

namespace dvc::kiosk {
namespace {

// The settings as (key, text) pairs in kStaffSettingKeys order.
std::vector<std::pair<std::string_view, std::string>> AsText(const StaffSettings& s) {
  return {{kStaffSettingKeys[0], s.printer_device},
          {kStaffSettingKeys[1], std::to_string(s.printer_width_mm)},
          {kStaffSettingKeys[2], std::to_string(s.idle_timeout_s)},
          {kStaffSettingKeys[3], s.language}};
}

// Applies (key, text) pairs to a copy of `config`, then to `config`.
Status ApplyPairs(KioskConfig& config,
                  const std::vector<std::pair<std::string_view, std::string>>& pairs) {
  KioskConfig updated = config;
  for (const auto& [key, value] : pairs) DVC_RETURN_IF_ERROR(ApplyOverride(updated, key, value));
  config = std::move(updated);
  return Status::Ok();
}

}  // namespace

StaffSettings StaffSettingsOf(const KioskConfig& config) {
  return StaffSettings{config.printer_device, config.printer_width_mm, config.idle_timeout_s,
                       config.language};
}

Status ApplyStaffSettings(KioskConfig& config, const StaffSettings& settings) {
  return ApplyPairs(config, AsText(settings));
}

Result<std::unique_ptr<SettingsStore>> SettingsStore::Open(const std::string& db_path) {
  Result<std::unique_ptr<store::Database>> db = store::Database::Open(db_path, KioskMigrations());
  if (!db.ok()) return db.status();
  return std::make_unique<SettingsStore>(std::move(*db));
}

Status SettingsStore::ApplySaved(KioskConfig& config) {
  Result<store::Statement> select =
      db_->Prepare("read settings", "SELECT key, value FROM settings ORDER BY key");
  if (!select.ok()) return select.status();
  std::vector<std::pair<std::string_view, std::string>> pairs;
  for (;;) {
    Result<bool> row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const std::string key = select->ColumnText(0);
    // Only the keys staff may set are honoured; anything else in the table
    // (written by a newer kiosk) is left alone.
    for (std::string_view known : kStaffSettingKeys) {
      if (key == known) pairs.emplace_back(known, select->ColumnText(1));
    }
  }
  if (Status applied = ApplyPairs(config, pairs); !applied.ok()) {
    return Status::InvalidInput("kiosk.db settings (saved in staff mode): " + applied.message());
  }
  return Status::Ok();
}

Status SettingsStore::Save(const StaffSettings& settings, KioskConfig& config) {
  KioskConfig checked = config;
  DVC_RETURN_IF_ERROR(ApplyStaffSettings(checked, settings));
  Result<store::Transaction> tx = store::Transaction::Begin(*db_);
  if (!tx.ok()) return tx.status();
  Result<store::Statement> upsert =
      db_->Prepare("save setting",
                   "INSERT INTO settings(key, value) VALUES(?1, ?2) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!upsert.ok()) return upsert.status();
  for (const auto& [key, value] : AsText(settings)) {
    upsert->Reset(true);
    DVC_RETURN_IF_ERROR(upsert->BindText(1, key));
    DVC_RETURN_IF_ERROR(upsert->BindText(2, value));
    DVC_RETURN_IF_ERROR(upsert->Run());
  }
  DVC_RETURN_IF_ERROR(tx->Commit());
  config = std::move(checked);
  return Status::Ok();
}

}  // namespace dvc::kiosk
