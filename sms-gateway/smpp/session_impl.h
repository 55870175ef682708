// The inside of smpp::Session (session.h), shared by session.cc (the loop,
// connections, submits) and session_pdus.cc (what arrives from the SMSC).
// Not part of the API: include only from those two files.
//
// Threading: the members under "Shared with other threads" are guarded as
// their comments say; everything else belongs to the session's thread.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "smpp/framer.h"
#include "smpp/pdu.h"
#include "smpp/session.h"

namespace dvc::gateway::smpp {
namespace session_internal {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Ms = std::chrono::milliseconds;
using Kind = SubmitOutcome::Kind;

// The pause after a throttle doubles while throttling repeats, up to this
// (unless throttle_pause_ms is longer): the link then probes the SMSC at least
// every 2 s, so it resumes within 2 s of the SMSC taking submits again.
inline constexpr int kMaxThrottlePauseMs = 2000;
inline constexpr size_t kReadBufferSize = 64 * 1024;
// Read coalescing (Session::Impl::ReadLowWater): with a full window of at
// least kMinCoalesceWindow submits answered at the configured rate or faster
// (measured over kAnswerRatePeriod), poll waits for a quarter of their
// answers, at most kCoalesceMs.
inline constexpr size_t kMinCoalesceWindow = 8;
inline constexpr int kCoalesceMs = 1;
inline constexpr Ms kAnswerRatePeriod{20};
inline const std::string kLostReason = "connection lost before the SMSC answered";
inline const std::string kStoppedReason = "session stopped before the SMSC answered";

enum class Role { kTransceiver, kTransmitter, kReceiver };

struct RoleInfo {
  const char* name;
  uint32_t bind_command;
  bool submits;  // carries submit_sm
};

inline constexpr std::array<RoleInfo, 3> kRoleInfo = {{
    {"transceiver", command::kBindTransceiver, true},
    {"transmitter", command::kBindTransmitter, true},
    {"receiver", command::kBindReceiver, false},
}};

inline const RoleInfo& InfoOf(Role role) { return kRoleInfo[static_cast<size_t>(role)]; }

enum class LinkState { kDown, kConnecting, kBinding, kBound, kUnbinding };

// A request this side sent and whose response it awaits.
struct Outstanding {
  uint32_t command_id = 0;
  TimePoint sent_at;
  TimePoint deadline;
  uint64_t key = 0;  // submit_sm: the Tracked request and its part
  size_t part = 0;
};

// One TCP connection and its SMPP state. Touched by the session thread only.
struct Link {
  explicit Link(Role r) : role(r) {}
  Role role;
  int fd = -1;
  LinkState state = LinkState::kDown;
  Framer framer;
  std::string out;  // encoded PDUs not yet sent: one send() per poll round
  TimePoint last_received;
  TimePoint reconnect_at;
  TimePoint
      connect_deadline;  // kConnecting: a blackholed host must not wait for the kernel's timeout
  int backoff_ms = 0;
  bool connected_before = false;
  bool enquire_pending = false;
  size_t submits_in_flight = 0;
  std::unordered_map<uint32_t, Outstanding> outstanding;
  int low_water = 1;  // the fd's SO_RCVLOWAT as last set (a new socket's is 1)
  // Submit answers per ms over the last full kAnswerRatePeriod.
  double answers_per_ms = 0;
  size_t answers_counted = 0;  // since answers_since
  TimePoint answers_since;
};

// A request taken from the queue: its parts go out one by one.
struct Tracked {
  SubmitRequest request;
  std::vector<std::string> ids;  // per part, filled on acceptance
  size_t resolved = 0;
  std::optional<Kind> failure;
  std::string reason;
};

struct PartRef {
  uint64_t key = 0;
  size_t part = 0;
};

}  // namespace session_internal

class Session::Impl {
  using Clock = session_internal::Clock;
  using TimePoint = session_internal::TimePoint;
  using Ms = session_internal::Ms;
  using Kind = session_internal::Kind;
  using Link = session_internal::Link;
  using Outstanding = session_internal::Outstanding;
  using Tracked = session_internal::Tracked;
  using PartRef = session_internal::PartRef;

 public:
  Impl(SessionConfig config, SessionEvents events);
  ~Impl();
  void StartThread();
  bool Bound() const { return bound_.load(); }

