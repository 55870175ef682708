// Review fixes of the gateway service: status notes every kiosk's strict
// reader accepts, "today" rules checked on the day a dossier was filled in,
// and attachments that survive a kill between the rename and the commit of
// their completion (states reproduced by moving files and resetting rows).
#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <filesystem>

#include "core/file_util.h"
#include "core/hex.h"
#include "dossier/dossier_code.h"
#include "service/gateway_service.h"
#include "service/service_test_support.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/scratch_dir.h"
#include "sync/messages.h"

namespace dvc::gateway {
namespace {

using nlohmann::json;
using test_support::kCommune;
using test_support::kVersion;
constexpr char kTodayService[] = "test-ngay-hom-nay";

// The repository's catalog header and agencies plus one service: an
// organisation's name, a phone, an optional attachment and the investment
// certificate's "planned start" date, whose rule is "min": "today".
std::map<std::string, std::string> TodayCatalogFiles() {
  const std::string dir = test_support::kSourceDir + "/assets/catalog";
  const json invest = json::parse(
      core::ReadFile(dir + "/services/cap-gcn-dau-tu-nuoc-ngoai-duoi-300-ty.json").value());
  json start_date;
  for (const json& f : invest["form"]["fields"]) {
    if (f["id"] == "start_date") start_date = f;
  }
  EXPECT_EQ(start_date["min"], "today");
  json service = test_support::TestServiceJson(kTodayService, json::array({start_date}));
  EXPECT_EQ(service["form"]["fields"].size(), 4u);
  return test_support::TestCatalogFiles(kVersion, service);
}

dossier::Timestamp At(const char* rfc3339) { return dossier::ParseTimestamp(rfc3339).value(); }
int64_t MsOf(const char* rfc3339) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(At(rfc3339).time_since_epoch())
      .count();
}

class InputAndRecoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    service_ = test_support::OpenTestService(dir_, keys_, [this] { return now_ms_; });
    auto published = service_->PublishCatalog(TodayCatalogFiles(), "test");
    ASSERT_TRUE(published.ok()) << published.error().message;
    auto ticket = service_->CreateEnrolment(kCommune, "Kiosk", "op");
    ASSERT_TRUE(ticket.ok());
    std::array<uint8_t, 32> pk{};
    crypto_sign_keypair(pk.data(), sk_.data());
    auto enrolled = service_->Enroll(test_support::MakeEnrollRequest(ticket->code, pk, sk_));
    ASSERT_TRUE(enrolled.ok()) << enrolled.error().message;
    kiosk_ = {enrolled->kiosk_id, enrolled->commune_code, enrolled->issuer, enrolled->signer_id,
              enrolled->name};
  }

  // A dossier filled in at `created_at` with the planned start `start_date`.
  sync::PushDossier Dossier(const char* created_at, const std::string& start_date,
                            const std::string& attachment_sha = "", size_t attachment_size = 0) {
    sync::PushDossier d;
    d.id = dossier::NewDossierId();
    d.code =
        dossier::DossierCode::FromParts(kiosk_.commune_code, kiosk_.issuer, next_++)->compact();
    d.service_id = kTodayService;
    d.catalog_version = kVersion;
    d.form_version = 1;
    d.created_at = At(created_at);
    json answers = {
        {"org_name", "Công ty Bình An"}, {"phone", "0912345678"}, {"start_date", start_date}};
    if (!attachment_sha.empty()) {
      answers["related_rules"] = {attachment_sha};
      d.attachments.push_back({"related_rules", attachment_sha, attachment_size});
    }
    d.sealed = test_support::SealedPart(*keys_, std::move(answers));
    return d;
  }
  sync::PushResult PushOne(const sync::PushDossier& d) {
    auto r = service_->Push(kiosk_, sync::PushRequest{{d}});
    EXPECT_TRUE(r.ok());
    return r->results.at(0);
  }
  std::string Stored(const sync::PushDossier& d) {
    sync::PushResult r = PushOne(d);
    EXPECT_EQ(r.result, sync::PushOutcome::kStored) << (r.error ? r.error->message : "");
    return r.code;
  }
  // The kiosk's view of the changes page, read by the kiosk's strict reader.
  Result<sync::ChangesPage> PullAsKiosk() {
    auto page = service_->Changes(kiosk_, 0, 500);
    EXPECT_TRUE(page.ok());
    return sync::ChangesPageFromJson(sync::ToJson(*page));
  }
  std::string AttachmentPath(const std::string& sha) {
    return dir_.File("data") + "/attachments/" + sha;
  }
  // What a kill between the rename and the offset's commit leaves: the row
  // still holding the offset before the last chunk.
  void ResetRow(const std::string& sha, uint64_t offset) {
    auto db = store::Database::Open(dir_.File("data") + "/gateway.db", GatewayMigrations());
    ASSERT_TRUE(db.ok()) << db.status().message();
    auto update = (*db)->Prepare("reset attachment",
                                 "UPDATE attachments SET upload_offset = ?, complete = 0, "
                                 "completed_at = NULL WHERE sha256 = ?");
    ASSERT_TRUE(update.ok());
    ASSERT_TRUE(update->BindInt64(1, static_cast<int64_t>(offset)).ok());
    ASSERT_TRUE(update->BindText(2, sha).ok());
    ASSERT_TRUE(update->Run().ok());
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  // 2026-11-05 09:00 in Vietnam (a Thursday).
  int64_t now_ms_ = MsOf("2026-11-05T02:00:00Z");
  std::unique_ptr<GatewayService> service_;
  std::array<uint8_t, 64> sk_{};
  KioskRef kiosk_;
  uint32_t next_ = 1;
};

