// SMS commands from residents (GatewayService::ReceiveMo, sms_commands.h):
// what is recorded and answered, who may learn what, opt-outs, rate limits.
#include "service/sms_commands.h"

#include <gtest/gtest.h>

#include <string>

#include "dossier/dossier_code.h"
#include "dossier/timestamp.h"
#include "service/gateway_service.h"
#include "service/service_test_support.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/scratch_dir.h"
#include "text/gsm7_safe.h"

namespace dvc::gateway {
namespace {

using test_support::kCommune;
using test_support::kService;
using test_support::kOwner;
constexpr char kStranger[] = "0987654321";

using test_support::MsAt;

class SmsCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    service_ = test_support::OpenTestService(dir_, keys_, [this] { return now_ms_; });
    ASSERT_TRUE(test_support::PublishTestCatalog(*service_, kService));
    options_ = test_support::TestMoOptions();
    auto created =
        service_->AddCounterDossier({kService, "0912345678", kCommune, "Trần Thị B"}, "op");
    ASSERT_TRUE(created.ok()) << created.error().message;
    code_ = created->code;
    shown_ = dossier::ParseDossierCode(code_)->Display();
    service_name_ = "Đăng kí nội quy lao động";  // the test catalog's procedure
  }

  MoOutcome Receive(const std::string& from, const std::string& text) {
    auto outcome = service_->ReceiveMo({"main", from, "8079", text, false}, options_);
    EXPECT_TRUE(outcome.ok()) << outcome.status().message();
    return outcome.ok() ? *outcome : MoOutcome{};
  }

