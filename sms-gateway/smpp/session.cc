#include "smpp/session.h"

#include <poll.h>
#include <pthread.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>

#include "smpp/commands.h"
#include "smpp/session_impl.h"
#include "smpp/session_socket.h"
#include "smpp/session_status.h"

namespace dvc::gateway::smpp {

using namespace session_internal;  // NOLINT: this file implements session_internal's user

uint32_t NextSequenceNumber(uint32_t current) {
  return (current >= 0x7FFFFFFFu || current == 0) ? 1u : current + 1;
}

Session::Impl::Impl(SessionConfig config, SessionEvents events)
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

Session::Impl::~Impl() {
  if (wake_fd_ >= 0) close(wake_fd_);
}

void Session::Impl::StartThread() {
  Result<int> wake = MakeWakeFd();
  if (!wake.ok()) std::abort();  // descriptor exhaustion at start: nothing sensible to run
  wake_fd_ = *wake;
  thread_ = std::thread([this] { Run(); });
}

size_t Session::Impl::Room() const {
  std::lock_guard lock(mu_);
  return RoomLocked();
}

size_t Session::Impl::SubmitAll(std::span<SubmitRequest> requests) {
  size_t taken = 0;
  {
    std::lock_guard lock(mu_);
    taken = std::min(RoomLocked(), requests.size());
    for (size_t i = 0; i < taken; ++i) incoming_.push_back(std::move(requests[i]));
  }
  if (taken > 0 && !wake_pending_.exchange(true)) Wake(wake_fd_);
  return taken;
}

void Session::Impl::Stop(Ms grace) {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    grace_ = grace;
  }
  Wake(wake_fd_);
  thread_.join();
}

Session::Stats Session::Impl::GetStats() const {
  std::lock_guard lock(stats_mu_);
  return stats_;
}

size_t Session::Impl::RoomLocked() const {
  const size_t capacity = 2 * static_cast<size_t>(config_.window);
  if (stopping_ || !bound_.load() || paused_.load() || incoming_.size() >= capacity) return 0;
  return capacity - incoming_.size();
}

void Session::Impl::Log(const std::string& line) {
  if (events_.on_log) events_.on_log(config_.name + ": " + line);
}

void Session::Impl::State(const std::string& why) {
  if (events_.on_state) events_.on_state(config_.name, bound_.load(), why);
}

