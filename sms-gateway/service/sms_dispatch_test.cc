// The SMS residents are owed (GatewayService::DispatchSms, sms_notifications.h):
// one per status change with a text, rendered from the repository's templates,
// sent once, within the send hours, retried when the transport fails.
#include <gtest/gtest.h>

#include <vector>

#include "dossier/dossier_code.h"
#include "dossier/timestamp.h"
#include "service/gateway_service.h"
#include "service/service_test_support.h"
#include "service/sms_notifications.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/scratch_dir.h"

namespace dvc::gateway {
namespace {

using test_support::kCommune;
using test_support::kService;

using test_support::MsAt;

class SmsDispatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    service_ = test_support::OpenTestService(dir_, keys_, [this] { return now_ms_; });
    ASSERT_TRUE(test_support::PublishTestCatalog(*service_, kService));
    options_ = test_support::TestSmsDispatchOptions();
  }

  // Dispatches with a transport that records each SMS, or fails while `fail_`.
  SmsDispatchReport Dispatch() {
    auto report =
        service_->DispatchSms(options_, [this](const OutgoingSms& sms) -> Result<std::string> {
          if (fail_) return Status::Io("the SMSC does not answer");
          sent_.push_back(sms);
          return "msg-" + std::to_string(sms.id);
        });
    EXPECT_TRUE(report.ok()) << report.status().message();
    return report.ok() ? *report : SmsDispatchReport{};
  }

  std::string AddCounterDossier(const std::string& phone) {
    auto created = service_->AddCounterDossier({kService, phone, kCommune, "Trần Thị B"}, "op");
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created->code : "";
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  int64_t now_ms_ = MsAt("2026-11-03T02:00:00Z");  // 09:00 in Vietnam, a Tuesday
  std::unique_ptr<GatewayService> service_;
  SmsDispatchOptions options_;
  std::vector<OutgoingSms> sent_;
  bool fail_ = false;
};

TEST_F(SmsDispatchTest, TheReceiptAndEachStatusWithATextGoOnceToTheDossiersPhone) {
  const std::string code = AddCounterDossier("0912345678");
  const std::string shown = dossier::ParseDossierCode(code)->Display();  // as on the receipt
  auto detail = service_->ShowDossier(code);
  ASSERT_TRUE(detail.ok());
  const std::string appointment = detail->dossier.official_appointment->ToVietnamese();

  SmsDispatchReport first = Dispatch();
  EXPECT_EQ(first.sent, 1);
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].phone, "0912345678");
  EXPECT_EQ(sent_[0].event, "received");
  // GSM-7 by default: without diacritics, the procedure named, the look-up.
  EXPECT_EQ(sent_[0].text, "Tinh da nhan ho so " + shown +
                               " (Dang ki noi quy lao dong). Ngay hen tra ket qua: " + appointment +
                               ". Tra cuu: nhan TT " + shown + " gui 8079.");

  // Accepted has no text; needs_supplement has, with the officer's note.
  ASSERT_TRUE(service_->SetStatus(code, "accepted", "", "op").ok());
  ASSERT_TRUE(service_->SetStatus(code, "needs_supplement", "Thiếu bản sao CCCD", "op").ok());
  SmsDispatchReport second = Dispatch();
  EXPECT_EQ(second.sent, 1);
  EXPECT_EQ(second.skipped, 1);
  ASSERT_EQ(sent_.size(), 2u);
  EXPECT_EQ(sent_[1].text, "Ho so " + shown +
                               " can bo sung: Thieu ban sao CCCD. Xin mang giay to den bo phan "
                               "mot cua. Tra cuu: nhan TT " +
                               shown + " gui 8079.");

  // Nothing is owed twice, also after a restart.
  EXPECT_EQ(Dispatch().sent, 0);
  service_.reset();
  service_ = test_support::OpenTestService(dir_, keys_, [this] { return now_ms_; });
  EXPECT_EQ(Dispatch().sent, 0);
  EXPECT_EQ(sent_.size(), 2u);
}

// A clerk ends the note with a full stop, as in a letter; the template's own
// "{note}." must not put ".." on the resident's phone.
TEST_F(SmsDispatchTest, ANoteEndingWithAFullStopReadsWithOneFullStop) {
  const std::string code = AddCounterDossier("0912345678");
  const std::string shown = dossier::ParseDossierCode(code)->Display();
  ASSERT_TRUE(service_->SetStatus(code, "accepted", "", "op").ok());
  ASSERT_TRUE(service_->SetStatus(code, "needs_supplement", "Bổ sung bản sao CCCD.", "op").ok());
  Dispatch();
  ASSERT_EQ(sent_.size(), 2u);
  EXPECT_EQ(sent_[1].event, "needs_supplement");
  EXPECT_EQ(sent_[1].text, "Ho so " + shown +
                               " can bo sung: Bo sung ban sao CCCD. Xin mang giay to den bo phan "
                               "mot cua. Tra cuu: nhan TT " +
                               shown + " gui 8079.");
  EXPECT_EQ(sent_[1].text.find(".."), std::string::npos);
}