  size_t Room() const;
  size_t SubmitAll(std::span<SubmitRequest> requests);
  void Stop(Ms grace);
  Stats GetStats() const;

 private:
  size_t RoomLocked() const;
  template <typename F>
  void Count(F&& change) {
    std::lock_guard lock(stats_mu_);
    change(stats_);
  }

  void Log(const std::string& line);
  void State(const std::string& why);
  Link* SubmitLink() { return &links_.front(); }  // transceiver or transmitter

  double BucketCapacity() const { return std::max(1.0, config_.max_per_second); }

  // ---- the loop ----

  void Run();
  void PollOnce(TimePoint now);
  TimePoint NextDeadline(TimePoint now);
  // The receive low-water mark `link` should have now (1: wake on any byte);
  // updates its answer rate first.
  int ReadLowWater(Link& link, TimePoint now);

  // ---- connection lifecycle ----

  void Connect(Link& link, TimePoint now);
  void OnConnected(Link& link, TimePoint now);
  void ScheduleReconnect(Link& link, TimePoint now);

  // Closes `link`; every submit it carried (and, for the submitting link,
  // every queued request) comes back kRetry with `why`.
  void Drop(Link& link, const std::string& why, bool reconnect);
  void FailQueued(const std::string& why);
  bool AllDown() const;
  void BeginStop(TimePoint now);

  // ---- timers and submits ----

  void CheckTimers(TimePoint now);

  // Moves parts from the queue onto the submitting link while the window,
  // the token bucket and any throttling pause allow.
  void PumpSubmits(TimePoint now);
  bool TakeRequest();
  void SendPart(Link& link, const PartRef& part, TimePoint now);
  void SendRequest(Link& link, const Pdu& pdu, TimePoint now, Outstanding o);
  void Reply(Link& link, const Pdu& pdu) { link.out += Encode(pdu); }

  void ResolvePart(uint64_t key, size_t part, Kind kind, const std::string& reason,
                   const std::string& id);
  void Finish(uint64_t key, Kind kind, const std::string& reason);
  uint32_t NextSeq() { return sequence_ = NextSequenceNumber(sequence_); }

  // ---- I/O ----

  void Flush(Link& link);
  void ReadFrom(Link& link);

  // Handles every whole PDU buffered; false once the link was dropped.
  bool DrainFrames(Link& link);

  // ---- PDUs from the SMSC ----

  void Handle(Link& link, Pdu pdu);
  void OnResponse(Link& link, uint32_t seq, uint32_t st, const Pdu* pdu);
  void OnBindResp(Link& link, uint32_t st);
  void OnSubmitResp(Link& link, const Outstanding& o, uint32_t st, const Pdu* pdu);
  void OnDeliver(Link& link, uint32_t seq, const DeliverSm& deliver, uint32_t resp_id);
  void OnDataSm(Link& link, uint32_t seq, const DataSm& data);

  const SessionConfig config_;
  const SessionEvents events_;
  int wake_fd_ = -1;
  std::thread thread_;

  // Shared with other threads.
  mutable std::mutex mu_;
  std::deque<SubmitRequest> incoming_;  // guarded by mu_
  bool stopping_ = false;               // guarded by mu_
  Ms grace_{0};                         // guarded by mu_
  std::atomic<bool> bound_{false};      // written under mu_ so Submit sees it with the queue
  std::atomic<bool> paused_{false};
  std::atomic<bool> wake_pending_{false};
  mutable std::mutex stats_mu_;
  Stats stats_;  // guarded by stats_mu_

  // The session thread's own.
  std::vector<Link> links_;
  std::vector<char> read_buffer_;
  std::unordered_map<uint64_t, Tracked> tracked_;
  std::deque<PartRef> ready_;  // parts to send, throttled ones at the front
  uint64_t next_key_ = 1;
  uint32_t sequence_ = 0;
  double tokens_ = 0;
  TimePoint last_refill_ = Clock::now();
  TimePoint pause_until_;
  // When the current throttle pause began: answers to submits sent before it
  // belong to the same episode and neither extend nor double the pause.
  TimePoint pause_started_;
  // After a pause, one submit probes the SMSC; the window opens again once
  // a submit sent after the pause is accepted.
  bool probing_ = false;
  int throttle_pause_ms_ = 0;
  std::optional<TimePoint> wait_until_;
  bool stop_started_ = false;
  TimePoint stop_deadline_;
};

}  // namespace dvc::gateway::smpp
