#include "smpp/session.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "smpp/commands.h"
#include "smpp/framer.h"
#include "smpp/pdu.h"
#include "smpp/session_socket.h"
#include "smpp/session_status.h"

namespace dvc::gateway::smpp {

uint32_t NextSequenceNumber(uint32_t current) {
  return (current >= 0x7FFFFFFFu || current == 0) ? 1u : current + 1;
}

namespace {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Ms = std::chrono::milliseconds;
using Kind = SubmitOutcome::Kind;

constexpr int kMaxThrottlePauseMs = 8000;
constexpr size_t kReadBufferSize = 64 * 1024;
const std::string kLostReason = "connection lost before the SMSC answered";
const std::string kStoppedReason = "session stopped before the SMSC answered";

enum class Role { kTransceiver, kTransmitter, kReceiver };

struct RoleInfo {
  const char* name;
  uint32_t bind_command;
  bool submits;  // carries submit_sm
};

constexpr std::array<RoleInfo, 3> kRoleInfo = {{
    {"transceiver", command::kBindTransceiver, true},
    {"transmitter", command::kBindTransmitter, true},
    {"receiver", command::kBindReceiver, false},
}};

const RoleInfo& InfoOf(Role role) { return kRoleInfo[static_cast<size_t>(role)]; }

enum class LinkState { kDown, kConnecting, kBinding, kBound, kUnbinding };

// A request this side sent and whose response it awaits.
struct Outstanding {
  uint32_t command_id = 0;
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
  int backoff_ms = 0;
  bool connected_before = false;
  bool enquire_pending = false;
  size_t submits_in_flight = 0;
  std::unordered_map<uint32_t, Outstanding> outstanding;
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

}  // namespace

class Session::Impl {
 public:
  Impl(SessionConfig config, SessionEvents events)
      : config_(std::move(config)), events_(std::move(events)) {
    if (config_.window < 1) std::abort();
    throttle_pause_ms_ = config_.throttle_pause_ms;
    if (config_.bind_mode == BindMode::kTransceiver) {
      links_.emplace_back(Role::kTransceiver);
    } else {
      links_.emplace_back(Role::kTransmitter);
      links_.emplace_back(Role::kReceiver);
    }
    for (Link& link : links_) link.backoff_ms = config_.reconnect_min_ms;
    tokens_ = BucketCapacity();
    read_buffer_.resize(kReadBufferSize);
  }

  ~Impl() {
    if (wake_fd_ >= 0) close(wake_fd_);
  }

  void StartThread() {
    Result<int> wake = MakeWakeFd();
    if (!wake.ok()) std::abort();  // descriptor exhaustion at start: nothing sensible to run
    wake_fd_ = *wake;
    thread_ = std::thread([this] { Run(); });
  }

  bool Bound() const { return bound_.load(); }

  size_t Room() const {
    std::lock_guard lock(mu_);
    return RoomLocked();
  }

  bool Submit(SubmitRequest request) {
    {
      std::lock_guard lock(mu_);
      if (RoomLocked() == 0) return false;
      incoming_.push_back(std::move(request));
    }
    if (!wake_pending_.exchange(true)) Wake(wake_fd_);
    return true;
  }

  void Stop(Ms grace) {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
      grace_ = grace;
    }
    Wake(wake_fd_);
    thread_.join();
  }

  Stats GetStats() const {
    std::lock_guard lock(stats_mu_);
    return stats_;
  }

 private:
  size_t RoomLocked() const {
    const size_t capacity = 2 * static_cast<size_t>(config_.window);
    if (stopping_ || !bound_.load() || paused_.load() || incoming_.size() >= capacity) return 0;
    return capacity - incoming_.size();
  }

  template <typename F>
  void Count(F&& change) {
    std::lock_guard lock(stats_mu_);
    change(stats_);
  }

  void Log(const std::string& line) {
    if (events_.on_log) events_.on_log(config_.name + ": " + line);
  }

  void State(const std::string& why) {
    if (events_.on_state) events_.on_state(config_.name, bound_.load(), why);
  }

  Link* SubmitLink() { return &links_.front(); }  // transceiver or transmitter

  double BucketCapacity() const { return std::max(1.0, config_.max_per_second); }

  // ---- the loop ----