struct Bytes {
  std::string bytes;
  std::string sha;
};
Bytes SomeBytes(size_t n) {
  Bytes b;
  for (size_t i = 0; i < n; ++i) b.bytes.push_back(static_cast<char>(i * 7 + 3));
  std::array<uint8_t, 32> hash{};
  crypto_hash_sha256(hash.data(), reinterpret_cast<const uint8_t*>(b.bytes.data()), b.bytes.size());
  b.sha = core::HexOf(hash);
  return b;
}

TEST_F(InputAndRecoveryTest, NoteFromAOneStopSystemReachesTheKioskWithLineFeeds) {
  const std::string code = Stored(Dossier("2026-11-05T01:00:00Z", "2026-12-01"));
  StatusEvent event;
  event.code = code;
  event.status = "accepted";
  event.note = "Đã nhận hồ sơ.\r\nHẹn trả kết quả\rtại bộ phận một cửa.";
  auto applied = service_->ApplyEvent(event, "events");
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  auto page = PullAsKiosk();
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_EQ(page->changes.size(), 2u);
  EXPECT_EQ(page->changes[1].note, "Đã nhận hồ sơ.\nHẹn trả kết quả\ntại bộ phận một cửa.");
}

TEST_F(InputAndRecoveryTest, NoteIsPutInNfcAndKeepsTabs) {
  const std::string code = Stored(Dossier("2026-11-05T01:00:00Z", "2026-12-01"));
  // "Hồ" with the circumflex and the grave as combining marks (NFD).
  auto set = service_->SetStatus(code, "accepted", "Ho\xcc\x82\xcc\x80 so\x9\xC6\xA1", "op");
  ASSERT_TRUE(set.ok()) << set.error().message;
  auto page = PullAsKiosk();
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->changes.back().note, "Hồ so\tơ");
}

TEST_F(InputAndRecoveryTest, NoteWithAnotherControlCharacterOrBadUtf8ChangesNothing) {
  const std::string code = Stored(Dossier("2026-11-05T01:00:00Z", "2026-12-01"));
  for (const std::string& note :
       {std::string("bell\x07"), std::string("nul\0x", 5), std::string("esc\x1b[1m"),
        std::string("del\x7f"), std::string("bad \xC3\x28 utf8"), std::string(2001, 'a')}) {
    auto set = service_->SetStatus(code, "accepted", note, "op");
    ASSERT_FALSE(set.ok()) << note;
    EXPECT_EQ(set.error().http_status, 400);
    EXPECT_EQ(set.error().code, "bad_request");
    StatusEvent event;
    event.code = code;
    event.status = "accepted";
    event.note = note;
    EXPECT_EQ(service_->ApplyEvent(event, "events").error().code, "bad_request");
  }
  auto detail = service_->ShowDossier(code);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(dossier::StatusId(detail->dossier.status), "received");
  auto page = PullAsKiosk();
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->changes.size(), 1u);
  // 2,000 bytes is the limit in the code and in docs/sync-api.md.
  EXPECT_TRUE(service_->SetStatus(code, "accepted", std::string(2000, 'a'), "op").ok());
  EXPECT_TRUE(PullAsKiosk().ok());
}

