// Loopback tests of the proxy with real sockets: a test server behind the
// proxy (sink, echo or source), clients in front of it. Most run the proxy
// in-process on a thread; the cut-replay and signal tests start the real
// dvc-link-proxy program, as the sync tests do.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/unique_fd.h"
#include "link_proxy_server.h"

extern char** environ;

namespace dvc::linkproxy {
namespace {

using core::UniqueFd;
using std::chrono::milliseconds;
using SteadyTime = std::chrono::steady_clock::time_point;

double Seconds(SteadyTime a, SteadyTime b) { return std::chrono::duration<double>(b - a).count(); }

std::string RandomBytes(size_t n, uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(engine() & 0xff);
  return s;
}

UniqueFd ListenLoopback(uint16_t* port) {
  UniqueFd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  EXPECT_EQ(listen(fd.get(), 16), 0);
  socklen_t size = sizeof address;
  getsockname(fd.get(), reinterpret_cast<sockaddr*>(&address), &size);
  *port = ntohs(address.sin_port);
  return fd;
}

UniqueFd ConnectLoopback(uint16_t port) {
  UniqueFd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(connect(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address), 0)
      << std::strerror(errno);
  return fd;
}

// Sends all of `data` (blocking). Returns 0, or the errno that stopped it.
int SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

// What a server or client read from one connection until EOF or an error.
struct Received {
  std::string bytes;
  SteadyTime first_byte{};
  SteadyTime last_byte{};
  size_t first_read = 0;  // size of the first read (left out of rate measurements)
  int error = 0;          // errno of the failed recv; 0 after a clean EOF
};

Received ReadUntilEnd(int fd) {
  Received r;
  char buffer[16384];
  while (true) {
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      r.error = n < 0 ? errno : 0;
      return r;
    }
    const SteadyTime now = std::chrono::steady_clock::now();
    if (r.bytes.empty()) {
      r.first_byte = now;
      r.first_read = static_cast<size_t>(n);
    }
    r.last_byte = now;
    r.bytes.append(buffer, static_cast<size_t>(n));
  }
}

// A server on loopback that handles `connections` connections one after
// another: kSink reads everything, kEcho echoes, kSource sends `payload` and
// then reads until the end.
class TestServer {
 public:
  enum class Mode { kSink, kEcho, kSource };
  TestServer(Mode mode, int connections, std::string payload = "")
      : listener_(ListenLoopback(&port_)), payload_(std::move(payload)) {
    thread_ = std::thread([this, mode, connections] {
      for (int i = 0; i < connections; ++i) {
        UniqueFd conn(accept(listener_.get(), nullptr, nullptr));
        if (!conn.valid()) return;
        Received r;
        if (mode == Mode::kEcho) {
          r = Echo(conn.get());
        } else {
          if (mode == Mode::kSource) SendAll(conn.get(), payload_);
          r = ReadUntilEnd(conn.get());
        }
        std::lock_guard<std::mutex> lock(mutex_);
        results_.push_back(std::move(r));
      }
    });
  }
  ~TestServer() {
    shutdown(listener_.get(), SHUT_RDWR);  // unblocks accept if a test failed early
    thread_.join();
  }
  uint16_t port() const { return port_; }
  // Waits for the server thread to finish its connections.
  std::vector<Received> Results() {
    thread_.join();
    thread_ = std::thread([] {});
    std::lock_guard<std::mutex> lock(mutex_);
    return results_;
  }

 private:
  static Received Echo(int fd) {
    Received r;
    char buffer[16384];
    while (true) {
      const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        r.error = n < 0 ? errno : 0;
        return r;
      }
      r.bytes.append(buffer, static_cast<size_t>(n));
      if (SendAll(fd, std::string_view(buffer, static_cast<size_t>(n))) != 0) return r;
    }
  }

  uint16_t port_ = 0;
  UniqueFd listener_;
  std::string payload_;
  std::mutex mutex_;
  std::vector<Received> results_;
  std::thread thread_;
};