void Session::Impl::Run() {
  // "smpp-viettel" in top -H and in a debugger (the kernel keeps 15 characters).
  pthread_setname_np(pthread_self(), ("smpp-" + config_.name).substr(0, 15).c_str());
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

void Session::Impl::PollOnce(TimePoint now) {
  std::array<pollfd, 3> fds{};
  size_t count = 0;
  fds[count++] = {wake_fd_, POLLIN, 0};
  std::array<Link*, 2> polled{};
  bool coalescing = false;
  for (Link& link : links_) {
    if (link.fd < 0) continue;
    if (const int low_water = ReadLowWater(link, now); low_water != link.low_water) {
      // On failure the link keeps waking per answer: slower, not wrong.
      if (SetReceiveLowWater(link.fd, low_water).ok()) link.low_water = low_water;
    }
    coalescing = coalescing || link.low_water > 1;
    short events = POLLIN;
    if (link.state == LinkState::kConnecting || !link.out.empty()) events |= POLLOUT;
    polled[count - 1] = &link;
    fds[count++] = {link.fd, events, 0};
  }
  const TimePoint next = NextDeadline(now);
  const auto wait = std::chrono::ceil<Ms>(next - now).count();
  int timeout = static_cast<int>(std::clamp<int64_t>(wait, 0, INT_MAX));
  if (coalescing) {
    timeout = std::min(timeout, session_internal::kCoalesceMs);
    Count([](Stats& s) { ++s.coalesced_polls; });
  }
  const int ready = poll(fds.data(), count, timeout);
  if (ready < 0) return;
  if (fds[0].revents != 0) {
    // Drain first, then clear the flag: cleared first, a Submit between the
    // two would write the eventfd, have it drained here, and leave the flag
    // set, so no later Submit would wake the thread (a stall until the next
    // socket event). Requests queued before the flag clears are taken by the
    // PumpSubmits that follows every poll.
    DrainWake(wake_fd_);
    wake_pending_.store(false);
  }
  for (size_t i = 1; i < count; ++i) {
    Link& link = *polled[i - 1];
    if (link.fd != fds[i].fd) continue;
    // A coalescing link is read when poll returns for any reason (its
    // timeout included): what is below the low-water mark still waits.
    if (fds[i].revents == 0 && link.low_water <= 1) continue;
    if (link.state == LinkState::kConnecting) {
      if ((fds[i].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) OnConnected(link, Clock::now());
      continue;
    }
    if ((fds[i].revents & (POLLIN | POLLERR | POLLHUP)) != 0 || link.low_water > 1) {
      ReadFrom(link);
    }
    if (link.fd >= 0 && (fds[i].revents & POLLOUT) != 0) Flush(link);
  }
}

// While the submitting link's window is full nothing can go out until answers
// arrive, and an SMSC answers submit by submit: waking for each costs a
// context switch per message, the largest part of the gateway's CPU per SMS
// when answers come fast. Then poll waits for a quarter of the window's
// answers (counted at the smallest PDU, a header) or kCoalesceMs, whichever
// comes first; a lone deliver_sm (a resident's SMS) arriving meanwhile waits
// at most that long. Only while answers come at coalesce_min_answers_per_ms
// (5) or faster: slower, the link is bound by the SMSC's delay, not by CPU,
// and each ms of waiting would cost throughput (a 20 ms SMSC answers a
// window of 50 at 2.5 per ms).
int Session::Impl::ReadLowWater(Link& link, TimePoint now) {
  using session_internal::kAnswerRatePeriod;
  if (const auto elapsed = now - link.answers_since; elapsed >= kAnswerRatePeriod) {
    link.answers_per_ms = static_cast<double>(link.answers_counted) /
                          std::chrono::duration<double, std::milli>(elapsed).count();
    link.answers_counted = 0;
    link.answers_since = now;
  }
  const size_t window = static_cast<size_t>(config_.window);
  if (!InfoOf(link.role).submits || link.state != LinkState::kBound || probing_ ||
      window < session_internal::kMinCoalesceWindow || link.submits_in_flight < window ||
      link.answers_per_ms < config_.coalesce_min_answers_per_ms) {
    return 1;
  }
  return static_cast<int>(kHeaderLength * (window / 4));
}

TimePoint Session::Impl::NextDeadline(TimePoint now) {
  TimePoint next = now + std::chrono::hours(1);
  for (const Link& link : links_) {
    if (link.state == LinkState::kDown && !stop_started_) next = std::min(next, link.reconnect_at);
    if (link.state == LinkState::kConnecting) next = std::min(next, link.connect_deadline);
    for (const auto& [seq, o] : link.outstanding) next = std::min(next, o.deadline);
    if (link.state == LinkState::kBound && !link.enquire_pending) {
      next = std::min(next, link.last_received + Ms(config_.enquire_link_ms));
    }
  }
  if (stop_started_) next = std::min(next, stop_deadline_);
  if (wait_until_) next = std::min(next, *wait_until_);
  return std::max(next, now);
}

void Session::Impl::Connect(Link& link, TimePoint now) {
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
  link.low_water = 1;
  link.answers_per_ms = 0;
  link.answers_counted = 0;
  link.answers_since = now;
  link.framer = Framer();
  link.out.clear();
  link.state = LinkState::kConnecting;
  link.connect_deadline = now + Ms(config_.response_timeout_ms);
  if (!in_progress) OnConnected(link, now);
}

void Session::Impl::OnConnected(Link& link, TimePoint now) {
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

void Session::Impl::ScheduleReconnect(Link& link, TimePoint now) {
  link.reconnect_at = now + Ms(link.backoff_ms);
  link.backoff_ms = std::min(std::max(1, link.backoff_ms) * 2, config_.reconnect_max_ms);
}

void Session::Impl::Drop(Link& link, const std::string& why, bool reconnect) {
  const bool was_bound = link.state == LinkState::kBound || link.state == LinkState::kUnbinding;
  if (link.fd >= 0) close(link.fd);
  link.fd = -1;
  link.state = LinkState::kDown;
  link.out.clear();
  link.enquire_pending = false;
  link.submits_in_flight = 0;
  std::unordered_map<uint32_t, Outstanding> outstanding;
  outstanding.swap(link.outstanding);
  const bool submits = InfoOf(link.role).submits;
  if (submits) {
    std::lock_guard lock(mu_);
    bound_.store(false);
    paused_.store(false);
  }
  // The state goes first, so whoever hears of a returned request already knows the link is down.
  if (was_bound || !stop_started_) {
    State(std::string(InfoOf(link.role).name) + " link down: " + why);
  }
  const std::string lost = why == kStoppedReason ? why : kLostReason + " (" + why + ")";
  for (const auto& [seq, o] : outstanding) {
    if (o.command_id == command::kSubmitSm) ResolvePart(o.key, o.part, Kind::kLinkLost, lost, "");
  }
  if (submits) {
    probing_ = false;
    FailQueued(lost);
  }
  if (reconnect) ScheduleReconnect(link, Clock::now());
}

void Session::Impl::FailQueued(const std::string& why) {
  std::deque<PartRef> ready;
  ready.swap(ready_);
  for (const PartRef& part : ready) ResolvePart(part.key, part.part, Kind::kLinkLost, why, "");
  std::deque<SubmitRequest> queued;
  {
    std::lock_guard lock(mu_);
    queued.swap(incoming_);
  }
  for (SubmitRequest& request : queued) {
    Count([](Stats& s) { ++s.retried; });
    if (events_.on_submit) {
      events_.on_submit(SubmitOutcome{config_.name, request.ref, Kind::kLinkLost, {}, why});
    }
  }
}

bool Session::Impl::AllDown() const {
  return std::all_of(links_.begin(), links_.end(),
                     [](const Link& link) { return link.state == LinkState::kDown; });
}

void Session::Impl::BeginStop(TimePoint now) {
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

void Session::Impl::CheckTimers(TimePoint now) {
  for (Link& link : links_) {
    if (link.fd < 0) continue;
    if (link.state == LinkState::kConnecting && now >= link.connect_deadline) {
      Drop(link, "connect timed out after " + std::to_string(config_.response_timeout_ms) + " ms",
           /*reconnect=*/true);
      continue;
    }
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

void Session::Impl::PumpSubmits(TimePoint now) {
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
  const size_t window = probing_ ? 1 : static_cast<size_t>(config_.window);
  while (link.submits_in_flight < window) {
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

bool Session::Impl::TakeRequest() {
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

void Session::Impl::SendPart(Link& link, const PartRef& part, TimePoint now) {
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

void Session::Impl::SendRequest(Link& link, const Pdu& pdu, TimePoint now, Outstanding o) {
  o.command_id = pdu.header.command_id;
  o.sent_at = now;
  o.deadline = now + Ms(config_.response_timeout_ms);
  link.outstanding[pdu.header.sequence_number] = o;
  link.out += Encode(pdu);
}

namespace {
int Rank(SubmitOutcome::Kind kind) {
  switch (kind) {
    case SubmitOutcome::Kind::kRejected:
      return 3;
    case SubmitOutcome::Kind::kRetry:
      return 2;
    case SubmitOutcome::Kind::kLinkLost:
      return 1;
    case SubmitOutcome::Kind::kAccepted:
      break;
  }
  return 0;
}
}  // namespace

void Session::Impl::ResolvePart(uint64_t key, size_t part, Kind kind, const std::string& reason,
                                const std::string& id) {
  const auto it = tracked_.find(key);
  if (it == tracked_.end()) return;
  Tracked& tracked = it->second;
  if (kind == Kind::kAccepted) {
    tracked.ids[part] = id;
  } else if (!tracked.failure || Rank(kind) > Rank(*tracked.failure)) {
    tracked.failure = kind;  // permanent outranks temporary, which outranks a lost link
    tracked.reason = reason;
  }
  if (++tracked.resolved < tracked.request.parts.size()) return;
  Finish(key, tracked.failure.value_or(Kind::kAccepted), tracked.reason);
}

void Session::Impl::Finish(uint64_t key, Kind kind, const std::string& reason) {
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

std::unique_ptr<Session> Session::Start(SessionConfig config, SessionEvents events) {
  auto impl = std::make_unique<Impl>(std::move(config), std::move(events));
  impl->StartThread();
  return std::unique_ptr<Session>(new Session(std::move(impl)));
}

Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Session::~Session() { Stop(Ms(1000)); }
bool Session::Bound() const { return impl_->Bound(); }
size_t Session::Room() const { return impl_->Room(); }
bool Session::Submit(SubmitRequest request) {
  return impl_->SubmitAll(std::span<SubmitRequest>(&request, 1)) == 1;
}
size_t Session::SubmitAll(std::span<SubmitRequest> requests) { return impl_->SubmitAll(requests); }
void Session::Stop(Ms grace) { impl_->Stop(grace); }
Session::Stats Session::GetStats() const { return impl_->GetStats(); }

}  // namespace dvc::gateway::smpp
