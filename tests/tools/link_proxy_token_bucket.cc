#include "link_proxy_token_bucket.h"

#include <cassert>

namespace dvc::linkproxy {

TokenBucket::TokenBucket(uint64_t bytes_per_second, uint64_t burst_bytes, TimePoint start)
    : rate_(bytes_per_second), burst_(burst_bytes), scaled_(burst_bytes * kScale), last_(start) {
  assert(rate_ == 0 || burst_ > 0);
}

uint64_t TokenBucket::ScaledAt(TimePoint now) const {
  const uint64_t full = burst_ * kScale;
  if (now <= last_) return scaled_;
  const uint64_t elapsed_ns = static_cast<uint64_t>(Duration(now - last_).count());
  // Compare before multiplying: a long idle time times the rate would overflow.
  const uint64_t missing = full - scaled_;
  if (elapsed_ns >= missing / rate_ + 1) return full;
  const uint64_t filled = scaled_ + elapsed_ns * rate_;
  return filled < full ? filled : full;
}

bool TokenBucket::TryTake(uint64_t bytes, TimePoint now) {
  if (unlimited()) return true;
  assert(bytes <= burst_);
  scaled_ = ScaledAt(now);
  if (now > last_) last_ = now;
  const uint64_t need = bytes * kScale;
  if (scaled_ < need) return false;
  scaled_ -= need;
  return true;
}

TimePoint TokenBucket::WhenAvailable(uint64_t bytes, TimePoint now) const {
  if (unlimited()) return now;
  assert(bytes <= burst_);
  const uint64_t have = ScaledAt(now);
  const uint64_t need = bytes * kScale;
  if (have >= need) return now;
  const uint64_t wait_ns = (need - have + rate_ - 1) / rate_;  // round up: never early
  return now + Duration(static_cast<Duration::rep>(wait_ns));
}

uint64_t TokenBucket::TokensAt(TimePoint now) const {
  if (unlimited()) return burst_;
  return ScaledAt(now) / kScale;
}

}  // namespace dvc::linkproxy
