// Kiosk submission latency: N submissions of a realistic dossier (the
// certified-copy procedure of the shipped catalog, validated answers, a
// 14-character code issued in the same transaction) into a fresh outbox on
// disk, each Submit timed with steady_clock; prints p50, p99 and max.
// Target (DESIGN.md section 10): p99 <= 20 ms, durable (synchronous FULL).
// Its own main: Google Benchmark reports only means.
//
//   ./tests/bench/kiosk_submit_bench [submissions=1000] [dir=./kiosk_submit_bench.data]
//
// Run it from the build directory (or give a dir) on a real disk, not tmpfs:
// the point is the fsync cost.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "outbox/outbox.h"
#include "outbox/outbox_test_support.h"

int main(int argc, char** argv) {
  using namespace dvc::kiosk;
  const int submissions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1000;
  const std::string dir = argc > 2 ? argv[2] : "kiosk_submit_bench.data";
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  auto opened = Outbox::Open(dir, testing::TestOutboxOptions());
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.status().message().c_str());
    return 1;
  }
  Outbox& outbox = **opened;
  SubmissionRequest request = testing::CertifiedCopyRequest();
  std::vector<double> ms;
  ms.reserve(static_cast<size_t>(submissions));
  for (int i = 0; i < submissions; ++i) {
    request.received = testing::At(2026, 11, 27, 8 + (i / 60) % 9, i % 60);
    const auto start = std::chrono::steady_clock::now();
    auto submitted = outbox.Submit(request);
    const auto end = std::chrono::steady_clock::now();
    if (!submitted.ok()) {
      std::fprintf(stderr, "submission %d: %s\n", i, submitted.status().message().c_str());
      return 1;
    }
    ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    return ms[std::min(ms.size() - 1, static_cast<size_t>(p * static_cast<double>(ms.size())))];
  };
  std::printf("kiosk submit: %d submissions into %s (synchronous FULL)\n", submissions,
              dir.c_str());
  std::printf("  p50 %.2f ms  p99 %.2f ms  max %.2f ms  (target p99 <= 20 ms)\n", pct(0.50),
              pct(0.99), ms.back());
  std::filesystem::remove_all(dir, ec);
  return pct(0.99) <= 20.0 ? 0 : 2;
}
