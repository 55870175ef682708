// Retention of residents' SMS (GatewayService::PurgeSmsHistory,
// sms_retention.h; the pump's hourly purge): old numbers and texts go,
// what is still needed stays.
#include "service/sms_retention.h"

#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "service/gateway_service.h"
#include "service/service_test_support.h"
#include "service/sms_commands.h"
#include "service/sms_pump.h"
#include "service/sms_queue.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/scratch_dir.h"

namespace dvc::gateway {
namespace {

using test_support::kOwner;
using test_support::kService;
constexpr char kOtherPhone[] = "84987654321";
constexpr int64_t kDayMs = 24 * 3600 * 1000;

using test_support::MsAt;

class SmsRetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    service_ = test_support::OpenTestService(dir_, keys_, [this] { return now_ms_; });
    ASSERT_TRUE(test_support::PublishTestCatalog(*service_, kService));
    mo_ = test_support::TestMoOptions();
    dispatch_ = test_support::TestSmsDispatchOptions();
    auto created =
        service_->AddCounterDossier({kService, "0912345678", "12430", "Trần Thị B"}, "op");
    ASSERT_TRUE(created.ok()) << created.error().message;
    code_ = created->code;
    // The dossier's receipt notification goes out, so that only replies
    // are left in the queue.
    EXPECT_EQ(SendDue(), 1u);
  }

  MoOutcome Receive(const std::string& from, const std::string& text) {
    auto outcome = service_->ReceiveMo({"main", from, "8079", text, false}, mo_);
    EXPECT_TRUE(outcome.ok()) << outcome.status().message();
    return outcome.ok() ? *outcome : MoOutcome{};
  }

  // Claims up to `max` due messages: they are 'sending' until answered.
  std::vector<OutgoingSms> Claim(size_t max) {
    SmsDispatchReport report;
    auto claimed = service_->SmsRound(dispatch_, {}, {}, max, &report);
    EXPECT_TRUE(claimed.ok()) << claimed.status().message();
    return claimed.ok() ? *claimed : std::vector<OutgoingSms>{};
  }

  // The SMSC accepted `sms` in two parts, receipts expected (two sms_parts rows).
  void Accept(const std::vector<int64_t>& ids) {
    std::vector<SmsOutcome> outcomes;
    for (const int64_t id : ids) {
      SmsOutcome o;
      o.id = id;
      o.route = "viettel";
      o.message_ids = {"m" + std::to_string(id) + "a", "m" + std::to_string(id) + "b"};
      outcomes.push_back(std::move(o));
    }
    SmsDispatchReport report;
    ASSERT_TRUE(service_->SmsRound(dispatch_, outcomes, {}, 0, &report).ok());
  }

  // Sends every due message; returns how many.
  size_t SendDue() {
    std::vector<int64_t> ids;
    for (const OutgoingSms& sms : Claim(100)) ids.push_back(sms.id);
    Accept(ids);
    return ids.size();
  }

  SmsPurgeCounts Purge(int64_t before_ms) {
    auto purged = service_->PurgeSmsHistory(before_ms / 1000);
    EXPECT_TRUE(purged.ok()) << purged.status().message();
    return purged.ok() ? *purged : SmsPurgeCounts{-1, -1, -1};
  }

