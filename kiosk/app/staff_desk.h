// The seam between staff mode's screens and what they act on: the staff PIN,
// the outbox's list, the scan folders, thumbnails and the saved settings.
// The app's actions call it between frames, never draw code. The production
// implementation is KioskStaffDesk; tests substitute their own.
// Thread-safety: called from the main thread only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/dossier_desk.h"
#include "core/status.h"
#include "outbox/scan_folder.h"
#include "staff/settings_store.h"
#include "staff/staff_pin.h"

namespace dvc::kiosk {

class StaffDesk {
 public:
  virtual ~StaffDesk() = default;
  // Checks a typed PIN now (slow: Argon2id, ~0.4 s). Errors: database errors.
  virtual Result<PinCheck> VerifyPin(std::string_view pin) = 0;
  // The dossiers this kiosk holds, newest first, at most `limit`, each with a
  // signed receipt (masked name and phone) ready to reprint. Errors: kIo, kCorrupt.
  virtual Result<std::vector<DossierSummary>> ListDossiers(size_t limit) = 0;
  // The scans in the scan folders and on USB sticks, newest first. Never fails.
  virtual std::vector<ScanFile> ListScans() = 0;
  // A thumbnail of an image scan. Errors: as MakeThumbnail.
  virtual Result<Thumbnail> LoadThumbnail(const std::string& path) = 0;
  // The settings in force.
  virtual StaffSettings Settings() const = 0;
  // Saves and applies `settings` (the printer at the next print, the language
  // and idle time through the caller). Errors: as SettingsStore::Save.
  virtual Status SaveSettings(const StaffSettings& settings) = 0;
};

}  // namespace dvc::kiosk