// The proxy running in this process on its own thread.
class InProcessProxy {
 public:
  explicit InProcessProxy(ProxyOptions options) {
    auto created = LinkProxy::Create(options, [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mutex_);
      log_.push_back(line);
    });
    EXPECT_TRUE(created.ok()) << created.status().message();
    proxy_ = std::move(created).value();
    thread_ = std::thread([this] { status_ = proxy_->Run(); });
  }
  ~InProcessProxy() { Stop(); }
  uint16_t port() const { return proxy_->port(); }
  void Stop() {
    if (!thread_.joinable()) return;
    proxy_->RequestStop();
    thread_.join();
    EXPECT_TRUE(status_.ok()) << status_.message();
  }
  std::vector<std::string> Log() {
    std::lock_guard<std::mutex> lock(mutex_);
    return log_;
  }
  const LinkProxy& proxy() const { return *proxy_; }

 private:
  std::unique_ptr<LinkProxy> proxy_;
  std::thread thread_;
  Status status_;
  std::mutex mutex_;
  std::vector<std::string> log_;
};

ProxyOptions Options(uint16_t upstream_port) {
  ProxyOptions options;
  options.upstream = {"127.0.0.1", upstream_port};
  return options;
}

TEST(LinkProxySocketTest, A200KbTransferRunsAtTheLinkRate) {
  TestServer sink(TestServer::Mode::kSink, 1);
  ProxyOptions options = Options(sink.port());
  options.rate_kbit = 384;
  options.delay_ms = 150;
  InProcessProxy proxy(options);
  const std::string data = RandomBytes(200'000, 1);
  {
    UniqueFd client = ConnectLoopback(proxy.port());
    ASSERT_EQ(SendAll(client.get(), data), 0);
    shutdown(client.get(), SHUT_WR);
    char byte;
    EXPECT_EQ(recv(client.get(), &byte, 1, 0), 0) << "the sink's close comes back as EOF";
  }
  const std::vector<Received> results = sink.Results();
  ASSERT_EQ(results.size(), 1u);
  const Received& r = results[0];
  EXPECT_EQ(r.bytes, data);
  EXPECT_EQ(r.error, 0);
  const double rate =
      static_cast<double>(r.bytes.size() - r.first_read) / Seconds(r.first_byte, r.last_byte);
  std::printf("measured %.0f B/s for 48000 B/s (384 kbit/s)\n", rate);
  EXPECT_NEAR(rate, 48000, 4800);
}

TEST(LinkProxySocketTest, ASmallMessageTakesTwiceTheDelayToComeBack) {
  TestServer echo(TestServer::Mode::kEcho, 1);
  ProxyOptions options = Options(echo.port());
  options.rate_kbit = 384;
  options.delay_ms = 150;
  InProcessProxy proxy(options);
  UniqueFd client = ConnectLoopback(proxy.port());
  for (int round = 0; round < 2; ++round) {
    const SteadyTime start = std::chrono::steady_clock::now();
    ASSERT_EQ(SendAll(client.get(), "ping-ping-ping!"), 0);
    std::string reply;
    char buffer[64];
    while (reply.size() < 15) {
      const ssize_t n = recv(client.get(), buffer, sizeof buffer, 0);
      ASSERT_GT(n, 0);
      reply.append(buffer, static_cast<size_t>(n));
    }
    const double rtt = Seconds(start, std::chrono::steady_clock::now());
    std::printf("round trip %.1f ms for 2 x 150 ms\n", rtt * 1000);
    EXPECT_EQ(reply, "ping-ping-ping!");
    EXPECT_GE(rtt, 0.300);
    EXPECT_LT(rtt, 0.400);
  }
}

TEST(LinkProxySocketTest, ConnectionsShareOneLinkCapacity) {
  TestServer sink(TestServer::Mode::kSink, 2);
  ProxyOptions options = Options(sink.port());
  options.rate_kbit = 1600;  // 200000 B/s
  InProcessProxy proxy(options);
  const std::string data = RandomBytes(100'000, 2);
  // The sink takes one connection at a time, so the second client's bytes
  // wait in its kernel buffers and in the proxy; that is enough to load the
  // link from both connections at once.
  const SteadyTime start = std::chrono::steady_clock::now();
  std::thread second([&] {
    UniqueFd client = ConnectLoopback(proxy.port());
    EXPECT_EQ(SendAll(client.get(), data), 0);
    shutdown(client.get(), SHUT_WR);
    char byte;
    recv(client.get(), &byte, 1, 0);
  });
  {
    UniqueFd client = ConnectLoopback(proxy.port());
    EXPECT_EQ(SendAll(client.get(), data), 0);
    shutdown(client.get(), SHUT_WR);
    char byte;
    recv(client.get(), &byte, 1, 0);
  }
  second.join();
  const double elapsed = Seconds(start, std::chrono::steady_clock::now());
  std::printf("2 x 100 KB over a shared 200 KB/s link: %.2f s\n", elapsed);
  EXPECT_GE(elapsed, 0.85) << "200 KB cannot cross a 200 KB/s link in less than a second";
  EXPECT_LT(elapsed, 1.5);
}

TEST(LinkProxySocketTest, StallsHoldTheLinkForTheStallTime) {
  TestServer sink(TestServer::Mode::kSink, 1);
  ProxyOptions options = Options(sink.port());
  options.stall_prob = 1.0;  // after every packet
  options.stall_ms = 200;
  InProcessProxy proxy(options);
  const std::string data = RandomBytes(3 * 1460, 3);
  const SteadyTime start = std::chrono::steady_clock::now();
  {
    UniqueFd client = ConnectLoopback(proxy.port());
    ASSERT_EQ(SendAll(client.get(), data), 0);
    shutdown(client.get(), SHUT_WR);
    char byte;
    recv(client.get(), &byte, 1, 0);
  }
  const std::vector<Received> results = sink.Results();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].bytes, data);
  // Three packets and the FIN: three stalls of 200 ms between them.
  EXPECT_GE(Seconds(start, results[0].last_byte), 0.4);
  proxy.Stop();
  EXPECT_GE(proxy.proxy().totals().stalls, 3u);
}