  void Run() {
    const TimePoint start = Clock::now();
    for (Link& link : links_) link.reconnect_at = start;
    while (true) {
      TimePoint now = Clock::now();
      bool stop_now = false;
      {
        std::lock_guard lock(mu_);
        stop_now = stopping_;
      }
      if (stop_now && !stop_started_) BeginStop(now);
      if (stop_started_ && (AllDown() || now >= stop_deadline_)) break;
      for (Link& link : links_) {
        if (link.state == LinkState::kDown && !stop_started_ && now >= link.reconnect_at) {
          Connect(link, now);
        }
      }
      CheckTimers(now);
      PumpSubmits(now);
      for (Link& link : links_) Flush(link);
      PollOnce(now);
    }
    for (Link& link : links_) {
      if (link.fd >= 0) Drop(link, kStoppedReason, /*reconnect=*/false);
    }
    FailQueued(kStoppedReason);
  }

  void PollOnce(TimePoint now) {
    std::array<pollfd, 3> fds{};
    size_t count = 0;
    fds[count++] = {wake_fd_, POLLIN, 0};
    std::array<Link*, 2> polled{};
    for (Link& link : links_) {
      if (link.fd < 0) continue;
      short events = POLLIN;
      if (link.state == LinkState::kConnecting || !link.out.empty()) events |= POLLOUT;
      polled[count - 1] = &link;
      fds[count++] = {link.fd, events, 0};
    }
    const TimePoint next = NextDeadline(now);
    const auto wait = std::chrono::ceil<Ms>(next - now).count();
    const int timeout = static_cast<int>(std::clamp<int64_t>(wait, 0, INT_MAX));
    const int ready = poll(fds.data(), count, timeout);
    if (ready <= 0) return;
    if (fds[0].revents != 0) {
      wake_pending_.store(false);
      DrainWake(wake_fd_);
    }
    for (size_t i = 1; i < count; ++i) {
      Link& link = *polled[i - 1];
      if (fds[i].revents == 0 || link.fd != fds[i].fd) continue;
      if (link.state == LinkState::kConnecting) {
        if ((fds[i].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) OnConnected(link, Clock::now());
        continue;
      }
      if ((fds[i].revents & (POLLIN | POLLERR | POLLHUP)) != 0) ReadFrom(link);
      if (link.fd >= 0 && (fds[i].revents & POLLOUT) != 0) Flush(link);
    }
  }

  TimePoint NextDeadline(TimePoint now) {
    TimePoint next = now + std::chrono::hours(1);
    for (const Link& link : links_) {
      if (link.state == LinkState::kDown && !stop_started_)
        next = std::min(next, link.reconnect_at);
      for (const auto& [seq, o] : link.outstanding) next = std::min(next, o.deadline);
      if (link.state == LinkState::kBound && !link.enquire_pending) {
        next = std::min(next, link.last_received + Ms(config_.enquire_link_ms));
      }
    }
    if (stop_started_) next = std::min(next, stop_deadline_);
    if (wait_until_) next = std::min(next, *wait_until_);
    return std::max(next, now);
  }

  // ---- connection lifecycle ----

  void Connect(Link& link, TimePoint now) {
    if (link.connected_before) Count([](Stats& s) { ++s.reconnects; });
    link.connected_before = true;
    bool in_progress = false;
    Result<int> fd = StartConnect(config_.host, config_.port, &in_progress);
    if (!fd.ok()) {
      ScheduleReconnect(link, now);
      State(std::string(InfoOf(link.role).name) + " link: " + fd.status().message());
      return;
    }
    link.fd = *fd;
    link.framer = Framer();
    link.out.clear();
    link.state = LinkState::kConnecting;
    if (!in_progress) OnConnected(link, now);
  }

  void OnConnected(Link& link, TimePoint now) {
    const Status connected = ConnectResult(link.fd);
    if (!connected.ok()) {
      Drop(link, connected.message(), /*reconnect=*/true);
      return;
    }
    Pdu bind = Pdu::Make(InfoOf(link.role).bind_command, NextSeq());
    auto& body = std::get<BindRequest>(bind.body);
    body.system_id = config_.system_id;
    body.password = config_.password;
    body.system_type = config_.system_type;
    const Status valid = Validate(bind);
    if (!valid.ok()) {
      Drop(link, "bind not sent: " + valid.message(), /*reconnect=*/true);
      return;
    }
    link.state = LinkState::kBinding;
    link.last_received = now;
    SendRequest(link, bind, now, Outstanding{});
  }

  void ScheduleReconnect(Link& link, TimePoint now) {
    link.reconnect_at = now + Ms(link.backoff_ms);
    link.backoff_ms = std::min(std::max(1, link.backoff_ms) * 2, config_.reconnect_max_ms);
  }

  // Closes `link`; every submit it carried (and, for the submitting link,
  // every queued request) comes back kRetry with `why`.
  void Drop(Link& link, const std::string& why, bool reconnect) {
    const bool was_bound = link.state == LinkState::kBound || link.state == LinkState::kUnbinding;
    if (link.fd >= 0) close(link.fd);
    link.fd = -1;
    link.state = LinkState::kDown;
    link.out.clear();
    link.enquire_pending = false;
    link.submits_in_flight = 0;
    std::unordered_map<uint32_t, Outstanding> outstanding;
    outstanding.swap(link.outstanding);
    const std::string lost = why == kStoppedReason ? why : kLostReason + " (" + why + ")";
    for (const auto& [seq, o] : outstanding) {
      if (o.command_id == command::kSubmitSm) ResolvePart(o.key, o.part, Kind::kRetry, lost, "");
    }
    if (InfoOf(link.role).submits) {
      {
        std::lock_guard lock(mu_);
        bound_.store(false);
        paused_.store(false);
      }
      FailQueued(lost);
    }
    if (reconnect) ScheduleReconnect(link, Clock::now());
    if (was_bound || !stop_started_) {
      State(std::string(InfoOf(link.role).name) + " link down: " + why);
    }
  }

  void FailQueued(const std::string& why) {
    std::deque<PartRef> ready;
    ready.swap(ready_);
    for (const PartRef& part : ready) ResolvePart(part.key, part.part, Kind::kRetry, why, "");
    std::deque<SubmitRequest> queued;
    {
      std::lock_guard lock(mu_);
      queued.swap(incoming_);
    }
    for (SubmitRequest& request : queued) {
      Count([](Stats& s) { ++s.retried; });
      if (events_.on_submit) {
        events_.on_submit(SubmitOutcome{config_.name, request.ref, Kind::kRetry, {}, why});
      }
    }
  }

  bool AllDown() const {
    return std::all_of(links_.begin(), links_.end(),
                       [](const Link& link) { return link.state == LinkState::kDown; });
  }

  void BeginStop(TimePoint now) {
    stop_started_ = true;
    {
      std::lock_guard lock(mu_);
      stop_deadline_ = now + grace_;
    }
    FailQueued(kStoppedReason);
    for (Link& link : links_) {
      if (link.state == LinkState::kBound) {
        link.state = LinkState::kUnbinding;
        SendRequest(link, Pdu::Make(command::kUnbind, NextSeq()), now, Outstanding{});
      } else if (link.state != LinkState::kDown) {
        Drop(link, kStoppedReason, /*reconnect=*/false);
      }
    }
  }

  // ---- timers and submits ----

  void CheckTimers(TimePoint now) {
    for (Link& link : links_) {
      if (link.fd < 0) continue;
      for (const auto& [seq, o] : link.outstanding) {
        if (o.deadline <= now) {
          Drop(link,
               "no " + CommandName(o.command_id) + "_resp within " +
                   std::to_string(config_.response_timeout_ms) + " ms",
               /*reconnect=*/!stop_started_);
          break;
        }
      }
      if (link.state == LinkState::kBound && !link.enquire_pending &&
          now - link.last_received >= Ms(config_.enquire_link_ms)) {
        link.enquire_pending = true;
        SendRequest(link, Pdu::Make(command::kEnquireLink, NextSeq()), now, Outstanding{});
      }
    }
  }

  // Moves parts from the queue onto the submitting link while the window,
  // the token bucket and any throttling pause allow.
  void PumpSubmits(TimePoint now) {
    wait_until_.reset();
    Link& link = *SubmitLink();
    if (link.state != LinkState::kBound || stop_started_) return;
    if (paused_.load()) {
      if (now < pause_until_) {
        wait_until_ = pause_until_;
        return;
      }
      paused_.store(false);
    }
    while (link.submits_in_flight < static_cast<size_t>(config_.window)) {
      if (ready_.empty()) {
        if (!TakeRequest()) return;
        continue;  // the request may have been settled at once (no parts)
      }
      if (config_.max_per_second > 0) {
        const double elapsed = std::chrono::duration<double>(now - last_refill_).count();
        tokens_ = std::min(BucketCapacity(), tokens_ + elapsed * config_.max_per_second);
        last_refill_ = now;
        if (tokens_ < 1.0) {
          wait_until_ =
              now + std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>((1.0 - tokens_) / config_.max_per_second));
          return;
        }
      }
      const PartRef part = ready_.front();
      ready_.pop_front();
      SendPart(link, part, now);
    }
  }