  // One column of a query on the service's database, as text.
  std::string Query(const char* sql_text, int64_t id) {
    auto db = store::Database::Open(dir_.File("data") + "/gateway.db", GatewayMigrations());
    EXPECT_TRUE(db.ok());
    if (!db.ok()) return "";
    std::string out;
    if (std::string_view(sql_text) == "inbox") {
      auto s = (*db)->Prepare("t",
                              "SELECT from_phone || '|' || outcome || '|' || "
                              "COALESCE(reply, '') || '|' || text FROM sms_inbox WHERE id = ?");
      EXPECT_TRUE(s->BindInt64(1, id).ok());
      if (s->Step().value()) out = s->ColumnText(0);
    } else {
      auto s = (*db)->Prepare("t",
                              "SELECT to_phone || '|' || event || '|' || state || '|' || "
                              "text FROM sms_outbox WHERE id = ?");
      EXPECT_TRUE(s->BindInt64(1, id).ok());
      if (s->Step().value()) out = s->ColumnText(0);
    }
    return out;
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  int64_t now_ms_ = MsAt("2026-11-03T02:00:00Z");
  std::unique_ptr<GatewayService> service_;
  MoOptions options_;
  std::string code_;
  std::string shown_;
  std::string service_name_;
};

TEST_F(SmsCommandsTest, TheOwnerLearnsTheProcedureAStrangerOnlyTheStatus) {
  const std::string typed = "tra cuu " + shown_;
  MoOutcome owner = Receive(kOwner, typed);
  EXPECT_EQ(owner.outcome, "answered_owner");
  ASSERT_TRUE(owner.reply_id.has_value());
  EXPECT_NE(owner.reply_text.find(shown_), std::string::npos) << owner.reply_text;
  EXPECT_NE(owner.reply_text.find("Đã tiếp nhận"), std::string::npos) << owner.reply_text;
  EXPECT_NE(owner.reply_text.find(service_name_), std::string::npos) << owner.reply_text;
  EXPECT_EQ(owner.reply_text.find("Trần Thị B"), std::string::npos);
  // The reply is queued to the sender, in the international form, pending.
  EXPECT_EQ(Query("outbox", *owner.reply_id),
            std::string(kOwner) + "|reply|pending|" + owner.reply_text);
  EXPECT_EQ(Query("inbox", owner.inbox_id), std::string(kOwner) + "|answered_owner|" +
                                                std::to_string(*owner.reply_id) + "|" + typed);

  // The same number written nationally is still the owner.
  EXPECT_EQ(Receive("0912345678", "TT" + code_).outcome, "answered_owner");

  MoOutcome stranger = Receive(kStranger, "TT " + code_);
  EXPECT_EQ(stranger.outcome, "answered_status_only");
  EXPECT_NE(stranger.reply_text.find("Đã tiếp nhận"), std::string::npos) << stranger.reply_text;
  EXPECT_EQ(stranger.reply_text.find(service_name_), std::string::npos) << stranger.reply_text;
  EXPECT_EQ(stranger.reply_text.find("Trần"), std::string::npos);
  EXPECT_EQ(Query("outbox", *stranger.reply_id).rfind("84987654321|reply|pending|", 0), 0u);
  EXPECT_LE(text::ToGsm7Safe(stranger.reply_text).size(), 160u);
  EXPECT_LE(text::ToGsm7Safe(owner.reply_text).size(), 160u);
}

TEST_F(SmsCommandsTest, ABareCodeIsALookUpAndTheStatusFollowsChanges) {
  ASSERT_TRUE(service_->SetStatus(code_, "accepted", "", "op").ok());
  MoOutcome out = Receive(kStranger, shown_);
  EXPECT_EQ(out.outcome, "answered_status_only");
  auto status = dossier::StatusFromId("accepted");
  EXPECT_NE(out.reply_text.find(std::string(dossier::StatusLabelVi(*status))), std::string::npos)
      << out.reply_text;
}

TEST_F(SmsCommandsTest, AMistypedCodeIsToldApartFromAnUnknownOne) {
  // Change the check character: all characters possible, the check fails.
  std::string typo = code_;
  typo.back() = typo.back() == 'X' ? 'Y' : 'X';
  MoOutcome mistyped = Receive(kStranger, "TT " + typo);
  EXPECT_EQ(mistyped.outcome, "mistyped");
  ASSERT_TRUE(mistyped.reply_id.has_value());
  EXPECT_NE(mistyped.reply_text.find(typo.substr(0, 5) + "-"), std::string::npos)
      << mistyped.reply_text;
  EXPECT_NE(mistyped.reply_text.find("12345-7K-4HQ-2M9-X"), std::string::npos);  // the form

  // A valid code no dossier has.
  std::string other;
  for (uint32_t scrambled = 1; other.empty() || other == code_; ++scrambled) {
    other = dossier::DossierCode::FromParts(kCommune, 7, scrambled)->compact();
  }
  MoOutcome unknown = Receive(kStranger, "TT " + other);
  EXPECT_EQ(unknown.outcome, "not_found");
  EXPECT_NE(unknown.reply_text.find(dossier::ParseDossierCode(other)->Display()), std::string::npos)
      << unknown.reply_text;
}

TEST_F(SmsCommandsTest, StopIsRecordedAsAKeyedHashAndStartUndoesIt) {
  EXPECT_FALSE(service_->IsOptedOut("0912345678").value());
  MoOutcome stop = Receive(kOwner, "Từ chối");
  EXPECT_EQ(stop.outcome, "stopped");
  EXPECT_TRUE(stop.reply_id.has_value());
  // Any form of the number is opted out; a status change still queues its
  // notification, which the dispatcher skips by asking this.
  EXPECT_TRUE(service_->IsOptedOut("0912 345 678").value());
  EXPECT_TRUE(service_->IsOptedOut("+84912345678").value());
  EXPECT_FALSE(service_->IsOptedOut(kStranger).value());
  ASSERT_TRUE(service_->SetStatus(code_, "accepted", "", "op").ok());
  EXPECT_TRUE(service_->IsOptedOut("0912345678").value());
  {
    auto db = store::Database::Open(dir_.File("data") + "/gateway.db", GatewayMigrations()).value();
    auto s = db->Prepare("t", "SELECT phone_key FROM sms_optout").value();
    ASSERT_TRUE(s.Step().value());
    const std::string key = s.ColumnText(0);
    EXPECT_EQ(key.size(), 64u);
    EXPECT_EQ(key.find("912345678"), std::string::npos);
    EXPECT_EQ(key, PhoneKeyer(*keys_).KeyOf("0912345678"));
    // Another province's keys give another hash of the same number.
    auto other = sync::ProvinceKeys::Create(dir_.File("other")).value();
    EXPECT_NE(key, PhoneKeyer(other).KeyOf("0912345678"));
  }
  MoOutcome start = Receive(kOwner, "DK");
  EXPECT_EQ(start.outcome, "started");
  EXPECT_FALSE(service_->IsOptedOut("0912345678").value());
}

TEST_F(SmsCommandsTest, TooManyMessagesAreRateLimitedWithOneTryLaterReplyPerWindow) {
  options_.max_per_hour = 4;
  options_.max_per_day = 100;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Receive(kStranger, "TT " + code_).outcome, "answered_status_only") << i;
    now_ms_ += 1000;
  }
  MoOutcome first = Receive(kStranger, "TT " + code_);
  EXPECT_EQ(first.outcome, "rate_limited");
  ASSERT_TRUE(first.reply_id.has_value());
  EXPECT_NE(first.reply_text.find("quá nhiều"), std::string::npos);
  MoOutcome second = Receive(kStranger, "TT " + code_);
  EXPECT_EQ(second.outcome, "rate_limited");
  EXPECT_FALSE(second.reply_id.has_value());
  // Another number is not affected; stop still works while limited.
  EXPECT_EQ(Receive(kOwner, "TT " + code_).outcome, "answered_owner");
  EXPECT_EQ(Receive(kStranger, "STOP").outcome, "stopped");
  EXPECT_TRUE(service_->IsOptedOut(kStranger).value());
  // An hour later the window has passed.
  now_ms_ += 3601 * 1000;
  EXPECT_EQ(Receive(kStranger, "TT " + code_).outcome, "answered_status_only");
}

