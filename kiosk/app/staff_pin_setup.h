// `kiosk --set-staff-pin`: the installer types the staff PIN on standard
// input (never on the command line, where `ps` and the shell history would
// keep it) and it is stored through kiosk/staff's StaffPin.
// Thread-safety: one caller at a time (it opens the kiosk database).
#pragma once

#include <istream>
#include <string>

#include "config/kiosk_config.h"
#include "core/status.h"
#include "staff/staff_pin.h"

namespace dvc::kiosk {

// The staff lockout policy the config asks for (staff.max_failures, staff.lockout_s).
StaffPolicy StaffPolicyOf(const KioskConfig& config);

// Reads the PIN from the first line of `in` (a trailing "\r" is dropped) and
// sets it in config.DatabasePath(), creating data_dir if needed.
// Errors: kInvalidInput with PinProblem's Vietnamese text when the PIN is
// refused (or none was given); as StaffPin::Open and SetPin otherwise.
Status SetStaffPinFromInput(const KioskConfig& config, std::istream& in);

}  // namespace dvc::kiosk
