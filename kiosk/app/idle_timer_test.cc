#include "app/idle_timer.h"

#include <gtest/gtest.h>

namespace dvc::kiosk {
namespace {

TEST(IdleTimerTest, WarnsAfterQuietPeriodThenExpiresAfterCountdown) {
  IdleTimer timer(90'000, 20'000);
  timer.Touch(1'000);
  EXPECT_EQ(timer.Phase(1'000), IdlePhase::kActive);
  EXPECT_EQ(timer.Phase(90'999), IdlePhase::kActive);
  EXPECT_EQ(timer.Phase(91'000), IdlePhase::kWarning);
  EXPECT_EQ(timer.SecondsLeft(91'000), 20);
  EXPECT_EQ(timer.SecondsLeft(91'001), 20);  // rounded up: never shows 0 while waiting
  EXPECT_EQ(timer.SecondsLeft(110'500), 1);
  EXPECT_EQ(timer.Phase(110'999), IdlePhase::kWarning);
  EXPECT_EQ(timer.Phase(111'000), IdlePhase::kExpired);
  EXPECT_EQ(timer.SecondsLeft(200'000), 0);
}

TEST(IdleTimerTest, InputDuringActivePeriodRestartsTheQuietPeriod) {
  IdleTimer timer(90'000, 20'000);
  timer.Touch(0);
  timer.Touch(80'000);
  EXPECT_EQ(timer.Phase(100'000), IdlePhase::kActive);
  EXPECT_EQ(timer.Phase(170'000), IdlePhase::kWarning);
}

TEST(IdleTimerTest, ContinueDuringWarningReturnsToActive) {
  IdleTimer timer(90'000, 20'000);
  timer.Touch(0);
  ASSERT_EQ(timer.Phase(100'000), IdlePhase::kWarning);
  timer.Touch(100'000);
  EXPECT_EQ(timer.Phase(100'000), IdlePhase::kActive);
  EXPECT_EQ(timer.Phase(189'999), IdlePhase::kActive);
}

TEST(IdleTimerTest, NextChangeLetsTheLoopSleepUntilSomethingIsShown) {
  IdleTimer timer(90'000, 20'000);
  timer.Touch(0);
  EXPECT_EQ(timer.MsUntilNextChange(0), 90'000);  // until the warning
  EXPECT_EQ(timer.MsUntilNextChange(89'000), 1'000);
  EXPECT_EQ(timer.MsUntilNextChange(90'000), 1'000);  // countdown ticks each second
  EXPECT_EQ(timer.MsUntilNextChange(90'250), 750);
  EXPECT_EQ(timer.MsUntilNextChange(110'000), 0);  // expired: act now
}

}  // namespace
}  // namespace dvc::kiosk
