#include "link_proxy_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace dvc::linkproxy {
namespace {

// Bytes read from a socket per call; the queue limit bounds it further.
constexpr size_t kReadChunk = 64 * 1024;
// The delay line of a stream may hold this much beyond what the link carries
// in one delay, before the stream stops sending (its receiver is not reading).
constexpr size_t kInFlightSlack = 256 * 1024;

// After a cut, how long the proxy waits for the bytes it already wrote to
// leave its kernel send buffers before it resets both ends (a reset throws
// them away, and the counts would then overstate what the peers received),
// and how often it looks.
constexpr Duration kCutDrainLimit = std::chrono::seconds(1);
constexpr Duration kCutDrainPoll = std::chrono::milliseconds(1);

constexpr int kUp = static_cast<int>(Direction::kUp);
constexpr int kDown = static_cast<int>(Direction::kDown);

std::string ErrnoText(const std::string& what) { return what + ": " + std::strerror(errno); }

Result<sockaddr_in> ToAddress(const Endpoint& endpoint) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(endpoint.port);
  if (inet_pton(AF_INET, endpoint.host.c_str(), &address.sin_addr) != 1) {
    return Status::InvalidInput("'" + endpoint.host + "' is not a dotted IPv4 address");
  }
  return address;
}

std::string PeerName(const sockaddr_in& address) {
  char text[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &address.sin_addr, text, sizeof text);
  return std::string(text) + ":" + std::to_string(ntohs(address.sin_port));
}

// Small packets go out at once: the link, not Nagle, decides the timing.
void SetNoDelay(int fd) {
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// Closing after this sends RST instead of FIN: the abrupt end of a cut link.
void SetAbortiveClose(int fd) {
  if (fd < 0) return;
  const linger abort_now{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_now, sizeof abort_now);
}

size_t InFlightLimit(const ProxyOptions& options) {
  const LinkParams params = LinkParamsFrom(options);
  const uint64_t per_delay =
      params.bytes_per_second *
      static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::milliseconds>(params.delay).count()) /
      1000;
  return static_cast<size_t>(per_delay) + kInFlightSlack;
}

// Bytes written to `fd` that the peer has not acknowledged yet.
int UnsentBytes(int fd) {
  int unsent = 0;
  if (fd < 0 || ioctl(fd, SIOCOUTQ, &unsent) != 0) return 0;
  return unsent;
}

int64_t Milliseconds(Duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace

struct LinkProxy::Connection {
  Connection(uint64_t conn_id, size_t queue_limit, size_t in_flight_limit)
      : id(conn_id),
        streams{HalfStream(conn_id, queue_limit, in_flight_limit),
                HalfStream(conn_id, queue_limit, in_flight_limit)} {}

  // The socket bytes of direction d are read from / written to.
  int Source(int d) const { return d == kUp ? client.get() : upstream.get(); }
  int Destination(int d) const { return d == kUp ? upstream.get() : client.get(); }
  bool DestinationReady(int d) const { return d == kDown || !connecting; }

  uint64_t id;
  std::string peer;
  core::UniqueFd client;
  core::UniqueFd upstream;
  bool connecting = true;
  HalfStream streams[2];  // [kUp]: client → upstream, [kDown]: upstream → client
  bool write_blocked[2] = {false, false};  // destination of direction d returned EAGAIN
  uint64_t cut_after = 0;                  // 0: never cut
  uint64_t carried = 0;                    // bytes delivered, both directions
  TimePoint started;
  std::optional<TimePoint> cut_at;  // cut: reset both ends once drained or at this time
  int unsent_at_cut = 0;            // bytes still in the kernel when the reset went out
  const char* end = nullptr;        // set when the connection is over: why
};

Result<std::unique_ptr<LinkProxy>> LinkProxy::Create(const ProxyOptions& options, LogSink log) {
  const Result<sockaddr_in> listen_address = ToAddress(options.listen);
  if (!listen_address.ok()) return listen_address.status().WithContext("--listen");
  const Result<sockaddr_in> upstream_address = ToAddress(options.upstream);
  if (!upstream_address.ok()) return upstream_address.status().WithContext("--upstream");

  core::UniqueFd listener(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!listener.valid()) return Status::Io(ErrnoText("socket"));
  const int one = 1;
  setsockopt(listener.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  const std::string where = options.listen.host + ":" + std::to_string(options.listen.port);
  if (bind(listener.get(), reinterpret_cast<const sockaddr*>(&*listen_address),
           sizeof(sockaddr_in)) != 0) {
    return Status::Io(ErrnoText("cannot bind " + where));
  }
  if (listen(listener.get(), 128) != 0) return Status::Io(ErrnoText("cannot listen on " + where));
  sockaddr_in bound{};
  socklen_t bound_size = sizeof bound;
  if (getsockname(listener.get(), reinterpret_cast<sockaddr*>(&bound), &bound_size) != 0) {
    return Status::Io(ErrnoText("getsockname"));
  }
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_NONBLOCK | O_CLOEXEC) != 0) return Status::Io(ErrnoText("pipe2"));
  return std::unique_ptr<LinkProxy>(
      new LinkProxy(options, std::move(log), std::move(listener), ntohs(bound.sin_port),
                    core::UniqueFd(pipe_fds[0]), core::UniqueFd(pipe_fds[1])));
}