TEST(LinkProxySocketTest, NothingIsCorruptedOrReorderedBeforeACut) {
  // Echo through a delayed, stalling, cutting link: whatever comes back must
  // be exactly the beginning of what was sent, whatever the cut point.
  const int kConnections = 6;
  TestServer echo(TestServer::Mode::kEcho, kConnections);
  ProxyOptions options = Options(echo.port());
  options.delay_ms = 5;
  options.stall_prob = 0.02;
  options.stall_ms = 5;
  options.cut_mean_bytes = 300'000;
  options.seed = 9;
  InProcessProxy proxy(options);
  int cut = 0;
  for (int i = 0; i < kConnections; ++i) {
    const std::string data = RandomBytes(400'000, 100 + i);
    UniqueFd client = ConnectLoopback(proxy.port());
    std::thread writer([&] {
      if (SendAll(client.get(), data) == 0) shutdown(client.get(), SHUT_WR);
    });
    const Received back = ReadUntilEnd(client.get());
    writer.join();
    ASSERT_LE(back.bytes.size(), data.size());
    EXPECT_TRUE(back.bytes == data.substr(0, back.bytes.size()))
        << "connection " << i << ": the echo differs from the prefix sent";
    if (back.error == ECONNRESET) ++cut;
    if (back.error == 0) {
      EXPECT_EQ(back.bytes.size(), data.size());
    }
  }
  proxy.Stop();
  EXPECT_GT(cut, 0) << "a 300 KB mean should cut some of six 800 KB round trips";
  EXPECT_EQ(static_cast<int>(proxy.proxy().totals().cuts), cut);
  const std::vector<Received> at_server = echo.Results();
  for (size_t i = 0; i < at_server.size(); ++i) {
    const std::string sent = RandomBytes(400'000, 100 + i);
    ASSERT_LE(at_server[i].bytes.size(), sent.size());
    EXPECT_TRUE(at_server[i].bytes == sent.substr(0, at_server[i].bytes.size())) << i;
  }
}

TEST(LinkProxySocketTest, AFailedUpstreamResetsTheClient) {
  uint16_t closed_port = 0;
  { UniqueFd gone = ListenLoopback(&closed_port); }  // bound, then closed: refuses
  InProcessProxy proxy(Options(closed_port));
  UniqueFd client = ConnectLoopback(proxy.port());
  const Received r = ReadUntilEnd(client.get());
  EXPECT_EQ(r.error, ECONNRESET);
  proxy.Stop();
  EXPECT_EQ(proxy.proxy().totals().upstream_failed, 1u);
}

// --- the program itself ---

// dvc-link-proxy started as a child process; SIGTERM and reaped on Stop().
class ProgramProxy {
 public:
  explicit ProgramProxy(std::vector<std::string> args) {
    int out[2];
    EXPECT_EQ(pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    args.insert(args.begin(), DVC_LINK_PROXY_PROGRAM);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&pid_, DVC_LINK_PROXY_PROGRAM, &actions, nullptr, argv.data(), environ),
              0);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    // The first line of stdout is the port.
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    port_ = static_cast<uint16_t>(std::atoi(line.c_str()));
  }
  ~ProgramProxy() { Stop(); }
  uint16_t port() const { return port_; }
  // Sends SIGTERM and returns the exit status (-1 if it did not exit normally).
  int Stop() {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return exit_code_;
  }

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  int exit_code_ = -1;
};

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "link_proxy_" + std::to_string(getpid()) + "_" + name;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One run of the program with cuts: three connections each pushing 1 MB
// into a sink; returns how many bytes the sink got on each.
std::vector<size_t> CutRun(uint64_t seed, const std::string& log_path) {
  TestServer sink(TestServer::Mode::kSink, 3);
  ProgramProxy proxy({"--listen", "127.0.0.1:0", "--upstream",
                      "127.0.0.1:" + std::to_string(sink.port()), "--cut-mean-bytes", "200000",
                      "--delay-ms", "2", "--seed", std::to_string(seed), "--log", log_path});
  const std::string data = RandomBytes(1'000'000, 4);
  for (int i = 0; i < 3; ++i) {
    UniqueFd client = ConnectLoopback(proxy.port());
    const int error = SendAll(client.get(), data);
    if (error == 0) {
      shutdown(client.get(), SHUT_WR);
      EXPECT_EQ(ReadUntilEnd(client.get()).error, ECONNRESET) << "connection " << i;
    } else {
      EXPECT_TRUE(error == ECONNRESET || error == EPIPE) << std::strerror(error);
    }
  }
  std::vector<size_t> counts;
  for (const Received& r : sink.Results()) {
    EXPECT_TRUE(r.bytes == data.substr(0, r.bytes.size()));
    EXPECT_EQ(r.error, ECONNRESET) << "the upstream side is reset too";
    counts.push_back(r.bytes.size());
  }
  EXPECT_EQ(proxy.Stop(), 0);
  return counts;
}

TEST(LinkProxyProgramTest, CutsReplayAtTheSameByteCountsWithTheSameSeed) {
  const std::string log1 = TempPath("cut1.log");
  const std::string log2 = TempPath("cut2.log");
  const std::string log3 = TempPath("cut3.log");
  const std::vector<size_t> first = CutRun(42, log1);
  const std::vector<size_t> second = CutRun(42, log2);
  const std::vector<size_t> other = CutRun(43, log3);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first, second);
  EXPECT_NE(first, other);
  // The log names each cut with the bytes carried, which the sink received.
  const std::string log = ReadFile(log1);
  for (size_t i = 0; i < first.size(); ++i) {
    const std::string expected = "conn=" + std::to_string(i + 1) + " ";
    const size_t at = log.find(expected);
    ASSERT_NE(at, std::string::npos) << log;
    const std::string line = log.substr(at, log.find('\n', at) - at);
    EXPECT_NE(line.find(" up_bytes=" + std::to_string(first[i]) + " "), std::string::npos) << line;
    EXPECT_NE(line.find(" end=cut "), std::string::npos) << line;
    EXPECT_NE(line.find(" cut_after=" + std::to_string(first[i])), std::string::npos) << line;
  }
  EXPECT_NE(log.find("totals connections=3 closed=0 cuts=3"), std::string::npos) << log;
  for (const auto& path : {log1, log2, log3}) std::remove(path.c_str());
}

