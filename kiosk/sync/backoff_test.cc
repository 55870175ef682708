#include "sync/backoff.h"

#include <gtest/gtest.h>

namespace dvc::kiosk {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(BackoffTest, CeilingDoublesFromOneSecondToTheCap) {
  Backoff backoff(7);
  const int64_t expected[] = {1000,  2000,   4000,   8000,   16000,  32000,
                              64000, 128000, 256000, 300000, 300000, 300000};
  for (int64_t ceiling : expected) {
    EXPECT_EQ(backoff.Ceiling(), milliseconds(ceiling));
    const milliseconds wait = backoff.Next();
    EXPECT_GE(wait.count(), 0);
    EXPECT_LE(wait.count(), ceiling);
  }
  // Far past the cap nothing overflows.
  for (int i = 0; i < 200; ++i) EXPECT_LE(backoff.Next(), seconds(300));
}

TEST(BackoffTest, FullJitterSpreadsOverTheWholeRange) {
  // Many kiosks failing together must not retry together: the draws cover
  // the whole [0, ceiling] range, low and high quarters alike.
  Backoff backoff(42, seconds(300), seconds(300));
  int low = 0, high = 0;
  for (int i = 0; i < 2000; ++i) {
    const int64_t ms = backoff.Next().count();
    low += ms < 75'000;
    high += ms > 225'000;
  }
  EXPECT_GT(low, 350);
  EXPECT_GT(high, 350);
}

TEST(BackoffTest, ResetStartsOverAtOneSecond) {
  Backoff backoff(1);
  for (int i = 0; i < 6; ++i) backoff.Next();
  EXPECT_EQ(backoff.Ceiling(), seconds(64));
  backoff.Reset();
  EXPECT_EQ(backoff.failures(), 0);
  EXPECT_EQ(backoff.Ceiling(), seconds(1));
  EXPECT_LE(backoff.Next(), seconds(1));
}

TEST(BackoffTest, TheSameSeedGivesTheSameWaits) {
  Backoff a(99), b(99), c(100);
  bool differs = false;
  for (int i = 0; i < 12; ++i) {
    const milliseconds wa = a.Next();
    EXPECT_EQ(wa, b.Next());
    differs |= wa != c.Next();
  }
  EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace dvc::kiosk
