// A fake SMSC for the session tests: a listening socket on 127.0.0.1 (port
// chosen by the kernel), a thread that answers binds, submits and enquire
// links with the codec, and hooks for the test to inject PDUs or raw bytes,
// hold responses, and drop connections. A unit-test double only: it speaks
// just enough SMPP for the session's behaviour to be observed at the wire.
// Also the session's side: a Recorder of its callbacks and a test config.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "smpp/framer.h"
#include "smpp/pdu.h"
#include "smpp/session.h"

namespace dvc::gateway::smpp::test_support {

// Polls `predicate` every millisecond for up to 10 s; true once it holds.
inline bool WaitFor(const std::function<bool()>& predicate) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return predicate();
}

class FakeSmsc {
 public:
  // How the fake answers submit_sm.
  enum class SubmitMode { kAnswer, kHold };

  FakeSmsc() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        listen(listen_fd_, 8) != 0) {
      std::abort();
    }
    socklen_t length = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &length);
    port_ = ntohs(addr.sin_port);
    if (pipe(stop_pipe_) != 0) std::abort();
    thread_ = std::thread([this] { Run(); });
  }

  ~FakeSmsc() {
    const char byte = 0;
    [[maybe_unused]] const ssize_t n = write(stop_pipe_[1], &byte, 1);
    thread_.join();
    for (Conn& conn : conns_) {
      if (conn.fd >= 0) close(conn.fd);
    }
    close(listen_fd_);
    close(stop_pipe_[0]);
    close(stop_pipe_[1]);
  }

  uint16_t port() const { return port_; }

  // ---- behaviour (set before or during a test) ----
  void SetBindStatus(uint32_t status) {
    Locked([&] { bind_status_ = status; });
  }
  void SetSubmitMode(SubmitMode mode) {
    Locked([&] { submit_mode_ = mode; });
  }
  // Statuses answered to the next submit_sm, in order; then ESME_ROK.
  void QueueSubmitStatuses(std::vector<uint32_t> statuses) {
    Locked([&] { statuses_.insert(statuses_.end(), statuses.begin(), statuses.end()); });
  }
  void SetAnswerEnquireLink(bool answer) {
    Locked([&] { answer_enquire_ = answer; });
  }
  void SetAnswerUnbind(bool answer) {
    Locked([&] { answer_unbind_ = answer; });
  }

  // Answers the `count` oldest held submit_sm (all by default) with `answer`
  // (ESME_ROK: with a fresh id).
  void ReleaseHeld(uint32_t answer = status::kOk, size_t count = SIZE_MAX) {
    Locked([&] {
      const size_t n = std::min(count, held_.size());
      for (size_t i = 0; i < n; ++i)
        SendLocked(held_[i].first, SubmitResp(held_[i].second, answer));
      held_.erase(held_.begin(), held_.begin() + static_cast<ptrdiff_t>(n));
    });
  }
  // MaxHeld() counts from now on.
  void ResetMaxHeld() {
    Locked([&] { max_held_ = held_.size(); });
  }

  // Sends `bytes` on the most recent connection bound as `bind_command` (0 = any).
  void SendRaw(const std::string& bytes, uint32_t bind_command = 0) {
    Locked([&] {
      for (auto it = conns_.rbegin(); it != conns_.rend(); ++it) {
        if (it->fd >= 0 && (bind_command == 0 || it->bound_as == bind_command)) {
          SendLocked(it->fd, bytes);
          return;
        }
      }
    });
  }
  void SendPdu(const Pdu& pdu, uint32_t bind_command = 0) { SendRaw(Encode(pdu), bind_command); }

  // Shuts every connection down (the ESME sees the link drop); held submits
  // are forgotten. The fake's thread closes the descriptors once it reads the
  // EOF: closing here would let the session's next socket reuse the number
  // while the fake's poll still watches it (both live in one process).
  void DropAll() {
    Locked([&] {
      for (Conn& conn : conns_) {
        if (conn.fd >= 0) shutdown(conn.fd, SHUT_RDWR);
        conn.bound_as = 0;
      }
      held_.clear();
    });
  }

  // ---- observations ----
  std::vector<Pdu> Received() const {
    std::lock_guard lock(mu_);
    return received_;
  }
  size_t CountReceived(uint32_t command_id) const {
    std::lock_guard lock(mu_);
    size_t n = 0;
    for (const Pdu& pdu : received_) n += pdu.header.command_id == command_id;
    return n;
  }
  // The bytes of the first PDU received with `command_id` (empty if none).
  std::string RawReceived(uint32_t command_id) const {
    std::lock_guard lock(mu_);
    for (size_t i = 0; i < received_.size(); ++i) {
      if (received_[i].header.command_id == command_id) return received_raw_[i];
    }
    return {};
  }
  size_t Held() const {
    std::lock_guard lock(mu_);
    return held_.size();
  }
  size_t MaxHeld() const {
    std::lock_guard lock(mu_);
    return max_held_;
  }
  size_t Accepted() const {
    std::lock_guard lock(mu_);
    return connections_accepted_;
  }
  size_t Bound() const {
    std::lock_guard lock(mu_);
    size_t n = 0;
    for (const Conn& conn : conns_) n += conn.fd >= 0 && conn.bound_as != 0;
    return n;
  }

 private:
  struct Conn {
    int fd = -1;
    Framer framer;
    uint32_t bound_as = 0;
  };

  template <typename F>
  void Locked(F&& f) {
    std::lock_guard lock(mu_);
    f();
  }

  void SendLocked(int fd, const std::string& bytes) {
    // Blocking socket, small PDUs: the kernel buffer takes them.
    [[maybe_unused]] const ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  }

  std::string SubmitResp(uint32_t seq, uint32_t st) {
    Pdu resp = Pdu::Make(command::kSubmitSmResp, seq);
    resp.header.command_status = st;
    std::get<SubmitSmResp>(resp.body).message_id = "0A" + std::to_string(++next_id_);
    return Encode(resp);
  }

  void Run() {
    while (true) {
      std::vector<pollfd> fds = {{stop_pipe_[0], POLLIN, 0}, {listen_fd_, POLLIN, 0}};
      {
        std::lock_guard lock(mu_);
        for (const Conn& conn : conns_) {
          if (conn.fd >= 0) fds.push_back({conn.fd, POLLIN, 0});
        }
      }
      // The timeout only lets DropAll's closed fds leave the set.
      if (poll(fds.data(), fds.size(), 20) < 0) continue;
      if (fds[0].revents != 0) return;
      if (fds[1].revents != 0) {
        const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0) {
          std::lock_guard lock(mu_);
          conns_.emplace_back();
          conns_.back().fd = fd;
          ++connections_accepted_;
        }
      }
      for (size_t i = 2; i < fds.size(); ++i) {
        if (fds[i].revents != 0) ReadFrom(fds[i].fd);
      }
    }
  }

  void ReadFrom(int fd) {
    char buffer[4096];
    const ssize_t n = recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
    std::lock_guard lock(mu_);
    Conn* conn = nullptr;
    for (Conn& c : conns_) {
      if (c.fd == fd) conn = &c;
    }
    if (conn == nullptr) return;
    if (n <= 0) {
      if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        close(conn->fd);
        conn->fd = -1;
      }
      return;
    }
    conn->framer.Append(std::string_view(buffer, static_cast<size_t>(n)));
    while (conn->fd >= 0) {
      Frame frame = conn->framer.Next();
      if (frame.kind != Frame::Kind::kPdu) return;
      DecodeResult decoded = Decode(frame.pdu);
      if (!decoded.ok()) continue;
      received_raw_.push_back(frame.pdu);
      Answer(*conn, decoded.pdu());
    }
  }

  void Answer(Conn& conn, const Pdu& pdu) {
    received_.push_back(pdu);
    const uint32_t id = pdu.header.command_id;
    const uint32_t seq = pdu.header.sequence_number;
    if (id == command::kBindTransceiver || id == command::kBindTransmitter ||
        id == command::kBindReceiver) {
      Pdu resp = Pdu::Make(id | command::kResponseBit, seq);
      resp.header.command_status = bind_status_;
      std::get<BindResponse>(resp.body).system_id = "FAKE";
      if (bind_status_ == status::kOk) conn.bound_as = id;
      SendLocked(conn.fd, Encode(resp));
    } else if (id == command::kSubmitSm) {
      if (!statuses_.empty()) {
        const uint32_t st = statuses_.front();
        statuses_.pop_front();
        SendLocked(conn.fd, SubmitResp(seq, st));
      } else if (submit_mode_ == SubmitMode::kHold) {
        held_.emplace_back(conn.fd, seq);
        max_held_ = std::max(max_held_, held_.size());
      } else {
        SendLocked(conn.fd, SubmitResp(seq, status::kOk));
      }
    } else if (id == command::kEnquireLink && answer_enquire_) {
      SendLocked(conn.fd, Encode(Pdu::Make(command::kEnquireLinkResp, seq)));
    } else if (id == command::kUnbind && answer_unbind_) {
      SendLocked(conn.fd, Encode(Pdu::Make(command::kUnbindResp, seq)));
    }
  }

  mutable std::mutex mu_;
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  uint16_t port_ = 0;
  std::thread thread_;
  std::deque<Conn> conns_;  // guarded by mu_ (deque: stable addresses)
  std::vector<Pdu> received_;
  std::vector<std::string> received_raw_;  // parallel to received_
  uint32_t bind_status_ = status::kOk;
  SubmitMode submit_mode_ = SubmitMode::kAnswer;
  std::deque<uint32_t> statuses_;
  std::vector<std::pair<int, uint32_t>> held_;
  size_t max_held_ = 0;
  size_t connections_accepted_ = 0;
  uint64_t next_id_ = 0;
  bool answer_enquire_ = true;
  bool answer_unbind_ = true;
};

