// The outbound queue step by step (GatewayService::SmsRound, sms_queue.h), as
// the SMS pump drives it for a windowed channel: claims, the channels'
// answers, delivery receipts, each round in one transaction.
#include <gtest/gtest.h>

#include <vector>

#include "service/gateway_service.h"
#include "service/service_test_support.h"
#include "service/sms_notifications.h"
#include "service/sms_queue.h"
#include "store/scratch_dir.h"

namespace dvc::gateway {
namespace {

using test_support::kService;

using test_support::MsAt;

class SmsRoundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    service_ = test_support::OpenTestService(dir_, keys_, [this] { return now_ms_; });
    ASSERT_TRUE(test_support::PublishTestCatalog(*service_, kService));
    options_ = test_support::TestSmsDispatchOptions();
    options_.max_attempts = 3;
  }

  // A counter dossier: its receipt SMS is owed at once.
  void AddDossier(const std::string& phone) {
    auto created = service_->AddCounterDossier({kService, phone, "12430", "Trần Thị B"}, "op");
    ASSERT_TRUE(created.ok()) << created.error().message;
  }

  std::vector<OutgoingSms> Round(std::vector<SmsOutcome> outcomes,
                                 std::vector<SmsReceiptNotice> receipts, size_t max,
                                 SmsDispatchReport* report) {
    auto claimed = service_->SmsRound(options_, outcomes, receipts, max, report);
    EXPECT_TRUE(claimed.ok()) << claimed.status().message();
    return claimed.ok() ? *claimed : std::vector<OutgoingSms>{};
  }

  SmsQueueRow Row(int64_t id) {
    auto rows = service_->ListSms({});
    EXPECT_TRUE(rows.ok());
    for (const SmsQueueRow& row : rows.ok() ? *rows : std::vector<SmsQueueRow>{}) {
      if (row.id == id) return row;
    }
    ADD_FAILURE() << "no SMS row " << id;
    return {};
  }

  SmsQueueCounts Counts() {
    auto counts = service_->CountSms();
    EXPECT_TRUE(counts.ok());
    return counts.ok() ? *counts : SmsQueueCounts{};
  }

  static SmsOutcome Accepted(int64_t id, std::vector<std::string> ids, bool receipts = true) {
    SmsOutcome o;
    o.id = id;
    o.route = "viettel";
    o.message_ids = std::move(ids);
    o.receipts_expected = receipts;
    return o;
  }

  static SmsReceiptNotice Receipt(const std::string& message_id, const std::string& stat) {
    return {"viettel", message_id, stat == "DELIVRD", stat};
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  int64_t now_ms_ = MsAt("2026-11-03T02:00:00Z");  // 09:00 in Vietnam, a Tuesday
  std::unique_ptr<GatewayService> service_;
  SmsDispatchOptions options_;
};

TEST_F(SmsRoundTest, ARoundRecordsTheAnswersAndClaimsAsManyAsThereIsRoomFor) {
  AddDossier("0912345678");
  AddDossier("0987654321");
  AddDossier("0911111111");
  SmsDispatchReport first;
  const std::vector<OutgoingSms> claimed = Round({}, {}, 2, &first);
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_EQ(first.claimed, 2);
  EXPECT_EQ(Counts().sending, 2);
  EXPECT_EQ(Counts().pending, 1);

  SmsOutcome retry;
  retry.id = claimed[1].id;
  retry.kind = SmsOutcome::Kind::kRetry;
  retry.route = "viettel";
  retry.reason = "ESME_RSYSERR";
  SmsDispatchReport second;
  const std::vector<OutgoingSms> next =
      Round({Accepted(claimed[0].id, {"0A1", "0A2"}), retry}, {}, 5, &second);
  EXPECT_EQ(second.sent, 1);
  EXPECT_EQ(second.retried, 1);
  // The retried one waits for its back-off; the third is claimed.
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].phone, "0911111111");
  const SmsQueueRow sent = Row(claimed[0].id);
  EXPECT_EQ(sent.state, "sent");
  EXPECT_EQ(sent.route, "viettel");
  EXPECT_EQ(sent.message_id, "0A1");
  const SmsQueueRow retried = Row(claimed[1].id);
  EXPECT_EQ(retried.state, "pending");
  EXPECT_EQ(retried.reason, "ESME_RSYSERR");
  EXPECT_EQ(retried.next_attempt_at, now_ms_ / 1000 + SmsRetryDelaySeconds(1));
}