LinkProxy::LinkProxy(const ProxyOptions& options, LogSink log, core::UniqueFd listener,
                     uint16_t port, core::UniqueFd wake_read, core::UniqueFd wake_write)
    : options_(options),
      log_(std::move(log)),
      listener_(std::move(listener)),
      port_(port),
      wake_read_(std::move(wake_read)),
      wake_write_(std::move(wake_write)),
      random_(options.seed),
      link_(LinkParamsFrom(options), &random_, Clock::now()) {}

LinkProxy::~LinkProxy() = default;

void LinkProxy::RequestStop() {
  stop_.store(true);
  const char byte = 1;
  // A full pipe already holds a wake-up; nothing else to do on failure.
  [[maybe_unused]] const ssize_t ignored = write(wake_write_.get(), &byte, 1);
}

void LinkProxy::AcceptAll(TimePoint now) {
  const Result<sockaddr_in> upstream_address = ToAddress(options_.upstream);
  while (true) {
    sockaddr_in peer{};
    socklen_t peer_size = sizeof peer;
    core::UniqueFd client(accept4(listener_.get(), reinterpret_cast<sockaddr*>(&peer), &peer_size,
                                  SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!client.valid()) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED) {
        log_(ErrnoText("accept"));
      }
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;
    }
    const uint64_t id = next_id_++;
    auto conn = std::make_unique<Connection>(id, options_.queue_bytes, InFlightLimit(options_));
    conn->peer = PeerName(peer);
    conn->started = now;
    conn->client = std::move(client);
    SetNoDelay(conn->client.get());
    if (options_.cut_mean_bytes > 0)
      conn->cut_after = random_.CutAfterBytes(options_.cut_mean_bytes);
    ++totals_.connections;

    conn->upstream = core::UniqueFd(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!conn->upstream.valid()) {
      log_(ErrnoText("socket"));
      Reset(*conn, "upstream-failed");
    } else {
      SetNoDelay(conn->upstream.get());
      const int rc =
          connect(conn->upstream.get(), reinterpret_cast<const sockaddr*>(&*upstream_address),
                  sizeof(sockaddr_in));
      if (rc == 0) {
        conn->connecting = false;
      } else if (errno != EINPROGRESS) {
        Reset(*conn, "upstream-failed");
      }
    }
    connections_.emplace(id, std::move(conn));
  }
}

