// TokenBucket: the capacity of one direction of an emulated link.
//
// The bucket fills at the link rate up to a small burst; sending a packet of
// n bytes takes n tokens. Time is passed in (no clock is read here), so the
// pacing is unit-tested with made-up instants. Arithmetic is in integers
// (byte-nanoseconds), so a bucket never drifts over a long transfer.
//
// Thread-safety: none; owned by the proxy's single event-loop thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace dvc::linkproxy {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Duration = std::chrono::nanoseconds;

class TokenBucket {
 public:
  // A bucket for `bytes_per_second` (0 = unlimited: every Take succeeds) that
  // holds at most `burst_bytes` tokens and starts full at `start`.
  // REQUIRES: burst_bytes > 0 when the rate is limited.
  TokenBucket(uint64_t bytes_per_second, uint64_t burst_bytes, TimePoint start);

  bool unlimited() const { return rate_ == 0; }
  uint64_t burst_bytes() const { return burst_; }

  // Takes `bytes` tokens if the bucket holds them at `now` (returns true);
  // otherwise takes nothing and returns false. `now` must not go backwards.
  // REQUIRES: bytes <= burst_bytes() (a larger take could never succeed).
  bool TryTake(uint64_t bytes, TimePoint now);

  // The earliest instant (>= now) at which TryTake(bytes, ·) succeeds.
  // REQUIRES: bytes <= burst_bytes().
  TimePoint WhenAvailable(uint64_t bytes, TimePoint now) const;

  // Whole tokens held at `now` (for tests and logs).
  uint64_t TokensAt(TimePoint now) const;

 private:
  static constexpr uint64_t kScale = 1'000'000'000;  // token units per byte (ns per second)
  // Scaled tokens the bucket would hold at `now`, without changing it.
  uint64_t ScaledAt(TimePoint now) const;

  uint64_t rate_;    // bytes per second; 0 = unlimited
  uint64_t burst_;   // bytes
  uint64_t scaled_;  // tokens × kScale at last_
  TimePoint last_;
};

}  // namespace dvc::linkproxy