TEST_F(SmsCommandsTest, FailedLookUpsCountMoreHeavily) {
  options_.max_per_hour = 6;
  std::string typo = code_;
  typo.back() = typo.back() == 'X' ? 'Y' : 'X';
  EXPECT_EQ(Receive(kStranger, "TT " + typo).outcome, "mistyped");  // weighs 3
  EXPECT_EQ(Receive(kStranger, "TT " + typo).outcome, "mistyped");  // 6
  EXPECT_EQ(Receive(kStranger, "TT " + code_).outcome, "rate_limited");
}

TEST_F(SmsCommandsTest, UnknownTextGetsHelpOnceAnHourGarbageNothingButIsAlwaysRecorded) {
  MoOutcome first = Receive(kStranger, "xin chao");
  EXPECT_EQ(first.outcome, "help");
  ASSERT_TRUE(first.reply_id.has_value());
  EXPECT_NE(text::ToGsm7Safe(first.reply_text).find("TT"), std::string::npos);
  MoOutcome again = Receive(kStranger, "alo alo");
  EXPECT_EQ(again.outcome, "ignored");
  EXPECT_FALSE(again.reply_id.has_value());
  EXPECT_GT(again.inbox_id, first.inbox_id);
  // Asking for help is always answered.
  EXPECT_EQ(Receive(kStranger, "HD").outcome, "help");

  const std::string garbage[] = {std::string("\0\x01\x02\xFF", 4), "", "   ",
                                 std::string(5000, 'A'), "TT \xC3"};
  for (const std::string& text : garbage) {
    MoOutcome out = Receive(kOwner, text);
    EXPECT_EQ(out.outcome, "ignored");
    EXPECT_FALSE(out.reply_id.has_value());
    EXPECT_FALSE(Query("inbox", out.inbox_id).empty());  // recorded all the same
  }
  auto undecodable = service_->ReceiveMo({"main", kOwner, "8079", "", true}, options_);
  ASSERT_TRUE(undecodable.ok());
  EXPECT_EQ(undecodable->outcome, "ignored");
  // No sender: nothing can be answered.
  EXPECT_EQ(Receive("", "TT " + code_).outcome, "ignored");
}

}  // namespace
}  // namespace dvc::gateway
