// Unit tests of the link model: token bucket, half streams, the shared link
// and the seeded random source, all with made-up instants (no clock, no
// sockets); and the command-line table.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "link_proxy_link.h"
#include "link_proxy_options.h"
#include "link_proxy_random.h"
#include "link_proxy_stream.h"
#include "link_proxy_token_bucket.h"

namespace dvc::linkproxy {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

const TimePoint kT0 = TimePoint(seconds(1000));

double SecondsBetween(TimePoint a, TimePoint b) {
  return std::chrono::duration<double>(b - a).count();
}

// --- TokenBucket ---

TEST(TokenBucketTest, StartsFullAndRefusesMoreThanItHolds) {
  TokenBucket bucket(1000, 3000, kT0);
  EXPECT_TRUE(bucket.TryTake(2000, kT0));
  EXPECT_FALSE(bucket.TryTake(1001, kT0));
  EXPECT_TRUE(bucket.TryTake(1000, kT0));
  EXPECT_EQ(bucket.TokensAt(kT0), 0u);
}

TEST(TokenBucketTest, RefillsAtTheRateAndNoFaster) {
  TokenBucket bucket(1000, 3000, kT0);
  ASSERT_TRUE(bucket.TryTake(3000, kT0));
  EXPECT_EQ(bucket.TokensAt(kT0 + milliseconds(500)), 500u);
  EXPECT_FALSE(bucket.TryTake(501, kT0 + milliseconds(500)));
  EXPECT_TRUE(bucket.TryTake(500, kT0 + milliseconds(500)));
  EXPECT_EQ(bucket.TokensAt(kT0 + milliseconds(500)), 0u);
}

TEST(TokenBucketTest, WhenAvailableIsTheFirstInstantATakeSucceeds) {
  TokenBucket bucket(48000, 2920, kT0);
  ASSERT_TRUE(bucket.TryTake(2920, kT0));
  const TimePoint when = bucket.WhenAvailable(1460, kT0);
  // 1460 bytes at 48000 B/s: 30.416666... ms, rounded up to the nanosecond.
  EXPECT_EQ(when - kT0, nanoseconds(30'416'667));
  EXPECT_FALSE(bucket.TryTake(1460, when - nanoseconds(1)));
  EXPECT_TRUE(bucket.TryTake(1460, when));
  EXPECT_EQ(bucket.WhenAvailable(0, when), when);
}

TEST(TokenBucketTest, IdleTimeFillsOnlyUpToTheBurst) {
  TokenBucket bucket(48000, 2920, kT0);
  ASSERT_TRUE(bucket.TryTake(2920, kT0));
  // A year of idling must neither overflow nor save up more than the burst.
  const TimePoint later = kT0 + std::chrono::hours(24 * 365);
  EXPECT_EQ(bucket.TokensAt(later), 2920u);
  EXPECT_TRUE(bucket.TryTake(2920, later));
  EXPECT_FALSE(bucket.TryTake(1, later));
}

TEST(TokenBucketTest, PacesALongTransferExactlyAtTheRate) {
  TokenBucket bucket(48000, 2920, kT0);
  TimePoint now = kT0;
  uint64_t sent = 0;
  while (sent < 200'000) {
    now = bucket.WhenAvailable(1000, now);
    ASSERT_TRUE(bucket.TryTake(1000, now));
    sent += 1000;
  }
  // The first 2920 bytes ride on the full bucket; the rest go at 48000 B/s.
  EXPECT_NEAR(SecondsBetween(kT0, now), (200'000 - 2920 - 80) / 48000.0 + 80 / 48000.0, 1e-6);
}

TEST(TokenBucketTest, ZeroRateIsUnlimited) {
  TokenBucket bucket(0, 0, kT0);
  EXPECT_TRUE(bucket.unlimited());
  EXPECT_TRUE(bucket.TryTake(1'000'000, kT0));
  EXPECT_EQ(bucket.WhenAvailable(1'000'000, kT0), kT0);
}

// --- HalfStream ---

std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + i % 26);
  return s;
}

TEST(HalfStreamTest, BytesCrossInOrderInPacketsAndArriveAtTheirTime) {
  HalfStream stream(1, 10'000, 100'000);
  const std::string data = Pattern(3000);
  stream.Enqueue(data);
  EXPECT_EQ(stream.SendPacket(1460, kT0 + milliseconds(150)), 1460u);
  EXPECT_EQ(stream.SendPacket(1460, kT0 + milliseconds(180)), 1460u);
  EXPECT_EQ(stream.SendPacket(1460, kT0 + milliseconds(200)), 80u);
  EXPECT_FALSE(stream.WantsToSend());
  EXPECT_EQ(stream.in_flight_bytes(), 3000u);

  EXPECT_TRUE(stream.Arrived(kT0 + milliseconds(149)).empty());
  std::string received;
  TimePoint now = kT0 + milliseconds(150);
  EXPECT_EQ(stream.Arrived(now), data.substr(0, 1460));
  stream.Delivered(100);  // a partial write: the rest stays first in line
  received += data.substr(0, 100);
  EXPECT_EQ(stream.Arrived(now), data.substr(100, 1360));
  stream.Delivered(1360);
  received += data.substr(100, 1360);
  EXPECT_TRUE(stream.Arrived(now).empty()) << "the second packet is not due yet";
  now = kT0 + milliseconds(200);
  while (!stream.Arrived(now).empty()) {
    received += std::string(stream.Arrived(now));
    stream.Delivered(stream.Arrived(now).size());
  }
  EXPECT_EQ(received, data);
  EXPECT_EQ(stream.delivered_bytes(), 3000u);
  EXPECT_EQ(stream.in_flight_bytes(), 0u);
}

TEST(HalfStreamTest, TheFinFollowsTheDataAndArrivesLast) {
  HalfStream stream(1, 10'000, 100'000);
  stream.Enqueue("hello");
  stream.MarkEof();
  EXPECT_EQ(stream.QueueRoom(), 0u) << "nothing is read after the sender's FIN";
  ASSERT_TRUE(stream.WantsToSend());
  EXPECT_EQ(stream.SendPacket(1460, kT0 + milliseconds(10)), 5u);
  ASSERT_TRUE(stream.WantsToSend());
  EXPECT_EQ(stream.NextPacketSize(1460), 0u);
  EXPECT_EQ(stream.SendPacket(1460, kT0 + milliseconds(5)), 0u);
  EXPECT_FALSE(stream.WantsToSend());
  // The FIN was sent with an earlier arrival time, yet cannot overtake the data.
  EXPECT_FALSE(stream.FinArrived(kT0 + milliseconds(20)));
  stream.Delivered(stream.Arrived(kT0 + milliseconds(20)).size());
  EXPECT_TRUE(stream.FinArrived(kT0 + milliseconds(10)));
  stream.FinDelivered();
  EXPECT_TRUE(stream.fin_delivered());
}

TEST(HalfStreamTest, QueueAndDelayLineLimitsBoundMemory) {
  HalfStream stream(1, 4000, 2000);
  EXPECT_EQ(stream.QueueRoom(), 4000u);
  stream.Enqueue(Pattern(4000));
  EXPECT_EQ(stream.QueueRoom(), 0u);
  stream.SendPacket(1460, kT0);
  EXPECT_TRUE(stream.WantsToSend());
  stream.SendPacket(1460, kT0);
  EXPECT_FALSE(stream.WantsToSend()) << "2920 bytes in flight is over the 2000 limit";
  EXPECT_EQ(stream.QueueRoom(), 2920u);
  stream.Delivered(1460);
  EXPECT_TRUE(stream.WantsToSend());
}

TEST(HalfStreamTest, DropAllLosesQueuedAndInFlightBytes) {
  HalfStream stream(1, 10'000, 100'000);
  stream.Enqueue(Pattern(5000));
  stream.SendPacket(1460, kT0);
  stream.DropAll();
  EXPECT_FALSE(stream.WantsToSend());
  EXPECT_TRUE(stream.Arrived(kT0 + seconds(1)).empty());
  EXPECT_FALSE(stream.NextArrival().has_value());
  EXPECT_EQ(stream.in_flight_bytes(), 0u);
}

// --- Link ---

LinkParams Params384() {
  LinkParams params;
  params.bytes_per_second = 48000;
  params.delay = milliseconds(150);
  return params;
}

// Runs the link in direction `d` as the proxy does, jumping the clock to
// each NextSendTime, until nothing wants to send; returns the last instant.
TimePoint DrainLink(Link& link, Direction d, std::vector<HalfStream*> streams, TimePoint now,
                    std::vector<uint64_t>* order = nullptr) {
  while (auto next = link.NextSendTime(d, streams, now)) {
    now = *next;
    std::vector<size_t> before;
    for (HalfStream* s : streams) before.push_back(s->in_flight_bytes());
    EXPECT_GT(link.Pump(d, streams, now), 0u) << "NextSendTime promised a packet";
    for (size_t i = 0; i < streams.size(); ++i) {
      if (order && streams[i]->in_flight_bytes() != before[i]) order->push_back(streams[i]->id());
      // Deliver at once, as if the receiver reads everything that arrives.
      while (!streams[i]->Arrived(TimePoint::max()).empty()) {
        streams[i]->Delivered(streams[i]->Arrived(TimePoint::max()).size());
      }
    }
  }
  return now;
}

TEST(LinkTest, APacketArrivesOneDelayAfterItIsSent) {
  LinkRandom random(1);
  Link link(Params384(), &random, kT0);
  HalfStream stream(1, 65536, 1 << 20);
  stream.Enqueue("ping");
  std::vector<HalfStream*> streams = {&stream};
  EXPECT_EQ(link.NextSendTime(Direction::kUp, streams, kT0), kT0);
  EXPECT_EQ(link.Pump(Direction::kUp, streams, kT0), 1u);
  EXPECT_EQ(stream.NextArrival(), kT0 + milliseconds(150));
  EXPECT_FALSE(link.NextSendTime(Direction::kUp, streams, kT0).has_value());
}

TEST(LinkTest, CarriesALongTransferAtTheRate) {
  LinkRandom random(1);
  Link link(Params384(), &random, kT0);
  HalfStream stream(1, 200'000, 1 << 20);
  stream.Enqueue(Pattern(200'000));
  const TimePoint end = DrainLink(link, Direction::kUp, {&stream}, kT0);
  // The burst (2920 bytes) leaves at once; the rest at 48000 B/s.
  EXPECT_NEAR(SecondsBetween(kT0, end), (200'000 - 2920) / 48000.0, 0.031);
  EXPECT_EQ(stream.delivered_bytes(), 200'000u);
}

TEST(LinkTest, ConnectionsShareTheCapacityTurnByTurn) {
  LinkRandom random(1);
  Link link(Params384(), &random, kT0);
  HalfStream a(1, 100'000, 1 << 20);
  HalfStream b(2, 100'000, 1 << 20);
  a.Enqueue(Pattern(48'000));
  b.Enqueue(Pattern(48'000));
  std::vector<uint64_t> order;
  const TimePoint end = DrainLink(link, Direction::kUp, {&a, &b}, kT0, &order);
  // 96000 bytes together take two seconds, as one 96000-byte transfer would.
  EXPECT_NEAR(SecondsBetween(kT0, end), (96'000 - 2920) / 48000.0, 0.031);
  ASSERT_GE(order.size(), 10u);
  for (size_t i = 1; i + 2 < order.size(); ++i) {
    EXPECT_NE(order[i], order[i - 1]) << "packet " << i << " should alternate";
  }
}

TEST(LinkTest, TheTwoDirectionsHaveTheirOwnCapacity) {
  LinkRandom random(1);
  Link link(Params384(), &random, kT0);
  HalfStream up(1, 100'000, 1 << 20);
  HalfStream down(1, 100'000, 1 << 20);
  up.Enqueue(Pattern(100'000));
  down.Enqueue(Pattern(100'000));
  TimePoint now = kT0;
  std::vector<HalfStream*> ups = {&up};
  std::vector<HalfStream*> downs = {&down};
  // Step both directions together through one second.
  while (now < kT0 + seconds(1)) {
    link.Pump(Direction::kUp, ups, now);
    link.Pump(Direction::kDown, downs, now);
    now += milliseconds(1);
  }
  const double expected = 2920 + 48000 * 1.0;
  EXPECT_NEAR(static_cast<double>(up.in_flight_bytes()), expected, 1500);
  EXPECT_NEAR(static_cast<double>(down.in_flight_bytes()), expected, 1500);
}

TEST(LinkTest, AStallStopsBothDirectionsForTheStallTime) {
  LinkRandom random(7);
  LinkParams params = Params384();
  params.bytes_per_second = 0;
  params.stall_probability = 1.0;
  params.stall = milliseconds(500);
  Link link(params, &random, kT0);
  HalfStream up(1, 100'000, 1 << 20);
  HalfStream down(1, 100'000, 1 << 20);
  up.Enqueue(Pattern(3000));
  down.Enqueue(Pattern(3000));
  std::vector<HalfStream*> ups = {&up};
  std::vector<HalfStream*> downs = {&down};
  EXPECT_EQ(link.Pump(Direction::kUp, ups, kT0), 1u) << "one packet, then the stall";
  EXPECT_EQ(link.stalls(), 1u);
  EXPECT_EQ(link.Pump(Direction::kDown, downs, kT0 + milliseconds(499)), 0u);
  EXPECT_EQ(link.NextSendTime(Direction::kDown, downs, kT0), kT0 + milliseconds(500));
  EXPECT_EQ(link.Pump(Direction::kDown, downs, kT0 + milliseconds(500)), 1u);
  EXPECT_EQ(link.stalled_until(), kT0 + milliseconds(1000));
}

TEST(LinkTest, WithoutStallsTheLinkDrawsNoRandomNumbers) {
  // Cut points must not depend on how many packets earlier connections sent.
  LinkRandom used(42);
  LinkRandom fresh(42);
  Link link(Params384(), &used, kT0);
  HalfStream stream(1, 200'000, 1 << 20);
  stream.Enqueue(Pattern(20'000));
  DrainLink(link, Direction::kUp, {&stream}, kT0);
  EXPECT_EQ(used.CutAfterBytes(2'000'000), fresh.CutAfterBytes(2'000'000));
}

// --- LinkRandom ---

TEST(LinkRandomTest, TheSameSeedGivesTheSameCutsAndAnotherSeedOthers) {
  LinkRandom a(42), b(42), c(43);
  std::vector<uint64_t> from_a, from_b, from_c;
  for (int i = 0; i < 20; ++i) {
    from_a.push_back(a.CutAfterBytes(2'000'000));
    from_b.push_back(b.CutAfterBytes(2'000'000));
    from_c.push_back(c.CutAfterBytes(2'000'000));
  }
  EXPECT_EQ(from_a, from_b);
  EXPECT_NE(from_a, from_c);
}

TEST(LinkRandomTest, CutPointsAreExponentialWithTheGivenMean) {
  LinkRandom random(3);
  const int n = 40'000;
  double sum = 0;
  int below_mean = 0;
  for (int i = 0; i < n; ++i) {
    const uint64_t cut = random.CutAfterBytes(2'000'000);
    ASSERT_GE(cut, 1u);
    sum += static_cast<double>(cut);
    below_mean += cut < 2'000'000 ? 1 : 0;
  }
  EXPECT_NEAR(sum / n, 2'000'000, 2'000'000 * 0.03);
  // P(X < mean) = 1 - 1/e for an exponential distribution.
  EXPECT_NEAR(static_cast<double>(below_mean) / n, 1 - std::exp(-1.0), 0.01);
}

TEST(LinkRandomTest, ChanceHappensAtTheGivenRate) {
  LinkRandom random(5);
  int hits = 0;
  for (int i = 0; i < 100'000; ++i) hits += random.Chance(0.05) ? 1 : 0;
  EXPECT_NEAR(hits / 100'000.0, 0.05, 0.003);
  EXPECT_FALSE(random.Chance(0.0));
}

// --- Options ---

Result<ProxyOptions> Parse(std::vector<std::string> args) { return ParseProxyOptions(args); }

TEST(ProxyOptionsTest, ParsesTheDocumentedCommandLine) {
  const auto options =
      Parse({"--listen", "127.0.0.1:0", "--upstream", "127.0.0.1:8460", "--rate-kbit", "384",
             "--delay-ms", "150", "--cut-mean-bytes", "2000000", "--stall-prob=0.01", "--stall-ms",
             "2000", "--seed", "42", "--port-file", "/tmp/p", "--log", "/tmp/l"});
  ASSERT_TRUE(options.ok()) << options.status().message();
  EXPECT_EQ(options->upstream.host, "127.0.0.1");
  EXPECT_EQ(options->upstream.port, 8460);
  EXPECT_EQ(options->listen.port, 0);
  EXPECT_EQ(options->rate_kbit, 384u);
  EXPECT_EQ(options->delay_ms, 150u);
  EXPECT_EQ(options->cut_mean_bytes, 2'000'000u);
  EXPECT_DOUBLE_EQ(options->stall_prob, 0.01);
  EXPECT_EQ(options->stall_ms, 2000u);
  EXPECT_EQ(options->seed, 42u);
  EXPECT_EQ(options->port_file, "/tmp/p");
  EXPECT_EQ(options->log_file, "/tmp/l");
  const LinkParams params = LinkParamsFrom(*options);
  EXPECT_EQ(params.bytes_per_second, 48'000u);
  EXPECT_EQ(params.delay, milliseconds(150));
  EXPECT_GE(params.burst_bytes, params.mss);
}

TEST(ProxyOptionsTest, RejectsBadInputWithAMessageNamingTheOption) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--listen", "127.0.0.1:0"}, "--upstream"},
      {{"--upstream", "127.0.0.1:8460", "--rate", "384"}, "unknown option --rate"},
      {{"--upstream", "127.0.0.1:8460", "--delay-ms", "abc"}, "--delay-ms"},
      {{"--upstream", "127.0.0.1:8460", "--delay-ms", "-5"}, "--delay-ms"},
      {{"--upstream", "127.0.0.1:8460", "--stall-prob", "1.5"}, "--stall-prob"},
      {{"--upstream", "127.0.0.1:70000"}, "--upstream"},
      {{"--upstream", "8460"}, "HOST:PORT"},
      {{"--upstream", "127.0.0.1:8460", "--seed"}, "--seed needs a value"},
      {{"--upstream", "127.0.0.1:8460", "stray"}, "unexpected argument"},
  };
  for (const auto& [args, expected] : cases) {
    const auto options = Parse(args);
    ASSERT_FALSE(options.ok()) << args.back();
    EXPECT_NE(options.status().message().find(expected), std::string::npos)
        << options.status().message();
  }
}

TEST(ProxyOptionsTest, UsageListsEveryOption) {
  const std::string usage = ProxyUsage();
  for (const char* name :
       {"--listen", "--upstream", "--rate-kbit", "--delay-ms", "--cut-mean-bytes", "--stall-prob",
        "--stall-ms", "--seed", "--port-file", "--log"}) {
    EXPECT_NE(usage.find(name), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace dvc::linkproxy
