#include "smpp/session.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <mutex>

#include "smpp/commands.h"
#include "smpp/session_status.h"
#include "smpp/session_test_support.h"
#include "smpp/smpp_test_support.h"

namespace dvc::gateway::smpp {
namespace {

using test_support::Bytes;
using test_support::FakeSmsc;
using test_support::Hello;
using test_support::Recorder;
using test_support::SubmitWhenRoom;
using test_support::TestConfig;
using test_support::WaitFor;
using test_support::WithHeader;
using Kind = SubmitOutcome::Kind;

TEST(SmppSessionTest, SequenceNumbersWrapWithinOneTo7fffffff) {
  EXPECT_EQ(NextSequenceNumber(0), 1u);
  EXPECT_EQ(NextSequenceNumber(1), 2u);
  EXPECT_EQ(NextSequenceNumber(0x7FFFFFFE), 0x7FFFFFFFu);
  EXPECT_EQ(NextSequenceNumber(0x7FFFFFFF), 1u);
  EXPECT_EQ(NextSequenceNumber(0xFFFFFFFF), 1u);
}

TEST(SmppSessionTest, StatusTableSortsPermanentTemporaryAndThrottling) {
  EXPECT_EQ(ClassifySubmitStatus(status::kOk), SubmitStatusClass::kAccepted);
  EXPECT_EQ(ClassifySubmitStatus(status::kThrottled), SubmitStatusClass::kThrottle);
  EXPECT_EQ(ClassifySubmitStatus(status::kMessageQueueFull), SubmitStatusClass::kThrottle);
  EXPECT_EQ(ClassifySubmitStatus(status::kInvalidDestAddr), SubmitStatusClass::kRejected);
  EXPECT_EQ(ClassifySubmitStatus(status::kPermAppError), SubmitStatusClass::kRejected);
  EXPECT_EQ(ClassifySubmitStatus(status::kSystemError), SubmitStatusClass::kRetry);
  EXPECT_EQ(ClassifySubmitStatus(status::kTempAppError), SubmitStatusClass::kRetry);
  EXPECT_EQ(ClassifySubmitStatus(0x00000400), SubmitStatusClass::kRetry);  // vendor-specific
}

TEST(SmppSessionTest, BindsAsTransceiverAndSubmitsByteExactPdus) {
  FakeSmsc smsc;
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  EXPECT_EQ(smsc.RawReceived(command::kBindTransceiver),
            Bytes("0000001d 00000009 00000000 00000001"
                  "65736d65 00"     // system_id "esme"
                  "7077 00"         // password "pw"
                  "00"              // system_type ""
                  "34 00 00 00"));  // version 3.4, ton, npi, address_range ""
  EXPECT_TRUE(recorder.StateMentions("viettel up: transceiver link bound"));
  EXPECT_EQ(session->Room(), 6u);  // 2 x window

  ASSERT_TRUE(session->Submit(Hello(41)));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 1; }));
  EXPECT_EQ(smsc.RawReceived(command::kSubmitSm),
            Bytes("00000035 00000004 00000000 00000002"
                  "00"                               // service_type ""
                  "00 00 38303739 00"                // source 0/0 "8079"
                  "01 01 3834393132333435363738 00"  // destination 1/1 "84912345678"
                  "00 00 00"                         // esm_class, protocol_id, priority
                  "00 00"                            // schedule, validity
                  "01 00 00 00"                      // registered_delivery, replace, dcs, default
                  "05 48656c6c6f"));                 // "Hello"
  const SubmitOutcome outcome = recorder.Outcomes()[0];
  EXPECT_EQ(outcome.session, "viettel");
  EXPECT_EQ(outcome.ref, 41u);
  EXPECT_EQ(outcome.kind, Kind::kAccepted);
  EXPECT_EQ(outcome.message_ids, std::vector<std::string>{"a1"});  // "0A1", canonical
  EXPECT_EQ(session->GetStats().accepted, 1u);
}

