// Backoff: exponential back-off with full jitter ("Exponential Backoff And
// Jitter", AWS architecture blog): after the n-th consecutive failure the wait
// is uniform in [0, min(cap, base·2^(n-1))], so kiosks that lost the link
// together do not come back together. Reset after a success.
//
// Thread-safety: one thread at a time. The random source is seeded by the
// caller, so a test (or a replayed failure) sees the same waits.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace dvc::kiosk {

class Backoff {
 public:
  explicit Backoff(uint64_t seed, std::chrono::milliseconds base = std::chrono::seconds(1),
                   std::chrono::milliseconds cap = std::chrono::seconds(300))
      : rng_(seed), base_(base), cap_(cap) {}

  // The wait after one more failure.
  std::chrono::milliseconds Next();
  // The upper bound the next call to Next draws under.
  std::chrono::milliseconds Ceiling() const;
  void Reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  std::mt19937_64 rng_;
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
  int failures_ = 0;
};

}  // namespace dvc::kiosk