  // The integer a query on the service's database answers (one row, one column).
  int64_t Count(store::Sql sql, int64_t id = 0) {
    auto db = store::Database::Open(dir_.File("data") + "/gateway.db", GatewayMigrations());
    EXPECT_TRUE(db.ok());
    if (!db.ok()) return -1;
    auto s = (*db)->Prepare("test count", sql);
    EXPECT_TRUE(s.ok());
    if (!s.ok()) return -1;
    if (id != 0) {
      EXPECT_TRUE(s->BindInt64(1, id).ok());
    }
    auto row = s->Step();
    EXPECT_TRUE(row.ok() && *row);
    return row.ok() && *row ? s->ColumnInt64(0) : -1;
  }
  int64_t InboxRows(int64_t id) { return Count("SELECT COUNT(*) FROM sms_inbox WHERE id = ?", id); }
  int64_t OutboxRows(int64_t id) {
    return Count("SELECT COUNT(*) FROM sms_outbox WHERE id = ?", id);
  }
  std::string StateOf(int64_t id) {
    auto rows = service_->ListSms({});
    EXPECT_TRUE(rows.ok());
    for (const SmsQueueRow& row : rows.ok() ? *rows : std::vector<SmsQueueRow>{}) {
      if (row.id == id) return row.state;
    }
    return "";
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  int64_t now_ms_ = MsAt("2026-11-03T02:00:00Z");
  std::unique_ptr<GatewayService> service_;
  MoOptions mo_;
  SmsDispatchOptions dispatch_;
  std::string code_;
};

TEST_F(SmsRetentionTest, AnOldMessageAndItsReplyGoNewerOnesAndNotificationsStay) {
  const MoOutcome old = Receive(kOtherPhone, "TT " + code_);
  ASSERT_TRUE(old.reply_id.has_value());
  EXPECT_EQ(SendDue(), 1u);
  now_ms_ += 100 * kDayMs;
  const MoOutcome recent = Receive(kOwner, "TT " + code_);
  ASSERT_TRUE(recent.reply_id.has_value());
  EXPECT_EQ(SendDue(), 1u);
  const int64_t notifications =
      Count("SELECT COUNT(*) FROM sms_outbox WHERE dossier IS NOT NULL AND id > ?", -1);
  EXPECT_EQ(notifications, 1);

  const SmsPurgeCounts purged = Purge(now_ms_ - 90 * kDayMs);
  EXPECT_EQ(purged.inbox, 1);
  EXPECT_EQ(purged.replies, 1);
  EXPECT_EQ(purged.parts, 2);
  EXPECT_EQ(InboxRows(old.inbox_id), 0);
  EXPECT_EQ(OutboxRows(*old.reply_id), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_parts WHERE sms = ?", *old.reply_id), 0);
  // The stranger's number is nowhere any more.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_inbox WHERE from_phone LIKE '%987654321' AND ?", 1), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_outbox WHERE to_phone LIKE '%987654321' AND ?", 1), 0);
  // The owner's recent message, its reply and its parts stay; so does the
  // dossier's notification (it carries no number).
  EXPECT_EQ(InboxRows(recent.inbox_id), 1);
  EXPECT_EQ(StateOf(*recent.reply_id), "sent");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_parts WHERE sms = ?", *recent.reply_id), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_outbox WHERE dossier IS NOT NULL AND id > ?", -1),
            notifications);

  // Nothing left to purge: a second run deletes nothing.
  const SmsPurgeCounts again = Purge(now_ms_ - 90 * kDayMs);
  EXPECT_EQ(again.inbox + again.replies + again.parts, 0);
}

TEST_F(SmsRetentionTest, AReplyNotYetSentOrAnsweredStaysWhateverItsAge) {
  const MoOutcome sending = Receive(kOtherPhone, "TT " + code_);
  ASSERT_EQ(Claim(1).size(), 1u);  // handed to an SMSC, no answer yet
  const MoOutcome pending = Receive(kOwner, "TT " + code_);
  ASSERT_TRUE(sending.reply_id && pending.reply_id);
  EXPECT_EQ(StateOf(*sending.reply_id), "sending");
  EXPECT_EQ(StateOf(*pending.reply_id), "pending");

  now_ms_ += 200 * kDayMs;
  const SmsPurgeCounts purged = Purge(now_ms_ - 90 * kDayMs);
  EXPECT_EQ(purged.inbox, 2);  // the messages themselves go
  EXPECT_EQ(purged.replies, 0);
  EXPECT_EQ(StateOf(*sending.reply_id), "sending");
  EXPECT_EQ(StateOf(*pending.reply_id), "pending");

  // Sent now: kept for the retention period from its last change.
  Accept({*sending.reply_id});
  EXPECT_EQ(StateOf(*sending.reply_id), "sent");
  EXPECT_EQ(Purge(now_ms_ - 90 * kDayMs).replies, 0);
  now_ms_ += 91 * kDayMs;
  const SmsPurgeCounts later = Purge(now_ms_ - 90 * kDayMs);
  EXPECT_EQ(later.replies, 1);
  EXPECT_EQ(later.parts, 2);
  EXPECT_EQ(OutboxRows(*sending.reply_id), 0);
  EXPECT_EQ(StateOf(*pending.reply_id), "pending");
}

