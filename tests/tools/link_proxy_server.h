// LinkProxy: the event loop of dvc-link-proxy.
//
// Accepts TCP clients, connects each to the upstream server and carries the
// bytes of both directions over one emulated Link (rate, delay, stalls), and
// cuts a connection (RST to both ends, queued bytes lost) once it has
// carried its randomly drawn number of bytes. One thread runs everything on
// non-blocking sockets with ppoll(), sleeping until the next socket event or
// deadline (a packet may be sent, a packet arrives).
//
// Thread-safety: Run() on one thread; RequestStop() from any thread or a
// signal handler; the rest before Run() or after it returned.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/status.h"
#include "core/unique_fd.h"
#include "link_proxy_link.h"
#include "link_proxy_options.h"
#include "link_proxy_random.h"

namespace dvc::linkproxy {

// Counts over the proxy's lifetime.
struct ProxyTotals {
  uint64_t connections = 0;
  uint64_t closed = 0;           // both sides closed normally
  uint64_t cuts = 0;             // cut by the emulated link
  uint64_t resets = 0;           // an end reset or errored
  uint64_t upstream_failed = 0;  // could not connect upstream
  uint64_t up_bytes = 0;         // delivered to the upstream server
  uint64_t down_bytes = 0;       // delivered to clients
  uint64_t stalls = 0;
};

// Receives one log line (no trailing newline).
using LogSink = std::function<void(const std::string& line)>;

class LinkProxy {
 public:
  // Binds and listens on options.listen. Errors: kInvalidInput for an
  // address that is not dotted IPv4, kIo when the socket cannot be bound.
  static Result<std::unique_ptr<LinkProxy>> Create(const ProxyOptions& options, LogSink log);
  ~LinkProxy();
  LinkProxy(const LinkProxy&) = delete;
  LinkProxy& operator=(const LinkProxy&) = delete;

  // The port actually bound (the chosen one when options.listen.port was 0).
  uint16_t port() const { return port_; }

  // Runs the loop until RequestStop(), then closes every connection and logs
  // the totals. Errors: kIo if ppoll itself fails.
  Status Run();

  // Asks Run() to return soon. Async-signal-safe; callable before Run().
  void RequestStop();

  ProxyTotals totals() const { return totals_; }

 private:
  struct Connection;
  LinkProxy(const ProxyOptions& options, LogSink log, core::UniqueFd listener, uint16_t port,
            core::UniqueFd wake_read, core::UniqueFd wake_write);

  void AcceptAll(TimePoint now);
  void Deliver(Connection& conn, Direction d, TimePoint now);
  void ReadInto(Connection& conn, Direction d);
  void FinishConnect(Connection& conn);
  void Cut(Connection& conn, TimePoint now);
  void FinishCuts(TimePoint now);
  void Reset(Connection& conn, const char* reason);
  void ReapEnded(TimePoint now);
  void LogEnd(const Connection& conn, TimePoint now);
  std::optional<TimePoint> NextDeadline(TimePoint now);

  ProxyOptions options_;
  LogSink log_;
  core::UniqueFd listener_;
  uint16_t port_;
  core::UniqueFd wake_read_, wake_write_;
  std::atomic<bool> stop_{false};
  LinkRandom random_;
  Link link_;
  std::map<uint64_t, std::unique_ptr<Connection>> connections_;  // by id: round-robin order
  uint64_t next_id_ = 1;
  ProxyTotals totals_;
};

}  // namespace dvc::linkproxy
