// USSD step latency through the real HTTP route: a GatewayService on a
// scratch directory (the repository's catalog bootstrapped, one dossier
// registered at the counter), a GatewayServer on loopback with POST /v1/ussd
// bound, and `sessions` concurrent sessions carried by `connections`
// keep-alive connections (as an aggregator pools them), each walking a session as a resident would:
// dial, browse fields, services and a detail page by page, back, main menu, look up the dossier.
// Prints p50/p99/max per step (goal: p99 <= 20 ms at 200 sessions).
//
//   gateway_ussd_bench [sessions=200] [rounds=5] [server_threads=8] [connections=8]
//
// Its own main(): Google Benchmark does not report percentiles across threads.
// Exit status 2 when any step fails (not 200, or not CON/END).

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "http/gateway_server.h"
#include "service/service_test_support.h"
#include "store/scratch_dir.h"
#include "ussd/ussd_callback.h"

namespace {

using namespace dvc::gateway;
using Clock = std::chrono::steady_clock;

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "gateway_ussd_bench: %s\n", message.c_str());
  std::exit(1);
}

int Arg(int argc, char** argv, int index, int fallback) {
  return argc > index ? std::max(1, std::atoi(argv[index])) : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const int sessions = Arg(argc, argv, 1, 200);
  const int rounds = Arg(argc, argv, 2, 5);
  const int server_threads = Arg(argc, argv, 3, 8);
  // Client connections (keep-alive), at most one per server thread: cpp-httplib
  // holds a keep-alive connection on one pool thread until it idles out.
  const int connections = std::min(Arg(argc, argv, 4, 8), server_threads);
  const std::string token = "bench-ussd-token";

  dvc::store::ScratchDir dir;
  auto keys = test_support::TestProvinceKeys(dir);
  GatewayServiceOptions options = test_support::TestServiceOptions(dir, keys, {});
  options.now_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  options.catalog_dir = test_support::kSourceDir + "/assets/catalog";
  auto opened = GatewayService::Open(options);
  if (!opened.ok()) Fail(opened.status().message());
  std::unique_ptr<GatewayService> service = std::move(opened).value();
  auto created = service->AddCounterDossier(
      {"chung-thuc-ban-sao", "0912345678", "12430", "Nguyen Van A"}, "bench");
  if (!created.ok()) Fail(created.error().message);
  const std::string code = created->code;

  auto menu = LoadUssdMenu(test_support::kSourceDir + "/assets/ussd/menu.json");
  if (!menu.ok()) Fail(menu.status().message());
  UssdService ussd(std::move(menu).value(), GatewayUssdBackend(*service));
  UssdRouteBinding binding(*service,
                           std::make_shared<UssdEndpoint>(ussd, UssdEndpointOptions{token}));
  GatewayServerOptions server_options;
  server_options.threads = server_threads;
  auto server = GatewayServer::Create(*service, server_options);
  if (!server.ok()) Fail(server.status().message());
  auto port = (*server)->Start("127.0.0.1", 0);
  if (!port.ok()) Fail(port.status().message());

  // A resident's walk: each entry is the text so far.
  const std::vector<std::string> walk = {
      "",          "2",           "2*9",           "2*9*9",           "2*9*9*6",
      "2*9*9*6*1", "2*9*9*6*1*9", "2*9*9*6*1*9*0", "2*9*9*6*1*9*0*0", "2*9*9*6*1*9*0*0*00",
      "3",         "3*0",         "3*0*1",         "3*0*1*" + code};

  std::atomic<int> failures{0};
  std::vector<std::vector<double>> latencies(static_cast<size_t>(connections));
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  // Each connection carries every `connections`-th session, their steps
  // interleaved, as an aggregator's connection pool does.
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", *port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);  // headers and body go out as two writes
      const httplib::Headers headers = {{"X-Ussd-Token", token}};
      while (!go.load()) std::this_thread::yield();
      for (int r = 0; r < rounds; ++r) {
        for (const std::string& text : walk) {
          for (int s = c; s < sessions; s += connections) {
            const std::string id = "bench-" + std::to_string(s) + "-" + std::to_string(r);
            const std::string body = "sessionId=" + id + "&serviceCode=%2A123%23&text=" +
                                     httplib::detail::encode_query_param(text);
            const auto start = Clock::now();
            auto result =
                client.Post("/v1/ussd", headers, body, "application/x-www-form-urlencoded");
            const double ms =
                std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            if (!result || result->status != 200 ||
                (result->body.rfind("CON ", 0) != 0 && result->body.rfind("END ", 0) != 0)) {
              ++failures;
              continue;
            }
            latencies[static_cast<size_t>(c)].push_back(ms);
          }
        }
      }
    });
  }
  const auto started = Clock::now();
  go = true;
  for (std::thread& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  (*server)->Stop();

  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  if (all.empty()) Fail("no step succeeded");
  std::sort(all.begin(), all.end());
  const auto at = [&](double q) {
    return all[std::min(all.size() - 1, static_cast<size_t>(q * static_cast<double>(all.size())))];
  };
  std::printf("sessions=%d rounds=%d steps=%zu failures=%d server_threads=%d connections=%d\n",
              sessions, rounds, all.size(), failures.load(), server_threads, connections);
  std::printf("step latency ms: p50=%.2f p90=%.2f p99=%.2f max=%.2f; %.0f steps/s\n", at(0.50),
              at(0.90), at(0.99), all.back(), static_cast<double>(all.size()) / seconds);
  return failures.load() == 0 ? 0 : 2;
}
