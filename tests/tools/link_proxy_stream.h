// HalfStream: one direction of one proxied connection, as the link sees it.
//
// Bytes read from the sending socket wait in the bottleneck queue (the
// buffer in front of a slow radio link), cross the link as packets of at
// most one MSS when the shared link lets them, and then sit in the delay
// line until their arrival time, when the proxy writes them to the receiving
// socket. The sender's FIN travels the same way, behind the data. Order is
// kept: bytes leave the delay line exactly as they entered the queue.
//
// No sockets and no clock here: the proxy passes in bytes and instants, so
// the scheduling is unit-tested with made-up times.
//
// Thread-safety: none; owned by the proxy's single event-loop thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "link_proxy_token_bucket.h"

namespace dvc::linkproxy {

class HalfStream {
 public:
  // `id` orders streams for the link's round robin (the connection number).
  // The queue accepts at most `queue_limit` bytes; the stream stops offering
  // packets to the link while `in_flight_limit` bytes or more wait in the
  // delay line (the receiver is not reading), so memory stays bounded.
  HalfStream(uint64_t id, size_t queue_limit, size_t in_flight_limit);

  uint64_t id() const { return id_; }

  // --- sending side ---
  // Free room in the bottleneck queue: how much the proxy may read now.
  size_t QueueRoom() const;
  // Appends bytes read from the sender. REQUIRES: bytes.size() <= QueueRoom(), !eof_read().
  void Enqueue(std::string_view bytes);
  // The sender closed its side: a FIN follows the queued bytes.
  void MarkEof() { eof_read_ = true; }
  bool eof_read() const { return eof_read_; }
  size_t queued_bytes() const { return queue_.size() - queue_head_; }

  // True when the stream has a packet (bytes or the FIN) for the link and
  // the delay line is not over its limit.
  bool WantsToSend() const;
  // Size in bytes of the next packet for a link of `mss` (0 for a bare FIN).
  // REQUIRES: WantsToSend().
  size_t NextPacketSize(size_t mss) const;
  // Moves the next packet into the delay line, arriving at `arrival`.
  // Returns its size in bytes. REQUIRES: WantsToSend().
  size_t SendPacket(size_t mss, TimePoint arrival);

  // --- receiving side ---
  // Arrival time of the oldest packet in the delay line, if any.
  std::optional<TimePoint> NextArrival() const;
  // The bytes of the oldest packet if it has arrived by `now` (empty otherwise,
  // and for a FIN). The view is valid until the next non-const call.
  std::string_view Arrived(TimePoint now) const;
  // Removes `n` delivered bytes from the oldest packet.
  // REQUIRES: n <= Arrived(now).size() for the same now.
  void Delivered(size_t n);
  // True when the oldest packet is the FIN and has arrived by `now`.
  bool FinArrived(TimePoint now) const;
  // Removes the arrived FIN. REQUIRES: FinArrived(now).
  void FinDelivered();
  bool fin_delivered() const { return fin_delivered_; }
  size_t in_flight_bytes() const { return in_flight_; }
  uint64_t delivered_bytes() const { return delivered_; }

  // The link went down: everything queued or in flight is lost, and the
  // stream takes nothing more (QueueRoom() and WantsToSend() stay empty).
  void DropAll();

 private:
  struct Packet {
    TimePoint arrival;
    std::string bytes;  // empty for the FIN
    size_t offset = 0;  // bytes already written to the receiver
    bool fin = false;
  };

  uint64_t id_;
  size_t queue_limit_;
  size_t in_flight_limit_;
  std::string queue_;  // bottleneck queue; live bytes from queue_head_
  size_t queue_head_ = 0;
  bool eof_read_ = false;
  bool fin_sent_ = false;
  bool fin_delivered_ = false;
  std::deque<Packet> delay_line_;
  size_t in_flight_ = 0;
  uint64_t delivered_ = 0;
};

}  // namespace dvc::linkproxy