void LinkProxy::FinishConnect(Connection& conn) {
  int error = 0;
  socklen_t size = sizeof error;
  if (getsockopt(conn.upstream.get(), SOL_SOCKET, SO_ERROR, &error, &size) != 0) error = errno;
  if (error == EINPROGRESS || error == EALREADY) return;
  if (error != 0) {
    Reset(conn, "upstream-failed");
    return;
  }
  conn.connecting = false;
}

void LinkProxy::ReadInto(Connection& conn, Direction d) {
  const int index = static_cast<int>(d);
  HalfStream& stream = conn.streams[index];
  const size_t room = std::min(stream.QueueRoom(), kReadChunk);
  if (room == 0) return;
  char buffer[kReadChunk];
  const ssize_t n = recv(conn.Source(index), buffer, room, MSG_DONTWAIT);
  if (n > 0) {
    stream.Enqueue(std::string_view(buffer, static_cast<size_t>(n)));
  } else if (n == 0) {
    stream.MarkEof();
  } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
    Reset(conn, d == Direction::kUp ? "client-reset" : "upstream-reset");
  }
}

void LinkProxy::Deliver(Connection& conn, Direction d, TimePoint now) {
  const int index = static_cast<int>(d);
  if (conn.end != nullptr || conn.cut_at || !conn.DestinationReady(index)) return;
  HalfStream& stream = conn.streams[index];
  while (true) {
    const std::string_view bytes = stream.Arrived(now);
    if (bytes.empty()) {
      if (stream.FinArrived(now)) {
        // The receiver may already be gone; the other direction will notice.
        shutdown(conn.Destination(index), SHUT_WR);
        stream.FinDelivered();
        if (conn.streams[kUp].fin_delivered() && conn.streams[kDown].fin_delivered()) {
          conn.end = "closed";
          ++totals_.closed;
        }
      }
      return;
    }
    size_t n = bytes.size();
    if (conn.cut_after > 0) n = std::min<uint64_t>(n, conn.cut_after - conn.carried);
    const ssize_t written =
        send(conn.Destination(index), bytes.data(), n, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (written < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        conn.write_blocked[index] = true;
      } else {
        Reset(conn, d == Direction::kUp ? "upstream-reset" : "client-reset");
      }
      return;
    }
    stream.Delivered(static_cast<size_t>(written));
    conn.carried += static_cast<uint64_t>(written);
    (d == Direction::kUp ? totals_.up_bytes : totals_.down_bytes) += static_cast<uint64_t>(written);
    if (conn.cut_after > 0 && conn.carried >= conn.cut_after) {
      Cut(conn, now);
      return;
    }
  }
}

void LinkProxy::Cut(Connection& conn, TimePoint now) {
  // The link is down: what the proxy holds is lost and nothing more is read.
  // The bytes already written reach the peers first (FinishCuts), so each
  // end receives exactly the bytes counted, and a replay cuts at the same bytes.
  conn.streams[kUp].DropAll();
  conn.streams[kDown].DropAll();
  conn.cut_at = now + kCutDrainLimit;
}

void LinkProxy::FinishCuts(TimePoint now) {
  for (auto& [id, conn] : connections_) {
    if (!conn->cut_at || conn->end != nullptr) continue;
    const int unsent = UnsentBytes(conn->client.get()) + UnsentBytes(conn->upstream.get());
    if (unsent > 0 && now < *conn->cut_at) continue;
    conn->unsent_at_cut = unsent;
    SetAbortiveClose(conn->client.get());
    SetAbortiveClose(conn->upstream.get());
    conn->end = "cut";
    ++totals_.cuts;
  }
}

void LinkProxy::Reset(Connection& conn, const char* reason) {
  if (conn.end != nullptr) return;
  // An end that failed or reset takes the other end down the same way, as
  // the gateway would see if the kiosk's connection broke.
  conn.streams[kUp].DropAll();
  conn.streams[kDown].DropAll();
  SetAbortiveClose(conn.client.get());
  SetAbortiveClose(conn.upstream.get());
  conn.end = reason;
  if (std::strcmp(reason, "upstream-failed") == 0) {
    ++totals_.upstream_failed;
  } else {
    ++totals_.resets;
  }
}

