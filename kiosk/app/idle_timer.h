// The idle timeout as a pure state machine with the clock passed in.
//
// After `quiet_ms` without resident input the kiosk shows a warning with a
// visible countdown of `warning_ms`; if nobody taps "Tiếp tục" (continue)
// before it runs out, the session is wiped and the welcome screen returns.
// So a resident who walks away is wiped after quiet_ms + warning_ms.
// Thread-safety: value type; no clock of its own.
#pragma once

#include <cstdint>

namespace dvc::kiosk {

enum class IdlePhase { kActive, kWarning, kExpired };

class IdleTimer {
 public:
  // REQUIRES: quiet_ms > 0, warning_ms > 0.
  IdleTimer(int64_t quiet_ms, int64_t warning_ms);

  // Resident input at `now_ms` (or "continue" tapped): back to kActive.
  void Touch(int64_t now_ms) { last_input_ms_ = now_ms; }
  // A new quiet period (settings changed in staff mode); the warning's length
  // stays. REQUIRES: quiet_ms > 0.
  void SetQuietMs(int64_t quiet_ms);

  IdlePhase Phase(int64_t now_ms) const;
  // Whole seconds left on the countdown, rounded up (the number shown);
  // 0 once expired; the full warning while still active.
  int64_t SecondsLeft(int64_t now_ms) const;
  // Milliseconds until what is displayed changes: the warning appearing,
  // the countdown's next second, or expiry. The event loop sleeps this long
  // when nothing else happens. 0 once expired.
  int64_t MsUntilNextChange(int64_t now_ms) const;

 private:
  int64_t quiet_ms_;
  int64_t warning_ms_;
  int64_t last_input_ms_ = 0;
};

}  // namespace dvc::kiosk
