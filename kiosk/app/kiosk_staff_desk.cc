#include "app/kiosk_staff_desk.h"

#include <chrono>

#include "app/staff_pin_setup.h"

namespace dvc::kiosk {

Result<std::unique_ptr<KioskStaffDesk>> KioskStaffDesk::Open(KioskConfig& config, OutboxDesk& desk,
                                                             std::function<int64_t()> unix_now) {
  Result<std::unique_ptr<StaffPin>> pin =
      StaffPin::Open(config.DatabasePath(), StaffPolicyOf(config));
  if (!pin.ok()) return pin.status();
  Result<std::unique_ptr<SettingsStore>> settings = SettingsStore::Open(config.DatabasePath());
  if (!settings.ok()) return settings.status();
  DVC_RETURN_IF_ERROR((*settings)->ApplySaved(config));
  return std::make_unique<KioskStaffDesk>(config, desk, std::move(unix_now), std::move(*pin),
                                          std::move(*settings));
}

Result<PinCheck> KioskStaffDesk::VerifyPin(std::string_view pin) {
  return pin_->VerifyPin(pin, std::chrono::sys_seconds(std::chrono::seconds(unix_now_())));
}

Result<std::vector<DossierSummary>> KioskStaffDesk::ListDossiers(size_t limit) {
  return desk_.List(limit);
}

std::vector<ScanFile> KioskStaffDesk::ListScans() {
  return kiosk::ListScans(config_.scan_folders, config_.usb_roots);
}

Result<Thumbnail> KioskStaffDesk::LoadThumbnail(const std::string& path) {
  return MakeThumbnail(path, kThumbnailSide);
}

StaffSettings KioskStaffDesk::Settings() const { return StaffSettingsOf(config_); }

Status KioskStaffDesk::SaveSettings(const StaffSettings& settings) {
  return settings_->Save(settings, config_);
}

}  // namespace dvc::kiosk