TEST(SmppSessionTest, RefusedBindIsReportedAndRetriedUntilItSucceeds) {
  FakeSmsc smsc;
  smsc.SetBindStatus(status::kInvalidPassword);
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kBindTransceiver) >= 3; }));
  EXPECT_FALSE(session->Bound());
  EXPECT_EQ(session->Room(), 0u);
  EXPECT_FALSE(session->Submit(Hello(1)));
  EXPECT_TRUE(recorder.StateMentions("bind refused: ESME_RINVPASWD (0x0000000e)"));
  smsc.SetBindStatus(status::kOk);
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  EXPECT_GE(session->GetStats().reconnects, 2u);
  EXPECT_TRUE(recorder.Outcomes().empty());  // a refused Submit has no outcome
}

TEST(SmppSessionTest, UnreachableSmscIsReportedAndRetried) {
  uint16_t port = 0;
  {
    FakeSmsc gone;  // a port that was just free, now closed again
    port = gone.port();
  }
  Recorder recorder;
  auto session = Session::Start(TestConfig(port), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return recorder.States().size() >= 3; }));
  EXPECT_TRUE(recorder.StateMentions("viettel down: transceiver link down: connect failed"));
  EXPECT_FALSE(session->Bound());
  EXPECT_GE(session->GetStats().reconnects, 2u);
}

TEST(SmppSessionTest, NeverMoreThanWindowSubmitsOutstanding) {
  FakeSmsc smsc;
  smsc.SetSubmitMode(FakeSmsc::SubmitMode::kHold);
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  for (uint64_t ref = 1; ref <= 9; ++ref) ASSERT_TRUE(SubmitWhenRoom(*session, Hello(ref)));
  ASSERT_TRUE(WaitFor([&] { return smsc.Held() == 3; }));
  // 3 in flight, 6 queued: the queue is full.
  ASSERT_TRUE(WaitFor([&] { return session->Room() == 0; }));
  EXPECT_FALSE(session->Submit(Hello(10)));
  while (recorder.OutcomeCount() < 9) {
    ASSERT_TRUE(WaitFor([&] { return smsc.Held() > 0 || recorder.OutcomeCount() == 9; }));
    smsc.ReleaseHeld();
  }
  EXPECT_EQ(smsc.MaxHeld(), 3u);
  EXPECT_EQ(smsc.CountReceived(command::kSubmitSm), 9u);
  for (const SubmitOutcome& outcome : recorder.Outcomes()) EXPECT_EQ(outcome.kind, Kind::kAccepted);
}

TEST(SmppSessionTest, ThrottledPartIsResentByTheSessionAfterAPause) {
  FakeSmsc smsc;
  smsc.QueueSubmitStatuses({status::kThrottled, status::kMessageQueueFull});
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  ASSERT_TRUE(session->Submit(Hello(7)));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 1; }));
  EXPECT_EQ(recorder.Outcomes()[0].kind, Kind::kAccepted);
  EXPECT_EQ(smsc.CountReceived(command::kSubmitSm), 3u);
  const std::vector<Pdu> received = smsc.Received();
  std::vector<std::string> texts;
  for (const Pdu& pdu : received) {
    if (const auto* submit = std::get_if<SubmitSm>(&pdu.body))
      texts.push_back(submit->short_message);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"Hello", "Hello", "Hello"}));
  EXPECT_EQ(session->GetStats().throttled, 2u);
  // Sending resumed: the next message goes through at once.
  ASSERT_TRUE(SubmitWhenRoom(*session, Hello(8)));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 2; }));
  EXPECT_EQ(recorder.Outcomes()[1].kind, Kind::kAccepted);
}

