// The session under load: a round of requests handed over at once
// (SubmitAll), and read coalescing while a full window is answered fast: what
// arrives below the low-water mark must still be read within the cap.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "smpp/commands.h"
#include "smpp/session.h"
#include "smpp/session_test_support.h"

namespace dvc::gateway::smpp {
namespace {

using test_support::FakeSmsc;
using test_support::Hello;
using test_support::Recorder;
using test_support::TestConfig;
using test_support::WaitFor;
using Clock = std::chrono::steady_clock;

// Offers `count` requests with refs from `first` in one SubmitAll.
size_t Offer(Session& session, uint64_t first, size_t count) {
  std::vector<SubmitRequest> requests;
  for (size_t i = 0; i < count; ++i) requests.push_back(Hello(first + i));
  return session.SubmitAll(requests);
}

// A window of 16 whose held submits never time out, however slow the machine.
SessionConfig HeldWindowConfig(const FakeSmsc& smsc) {
  SessionConfig config = TestConfig(smsc.port());
  config.window = 16;
  config.response_timeout_ms = 60000;
  return config;
}

TEST(SmppSessionBatchTest, SubmitAllTakesWhatRoomAllowsAndEachTakenRequestIsAnsweredOnce) {
  FakeSmsc smsc;
  smsc.SetSubmitMode(FakeSmsc::SubmitMode::kHold);
  Recorder recorder;
  SessionConfig config = TestConfig(smsc.port());
  config.window = 3;  // the queue in front of the window holds 6
  auto session = Session::Start(config, recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Room() == 6; }));

  EXPECT_EQ(Offer(*session, 1, 10), 6u);  // the first six; 7-10 not taken
  ASSERT_TRUE(WaitFor([&] { return smsc.Held() == 3; }));
  EXPECT_EQ(Offer(*session, 11, 0), 0u);

  // Answered window by window: exactly the six taken, each once.
  ASSERT_TRUE(WaitFor([&] {
    smsc.ReleaseHeld();
    return recorder.OutcomeCount() >= 6;
  }));
  std::multiset<uint64_t> refs;
  for (const SubmitOutcome& o : recorder.Outcomes()) {
    EXPECT_EQ(o.kind, SubmitOutcome::Kind::kAccepted) << o.reason;
    refs.insert(o.ref);
  }
  EXPECT_EQ(refs, (std::multiset<uint64_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(smsc.CountReceived(command::kSubmitSm), 6u);
}

TEST(SmppSessionBatchTest, AFastSmscGetsEverySubmitOfALongRunAnsweredOnce) {
  FakeSmsc smsc;  // answers each submit at once
  Recorder recorder;
  SessionConfig config = TestConfig(smsc.port());
  config.window = 16;
  config.coalesce_min_answers_per_ms = 0;  // coalescing whenever the window is full
  auto session = Session::Start(config, recorder.Events());
  constexpr uint64_t kCount = 2000;
  uint64_t next = 1;
  ASSERT_TRUE(WaitFor([&] {
    const size_t room = session->Room();
    const size_t n = std::min<uint64_t>(room, kCount + 1 - next);
    next += Offer(*session, next, n);
    return next > kCount;
  }));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() >= kCount; }));
  std::set<uint64_t> refs;
  for (const SubmitOutcome& o : recorder.Outcomes()) {
    EXPECT_EQ(o.kind, SubmitOutcome::Kind::kAccepted) << o.reason;
    refs.insert(o.ref);
  }
  EXPECT_EQ(refs.size(), kCount);
  EXPECT_EQ(recorder.OutcomeCount(), kCount);
  EXPECT_EQ(smsc.CountReceived(command::kSubmitSm), kCount);
  EXPECT_GT(session->GetStats().coalesced_polls, 0u);
}

// With the window full and coalescing on, the SMSC answers one submit (fewer
// octets than the low-water mark of a quarter of the window's answers) and
// then sends an enquire_link (a bare header): neither may wait for another
// event (the held submits never time out here); each is handled within the
// coalescing cap (1 ms), asserted here with room for a loaded machine.
TEST(SmppSessionBatchTest, PdusBelowTheLowWaterMarkAreHandledWithinTheCap) {
  FakeSmsc smsc;
  smsc.SetSubmitMode(FakeSmsc::SubmitMode::kHold);
  Recorder recorder;
  SessionConfig config = HeldWindowConfig(smsc);  // low-water mark: 4 headers, 64 octets
  config.coalesce_min_answers_per_ms = 0;
  auto session = Session::Start(config, recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Room() > 0; }));
  ASSERT_EQ(Offer(*session, 1, 16), 16u);
  ASSERT_TRUE(WaitFor([&] { return smsc.Held() == 16; }));

  auto started = Clock::now();
  smsc.ReleaseHeld(status::kOk, 1);
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 1; }));
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(1));
  EXPECT_EQ(recorder.Outcomes()[0].kind, SubmitOutcome::Kind::kAccepted);
  EXPECT_EQ(recorder.Outcomes()[0].ref, 1u);

  // 15 in flight now: one more fills the window again.
  ASSERT_EQ(Offer(*session, 17, 1), 1u);
  ASSERT_TRUE(WaitFor([&] { return smsc.Held() == 16; }));
  started = Clock::now();
  smsc.SendPdu(Pdu::Make(command::kEnquireLink, 900));
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kEnquireLinkResp) == 1; }));
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(1));
  EXPECT_EQ(recorder.OutcomeCount(), 1u);  // the held ones are still unanswered
  EXPECT_GT(session->GetStats().coalesced_polls, 0u);
}

// At the default gate (5 answers per ms) a full window answered slowly (here:
// not at all, then one by one) is read per answer: waiting would only add
// latency to an SMSC that is itself the limit.
TEST(SmppSessionBatchTest, ASlowlyAnsweredWindowIsNotCoalesced) {
  FakeSmsc smsc;
  smsc.SetSubmitMode(FakeSmsc::SubmitMode::kHold);
  Recorder recorder;
  auto session = Session::Start(HeldWindowConfig(smsc), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Room() > 0; }));
  ASSERT_EQ(Offer(*session, 1, 32), 32u);
  for (size_t answered = 1; answered <= 16; ++answered) {
    ASSERT_TRUE(WaitFor([&] { return smsc.Held() == 16; }));
    smsc.ReleaseHeld(status::kOk, 1);
    ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == answered; }));
  }
  EXPECT_EQ(session->GetStats().coalesced_polls, 0u);
}

}  // namespace
}  // namespace dvc::gateway::smpp