TEST(LinkProxyProgramTest, WritesItsPortAndStopsCleanlyOnSigterm) {
  TestServer echo(TestServer::Mode::kEcho, 1);
  const std::string port_file = TempPath("port");
  const std::string log_path = TempPath("sigterm.log");
  ProgramProxy proxy({"--upstream", "127.0.0.1:" + std::to_string(echo.port()), "--port-file",
                      port_file, "--log", log_path, "--rate-kbit", "384", "--delay-ms", "20"});
  ASSERT_NE(proxy.port(), 0);
  EXPECT_EQ(ReadFile(port_file), std::to_string(proxy.port()) + "\n");
  {
    UniqueFd client = ConnectLoopback(proxy.port());
    ASSERT_EQ(SendAll(client.get(), "hello"), 0);
    char buffer[5];
    EXPECT_EQ(recv(client.get(), buffer, sizeof buffer, MSG_WAITALL), 5);
    // Still open when the proxy is told to stop.
    EXPECT_EQ(proxy.Stop(), 0);
  }
  const std::string log = ReadFile(log_path);
  EXPECT_NE(log.find("conn=1 "), std::string::npos) << log;
  EXPECT_NE(log.find("up_bytes=5 down_bytes=5 end=shutdown"), std::string::npos) << log;
  EXPECT_NE(log.find("totals connections=1"), std::string::npos) << log;
  std::remove(port_file.c_str());
  std::remove(log_path.c_str());
}

}  // namespace
}  // namespace dvc::linkproxy
