#include "sync/corrected_clock.h"

#include <chrono>

namespace dvc::kiosk {

int64_t SystemUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace dvc::kiosk
