// CorrectedClock: the kiosk's time as the gateway sees it (docs/sync-api.md,
// "Every response"): local time plus the offset measured from the gateway's
// X-DVC-Time header. Request timestamps, receipt times and appointment dates
// all read it, so a kiosk whose battery-less clock restarted in 1970 still
// prints the right date once it has spoken to the gateway.
//
// Thread-safety: NowMs/offset_ms from any thread (the UI reads while the sync
// worker writes); the offset is one atomic. Ownership: owns its local clock.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

namespace dvc::kiosk {

class CorrectedClock {
 public:
  // `local_ms` gives the machine's Unix time in milliseconds (tests pass a fake).
  explicit CorrectedClock(std::function<int64_t()> local_ms, int64_t offset_ms = 0)
      : local_ms_(std::move(local_ms)), offset_ms_(offset_ms) {}

  int64_t LocalMs() const { return local_ms_(); }
  int64_t NowMs() const { return local_ms_() + offset_ms_.load(); }
  int64_t NowSeconds() const { return FloorDiv(NowMs(), 1000); }
  int64_t offset_ms() const { return offset_ms_.load(); }
  void set_offset_ms(int64_t offset) { offset_ms_.store(offset); }

  // offset = gateway time − local time at the middle of the exchange, which
  // cancels a symmetric network delay (an asymmetric one is off by half the
  // difference, well inside the gateway's ±300 s window).
  static int64_t OffsetFrom(int64_t gateway_ms, int64_t sent_local_ms, int64_t received_local_ms) {
    // Written so that a huge pair cannot overflow the sum.
    const int64_t midpoint = sent_local_ms + (received_local_ms - sent_local_ms) / 2;
    return gateway_ms - midpoint;
  }

 private:
  static int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }

  std::function<int64_t()> local_ms_;
  std::atomic<int64_t> offset_ms_;
};

// The system clock's Unix time in milliseconds.
int64_t SystemUnixMs();

}  // namespace dvc::kiosk
