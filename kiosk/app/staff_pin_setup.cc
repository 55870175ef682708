#include "app/staff_pin_setup.h"

#include "core/file_util.h"

namespace dvc::kiosk {

StaffPolicy StaffPolicyOf(const KioskConfig& config) {
  StaffPolicy policy;
  policy.max_failures = static_cast<int>(config.staff_max_failures);
  policy.lockout = std::chrono::seconds(config.staff_lockout_s);
  return policy;
}

Status SetStaffPinFromInput(const KioskConfig& config, std::istream& in) {
  std::string pin;
  std::getline(in, pin);
  if (!pin.empty() && pin.back() == '\r') pin.pop_back();
  // Checked before the database is touched, so a typo changes nothing.
  if (const std::string problem = PinProblem(pin); !problem.empty()) {
    return Status::InvalidInput(problem);
  }
  DVC_RETURN_IF_ERROR(core::CreateDirectoriesDurably(config.data_dir));
  Result<std::unique_ptr<StaffPin>> store =
      StaffPin::Open(config.DatabasePath(), StaffPolicyOf(config));
  if (!store.ok()) return store.status();
  return (*store)->SetPin(pin);
}

}  // namespace dvc::kiosk