  bool TakeRequest() {
    SubmitRequest request;
    {
      std::lock_guard lock(mu_);
      if (incoming_.empty()) return false;
      request = std::move(incoming_.front());
      incoming_.pop_front();
    }
    const uint64_t key = next_key_++;
    Tracked& tracked = tracked_[key];
    tracked.request = std::move(request);
    const size_t parts = tracked.request.parts.size();
    if (parts == 0) {
      Finish(key, Kind::kRejected, "a request needs at least one part");
      return true;
    }
    tracked.ids.resize(parts);
    for (size_t i = 0; i < parts; ++i) ready_.push_back(PartRef{key, i});
    return true;
  }

  void SendPart(Link& link, const PartRef& part, TimePoint now) {
    const auto it = tracked_.find(part.key);
    if (it == tracked_.end()) return;
    Tracked& tracked = it->second;
    if (tracked.failure) {  // an earlier part failed: the caller re-sends the whole message
      ResolvePart(part.key, part.part, *tracked.failure, tracked.reason, "");
      return;
    }
    const SubmitRequest& request = tracked.request;
    Pdu pdu = Pdu::Make(command::kSubmitSm, NextSeq());
    auto& submit = std::get<SubmitSm>(pdu.body);
    submit.source_addr_ton = config_.source_ton;
    submit.source_addr_npi = config_.source_npi;
    submit.source_addr = config_.source_addr;
    submit.dest_addr_ton = 1;
    submit.dest_addr_npi = 1;
    submit.destination_addr = request.destination;
    submit.esm_class = request.esm_class;
    submit.registered_delivery = config_.registered_delivery;
    submit.data_coding = request.data_coding;
    submit.short_message = request.parts[part.part];
    submit.tlvs = request.tlvs;
    const Status valid = Validate(pdu);
    if (!valid.ok()) {
      ResolvePart(part.key, part.part, Kind::kRejected, valid.message(), "");
      return;
    }
    Outstanding o;
    o.key = part.key;
    o.part = part.part;
    SendRequest(link, pdu, now, o);
    ++link.submits_in_flight;
    if (config_.max_per_second > 0) tokens_ -= 1.0;
    Count([](Stats& s) { ++s.submitted; });
  }