void LinkProxy::LogEnd(const Connection& conn, TimePoint now) {
  std::string line = "conn=" + std::to_string(conn.id) + " peer=" + conn.peer +
                     " up_bytes=" + std::to_string(conn.streams[kUp].delivered_bytes()) +
                     " down_bytes=" + std::to_string(conn.streams[kDown].delivered_bytes()) +
                     " end=" + conn.end +
                     " duration_ms=" + std::to_string(Milliseconds(now - conn.started));
  if (conn.cut_after > 0) line += " cut_after=" + std::to_string(conn.cut_after);
  if (conn.unsent_at_cut > 0) line += " lost_in_kernel=" + std::to_string(conn.unsent_at_cut);
  log_(line);
}

void LinkProxy::ReapEnded(TimePoint now) {
  for (auto it = connections_.begin(); it != connections_.end();) {
    if (it->second->end != nullptr) {
      LogEnd(*it->second, now);
      it = connections_.erase(it);  // closes both sockets (RST if abortive)
    } else {
      ++it;
    }
  }
}

std::optional<TimePoint> LinkProxy::NextDeadline(TimePoint now) {
  std::optional<TimePoint> deadline;
  const auto consider = [&deadline](std::optional<TimePoint> t) {
    if (t && (!deadline || *t < *deadline)) deadline = t;
  };
  std::vector<HalfStream*> streams[2];
  for (auto& [id, conn] : connections_) {
    if (conn->cut_at) consider(std::min(*conn->cut_at, now + kCutDrainPoll));
    for (int d : {kUp, kDown}) {
      streams[d].push_back(&conn->streams[d]);
      if (conn->DestinationReady(d) && !conn->write_blocked[d]) {
        consider(conn->streams[d].NextArrival());
      }
    }
  }
  consider(link_.NextSendTime(Direction::kUp, streams[kUp], now));
  consider(link_.NextSendTime(Direction::kDown, streams[kDown], now));
  return deadline;
}

