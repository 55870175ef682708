#include "ussd/ussd_service.h"

#include <gtest/gtest.h>

#include "dossier/dossier_code.h"
#include "service/service_test_support.h"
#include "store/scratch_dir.h"
#include "ussd/ussd_test_support.h"

namespace dvc::gateway {
namespace {

// A backend with the real catalog and a fixed look-up answer.
class FakeBackend final : public UssdBackend {
 public:
  std::shared_ptr<const catalog::Catalog> CurrentCatalog() override { return catalog; }
  UssdLookup Lookup(std::string_view) override {
    return UssdLookup{UssdLookup::Kind::kNotFound, {}};
  }
  std::shared_ptr<const catalog::Catalog> catalog = ussd_test::RealCatalog();
};

constexpr char kExpired[] = "Phien da het han. Vui long quay so lai.";

UssdService MakeService(UssdSessionOptions sessions = {}) {
  return UssdService(ussd_test::RealMenu(), std::make_unique<FakeBackend>(), UssdOptions{sessions});
}

TEST(UssdServiceTest, IdleSessionsExpireAfterTheTimeout) {
  UssdService ussd = MakeService();
  const int64_t t0 = 1'800'000'000'000;
  EXPECT_FALSE(ussd.Answer("s1", "*123#", "0912345678", "", t0).end);
  EXPECT_FALSE(ussd.Answer("s1", "*123#", "0912345678", "2", t0 + 120'000).end);
  const UssdAnswer late = ussd.Answer("s1", "*123#", "0912345678", "2*1", t0 + 240'001);
  EXPECT_TRUE(late.end);
  EXPECT_EQ(late.text, kExpired);
  EXPECT_EQ(ussd.session_count(), 0u);
  // A new dial under the same id starts over.
  EXPECT_FALSE(ussd.Answer("s1", "*123#", "0912345678", "", t0 + 300'000).end);
}

TEST(UssdServiceTest, TheTableIsBoundedAndDropsTheLeastRecentlySeen) {
  UssdService ussd = MakeService(UssdSessionOptions{3, 120'000, 5});
  const int64_t t0 = 1'800'000'000'000;
  ussd.Answer("a", "", "", "", t0);
  ussd.Answer("b", "", "", "", t0 + 1);
  ussd.Answer("c", "", "", "", t0 + 2);
  ussd.Answer("a", "", "", "2", t0 + 3);  // a is recent again
  ussd.Answer("d", "", "", "", t0 + 4);   // b goes
  EXPECT_EQ(ussd.session_count(), 3u);
  // b was dropped, so its late step is replayed as unknown, not expired.
  EXPECT_FALSE(ussd.Answer("b", "", "", "2", t0 + 200'000).end);
  EXPECT_EQ(ussd.Answer("a", "", "", "2*1", t0 + 200'000).text, kExpired);
}

TEST(UssdServiceTest, EndedSessionsLeaveTheTable) {
  UssdService ussd = MakeService();
  ussd.Answer("s", "", "", "", 0);
  EXPECT_EQ(ussd.session_count(), 1u);
  EXPECT_TRUE(ussd.Answer("s", "", "", "1*123457K4HQ2M9X", 1).end == false);
  EXPECT_TRUE(ussd.Answer("s", "", "", "2" + std::string(200, '*'), 2).end);
  EXPECT_EQ(ussd.session_count(), 0u);
  EXPECT_TRUE(ussd.Answer("", "", "", "", 3).end);
  EXPECT_TRUE(ussd.Answer(std::string(200, 's'), "", "", "", 3).end);
}

TEST(UssdServiceTest, ASessionMayLookUpFiveCodesOnly) {
  UssdService ussd = MakeService();
  std::string text = "1";
  for (int i = 0; i < 5; ++i) {
    text += "*123457K4HQ2M9X";
    const UssdAnswer answer = ussd.Answer("s", "", "", text, i);
    EXPECT_FALSE(answer.end) << i;
    EXPECT_EQ(answer.text.rfind("Khong tim thay ho so", 0), 0u) << answer.text;
  }
  const UssdAnswer stopped = ussd.Answer("s", "", "", text + "*123457K4HQ2M9X", 6);
  EXPECT_TRUE(stopped.end);
  EXPECT_EQ(stopped.text, "Ban da tra cuu qua nhieu lan. Vui long quay so lai sau.");
}

TEST(UssdServiceTest, SmppStepsArriveAloneAndReplayLikeTheCallback) {
  UssdService smpp = MakeService();
  UssdService http = MakeService();
  const uint16_t session = 0x2A00;
  EXPECT_EQ(smpp.AnswerSmppStep("84912345678", session, true, "*123#", 0).text,
            http.Answer("h", "", "", "", 0).text);
  EXPECT_EQ(smpp.AnswerSmppStep("84912345678", session | 0x02, false, "2", 1).text,
            http.Answer("h", "", "", "2", 1).text);
  // The sequence number (low octet) changes; the session is the same.
  EXPECT_EQ(smpp.AnswerSmppStep("84912345678", session | 0x04, false, "1", 2).text,
            http.Answer("h", "", "", "2*1", 2).text);
  // Another session number of the same phone is another session.
  EXPECT_EQ(smpp.AnswerSmppStep("84912345678", 0x2B00, true, "*123#", 3).text,
            http.Answer("h2", "", "", "", 3).text);
  EXPECT_EQ(smpp.AnswerSmppStep("84912345678", session | 0x06, false, "0", 4).text,
            http.Answer("h", "", "", "2*1*0", 4).text);
  EXPECT_EQ(smpp.AnswerSmppStep("84912345678", session, false, "3", 200'000).text, kExpired);
  EXPECT_TRUE(smpp.AnswerSmppStep("", session, true, "", 0).end);
}

// The real service: the repository's catalog bootstrapped, a dossier
// registered at the counter, looked up by its code.
class UssdGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    GatewayServiceOptions options =
        test_support::TestServiceOptions(dir_, keys_, [this] { return now_ms_; });
    options.catalog_dir = ussd_test::kSourceDir + "/assets/catalog";
    auto opened = GatewayService::Open(options);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    service_ = std::move(opened).value();
    auto created = service_->AddCounterDossier(
        {"chung-thuc-ban-sao", "0912345678", "12430", "Trần Thị Bích"}, "op");
    ASSERT_TRUE(created.ok()) << created.error().message;
    code_ = dossier::ParseDossierCode(created->code).value();
    ussd_ = std::make_unique<UssdService>(ussd_test::RealMenu(), GatewayUssdBackend(*service_));
  }

  store::ScratchDir dir_;
  int64_t now_ms_ = 1'795'000'000'000;  // 2026-11-18
  std::shared_ptr<sync::ProvinceKeys> keys_;
  std::unique_ptr<GatewayService> service_;
  std::unique_ptr<UssdService> ussd_;
  dossier::DossierCode code_ = dossier::DossierCode::FromParts("12430", 1, 1).value();
};

TEST_F(UssdGatewayTest, AStoredDossierAnswersStatusAndDateWithoutPersonalData) {
  const UssdAnswer answer =
      ussd_->Answer("s", "*123#", "0900000000", "1*" + code_.Display(), now_ms_);
  EXPECT_TRUE(answer.end);
  ussd_test::ExpectFitsScreen(answer.text, "found");
  EXPECT_EQ(answer.text.rfind("Ho so " + code_.Display() + "\nTrang thai: Da tiep nhan\n", 0), 0u)
      << answer.text;
  EXPECT_EQ(answer.text.find("Bich"), std::string::npos);
  EXPECT_EQ(answer.text.find("0912345678"), std::string::npos);
  // Lower case and without dashes, as phones type it.
  std::string typed = code_.compact();
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(ussd_->Answer("t", "", "", "1*" + typed, now_ms_).end);
}

TEST_F(UssdGatewayTest, MistypedAndUnknownCodesAskAgain) {
  std::string mistyped = code_.compact();
  mistyped.back() = mistyped.back() == 'X' ? 'Y' : 'X';
  const UssdAnswer typo = ussd_->Answer("s", "", "", "1*" + mistyped, now_ms_);
  EXPECT_FALSE(typo.end);
  EXPECT_EQ(typo.text.rfind("Ma ho so bi go nham", 0), 0u) << typo.text;
  const dossier::DossierCode other = dossier::DossierCode::FromParts("12430", 9, 777).value();
  const UssdAnswer unknown = ussd_->Answer("s", "", "", "1*" + other.compact(), now_ms_);
  EXPECT_FALSE(unknown.end);
  EXPECT_EQ(unknown.text.rfind("Khong tim thay ho so", 0), 0u) << unknown.text;
  const UssdAnswer junk = ussd_->Answer("s", "", "", "1*hello", now_ms_);
  EXPECT_EQ(junk.text.rfind("Ma ho so co 14 ky tu", 0), 0u) << junk.text;
}

TEST_F(UssdGatewayTest, BrowsesThePublishedCatalog) {
  const UssdAnswer fields = ussd_->Answer("s", "", "", "2", now_ms_);
  EXPECT_FALSE(fields.end);
  EXPECT_EQ(fields.text.rfind("Chon linh vuc:\n1. ", 0), 0u) << fields.text;
}

}  // namespace
}  // namespace dvc::gateway
