// Link: the shared, slow, unreliable line between the kiosk and the gateway.
//
// Each direction has its own capacity (a token bucket at the link rate)
// shared by every connection, as on a real radio link; connections with
// bytes waiting take turns packet by packet (round robin by connection id).
// A sent packet arrives after the one-way delay. After each packet the link
// may stall (both directions carry nothing for the stall time), drawn from
// the seeded LinkRandom. Cuts are per connection and live in the proxy.
//
// Time is passed in; the proxy asks NextSendTime() how long it may sleep.
//
// Thread-safety: none; owned by the proxy's single event-loop thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "link_proxy_random.h"
#include "link_proxy_stream.h"
#include "link_proxy_token_bucket.h"

namespace dvc::linkproxy {

enum class Direction { kUp = 0, kDown = 1 };  // up: client → upstream

struct LinkParams {
  uint64_t bytes_per_second = 0;  // per direction; 0 = unlimited
  Duration delay{0};              // one way
  size_t mss = 1460;              // largest packet, bytes
  uint64_t burst_bytes = 2920;    // token bucket depth; >= mss
  double stall_probability = 0;   // per packet sent
  Duration stall{0};
};

class Link {
 public:
  // `random` is borrowed and must outlive the link. REQUIRES: params.burst_bytes >= params.mss.
  Link(const LinkParams& params, LinkRandom* random, TimePoint start);

  // Sends packets in direction `d` from `streams` (sorted by id) while the
  // direction's tokens allow and the link is not stalled. Returns the number
  // of packets sent.
  size_t Pump(Direction d, std::span<HalfStream* const> streams, TimePoint now);

  // The earliest instant at which Pump(d, streams, ·) would send something,
  // or nullopt when no stream wants to send (then only new bytes or a
  // delivery can change that).
  std::optional<TimePoint> NextSendTime(Direction d, std::span<HalfStream* const> streams,
                                        TimePoint now) const;

  TimePoint stalled_until() const { return stalled_until_; }
  uint64_t stalls() const { return stalls_; }
  uint64_t packets_sent() const { return packets_; }

 private:
  // The stream that sends next in direction `d`: the first wanting to send
  // after the last one served, wrapping round; nullptr if none.
  HalfStream* NextStream(Direction d, std::span<HalfStream* const> streams) const;

  LinkParams params_;
  LinkRandom* random_;
  TokenBucket buckets_[2];
  uint64_t last_served_[2] = {0, 0};
  TimePoint stalled_until_;
  uint64_t stalls_ = 0;
  uint64_t packets_ = 0;
};

}  // namespace dvc::linkproxy