// Everything the callbacks saw, for the test thread to inspect.
class Recorder {
 public:
  SessionEvents Events() {
    SessionEvents events;
    events.on_submit = [this](SubmitOutcome outcome) {
      std::lock_guard lock(mu_);
      outcomes_.push_back(std::move(outcome));
    };
    events.on_receipt = [this](const std::string& session, const DeliveryReceipt& receipt) {
      std::lock_guard lock(mu_);
      receipts_.push_back(session + "|" + receipt.message_id + "|" + receipt.stat);
      return receipt_answer_;
    };
    events.on_inbound = [this](const Inbound& inbound) {
      std::lock_guard lock(mu_);
      inbound_.push_back(inbound);
      return inbound_answer_;
    };
    events.on_state = [this](const std::string& session, bool bound, const std::string& why) {
      std::lock_guard lock(mu_);
      states_.push_back(session + (bound ? " up: " : " down: ") + why);
    };
    return events;
  }
  std::vector<SubmitOutcome> Outcomes() const {
    std::lock_guard lock(mu_);
    return outcomes_;
  }
  size_t OutcomeCount() const {
    std::lock_guard lock(mu_);
    return outcomes_.size();
  }
  std::vector<std::string> States() const {
    std::lock_guard lock(mu_);
    return states_;
  }
  std::vector<std::string> Receipts() const {
    std::lock_guard lock(mu_);
    return receipts_;
  }
  std::vector<Inbound> InboundMessages() const {
    std::lock_guard lock(mu_);
    return inbound_;
  }
  void SetInboundAnswer(uint32_t answer) {
    std::lock_guard lock(mu_);
    inbound_answer_ = answer;
  }
  bool StateMentions(const std::string& text) const {
    for (const std::string& state : States()) {
      if (state.find(text) != std::string::npos) return true;
    }
    return false;
  }