  void SendRequest(Link& link, const Pdu& pdu, TimePoint now, Outstanding o) {
    o.command_id = pdu.header.command_id;
    o.deadline = now + Ms(config_.response_timeout_ms);
    link.outstanding[pdu.header.sequence_number] = o;
    link.out += Encode(pdu);
  }

  void Reply(Link& link, const Pdu& pdu) { link.out += Encode(pdu); }

  void ResolvePart(uint64_t key, size_t part, Kind kind, const std::string& reason,
                   const std::string& id) {
    const auto it = tracked_.find(key);
    if (it == tracked_.end()) return;
    Tracked& tracked = it->second;
    if (kind == Kind::kAccepted) {
      tracked.ids[part] = id;
    } else if (!tracked.failure || (kind == Kind::kRejected && *tracked.failure == Kind::kRetry)) {
      tracked.failure = kind;  // a permanent failure outranks a temporary one
      tracked.reason = reason;
    }
    if (++tracked.resolved < tracked.request.parts.size()) return;
    Finish(key, tracked.failure.value_or(Kind::kAccepted), tracked.reason);
  }

  void Finish(uint64_t key, Kind kind, const std::string& reason) {
    auto node = tracked_.extract(key);
    Tracked& tracked = node.mapped();
    SubmitOutcome outcome{config_.name, tracked.request.ref, kind, {}, reason};
    if (kind == Kind::kAccepted) outcome.reason.clear();
    for (std::string& id : tracked.ids) {
      if (!id.empty()) outcome.message_ids.push_back(std::move(id));
    }
    Count([kind](Stats& s) {
      ++(kind == Kind::kAccepted ? s.accepted : kind == Kind::kRejected ? s.rejected : s.retried);
    });
    if (events_.on_submit) events_.on_submit(std::move(outcome));
  }

  uint32_t NextSeq() { return sequence_ = NextSequenceNumber(sequence_); }

  // ---- I/O ----

  void Flush(Link& link) {
    if (link.fd < 0 || link.out.empty() || link.state == LinkState::kConnecting) return;
    const IoResult sent = SendSome(link.fd, link.out);
    if (!sent.error.empty()) {
      Drop(link, sent.error, /*reconnect=*/!stop_started_);
      return;
    }
    link.out.erase(0, sent.bytes);  // usually all of it: keeps the capacity for the next round
  }

