#include "link_proxy_stream.h"

#include <algorithm>
#include <cassert>

namespace dvc::linkproxy {

HalfStream::HalfStream(uint64_t id, size_t queue_limit, size_t in_flight_limit)
    : id_(id), queue_limit_(queue_limit), in_flight_limit_(in_flight_limit) {}

size_t HalfStream::QueueRoom() const {
  if (eof_read_) return 0;
  return queue_limit_ > queued_bytes() ? queue_limit_ - queued_bytes() : 0;
}

void HalfStream::Enqueue(std::string_view bytes) {
  assert(!eof_read_ && bytes.size() <= QueueRoom());
  // Compact now and then so the buffer does not grow with the bytes carried.
  if (queue_head_ > 0 && queue_head_ >= queue_.size() / 2) {
    queue_.erase(0, queue_head_);
    queue_head_ = 0;
  }
  queue_.append(bytes);
}

bool HalfStream::WantsToSend() const {
  if (in_flight_ >= in_flight_limit_) return false;
  return queued_bytes() > 0 || (eof_read_ && !fin_sent_);
}

size_t HalfStream::NextPacketSize(size_t mss) const {
  assert(WantsToSend());
  return std::min(mss, queued_bytes());
}

size_t HalfStream::SendPacket(size_t mss, TimePoint arrival) {
  assert(WantsToSend());
  Packet packet;
  packet.arrival = arrival;
  const size_t n = NextPacketSize(mss);
  if (n > 0) {
    packet.bytes.assign(queue_, queue_head_, n);
    queue_head_ += n;
    in_flight_ += n;
  } else {
    packet.fin = true;
    fin_sent_ = true;
  }
  // A later packet can never overtake an earlier one, even if the caller's
  // clock stepped: arrival times in the line are kept non-decreasing.
  if (!delay_line_.empty() && packet.arrival < delay_line_.back().arrival) {
    packet.arrival = delay_line_.back().arrival;
  }
  delay_line_.push_back(std::move(packet));
  return n;
}

std::optional<TimePoint> HalfStream::NextArrival() const {
  if (delay_line_.empty()) return std::nullopt;
  return delay_line_.front().arrival;
}

std::string_view HalfStream::Arrived(TimePoint now) const {
  if (delay_line_.empty()) return {};
  const Packet& head = delay_line_.front();
  if (head.fin || head.arrival > now) return {};
  return std::string_view(head.bytes).substr(head.offset);
}

void HalfStream::Delivered(size_t n) {
  assert(!delay_line_.empty() && !delay_line_.front().fin);
  Packet& head = delay_line_.front();
  assert(n <= head.bytes.size() - head.offset);
  head.offset += n;
  in_flight_ -= n;
  delivered_ += n;
  if (head.offset == head.bytes.size()) delay_line_.pop_front();
}

bool HalfStream::FinArrived(TimePoint now) const {
  return !delay_line_.empty() && delay_line_.front().fin && delay_line_.front().arrival <= now;
}

void HalfStream::FinDelivered() {
  assert(!delay_line_.empty() && delay_line_.front().fin);
  delay_line_.pop_front();
  fin_delivered_ = true;
}

void HalfStream::DropAll() {
  // Inert from now on: nothing more is read, sent or delivered, not even a FIN.
  eof_read_ = true;
  fin_sent_ = true;
  queue_.clear();
  queue_head_ = 0;
  delay_line_.clear();
  in_flight_ = 0;
}

}  // namespace dvc::linkproxy
