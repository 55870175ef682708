// dvc-link-proxy: a TCP proxy that puts every connection through an
// emulated slow, lossy 2G/3G link (rate, delay, stalls, random cuts), in
// place of the kernel's netem, which the build machines do not have.
// main() only parses, starts, waits for SIGTERM/SIGINT and reports.

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "link_proxy_options.h"
#include "link_proxy_server.h"

namespace {

dvc::linkproxy::LinkProxy* g_proxy = nullptr;  // for the signal handler only

extern "C" void OnStopSignal(int) {
  if (g_proxy != nullptr) g_proxy->RequestStop();
}

// Writes "PORT\n" to `path` through a temp file and rename, so a test that
// polls for the file never reads it half written.
dvc::Status WritePortFile(const std::string& path, uint16_t port) {
  const std::string temp = path + ".tmp." + std::to_string(getpid());
  const std::string text = std::to_string(port) + "\n";
  std::FILE* file = std::fopen(temp.c_str(), "w");
  if (file == nullptr) return dvc::Status::Io("cannot create " + temp);
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  const bool flushed = std::fflush(file) == 0 && fsync(fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed || std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return dvc::Status::Io("cannot write the port file " + path);
  }
  return dvc::Status::Ok();
}

// Closes the log file (if one was opened) on every path.
struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      std::fputs(dvc::linkproxy::ProxyUsage().c_str(), stdout);
      return 0;
    }
  }
  const auto options = dvc::linkproxy::ParseProxyOptions(args);
  if (!options.ok()) {
    std::fprintf(stderr, "dvc-link-proxy: %s\n%s", options.status().message().c_str(),
                 dvc::linkproxy::ProxyUsage().c_str());
    return 2;
  }

  std::unique_ptr<std::FILE, FileCloser> log_file;
  if (!options->log_file.empty()) {
    log_file.reset(std::fopen(options->log_file.c_str(), "a"));
    if (!log_file) {
      std::fprintf(stderr, "dvc-link-proxy: cannot open the log %s\n", options->log_file.c_str());
      return 1;
    }
  }
  std::FILE* log_target = log_file ? log_file.get() : stderr;
  auto log = [log_target](const std::string& line) {
    std::fprintf(log_target, "%s\n", line.c_str());
    std::fflush(log_target);  // a killed proxy leaves every finished line behind
  };

  auto proxy = dvc::linkproxy::LinkProxy::Create(*options, log);
  if (!proxy.ok()) {
    std::fprintf(stderr, "dvc-link-proxy: %s\n", proxy.status().message().c_str());
    return 1;
  }
  g_proxy = proxy->get();
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  signal(SIGPIPE, SIG_IGN);

  const uint16_t port = (*proxy)->port();
  if (!options->port_file.empty()) {
    const dvc::Status written = WritePortFile(options->port_file, port);
    if (!written.ok()) {
      std::fprintf(stderr, "dvc-link-proxy: %s\n", written.message().c_str());
      return 1;
    }
  }
  std::printf("%u\n", static_cast<unsigned>(port));
  std::fflush(stdout);

  const dvc::Status run = (*proxy)->Run();
  g_proxy = nullptr;
  if (!run.ok()) {
    std::fprintf(stderr, "dvc-link-proxy: %s\n", run.message().c_str());
    return 1;
  }
  return 0;
}
