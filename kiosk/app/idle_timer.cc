#include "app/idle_timer.h"

#include <algorithm>
#include <cstdlib>

namespace dvc::kiosk {

IdleTimer::IdleTimer(int64_t quiet_ms, int64_t warning_ms)
    : quiet_ms_(quiet_ms), warning_ms_(warning_ms) {
  if (quiet_ms <= 0 || warning_ms <= 0) std::abort();
}

IdlePhase IdleTimer::Phase(int64_t now_ms) const {
  const int64_t quiet = now_ms - last_input_ms_;
  if (quiet < quiet_ms_) return IdlePhase::kActive;
  if (quiet < quiet_ms_ + warning_ms_) return IdlePhase::kWarning;
  return IdlePhase::kExpired;
}

int64_t IdleTimer::SecondsLeft(int64_t now_ms) const {
  const int64_t left_ms =
      std::clamp<int64_t>(last_input_ms_ + quiet_ms_ + warning_ms_ - now_ms, 0, warning_ms_);
  return (left_ms + 999) / 1000;
}

int64_t IdleTimer::MsUntilNextChange(int64_t now_ms) const {
  const int64_t warning_at = last_input_ms_ + quiet_ms_;
  const int64_t expire_at = warning_at + warning_ms_;
  if (now_ms < warning_at) return warning_at - now_ms;
  if (now_ms >= expire_at) return 0;
  // The shown number changes when the time left crosses a whole second.
  const int64_t left = expire_at - now_ms;
  const int64_t to_tick = left % 1000;
  return to_tick == 0 ? 1000 : to_tick;
}

void IdleTimer::SetQuietMs(int64_t quiet_ms) {
  if (quiet_ms <= 0) std::abort();
  quiet_ms_ = quiet_ms;
}

}  // namespace dvc::kiosk