TEST_F(SmsDispatchTest, Ucs2KeepsTheDiacritics) {
  options_.encoding = text::SmsEncoding::kUcs2;
  const std::string code = AddCounterDossier("0912345678");
  ASSERT_TRUE(service_->SetStatus(code, "accepted", "", "op").ok());
  ASSERT_TRUE(service_->SetStatus(code, "rejected", "Hồ sơ không đúng thẩm quyền", "op").ok());
  Dispatch();
  ASSERT_EQ(sent_.size(), 2u);
  EXPECT_EQ(sent_[1].encoding, text::SmsEncoding::kUcs2);
  EXPECT_EQ(sent_[1].text, "Hồ sơ " + dossier::ParseDossierCode(code)->Display() +
                               " không được giải quyết: Hồ sơ không đúng thẩm quyền. Xin liên hệ "
                               "bộ phận một cửa để được hướng dẫn.");
}

TEST_F(SmsDispatchTest, NoSmsAtNightTheyWaitForTheMorning) {
  now_ms_ = MsAt("2026-11-03T15:30:00Z");  // 22:30 in Vietnam
  AddCounterDossier("0912345678");
  SmsDispatchReport night = Dispatch();
  EXPECT_TRUE(night.outside_send_hours);
  EXPECT_TRUE(sent_.empty());
  now_ms_ = MsAt("2026-11-04T00:05:00Z");  // 07:05
  EXPECT_EQ(Dispatch().sent, 1);
}

TEST_F(SmsDispatchTest, ATransportFailureIsRetriedWithBackOffThenGivenUp) {
  options_.max_attempts = 3;
  AddCounterDossier("0912345678");
  fail_ = true;
  EXPECT_EQ(Dispatch().retried, 1);
  // Not due again before the back-off (60 s after the first failure).
  now_ms_ += 30'000;
  EXPECT_EQ(Dispatch().retried, 0);
  now_ms_ += 31'000;
  EXPECT_EQ(Dispatch().retried, 1);  // second attempt
  now_ms_ += SmsRetryDelaySeconds(2) * 1000;
  EXPECT_EQ(Dispatch().failed, 1);  // third and last
  now_ms_ += 3'600'000;
  fail_ = false;
  EXPECT_EQ(Dispatch().sent, 0);  // failed stays failed
  EXPECT_TRUE(sent_.empty());

  // A transport that recovers in time delivers.
  AddCounterDossier("0987654321");
  fail_ = true;
  EXPECT_EQ(Dispatch().retried, 1);
  fail_ = false;
  now_ms_ += 60'000;
  EXPECT_EQ(Dispatch().sent, 1);
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].phone, "0987654321");
}

TEST_F(SmsDispatchTest, ADossierWithoutAPhoneIsSkipped) {
  AddCounterDossier("");
  SmsDispatchReport report = Dispatch();
  EXPECT_EQ(report.skipped, 1);
  EXPECT_TRUE(sent_.empty());
}

TEST_F(SmsDispatchTest, AnUnreadableDossierFailsAloneAndTheOthersStillGo) {
  const std::string bad = AddCounterDossier("0912345678");
  AddCounterDossier("0987654321");
  {  // The sealed part damaged behind the gateway's back.
    auto db = store::Database::Open(dir_.File("data") + "/gateway.db", GatewayMigrations());
    ASSERT_TRUE(db.ok()) << db.status().message();
    auto update = (*db)->Prepare("damage", "UPDATE dossiers SET sealed = X'00' WHERE code = ?");
    ASSERT_TRUE(update.ok());
    ASSERT_TRUE(update->BindText(1, bad).ok());
    ASSERT_TRUE(update->Run().ok());
  }
  SmsDispatchReport report = Dispatch();
  EXPECT_EQ(report.failed, 1);
  EXPECT_EQ(report.sent, 1);
  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].phone, "0987654321");
  EXPECT_EQ(Dispatch().failed, 0);  // failed once, not again at every round
}

TEST(SmsTemplatesTest, BadTemplatesAreRefusedNamingTheKey) {
  EXPECT_EQ(ParseSmsTemplates(R"({"received": "Hồ sơ {cod}"})", "t.json").status().message(),
            "t.json: received: unknown placeholder {cod} (known: {code} {service} {appointment} "
            "{kiosk_appointment} {note} {short_code} {link})");
  EXPECT_EQ(ParseSmsTemplates(R"({"recieved": "x"})", "t.json").status().message(),
            "t.json: recieved: neither a dossier status id nor appointment_changed or "
            "received_with_link");
  EXPECT_EQ(ParseSmsTemplates(R"({"received": "Hồ sơ {code"})", "t.json").status().message(),
            "t.json: received: a '{' without its '}'");
  EXPECT_FALSE(ParseSmsTemplates("[1]", "t.json").ok());
  EXPECT_FALSE(ParseSmsTemplates("{", "t.json").ok());
  auto ok = ParseSmsTemplates(R"({"_comment": "x", "returned": "Xong {code}."})", "t.json");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->by_status.size(), 1u);
  EXPECT_EQ(FillSmsTemplate(ok->by_status.at("returned"), {{"code", "AB"}}), "Xong AB.");
}

TEST(SmsTemplatesTest, RetryDelaysDoubleUpToAnHour) {
  EXPECT_EQ(SmsRetryDelaySeconds(1), 60);
  EXPECT_EQ(SmsRetryDelaySeconds(2), 120);
  EXPECT_EQ(SmsRetryDelaySeconds(6), 1920);
  EXPECT_EQ(SmsRetryDelaySeconds(7), 3600);
  EXPECT_EQ(SmsRetryDelaySeconds(50), 3600);
}

}  // namespace
}  // namespace dvc::gateway
