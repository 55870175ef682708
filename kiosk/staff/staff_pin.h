// StaffPin: the PIN that opens staff mode, stored as an Argon2id hash in the
// kiosk database (table staff_pin, kiosk/outbox/kiosk_schema.cc), with a lockout
// after too many consecutive wrong PINs that a restart does not reset.
//
// Hashing uses libsodium's crypto_pwhash_str (Argon2id) at the INTERACTIVE
// limits (64 MiB; measured 0.40 s per hash on the 2-core build machine under
// load). MODERATE (256 MiB) took 2.4 s there and would break the kiosk's 150 MB
// memory budget, so it was not chosen. The limits travel inside the stored
// hash string, so raising them later keeps old hashes verifiable.
//
// The clock is passed in (`now`), so lockout is testable and follows the
// kiosk's corrected clock. A clock moved backwards never lengthens a lockout
// beyond lockout_s.
//
// Thread-safety: one thread at a time. Ownership: owns its own connection to
// kiosk.db (separate from the outbox's; SQLite serialises the writers).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/database.h"

namespace dvc::kiosk {

struct StaffPolicy {
  int max_failures = 5;               // staff.max_failures
  std::chrono::seconds lockout{300};  // staff.lockout_s
  // Argon2id costs; tests lower them, production keeps libsodium's INTERACTIVE.
  unsigned long long opslimit = 2;  // crypto_pwhash_OPSLIMIT_INTERACTIVE
  size_t memlimit = 64ull << 20;    // crypto_pwhash_MEMLIMIT_INTERACTIVE
};

enum class PinOutcome {
  kAccepted,
  kWrongPin,   // attempts_left > 0 more tries before the lockout
  kLockedOut,  // retry_after until it lifts (this attempt was not checked)
  kNoPinSet,   // staff mode has no PIN yet: set one with `kiosk --set-staff-pin`
};

// What the UI shows after an attempt.
struct PinCheck {
  PinOutcome outcome = PinOutcome::kWrongPin;
  int attempts_left = 0;
  std::chrono::seconds retry_after{0};
  // "Sai mã PIN. Còn 2 lần thử." / "Tạm khóa, thử lại sau 4 phút." (empty when accepted)
  std::string message_vi;
  std::string message_en;
};

// Why a PIN is refused by SetPin, or empty when it is acceptable: 4–8 digits,
// not all one digit, not a run up or down (1234, 9876), not a common PIN
// (1212, 2580, ...). The text is Vietnamese, for the settings screen.
std::string PinProblem(std::string_view pin);

class StaffPin {
 public:
  // Opens <db_path> (kiosk.db), migrating it if needed.
  // Errors: as store::Database::Open; kInvalidInput for a policy out of range.
  static Result<std::unique_ptr<StaffPin>> Open(const std::string& db_path,
                                                const StaffPolicy& policy = {});

  // Sets (or replaces) the PIN and clears any lockout. The caller decides who
  // may do it (staff mode, or `kiosk --set-staff-pin` at installation).
  // Errors: kInvalidInput with PinProblem's text; kInternal if hashing fails
  // (out of memory); database errors.
  Status SetPin(std::string_view pin);

  // Checks `pin` at time `now` and records the outcome durably. The attempt
  // is recorded as failed before the (slow) hash runs and cleared on a match,
  // so a power cut mid-check still counts it. A lockout found to end more than
  // lockout_s after `now` (the clock went back) is shortened to end lockout_s
  // after `now`.
  // Errors: database errors only (a wrong PIN is a PinCheck, not an error).
  Result<PinCheck> VerifyPin(std::string_view pin, std::chrono::sys_seconds now);

  // True once a PIN has been set. Errors: database errors.
  Result<bool> HasPin();

  StaffPin(std::unique_ptr<store::Database> db, const StaffPolicy& policy)
      : db_(std::move(db)), policy_(policy) {}

 private:
  std::unique_ptr<store::Database> db_;
  StaffPolicy policy_;
};

}  // namespace dvc::kiosk
