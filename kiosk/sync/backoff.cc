#include "sync/backoff.h"

#include <algorithm>

namespace dvc::kiosk {

std::chrono::milliseconds Backoff::Ceiling() const {
  // base·2^failures, saturating at the cap (and before the shift overflows).
  int64_t ceiling = base_.count();
  for (int i = 0; i < failures_ && ceiling < cap_.count(); ++i) ceiling *= 2;
  return std::chrono::milliseconds(std::min<int64_t>(ceiling, cap_.count()));
}

std::chrono::milliseconds Backoff::Next() {
  const int64_t ceiling = Ceiling().count();
  if (failures_ < 64) ++failures_;
  std::uniform_int_distribution<int64_t> draw(0, ceiling);
  return std::chrono::milliseconds(draw(rng_));
}

}  // namespace dvc::kiosk
