// SmppChannel::Send over two connections to fake SMSCs: a round's batch is
// shared out by route, and what a connection cannot take moves on to the
// next route, as one message at a time would.
#include "cli/smpp_channel.h"

#include <gtest/gtest.h>

#include <mutex>
#include <set>

#include "smpp/commands.h"
#include "smpp/session_test_support.h"

namespace dvc::gateway {
namespace {

using smpp::test_support::FakeSmsc;
using smpp::test_support::WaitFor;

SmscFileConfig Connection(const std::string& name, const FakeSmsc& smsc, int64_t window,
                          std::vector<std::string> prefixes) {
  SmscFileConfig c;
  c.name = name;
  c.host = "127.0.0.1";
  c.port = smsc.port();
  c.system_id = "esme";
  c.password = "pw";
  c.bind_mode = "transceiver";
  c.window = window;
  c.reconnect_min_s = 1;
  c.prefixes = std::move(prefixes);
  c.registered_delivery = false;
  return c;
}

OutgoingSms Reply(int64_t id, std::string phone = "0912345678") {
  OutgoingSms sms;
  sms.id = id;
  sms.phone = std::move(phone);
  sms.text = "Ho so 12430-23-Z6B-2DD-W: dang xu ly.";
  sms.event = "reply";
  return sms;
}

class SmppChannelTest : public ::testing::Test {
 protected:
  void Open(std::vector<SmscFileConfig> connections) {
    SmppChannelHooks hooks;
    hooks.on_outcome = [this](SmsOutcome o) {
      std::lock_guard lock(mu_);
      outcomes_.push_back(std::move(o));
    };
    auto channel = SmppChannel::Create(connections, "8079", hooks);
    ASSERT_TRUE(channel.ok()) << channel.status().message();
    channel_ = std::move(channel).value();
    ASSERT_TRUE(WaitFor([&] { return channel_->Bound().size() == connections.size(); }));
  }
  std::vector<SmsOutcome> Outcomes() {
    std::lock_guard lock(mu_);
    return outcomes_;
  }

  std::mutex mu_;
  std::vector<SmsOutcome> outcomes_;
  std::unique_ptr<SmppChannel> channel_;
};

TEST_F(SmppChannelTest, WhatTheFirstRouteCannotTakeGoesToTheNextAndTheRestComesBack) {
  FakeSmsc viettel;  // the route for 8491..., holding every submit
  viettel.SetSubmitMode(FakeSmsc::SubmitMode::kHold);
  FakeSmsc vnpt;  // everything else, and the failover
  Open({Connection("viettel", viettel, 1, {"8491"}), Connection("vnpt", vnpt, 1, {"8488"})});

  // viettel's queue takes 2 (twice its window), vnpt's the next 2; the fifth
  // fits nowhere and comes back, with no outcome of its own.
  const std::vector<OutgoingSms> batch = {Reply(1), Reply(2), Reply(3), Reply(4), Reply(5)};
  const std::vector<int64_t> not_taken = channel_->Send(batch);
  EXPECT_EQ(not_taken, (std::vector<int64_t>{5}));

  ASSERT_TRUE(WaitFor([&] { return Outcomes().size() == 2; }));  // vnpt answers
  std::set<int64_t> accepted;
  for (const SmsOutcome& o : Outcomes()) {
    EXPECT_EQ(o.kind, SmsOutcome::Kind::kAccepted) << o.reason;
    EXPECT_EQ(o.route, "vnpt");
    accepted.insert(o.id);
  }
  EXPECT_EQ(accepted, (std::set<int64_t>{3, 4}));
  EXPECT_EQ(vnpt.CountReceived(smpp::command::kSubmitSm), 2u);
  ASSERT_TRUE(WaitFor([&] { return viettel.Held() == 1; }));  // 1 in flight, 1 queued

  // A number no route can use is rejected at once, and not counted as not taken.
  const std::vector<OutgoingSms> bad = {Reply(6, "12345")};
  EXPECT_TRUE(channel_->Send(bad).empty());
  ASSERT_TRUE(WaitFor([&] { return Outcomes().size() == 3; }));
  EXPECT_EQ(Outcomes().back().id, 6);
  EXPECT_EQ(Outcomes().back().kind, SmsOutcome::Kind::kRejected);
}

}  // namespace
}  // namespace dvc::gateway