Status LinkProxy::Run() {
  log_("listening " + options_.listen.host + ":" + std::to_string(port_) +
       " upstream=" + options_.upstream.host + ":" + std::to_string(options_.upstream.port) +
       " rate_kbit=" + std::to_string(options_.rate_kbit) +
       " delay_ms=" + std::to_string(options_.delay_ms) +
       " cut_mean_bytes=" + std::to_string(options_.cut_mean_bytes) +
       " stall_prob=" + std::to_string(options_.stall_prob) +
       " stall_ms=" + std::to_string(options_.stall_ms) + " seed=" + std::to_string(options_.seed));
  Status result;
  std::vector<pollfd> fds;
  std::vector<Connection*> polled;  // connection of fds[2 + 2k] and fds[3 + 2k]
  while (!stop_.load()) {
    TimePoint now = Clock::now();
    // Send what the link allows, then deliver what has arrived (with no
    // delay a packet arrives the moment it is sent).
    {
      std::vector<HalfStream*> streams[2];
      for (auto& [id, conn] : connections_) {
        for (int d : {kUp, kDown}) streams[d].push_back(&conn->streams[d]);
      }
      link_.Pump(Direction::kUp, streams[kUp], now);
      link_.Pump(Direction::kDown, streams[kDown], now);
    }
    for (auto& [id, conn] : connections_) {
      Deliver(*conn, Direction::kUp, now);
      Deliver(*conn, Direction::kDown, now);
    }
    FinishCuts(now);
    ReapEnded(now);

    fds.clear();
    polled.clear();
    fds.push_back({wake_read_.get(), POLLIN, 0});
    fds.push_back({listener_.get(), POLLIN, 0});
    for (auto& [id, conn] : connections_) {
      short client_events = 0;
      short upstream_events = 0;
      // A cut connection waits only for its drain deadline (see NextDeadline).
      if (conn->cut_at) {
        fds.push_back({-1, 0, 0});
        fds.push_back({-1, 0, 0});
        polled.push_back(conn.get());
        continue;
      }
      if (conn->streams[kUp].QueueRoom() > 0) client_events |= POLLIN;
      if (conn->write_blocked[kDown]) client_events |= POLLOUT;
      if (conn->connecting) {
        upstream_events |= POLLOUT;
      } else {
        if (conn->streams[kDown].QueueRoom() > 0) upstream_events |= POLLIN;
        if (conn->write_blocked[kUp]) upstream_events |= POLLOUT;
      }
      // A socket we want nothing from is left out, or its POLLHUP would spin the loop.
      fds.push_back({client_events != 0 ? conn->client.get() : -1, client_events, 0});
      fds.push_back({upstream_events != 0 ? conn->upstream.get() : -1, upstream_events, 0});
      polled.push_back(conn.get());
    }

    const std::optional<TimePoint> deadline = NextDeadline(now);
    timespec timeout{};
    const timespec* timeout_ptr = nullptr;
    if (deadline) {
      const int64_t wait_ns = std::max<int64_t>(0, Duration(*deadline - now).count());
      timeout.tv_sec = static_cast<time_t>(wait_ns / 1'000'000'000);
      timeout.tv_nsec = static_cast<long>(wait_ns % 1'000'000'000);
      timeout_ptr = &timeout;
    }
    const int ready = ppoll(fds.data(), fds.size(), timeout_ptr, nullptr);
    if (ready < 0) {
      if (errno == EINTR) continue;
      result = Status::Io(ErrnoText("ppoll"));
      break;
    }
    if (ready == 0) continue;
    now = Clock::now();
    if (fds[0].revents != 0) {
      char drain[64];
      while (read(wake_read_.get(), drain, sizeof drain) > 0) {
      }
    }
    if (fds[1].revents != 0) AcceptAll(now);
    for (size_t k = 0; k < polled.size(); ++k) {
      Connection& conn = *polled[k];
      const short client_revents = fds[2 + 2 * k].revents;
      const short upstream_revents = fds[3 + 2 * k].revents;
      if (conn.connecting && upstream_revents != 0) FinishConnect(conn);
      if (conn.end != nullptr || conn.cut_at) continue;
      // Writable again: Deliver (next turn) retries.
      if (client_revents & (POLLOUT | POLLERR | POLLHUP)) conn.write_blocked[kDown] = false;
      if (!conn.connecting && (upstream_revents & (POLLOUT | POLLERR | POLLHUP))) {
        conn.write_blocked[kUp] = false;
      }
      if (client_revents & (POLLIN | POLLERR | POLLHUP)) ReadInto(conn, Direction::kUp);
      if (conn.end == nullptr && !conn.connecting &&
          (upstream_revents & (POLLIN | POLLERR | POLLHUP))) {
        ReadInto(conn, Direction::kDown);
      }
    }
  }
  const TimePoint now = Clock::now();
  for (auto& [id, conn] : connections_) {
    if (conn->end == nullptr) conn->end = "shutdown";
  }
  ReapEnded(now);
  totals_.stalls = link_.stalls();
  log_("totals connections=" + std::to_string(totals_.connections) +
       " closed=" + std::to_string(totals_.closed) + " cuts=" + std::to_string(totals_.cuts) +
       " resets=" + std::to_string(totals_.resets) + " upstream_failed=" +
       std::to_string(totals_.upstream_failed) + " up_bytes=" + std::to_string(totals_.up_bytes) +
       " down_bytes=" + std::to_string(totals_.down_bytes) +
       " stalls=" + std::to_string(totals_.stalls));
  return result;
}

}  // namespace dvc::linkproxy