// The session's "pausing submits" log lines, collected from its thread.
class PauseLog {
 public:
  std::function<void(const std::string&)> Sink() {
    return [this](const std::string& line) {
      std::lock_guard lock(mu_);
      if (line.find("pausing submits") != std::string::npos) lines_.push_back(line);
    };
  }
  std::vector<std::string> Lines() const {
    std::lock_guard lock(mu_);
    return lines_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

// A window's worth of submits throttled together is one episode: one pause
// (not doubled per answer), then a single probe, then the whole window again.
TEST(SmppSessionTest, AThrottledWindowPausesOnceThenProbesWithOneSubmit) {
  FakeSmsc smsc;
  smsc.SetSubmitMode(FakeSmsc::SubmitMode::kHold);
  Recorder recorder;
  PauseLog pauses;
  SessionEvents events = recorder.Events();
  events.on_log = pauses.Sink();
  SessionConfig config = TestConfig(smsc.port());
  config.throttle_pause_ms = 20;
  auto session = Session::Start(config, events);
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  for (uint64_t ref = 1; ref <= 3; ++ref) ASSERT_TRUE(session->Submit(Hello(ref)));
  ASSERT_TRUE(WaitFor([&] { return smsc.Held() == 3; }));
  smsc.ReleaseHeld(status::kThrottled);
  smsc.ResetMaxHeld();
  // After the pause, one probe and nothing beside it while it is unanswered.
  ASSERT_TRUE(WaitFor([&] { return smsc.Held() == 1; }));
  EXPECT_EQ(smsc.CountReceived(command::kSubmitSm), 4u);
  smsc.ReleaseHeld();
  // Accepted: the two others go together.
  ASSERT_TRUE(WaitFor([&] { return smsc.Held() == 2; }));
  smsc.ReleaseHeld();
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 3; }));
  for (const SubmitOutcome& outcome : recorder.Outcomes()) EXPECT_EQ(outcome.kind, Kind::kAccepted);
  EXPECT_EQ(smsc.MaxHeld(), 2u);
  EXPECT_EQ(smsc.CountReceived(command::kSubmitSm), 6u);
  EXPECT_EQ(session->GetStats().throttled, 3u);
  const std::vector<std::string> lines = pauses.Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("for 20 ms"), std::string::npos) << lines[0];
}

// Throttling that goes on doubles the pause per throttled probe, never past
// 2 s: the link keeps probing and resumes within 2 s of the SMSC recovering.
TEST(SmppSessionTest, RepeatedThrottlingDoublesThePauseUpToTwoSeconds) {
  FakeSmsc smsc;
  smsc.QueueSubmitStatuses({status::kThrottled, status::kThrottled, status::kThrottled});
  Recorder recorder;
  PauseLog pauses;
  SessionEvents events = recorder.Events();
  events.on_log = pauses.Sink();
  SessionConfig config = TestConfig(smsc.port());
  config.throttle_pause_ms = 600;
  auto session = Session::Start(config, events);
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  ASSERT_TRUE(session->Submit(Hello(1)));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 1; }));
  EXPECT_EQ(recorder.Outcomes()[0].kind, Kind::kAccepted);
  const std::vector<std::string> lines = pauses.Lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("for 600 ms"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("for 1200 ms"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("for 2000 ms"), std::string::npos) << lines[2];
}

TEST(SmppSessionTest, PermanentAndTemporaryErrorsAreReportedAsSuch) {
  FakeSmsc smsc;
  smsc.QueueSubmitStatuses({status::kInvalidDestAddr, status::kSystemError});
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  ASSERT_TRUE(session->Submit(Hello(1)));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 1; }));
  ASSERT_TRUE(session->Submit(Hello(2)));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 2; }));
  const auto outcomes = recorder.Outcomes();
  EXPECT_EQ(outcomes[0].kind, Kind::kRejected);
  EXPECT_NE(outcomes[0].reason.find("ESME_RINVDSTADR (0x0000000b)"), std::string::npos);
  EXPECT_EQ(outcomes[1].kind, Kind::kRetry);
  EXPECT_NE(outcomes[1].reason.find("ESME_RSYSERR"), std::string::npos);
}