TEST_F(SmsRoundTest, AMessageIsDeliveredOnceEveryPartIsAndFailedByOneUndeliveredPart) {
  AddDossier("0912345678");
  AddDossier("0987654321");
  SmsDispatchReport report;
  const std::vector<OutgoingSms> claimed = Round({}, {}, 2, &report);
  ASSERT_EQ(claimed.size(), 2u);
  Round({Accepted(claimed[0].id, {"0A1", "0A2"}), Accepted(claimed[1].id, {"0B1"})}, {}, 0,
        &report);

  SmsDispatchReport first;
  Round({}, {Receipt("0A1", "DELIVRD"), Receipt("0B1", "UNDELIV"), Receipt("0C9", "DELIVRD")}, 0,
        &first);
  EXPECT_EQ(first.receipts_matched, 2);         // 0C9 is not ours
  EXPECT_EQ(Row(claimed[0].id).state, "sent");  // one part of two
  EXPECT_EQ(Row(claimed[1].id).state, "failed");
  EXPECT_EQ(Row(claimed[1].id).reason, "delivery receipt: UNDELIV");

  Round({}, {Receipt("0A2", "DELIVRD")}, 0, &report);
  EXPECT_EQ(Row(claimed[0].id).state, "delivered");
}

TEST_F(SmsRoundTest, WithoutReceiptsAskedForNoPartIsKeptToMatch) {
  AddDossier("0912345678");
  SmsDispatchReport report;
  const std::vector<OutgoingSms> claimed = Round({}, {}, 1, &report);
  ASSERT_EQ(claimed.size(), 1u);
  Round({Accepted(claimed[0].id, {"0A1"}, /*receipts=*/false)}, {}, 0, &report);
  EXPECT_EQ(Row(claimed[0].id).state, "sent");
  SmsDispatchReport later;
  Round({}, {Receipt("0A1", "DELIVRD")}, 0, &later);
  EXPECT_EQ(later.receipts_matched, 0);
  EXPECT_EQ(Row(claimed[0].id).state, "sent");
}

TEST_F(SmsRoundTest, NotSentIsDueAgainSoonWithoutCountingTheAttempt) {
  AddDossier("0912345678");
  SmsDispatchReport report;
  const std::vector<OutgoingSms> claimed = Round({}, {}, 1, &report);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(Row(claimed[0].id).attempts, 1);
  SmsOutcome not_sent;
  not_sent.id = claimed[0].id;
  not_sent.kind = SmsOutcome::Kind::kNotSent;
  not_sent.reason = "no SMSC connection could take it";
  SmsDispatchReport second;
  EXPECT_TRUE(Round({not_sent}, {}, 1, &second).empty());  // not due yet
  EXPECT_EQ(second.not_sent, 1);
  EXPECT_EQ(Row(claimed[0].id).attempts, 0);
  now_ms_ += 2000;
  SmsDispatchReport third;
  ASSERT_EQ(Round({}, {}, 1, &third).size(), 1u);
  EXPECT_EQ(Row(claimed[0].id).attempts, 1);
}

TEST_F(SmsRoundTest, AnAnswerForARowNoLongerSendingChangesNothing) {
  AddDossier("0912345678");
  SmsDispatchReport report;
  const std::vector<OutgoingSms> claimed = Round({}, {}, 1, &report);
  ASSERT_EQ(claimed.size(), 1u);
  // A restart put it back (the duplicate window); a late answer arrives.
  ASSERT_EQ(service_->ResumeInterruptedSms().value(), 1);
  SmsDispatchReport late;
  Round({Accepted(claimed[0].id, {"0A1"})}, {}, 0, &late);
  EXPECT_EQ(late.sent, 0);
  EXPECT_EQ(Row(claimed[0].id).state, "pending");
  SmsDispatchReport receipts;
  Round({}, {Receipt("0A1", "DELIVRD")}, 0, &receipts);
  EXPECT_EQ(receipts.receipts_matched, 0);
}

}  // namespace
}  // namespace dvc::gateway