TEST_F(InputAndRecoveryTest, TodayRuleIsCheckedOnTheDayTheDossierWasFilledIn) {
  // Filled in on Thursday 2026-11-05 (09:00 in Vietnam) with a start that day,
  // pushed on Saturday 2026-11-07 after the link was down.
  const sync::PushDossier d = Dossier("2026-11-05T02:00:00Z", "2026-11-05");
  now_ms_ = MsOf("2026-11-07T03:00:00Z");
  EXPECT_EQ(PushOne(d).result, sync::PushOutcome::kStored);
  // Vietnam's date, not UTC's: 18:00Z on the 5th is 01:00 on the 6th in Vietnam.
  const sync::PushDossier late = Dossier("2026-11-05T18:00:00Z", "2026-11-05");
  EXPECT_EQ(PushOne(late).result, sync::PushOutcome::kRefused);
  const sync::PushDossier early = Dossier("2026-11-05T18:00:00Z", "2026-11-06");
  EXPECT_EQ(PushOne(early).result, sync::PushOutcome::kStored);
}

TEST_F(InputAndRecoveryTest, AKioskClockInTheFutureGainsNothing) {
  // The kiosk believes it is 2026-11-20; the gateway's today is 2026-11-05.
  const sync::PushDossier d = Dossier("2026-11-20T02:00:00Z", "2026-11-10");
  sync::PushResult r = PushOne(d);
  ASSERT_EQ(r.result, sync::PushOutcome::kStored);
  const sync::PushDossier before = Dossier("2026-11-20T02:00:00Z", "2026-11-04");
  sync::PushResult refused = PushOne(before);
  ASSERT_EQ(refused.result, sync::PushOutcome::kRefused);
  EXPECT_EQ(refused.error->code, "invalid_answers");
}

TEST_F(InputAndRecoveryTest, KilledBetweenRenameAndCommitTheAttachmentIsComplete) {
  const Bytes b = SomeBytes(1000);
  Stored(Dossier("2026-11-05T01:00:00Z", "2026-12-01", b.sha, b.bytes.size()));
  ASSERT_TRUE(service_->AppendAttachment(kiosk_, b.sha, 0, 1000, b.bytes.substr(0, 600)).ok());
  ASSERT_TRUE(service_->AppendAttachment(kiosk_, b.sha, 600, 1000, b.bytes.substr(600)).ok());
  ResetRow(b.sha, 600);  // the final file on disk, the old offset in the store
  auto head = service_->AttachmentStatus(kiosk_, b.sha);
  ASSERT_TRUE(head.ok()) << head.error().message;
  EXPECT_TRUE(head->complete);
  EXPECT_EQ(head->offset, 1000u);
  EXPECT_EQ(core::ReadFile(AttachmentPath(b.sha)).value(), b.bytes);

  // The same state, and the kiosk resends the last chunk without asking.
  ResetRow(b.sha, 600);
  auto resent = service_->AppendAttachment(kiosk_, b.sha, 600, 1000, b.bytes.substr(600));
  ASSERT_TRUE(resent.ok()) << resent.error().message;
  EXPECT_TRUE(resent->complete);
  EXPECT_EQ(core::ReadFile(AttachmentPath(b.sha)).value(), b.bytes);
  EXPECT_FALSE(std::filesystem::exists(AttachmentPath(b.sha) + ".part"));
}

TEST_F(InputAndRecoveryTest, LostPartFileResumesFromWhatIsReallyThere) {
  const Bytes b = SomeBytes(1000);
  Stored(Dossier("2026-11-05T01:00:00Z", "2026-12-01", b.sha, b.bytes.size()));
  ASSERT_TRUE(service_->AppendAttachment(kiosk_, b.sha, 0, 1000, b.bytes.substr(0, 600)).ok());
  const std::string part = AttachmentPath(b.sha) + ".part";
  // Cut short to 250 bytes: the kiosk is told to resume from 250.
  std::filesystem::resize_file(part, 250);
  auto head = service_->AttachmentStatus(kiosk_, b.sha);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->offset, 250u);
  EXPECT_FALSE(head->complete);
  // Lost altogether: a chunk sent at the old offset is refused with offset 0,
  // never written after a sparse hole.
  std::filesystem::remove(part);
  auto patch = service_->AppendAttachment(kiosk_, b.sha, 250, 1000, b.bytes.substr(250));
  ASSERT_FALSE(patch.ok());
  EXPECT_EQ(patch.error().code, "offset_mismatch");
  EXPECT_EQ(patch.headers().at(0).second, "0");
  EXPECT_FALSE(std::filesystem::exists(part));
  ASSERT_TRUE(service_->AppendAttachment(kiosk_, b.sha, 0, 1000, b.bytes.substr(0, 500)).ok());
  auto done = service_->AppendAttachment(kiosk_, b.sha, 500, 1000, b.bytes.substr(500));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_TRUE(done->complete);
  EXPECT_EQ(core::ReadFile(AttachmentPath(b.sha)).value(), b.bytes);
}

}  // namespace
}  // namespace dvc::gateway