TEST(SmppSessionTest, MultiPartMessageHasOneIdPerPart) {
  FakeSmsc smsc;
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  SubmitRequest request = Hello(5, {"\x05\x00\x03\x2a\x03\x01one", "\x05\x00\x03\x2a\x03\x02two",
                                    "\x05\x00\x03\x2a\x03\x03three"});
  request.esm_class = 0x40;  // UDHI
  ASSERT_TRUE(session->Submit(request));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 1; }));
  const SubmitOutcome outcome = recorder.Outcomes()[0];
  EXPECT_EQ(outcome.kind, Kind::kAccepted);
  EXPECT_EQ(outcome.message_ids, (std::vector<std::string>{"a1", "a2", "a3"}));
  size_t parts = 0;
  for (const Pdu& pdu : smsc.Received()) {
    if (const auto* submit = std::get_if<SubmitSm>(&pdu.body)) {
      EXPECT_EQ(submit->short_message, request.parts[parts]);
      EXPECT_EQ(submit->esm_class, 0x40);
      EXPECT_EQ(submit->registered_delivery, 1);  // every part asks for its receipt
      ++parts;
    }
  }
  EXPECT_EQ(parts, 3u);
}

TEST(SmppSessionTest, DroppedLinkReturnsEveryRequestAsRetryAndReconnects) {
  FakeSmsc smsc;
  smsc.SetSubmitMode(FakeSmsc::SubmitMode::kHold);
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  for (uint64_t ref = 1; ref <= 7; ++ref) ASSERT_TRUE(SubmitWhenRoom(*session, Hello(ref)));
  ASSERT_TRUE(WaitFor([&] { return smsc.Held() == 3; }));
  smsc.DropAll();
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 7; }));
  std::vector<uint64_t> refs;
  for (const SubmitOutcome& outcome : recorder.Outcomes()) {
    EXPECT_EQ(outcome.kind, Kind::kLinkLost);
    EXPECT_NE(outcome.reason.find("connection lost before the SMSC answered"), std::string::npos)
        << outcome.reason;
    refs.push_back(outcome.ref);
  }
  std::sort(refs.begin(), refs.end());
  EXPECT_EQ(refs, (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7}));
  EXPECT_TRUE(recorder.StateMentions("viettel down: transceiver link down"));
  smsc.SetSubmitMode(FakeSmsc::SubmitMode::kAnswer);
  ASSERT_TRUE(WaitFor([&] { return smsc.Accepted() == 2 && session->Bound(); }));
  ASSERT_TRUE(SubmitWhenRoom(*session, Hello(8)));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 8; })) << [&] {
    std::string trace;
    for (const std::string& state : recorder.States()) trace += state + "\n";
    for (const Pdu& pdu : smsc.Received()) trace += CommandName(pdu.header.command_id) + "\n";
    return trace;
  }();
  EXPECT_EQ(recorder.Outcomes()[7].kind, Kind::kAccepted);
}

TEST(SmppSessionTest, EnquireLinkIsAnsweredAndSentWhenQuiet) {
  FakeSmsc smsc;
  Recorder recorder;
  SessionConfig config = TestConfig(smsc.port());
  config.enquire_link_ms = 20;
  auto session = Session::Start(config, recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  smsc.SendRaw(Bytes("00000010 00000015 00000000 0000004d"));  // enquire_link seq 77
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kEnquireLinkResp) == 1; }));
  EXPECT_EQ(smsc.RawReceived(command::kEnquireLinkResp),
            Bytes("00000010 80000015 00000000 0000004d"));
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kEnquireLink) >= 2; }));
  EXPECT_EQ(smsc.Accepted(), 1u);  // answered enquiries keep the link
}

TEST(SmppSessionTest, UnansweredEnquireLinkDropsAndReconnects) {
  FakeSmsc smsc;
  smsc.SetAnswerEnquireLink(false);
  Recorder recorder;
  SessionConfig config = TestConfig(smsc.port());
  config.enquire_link_ms = 10;
  config.response_timeout_ms = 30;
  auto session = Session::Start(config, recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return smsc.Accepted() >= 2; }));
  EXPECT_TRUE(recorder.StateMentions("no enquire_link_resp within 30 ms"));
}