 private:
  mutable std::mutex mu_;
  std::vector<SubmitOutcome> outcomes_;
  std::vector<std::string> states_;
  std::vector<std::string> receipts_;
  std::vector<Inbound> inbound_;
  uint32_t receipt_answer_ = status::kOk;
  uint32_t inbound_answer_ = status::kOk;
};

inline SessionConfig TestConfig(uint16_t port) {
  SessionConfig config;
  config.name = "viettel";
  config.host = "127.0.0.1";
  config.port = port;
  config.system_id = "esme";
  config.password = "pw";
  config.window = 3;
  config.enquire_link_ms = 60000;
  config.response_timeout_ms = 5000;
  config.reconnect_min_ms = 5;
  config.reconnect_max_ms = 50;
  config.throttle_pause_ms = 5;
  config.source_addr = "8079";
  return config;
}

inline SubmitRequest Hello(uint64_t ref, std::vector<std::string> parts = {"Hello"}) {
  SubmitRequest request;
  request.ref = ref;
  request.destination = "84912345678";
  request.parts = std::move(parts);
  return request;
}

// Waits for Bound() and for room, then submits.
inline bool SubmitWhenRoom(Session& session, SubmitRequest request) {
  if (!WaitFor([&] { return session.Room() > 0; })) return false;
  return session.Submit(std::move(request));
}

}  // namespace dvc::gateway::smpp::test_support
