#include "link_proxy_link.h"

#include <algorithm>
#include <cassert>

namespace dvc::linkproxy {

Link::Link(const LinkParams& params, LinkRandom* random, TimePoint start)
    : params_(params),
      random_(random),
      buckets_{TokenBucket(params.bytes_per_second, params.burst_bytes, start),
               TokenBucket(params.bytes_per_second, params.burst_bytes, start)},
      stalled_until_(start) {
  assert(params_.mss > 0 && params_.burst_bytes >= params_.mss);
}

HalfStream* Link::NextStream(Direction d, std::span<HalfStream* const> streams) const {
  const uint64_t last = last_served_[static_cast<int>(d)];
  HalfStream* first_wanting = nullptr;
  for (HalfStream* stream : streams) {
    if (!stream->WantsToSend()) continue;
    if (stream->id() > last) return stream;
    if (first_wanting == nullptr) first_wanting = stream;
  }
  return first_wanting;
}

size_t Link::Pump(Direction d, std::span<HalfStream* const> streams, TimePoint now) {
  const int index = static_cast<int>(d);
  size_t sent = 0;
  while (now >= stalled_until_) {
    HalfStream* stream = NextStream(d, streams);
    if (stream == nullptr) break;
    const size_t size = stream->NextPacketSize(params_.mss);
    if (!buckets_[index].TryTake(size, now)) break;
    stream->SendPacket(params_.mss, now + params_.delay);
    last_served_[index] = stream->id();
    ++sent;
    ++packets_;
    if (random_->Chance(params_.stall_probability)) {
      stalled_until_ = now + params_.stall;
      ++stalls_;
    }
  }
  return sent;
}

std::optional<TimePoint> Link::NextSendTime(Direction d, std::span<HalfStream* const> streams,
                                            TimePoint now) const {
  const HalfStream* stream = NextStream(d, streams);
  if (stream == nullptr) return std::nullopt;
  const TimePoint after_stall = std::max(now, stalled_until_);
  return buckets_[static_cast<int>(d)].WhenAvailable(stream->NextPacketSize(params_.mss),
                                                     after_stall);
}

}  // namespace dvc::linkproxy