TEST(SmppSessionTest, StopUnbindsAndWaitsForTheAnswer) {
  FakeSmsc smsc;
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  session->Stop(std::chrono::seconds(10));
  EXPECT_EQ(smsc.CountReceived(command::kUnbind), 1u);
  EXPECT_FALSE(session->Bound());
  EXPECT_FALSE(session->Submit(Hello(1)));
  session->Stop(std::chrono::seconds(1));  // idempotent
}

TEST(SmppSessionTest, SmscUnbindIsAnsweredAndTheSessionRebinds) {
  FakeSmsc smsc;
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  smsc.SendRaw(Bytes("00000010 00000006 00000000 00000009"));
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kUnbindResp) == 1; }));
  EXPECT_EQ(smsc.RawReceived(command::kUnbindResp), Bytes("00000010 80000006 00000000 00000009"));
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kBindTransceiver) == 2; }));
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
}

TEST(SmppSessionTest, UndecodablePduGetsGenericNackAndTheLinkStays) {
  FakeSmsc smsc;
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  smsc.SendRaw(WithHeader(0x00000077, 9, ""));  // unknown command id
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kGenericNack) == 1; }));
  EXPECT_EQ(smsc.RawReceived(command::kGenericNack), Bytes("00000010 80000000 00000003 00000009"));
  ASSERT_TRUE(session->Submit(Hello(1)));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 1; }));
  EXPECT_EQ(recorder.Outcomes()[0].kind, Kind::kAccepted);
  EXPECT_EQ(smsc.Accepted(), 1u);
}

TEST(SmppSessionTest, UnframeableStreamGetsGenericNackAndReconnects) {
  FakeSmsc smsc;
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  smsc.SendRaw(Bytes("00000004 00000015 00000000 00000003"));  // command_length 4
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kGenericNack) == 1; }));
  EXPECT_EQ(smsc.RawReceived(command::kGenericNack), Bytes("00000010 80000000 00000002 00000003"));
  ASSERT_TRUE(WaitFor([&] { return smsc.Accepted() == 2 && session->Bound(); }));
}

TEST(SmppSessionTest, ReceiptAndMoMessagesReachTheirCallbacksAndAreAnswered) {
  FakeSmsc smsc;
  Recorder recorder;
  recorder.SetInboundAnswer(status::kTempAppError);
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));

  Pdu receipt = Pdu::Make(command::kDeliverSm, 5);
  auto& r = std::get<DeliverSm>(receipt.body);
  r.source_addr = "84912345678";
  r.destination_addr = "8079";
  r.esm_class = 0x04;
  r.short_message =
      "id:0A1 sub:001 dlvrd:001 submit date:2611281200 done date:2611281201 stat:DELIVRD err:000 "
      "text:Hello";
  smsc.SendPdu(receipt);
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kDeliverSmResp) == 1; }));
  EXPECT_EQ(smsc.RawReceived(command::kDeliverSmResp),
            Bytes("00000011 80000005 00000000 00000005 00"));
  EXPECT_EQ(recorder.Receipts(), std::vector<std::string>{"viettel|0A1|DELIVRD"});

  Pdu mo = Pdu::Make(command::kDeliverSm, 6);
  auto& m = std::get<DeliverSm>(mo.body);
  m.source_addr = "84912345678";
  m.destination_addr = "8079";
  m.short_message = "HS 123";
  smsc.SendPdu(mo);
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kDeliverSmResp) == 2; }));
  // The callback said "not stored": the SMSC hears ESME_RX_T_APPN and retries.
  const Pdu resp = smsc.Received().back();
  EXPECT_EQ(resp.header.command_status, status::kTempAppError);
  EXPECT_EQ(resp.header.sequence_number, 6u);

  Pdu data = Pdu::Make(command::kDataSm, 7);
  auto& d = std::get<DataSm>(data.body);
  d.source_addr = "84987654321";
  d.destination_addr = "8079";
  d.tlvs.SetMessagePayload("TT 456");
  recorder.SetInboundAnswer(status::kOk);
  smsc.SendPdu(data);
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kDataSmResp) == 1; }));
  EXPECT_EQ(smsc.RawReceived(command::kDataSmResp),
            Bytes("00000011 80000103 00000000 00000007 00"));
  const auto inbound = recorder.InboundMessages();
  ASSERT_EQ(inbound.size(), 2u);
  EXPECT_EQ(inbound[0].session, "viettel");
  EXPECT_EQ(inbound[0].source, "84912345678");
  EXPECT_EQ(inbound[0].destination, "8079");
  EXPECT_EQ(inbound[0].short_message, "HS 123");
  EXPECT_EQ(inbound[1].short_message, "TT 456");
  const Session::Stats stats = session->GetStats();
  EXPECT_EQ(stats.receipts, 1u);
  EXPECT_EQ(stats.inbound, 2u);
}