  void ReadFrom(Link& link) {
    // Bounded rounds so one chatty link cannot starve the other or the timers.
    for (int round = 0; round < 16 && link.fd >= 0; ++round) {
      const IoResult got = ReceiveSome(link.fd, read_buffer_.data(), read_buffer_.size());
      if (got.would_block) return;
      if (got.closed || !got.error.empty()) {
        Drop(link, got.closed ? "the SMSC closed the connection" : got.error,
             /*reconnect=*/!stop_started_);
        return;
      }
      link.last_received = Clock::now();
      link.framer.Append(std::string_view(read_buffer_.data(), got.bytes));
      if (!DrainFrames(link)) return;
      if (got.bytes < read_buffer_.size()) return;
    }
  }

  // Handles every whole PDU buffered; false once the link was dropped.
  bool DrainFrames(Link& link) {
    while (link.fd >= 0) {
      Frame frame = link.framer.Next();
      if (frame.kind == Frame::Kind::kNeedMore) return true;
      if (frame.kind == Frame::Kind::kFatal) {
        Reply(link, ErrorReply(frame.error));
        Flush(link);
        if (link.fd >= 0) Drop(link, frame.error.message, /*reconnect=*/!stop_started_);
        return false;
      }
      DecodeResult decoded = Decode(frame.pdu);
      if (decoded.ok()) {
        Handle(link, std::move(decoded).pdu());
      } else {
        const DecodeError& error = decoded.error();
        Log("undecodable PDU: " + error.message);
        Reply(link, ErrorReply(error));
        if (IsResponse(error.command_id)) {
          OnResponse(link, error.sequence, status::kSystemError, nullptr);
        }
      }
    }
    return false;
  }

  // ---- PDUs from the SMSC ----

  void Handle(Link& link, Pdu pdu) {
    const PduHeader& h = pdu.header;
    if (IsResponse(h.command_id)) {
      uint32_t st = h.command_status;
      // A generic_nack saying "OK" is a contradiction: treat it as a system error.
      if (h.command_id == command::kGenericNack && st == status::kOk) st = status::kSystemError;
      OnResponse(link, h.sequence_number, st, &pdu);
      return;
    }
    switch (h.command_id) {
      case command::kEnquireLink:
        Reply(link, Pdu::Make(command::kEnquireLinkResp, h.sequence_number));
        return;
      case command::kDeliverSm:
        OnDeliver(link, h.sequence_number, std::get<DeliverSm>(pdu.body), command::kDeliverSmResp);
        return;
      case command::kDataSm:
        OnDataSm(link, h.sequence_number, std::get<DataSm>(pdu.body));
        return;
      case command::kUnbind:
        Reply(link, Pdu::Make(command::kUnbindResp, h.sequence_number));
        Flush(link);
        if (link.fd >= 0) Drop(link, "the SMSC unbound", /*reconnect=*/!stop_started_);
        return;
      case command::kOutbind:
      case command::kAlertNotification:
        Log("ignored " + CommandName(h.command_id));
        return;
      default: {
        // A request an SMSC must not send to an ESME (submit_sm, bind_*).
        Pdu reply = Pdu::Make(ResponseIdOf(h.command_id).value_or(command::kGenericNack),
                              h.sequence_number);
        reply.header.command_status = status::kInvalidCommandId;
        Reply(link, reply);
      }
    }
  }

  void OnResponse(Link& link, uint32_t seq, uint32_t st, const Pdu* pdu) {
    const auto it = link.outstanding.find(seq);
    if (it == link.outstanding.end()) {
      Log("response to no request (sequence " + std::to_string(seq) + ")");
      return;
    }
    const Outstanding o = it->second;
    link.outstanding.erase(it);
    switch (o.command_id) {
      case command::kSubmitSm:
        OnSubmitResp(link, o, st, pdu);
        return;
      case command::kEnquireLink:
        link.enquire_pending = false;
        return;
      case command::kUnbind:
        Drop(link, stop_started_ ? kStoppedReason : "unbound", /*reconnect=*/!stop_started_);
        return;
      default:
        OnBindResp(link, st);
    }
  }