TEST_F(SmsRetentionTest, TheRateLimitStillCountsTheLastDayAfterAPurge) {
  mo_.max_per_hour = 100;
  mo_.max_per_day = 3;
  const MoOutcome old = Receive(kOtherPhone, "TT " + code_);
  now_ms_ += 3 * kDayMs;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Receive(kOtherPhone, "TT " + code_).outcome, "answered_status_only") << i;
    now_ms_ += 2 * 3600 * 1000;
  }
  // Even a cutoff in the future keeps the last two days.
  const SmsPurgeCounts purged = Purge(now_ms_ + 1000);
  EXPECT_EQ(purged.inbox, 1);
  EXPECT_EQ(InboxRows(old.inbox_id), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_inbox WHERE id > ?", old.inbox_id), 3);
  EXPECT_EQ(Receive(kOtherPhone, "TT " + code_).outcome, "rate_limited");
}

TEST_F(SmsRetentionTest, AnOptOutOutlivesTheMessageThatAskedForIt) {
  const MoOutcome stop = Receive(kOwner, "STOP");
  ASSERT_EQ(stop.outcome, "stopped");
  EXPECT_EQ(SendDue(), 1u);
  now_ms_ += 100 * kDayMs;
  const SmsPurgeCounts purged = Purge(now_ms_ - 90 * kDayMs);
  EXPECT_EQ(purged.inbox, 1);
  EXPECT_EQ(purged.replies, 1);
  EXPECT_TRUE(service_->IsOptedOut("0912345678").value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_optout WHERE ? = 1", 1), 1);
}

// Takes nothing: the pump only records and purges.
class NoRoomChannel : public SmsChannel {
 public:
  size_t Room() override { return 0; }
  std::vector<int64_t> Send(std::span<const OutgoingSms> batch) override {
    std::vector<int64_t> ids;
    for (const OutgoingSms& sms : batch) ids.push_back(sms.id);
    return ids;
  }
};

TEST_F(SmsRetentionTest, ThePumpPurgesWithItsKeepDaysAndSaysWhatWent) {
  Receive(kOtherPhone, "TT " + code_);
  EXPECT_EQ(SendDue(), 1u);
  now_ms_ += 100 * kDayMs;
  Receive(kOwner, "TT " + code_);  // recent: stays

  std::mutex mu;
  std::vector<std::string> lines;
  const auto run_pump = [&](int keep_days) {
    SmsPumpOptions options;
    options.dispatch = dispatch_;
    options.keep_days = keep_days;
    options.log = [&](const std::string& line) {
      std::lock_guard lock(mu);
      lines.push_back(line);
    };
    NoRoomChannel channel;
    SmsPump pump(*service_, options);
    ASSERT_TRUE(pump.Start(&channel).ok());
    pump.Stop();  // after at least one round
  };
  run_pump(0);  // never purges
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_inbox WHERE ? = 1", 1), 2);
  run_pump(90);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_inbox WHERE ? = 1", 1), 1);
  std::lock_guard lock(mu);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "purged 1 messages from residents and 1 replies older than 90 days");
}

}  // namespace
}  // namespace dvc::gateway