TEST(SmppSessionTest, TransmitterReceiverPairSubmitsOnTxAndReceivesOnRx) {
  FakeSmsc smsc;
  Recorder recorder;
  SessionConfig config = TestConfig(smsc.port());
  config.bind_mode = BindMode::kTransmitterReceiver;
  auto session = Session::Start(config, recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound() && smsc.Bound() == 2; }));
  EXPECT_EQ(smsc.CountReceived(command::kBindTransmitter), 1u);
  EXPECT_EQ(smsc.CountReceived(command::kBindReceiver), 1u);
  EXPECT_EQ(smsc.CountReceived(command::kBindTransceiver), 0u);
  ASSERT_TRUE(session->Submit(Hello(3)));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 1; }));
  EXPECT_EQ(recorder.Outcomes()[0].kind, Kind::kAccepted);

  Pdu mo = Pdu::Make(command::kDeliverSm, 11);
  std::get<DeliverSm>(mo.body).source_addr = "84912345678";
  std::get<DeliverSm>(mo.body).short_message = "HS 9";
  smsc.SendPdu(mo, command::kBindReceiver);
  ASSERT_TRUE(WaitFor([&] { return smsc.CountReceived(command::kDeliverSmResp) == 1; }));
  ASSERT_EQ(recorder.InboundMessages().size(), 1u);
  EXPECT_EQ(recorder.InboundMessages()[0].short_message, "HS 9");
}

TEST(SmppSessionTest, RateLimitSpacesSubmits) {
  FakeSmsc smsc;
  Recorder recorder;
  SessionConfig config = TestConfig(smsc.port());
  config.max_per_second = 200;  // burst of 200, then one per 5 ms
  auto session = Session::Start(config, recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  for (uint64_t ref = 1; ref <= 12; ++ref) ASSERT_TRUE(SubmitWhenRoom(*session, Hello(ref)));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 12; }));
  for (const SubmitOutcome& outcome : recorder.Outcomes()) EXPECT_EQ(outcome.kind, Kind::kAccepted);
}

TEST(SmppSessionTest, InvalidRequestIsRejectedWithoutReachingTheSmsc) {
  FakeSmsc smsc;
  Recorder recorder;
  auto session = Session::Start(TestConfig(smsc.port()), recorder.Events());
  ASSERT_TRUE(WaitFor([&] { return session->Bound(); }));
  ASSERT_TRUE(session->Submit(Hello(1, {std::string(255, 'x')})));
  ASSERT_TRUE(session->Submit(Hello(2, {})));
  ASSERT_TRUE(WaitFor([&] { return recorder.OutcomeCount() == 2; }));
  for (const SubmitOutcome& outcome : recorder.Outcomes()) EXPECT_EQ(outcome.kind, Kind::kRejected);
  EXPECT_EQ(smsc.CountReceived(command::kSubmitSm), 0u);
}

}  // namespace
}  // namespace dvc::gateway::smpp