  void OnBindResp(Link& link, uint32_t st) {
    const std::string role = InfoOf(link.role).name;
    if (st != status::kOk) {
      Drop(link, "bind refused: " + DescribeStatus(st), /*reconnect=*/!stop_started_);
      return;
    }
    link.state = LinkState::kBound;
    link.backoff_ms = config_.reconnect_min_ms;
    if (InfoOf(link.role).submits) {
      std::lock_guard lock(mu_);
      bound_.store(true);
    }
    State(role + " link bound");
  }

  void OnSubmitResp(Link& link, const Outstanding& o, uint32_t st, const Pdu* pdu) {
    if (link.submits_in_flight > 0) --link.submits_in_flight;
    switch (ClassifySubmitStatus(st)) {
      case SubmitStatusClass::kAccepted: {
        throttle_pause_ms_ = config_.throttle_pause_ms;
        const auto* resp = pdu ? std::get_if<SubmitSmResp>(&pdu->body) : nullptr;
        ResolvePart(o.key, o.part, Kind::kAccepted, "",
                    resp ? CanonicalMessageId(resp->message_id) : std::string());
        return;
      }
      case SubmitStatusClass::kThrottle: {
        Count([](Stats& s) { ++s.throttled; });
        ready_.push_front(PartRef{o.key, o.part});
        pause_until_ = Clock::now() + Ms(throttle_pause_ms_);
        throttle_pause_ms_ = std::min(throttle_pause_ms_ * 2,
                                      std::max(kMaxThrottlePauseMs, config_.throttle_pause_ms));
        paused_.store(true);
        Log("throttled (" + StatusName(st) + "): pausing submits");
        return;
      }
      case SubmitStatusClass::kRejected:
        ResolvePart(o.key, o.part, Kind::kRejected, DescribeStatus(st), "");
        return;
      case SubmitStatusClass::kRetry:
        ResolvePart(o.key, o.part, Kind::kRetry, DescribeStatus(st), "");
        return;
    }
  }

  void OnDeliver(Link& link, uint32_t seq, const DeliverSm& deliver, uint32_t resp_id) {
    uint32_t answer = status::kOk;
    if (IsDeliveryReceipt(deliver)) {
      Result<DeliveryReceipt> receipt = ReceiptFromDeliverSm(deliver);
      if (receipt.ok()) {
        Count([](Stats& s) { ++s.receipts; });
        if (events_.on_receipt) answer = events_.on_receipt(config_.name, *receipt);
      } else {
        // Answered OK all the same: the SMSC would re-send the same unreadable text.
        Log("unreadable delivery receipt: " + receipt.status().message());
      }
    } else {
      Inbound inbound{config_.name,        deliver.source_addr, deliver.destination_addr,
                      deliver.data_coding, deliver.esm_class,   deliver.short_message,
                      deliver.tlvs};
      if (inbound.short_message.empty()) {
        inbound.short_message = deliver.tlvs.MessagePayload().value_or(std::string());
      }
      Count([](Stats& s) { ++s.inbound; });
      if (events_.on_inbound) answer = events_.on_inbound(inbound);
    }
    Pdu reply = Pdu::Make(resp_id, seq);
    reply.header.command_status = answer;
    Reply(link, reply);
  }

  void OnDataSm(Link& link, uint32_t seq, const DataSm& data) {
    // Same treatment as deliver_sm: the payload is in message_payload.
    DeliverSm as_deliver;
    as_deliver.source_addr = data.source_addr;
    as_deliver.destination_addr = data.destination_addr;
    as_deliver.esm_class = data.esm_class;
    as_deliver.data_coding = data.data_coding;
    as_deliver.tlvs = data.tlvs;
    OnDeliver(link, seq, as_deliver, command::kDataSmResp);
  }

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
  int throttle_pause_ms_ = 0;
  std::optional<TimePoint> wait_until_;
  bool stop_started_ = false;
  TimePoint stop_deadline_;
};

std::unique_ptr<Session> Session::Start(SessionConfig config, SessionEvents events) {
  auto impl = std::make_unique<Impl>(std::move(config), std::move(events));
  impl->StartThread();
  return std::unique_ptr<Session>(new Session(std::move(impl)));
}

Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Session::~Session() { Stop(Ms(1000)); }
bool Session::Bound() const { return impl_->Bound(); }
size_t Session::Room() const { return impl_->Room(); }
bool Session::Submit(SubmitRequest request) { return impl_->Submit(std::move(request)); }
void Session::Stop(Ms grace) { impl_->Stop(grace); }
Session::Stats Session::GetStats() const { return impl_->GetStats(); }

}  // namespace dvc::gateway::smpp
