// LinkRandom: the one seeded source of every random event of the proxy.
//
// Cut points and stalls are drawn from a single std::mt19937_64, so a run can
// be replayed with the same seed. The draws are turned into numbers here
// (not through std::*_distribution, whose algorithms differ between standard
// libraries), so the same seed gives the same cut points with g++ and clang.
// Exact replay also needs the same traffic: draws happen per connection (in
// accept order) and per packet (in the order the link sends them).
//
// Thread-safety: none; owned by the proxy's single event-loop thread.
#pragma once

#include <cstdint>
#include <random>

namespace dvc::linkproxy {

class LinkRandom {
 public:
  explicit LinkRandom(uint64_t seed) : engine_(seed) {}

  // A uniform number in [0, 1) from the top 53 bits of one draw.
  double Uniform();
  // Bytes a connection carries before the link cuts it: exponential with
  // mean `mean_bytes`, at least 1. REQUIRES: mean_bytes > 0.
  uint64_t CutAfterBytes(uint64_t mean_bytes);
  // True with probability `probability` (one draw; none when it is 0, so a
  // run without stalls draws nothing per packet).
  bool Chance(double probability);

 private:
  std::mt19937_64 engine_;
};

}  // namespace dvc::linkproxy
