// KioskStaffDesk: the production StaffDesk over kiosk.db (staff PIN and saved
// settings), the OutboxDesk (dossier list and receipts) and the configured
// scan folders.
//
// Thread-safety: main thread only (the app's action step).
// Ownership: owns the PIN and settings connections; borrows the config
// (which it changes when settings are saved, so the OutboxDesk reading the
// same config prints with the new printer settings) and the OutboxDesk; both
// must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "app/outbox_desk.h"
#include "app/staff_desk.h"
#include "config/kiosk_config.h"

namespace dvc::kiosk {

class KioskStaffDesk : public StaffDesk {
 public:
  // Opens the PIN and settings stores in config.DatabasePath() with the
  // config's lockout policy and applies the settings saved in staff mode to
  // `config` (they override the file). `unix_now` gives the time (seconds).
  // Errors: as StaffPin::Open, SettingsStore::Open and ApplySaved.
  static Result<std::unique_ptr<KioskStaffDesk>> Open(KioskConfig& config, OutboxDesk& desk,
                                                      std::function<int64_t()> unix_now);

  Result<PinCheck> VerifyPin(std::string_view pin) override;
  Result<std::vector<DossierSummary>> ListDossiers(size_t limit) override;
  std::vector<ScanFile> ListScans() override;
  Result<Thumbnail> LoadThumbnail(const std::string& path) override;
  StaffSettings Settings() const override;
  Status SaveSettings(const StaffSettings& settings) override;

  KioskStaffDesk(KioskConfig& config, OutboxDesk& desk, std::function<int64_t()> unix_now,
                 std::unique_ptr<StaffPin> pin, std::unique_ptr<SettingsStore> settings)
      : config_(config),
        desk_(desk),
        unix_now_(std::move(unix_now)),
        pin_(std::move(pin)),
        settings_(std::move(settings)) {}

 private:
  KioskConfig& config_;
  OutboxDesk& desk_;
  std::function<int64_t()> unix_now_;
  std::unique_ptr<StaffPin> pin_;
  std::unique_ptr<SettingsStore> settings_;
};

// Side of the thumbnails the scan picker shows (pixels, longer side).
inline constexpr int kThumbnailSide = 200;

}  // namespace dvc::kiosk
