#include "service/gateway_service.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <functional>

#include "calendar/local_time.h"
#include "core/file_util.h"
#include "dossier/dossier_code.h"
#include "receipt/qr_payload.h"
#include "service/service_test_support.h"
#include "store/audit_log.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/scratch_dir.h"

namespace dvc::gateway {
namespace {

using nlohmann::json;
using test_support::kCommune;
using test_support::kService;
using test_support::kVersion;
using test_support::MakeEnrollRequest;

std::map<std::string, std::string> GatewayCatalogFiles(const std::string& version = kVersion) {
  return test_support::TestCatalogFiles(version, test_support::TestServiceJson(kService));
}

struct TestKiosk {
  KioskRef ref;
  std::array<uint8_t, 64> sk{};
  uint32_t next = 1;
};

class GatewayServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    OpenService();
    auto published = service_->PublishCatalog(GatewayCatalogFiles(), "test");
    ASSERT_TRUE(published.ok()) << published.error().message;
  }
  void OpenService() {
    service_.reset();
    auto opened = GatewayService::Open(Options());
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    service_ = std::move(opened).value();
  }

  GatewayServiceOptions Options() {
    return test_support::TestServiceOptions(dir_, keys_, [this] { return now_ms_; });
  }

  TestKiosk Enroll(const std::string& commune = kCommune) {
    TestKiosk k;
    auto ticket = service_->CreateEnrolment(commune, "Kiosk", "op");
    EXPECT_TRUE(ticket.ok());
    std::array<uint8_t, 32> pk{};
    crypto_sign_keypair(pk.data(), k.sk.data());
    sync::EnrollRequest request = MakeEnrollRequest(ticket->code, pk, k.sk);
    auto enrolled = service_->Enroll(request);
    EXPECT_TRUE(enrolled.ok()) << enrolled.error().message;
    k.ref = {enrolled->kiosk_id, enrolled->commune_code, enrolled->issuer, enrolled->signer_id,
             enrolled->name};
    return k;
  }

  ApiResult<KioskRef> Auth(const TestKiosk& k, const std::string& path, int64_t skew_s = 0) {
    auto h = sync::SignRequest(k.sk, k.ref.kiosk_id, "GET", path, now_ms_ / 1000 + skew_s, "");
    return service_->Authenticate("GET", path, h, "");
  }

  sync::PushDossier Dossier(TestKiosk& k, json answers = {{"org_name", "Công ty Bình An"},
                                                          {"phone", "0912345678"}}) {
    sync::PushDossier d;
    d.id = dossier::NewDossierId();
    d.code = dossier::DossierCode::FromParts(k.ref.commune_code, k.ref.issuer, k.next++)->compact();
    d.service_id = kService;
    d.catalog_version = kVersion;
    d.form_version = 1;
    d.created_at = FromUnixS(now_ms_ / 1000);
    d.sealed = test_support::SealedPart(*keys_, std::move(answers));
    return d;
  }
  static dossier::Timestamp FromUnixS(int64_t s) {
    return dossier::Timestamp(std::chrono::seconds(s));
  }
  sync::PushResult PushOne(const TestKiosk& k, const sync::PushDossier& d) {
    auto r = service_->Push(k.ref, sync::PushRequest{{d}});
    EXPECT_TRUE(r.ok());
    return r->results.at(0);
  }
  int64_t CountDossiers() {
    auto m = service_->Metrics();
    int64_t n = 0;
    for (const auto& [s, c] : m->dossiers_by_status) n += c;
    return n;
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  // 2026-11-03 09:00 in Vietnam (a Tuesday).
  int64_t now_ms_ =
      (dossier::ParseTimestamp("2026-11-03T02:00:00Z")->time_since_epoch().count()) * 1000;
  std::unique_ptr<GatewayService> service_;
};

TEST_F(GatewayServiceTest, EnrolmentCodeWorksOnceAndGivesIssuersInOrder) {
  TestKiosk a = Enroll();
  TestKiosk b = Enroll();
  EXPECT_EQ(a.ref.issuer, 1u);
  EXPECT_EQ(b.ref.issuer, 2u);
  auto ticket = service_->CreateEnrolment(kCommune, "K3", "op");
  std::array<uint8_t, 32> pk{};
  std::array<uint8_t, 64> sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  sync::EnrollRequest request = MakeEnrollRequest(ticket->code, pk, sk);
  ASSERT_TRUE(service_->Enroll(request).ok());
  // Another key cannot use the spent code.
  std::array<uint8_t, 32> pk2{};
  std::array<uint8_t, 64> sk2{};
  crypto_sign_keypair(pk2.data(), sk2.data());
  auto again = service_->Enroll(MakeEnrollRequest(ticket->code, pk2, sk2));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "enrolment_code_used");
  request.code = "ABCDEFGHJK";
  request.proof = sync::SignEnrolmentProof(sk, request.code, request.public_key);
  EXPECT_EQ(service_->Enroll(request).error().code, "enrolment_code_unknown");
  request.proof = std::string(128, '0');
  EXPECT_EQ(service_->Enroll(request).error().code, "bad_proof");
}

TEST_F(GatewayServiceTest, KioskWithDossiersBeforeEnrolmentKeepsItsIssuerAndPushesThem) {
  // The kiosk filed 3 dossiers offline with its config's issuer_number 1 and
  // asks to keep issuer 1 at enrolment, so those codes are its own.
  auto ticket = service_->CreateEnrolment(kCommune, "Kiosk A", "op");
  ASSERT_TRUE(ticket.ok());
  TestKiosk a;
  std::array<uint8_t, 32> pk{};
  crypto_sign_keypair(pk.data(), a.sk.data());
  sync::EnrollRequest request = MakeEnrollRequest(ticket->code, pk, a.sk);
  request.issuer = 1;
  request.issuer_commune = kCommune;
  auto enrolled = service_->Enroll(request);
  ASSERT_TRUE(enrolled.ok()) << enrolled.error().message;
  EXPECT_EQ(enrolled->issuer, 1u);
  a.ref = {enrolled->kiosk_id, enrolled->commune_code, enrolled->issuer, enrolled->signer_id,
           enrolled->name};
  std::vector<sync::PushDossier> before;
  for (int i = 0; i < 3; ++i) before.push_back(Dossier(a));  // codes of (12430, 1, 1..3)
  auto pushed = service_->Push(a.ref, sync::PushRequest{before});
  ASSERT_TRUE(pushed.ok());
  for (const sync::PushResult& r : pushed->results) {
    EXPECT_EQ(r.result, sync::PushOutcome::kStored) << (r.error ? r.error->message : "");
  }
  EXPECT_EQ(CountDossiers(), 3);

  // A second kiosk whose outbox also holds issuer-1 codes is refused, and its
  // code is not spent: without the issuer it enrols with a free one.
  auto second = service_->CreateEnrolment(kCommune, "Kiosk B", "op");
  std::array<uint8_t, 32> pk_b{};
  std::array<uint8_t, 64> sk_b{};
  crypto_sign_keypair(pk_b.data(), sk_b.data());
  sync::EnrollRequest b = MakeEnrollRequest(second->code, pk_b, sk_b);
  b.issuer = 1;
  b.issuer_commune = kCommune;
  auto refused = service_->Enroll(b);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().http_status, 409);
  EXPECT_EQ(refused.error().code, "issuer_taken");
  EXPECT_NE(refused.error().message.find("issuer 1 of commune 12430 was given to kiosk"),
            std::string::npos);
  b.issuer_commune = "12439";
  b.issuer = 5;
  EXPECT_EQ(service_->Enroll(b).error().code, "commune_mismatch");
  b.issuer.reset();
  b.issuer_commune.clear();
  auto free_issuer = service_->Enroll(b);
  ASSERT_TRUE(free_issuer.ok()) << free_issuer.error().message;
  EXPECT_EQ(free_issuer->issuer, 2u);
}

TEST_F(GatewayServiceTest, IssuersAskedForAreNeverGivenAgain) {
  auto enrol = [&](std::optional<uint32_t> issuer) {
    auto ticket = service_->CreateEnrolment(kCommune, "K", "op");
    std::array<uint8_t, 32> pk{};
    std::array<uint8_t, 64> sk{};
    crypto_sign_keypair(pk.data(), sk.data());
    sync::EnrollRequest r = MakeEnrollRequest(ticket->code, pk, sk);
    r.issuer = issuer;
    if (issuer) r.issuer_commune = kCommune;
    return service_->Enroll(r);
  };
  EXPECT_EQ(enrol(1023)->issuer, 1023u);
  // Above every issuer given there is none left: the lowest never given.
  EXPECT_EQ(enrol(std::nullopt)->issuer, 1u);
  EXPECT_EQ(enrol(2)->issuer, 2u);
  EXPECT_EQ(enrol(std::nullopt)->issuer, 3u);
  auto revoked = enrol(4);
  ASSERT_TRUE(revoked.ok());
  ASSERT_TRUE(service_->RevokeKiosk(revoked->kiosk_id, "op").ok());
  EXPECT_EQ(enrol(4).error().code, "issuer_taken");
  EXPECT_EQ(enrol(std::nullopt)->issuer, 5u);
}

TEST_F(GatewayServiceTest, EnrolmentWhoseAnswerWasLostCanBeRepeated) {
  auto ticket = service_->CreateEnrolment(kCommune, "Kiosk 1", "op");
  std::array<uint8_t, 32> pk{};
  std::array<uint8_t, 64> sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  sync::EnrollRequest request = MakeEnrollRequest(ticket->code, pk, sk);
  auto first = service_->Enroll(request);
  ASSERT_TRUE(first.ok());
  // The answer is lost; the same code, even once expired, answers the same.
  now_ms_ += 48 * 3600 * 1000LL;
  auto again = service_->Enroll(request);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, *first);
  // A fresh code with the same key: the stored enrolment, the code unspent.
  auto fresh = service_->CreateEnrolment(kCommune, "Kiosk 2", "op");
  auto with_fresh = service_->Enroll(MakeEnrollRequest(fresh->code, pk, sk));
  ASSERT_TRUE(with_fresh.ok()) << with_fresh.error().message;
  EXPECT_EQ(*with_fresh, *first);
  std::array<uint8_t, 32> pk2{};
  std::array<uint8_t, 64> sk2{};
  crypto_sign_keypair(pk2.data(), sk2.data());
  auto other = service_->Enroll(MakeEnrollRequest(fresh->code, pk2, sk2));
  ASSERT_TRUE(other.ok()) << other.error().message;
  EXPECT_EQ(other->name, "Kiosk 2");
  EXPECT_EQ(other->issuer, 2u);
  // A revoked kiosk's key gets no enrolment back.
  ASSERT_TRUE(service_->RevokeKiosk(first->kiosk_id, "op").ok());
  auto third = service_->CreateEnrolment(kCommune, "Kiosk 3", "op");
  EXPECT_EQ(service_->Enroll(MakeEnrollRequest(third->code, pk, sk)).error().code,
            "key_already_enrolled");
  EXPECT_EQ(service_->Enroll(request).error().code, "key_already_enrolled");
}

TEST_F(GatewayServiceTest, KioskNameWithControlCharactersIsRefused) {
  auto created = service_->CreateEnrolment(kCommune, "Kiosk\n1", "op");
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, "bad_request");
  EXPECT_EQ(service_->CreateEnrolment(kCommune, std::string("K\x01"), "op").error().code,
            "bad_request");
  EXPECT_TRUE(service_->CreateEnrolment(kCommune, "Kiosk Phường 1", "op").ok());
}

TEST_F(GatewayServiceTest, RevokeCommittedBetweenAKioskReadAndItsCachingIsNotLost) {
  TestKiosk k = Enroll();
  OpenService();  // an empty kiosk cache
  // The hook runs after request authentication read the kiosk row (not
  // revoked) and before it caches it: the revoke commits in that gap.
  bool revoke_in_gap = true;
  service_.reset();
  {
    GatewayServiceOptions o = Options();
    o.after_kiosk_read_for_test = [&](int64_t id) {
      if (!revoke_in_gap) return;
      revoke_in_gap = false;
      EXPECT_TRUE(service_->RevokeKiosk(id, "op").ok());
    };
    auto opened = GatewayService::Open(o);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    service_ = std::move(opened).value();
  }
  const std::string path = "/v1/changes?after=0";
  (void)Auth(k, path);  // raced with the revoke: either answer is fair
  EXPECT_FALSE(revoke_in_gap);
  auto after = Auth(k, path);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, "revoked_kiosk");
}

TEST_F(GatewayServiceTest, ExpiredEnrolmentCodeIsRefused) {
  auto ticket = service_->CreateEnrolment(kCommune, "K", "op");
  now_ms_ += 25 * 3600 * 1000LL;
  std::array<uint8_t, 32> pk{};
  std::array<uint8_t, 64> sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  sync::EnrollRequest request = MakeEnrollRequest(ticket->code, pk, sk);
  EXPECT_EQ(service_->Enroll(request).error().code, "enrolment_code_expired");
}

TEST_F(GatewayServiceTest, RequestsAreRefusedWhenForgedReplayedStaleUnknownOrRevoked) {
  TestKiosk k = Enroll();
  const std::string path = "/v1/changes?after=0";
  auto h = sync::SignRequest(k.sk, k.ref.kiosk_id, "GET", path, now_ms_ / 1000, "");
  ASSERT_TRUE(service_->Authenticate("GET", path, h, "").ok());
  EXPECT_EQ(service_->Authenticate("GET", path, h, "").error().code, "replayed_nonce");
  auto forged = sync::SignRequest(k.sk, k.ref.kiosk_id, "GET", path, now_ms_ / 1000, "");
  EXPECT_EQ(service_->Authenticate("GET", "/v1/changes?after=9", forged, "").error().code,
            "bad_signature");
  EXPECT_EQ(Auth(k, path, -301).error().code, "stale_timestamp");
  EXPECT_TRUE(Auth(k, path, 299).ok());
  TestKiosk ghost = k;
  ghost.ref.kiosk_id = 999;
  EXPECT_EQ(Auth(ghost, path).error().code, "unknown_kiosk");
  ASSERT_TRUE(service_->RevokeKiosk(k.ref.kiosk_id, "op").ok());
  EXPECT_EQ(Auth(k, path).error().code, "revoked_kiosk");
  EXPECT_EQ(service_->RevokeKiosk(999, "op").error().code, "unknown_kiosk");
  // A revoked kiosk's issuer is never handed out again.
  EXPECT_EQ(Enroll().ref.issuer, 2u);
}

TEST_F(GatewayServiceTest, PushStoresOnceRepeatsTheAckAndRefusesAConflictingId) {
  TestKiosk k = Enroll();
  sync::PushDossier d = Dossier(k);
  sync::PushResult first = PushOne(k, d);
  ASSERT_EQ(first.result, sync::PushOutcome::kStored) << first.error->message;
  ASSERT_TRUE(first.official_appointment.has_value());
  // 7 working days after Tuesday 2026-11-03: Thursday 2026-11-12.
  EXPECT_EQ(first.official_appointment->ToIso(), "2026-11-12");
  now_ms_ += 3600 * 1000;
  sync::PushResult again = PushOne(k, d);
  EXPECT_EQ(again.result, sync::PushOutcome::kDuplicate);
  EXPECT_EQ(again.received_at, first.received_at);
  EXPECT_EQ(again.official_appointment, first.official_appointment);
  sync::PushDossier changed = d;
  changed.form_version = 2;
  sync::PushResult conflict = PushOne(k, changed);
  EXPECT_EQ(conflict.result, sync::PushOutcome::kRefused);
  EXPECT_EQ(conflict.error->code, "id_conflict");
  EXPECT_EQ(CountDossiers(), 1);
}

TEST_F(GatewayServiceTest, EachRefusalStoresNothing) {
  TestKiosk k = Enroll();
  TestKiosk other = Enroll("12439");
  std::vector<std::pair<sync::PushDossier, std::string>> cases;
  auto d = Dossier(k);
  d.catalog_version = "1999.1";
  cases.push_back({d, "unknown_catalog_version"});
  d = Dossier(k);
  d.service_id = "khong-co";
  cases.push_back({d, "unknown_service"});
  d = Dossier(k);
  d.form_version = 7;
  cases.push_back({d, "form_version_mismatch"});
  d = Dossier(k);
  d.sealed = sync::Base64Encode("not a box at all, not a box at all, not a box at all");
  cases.push_back({d, "bad_seal"});
  cases.push_back({Dossier(k, {{"phone", "0912345678"}}), "invalid_answers"});
  cases.push_back({Dossier(other), "code_not_yours"});
  d = Dossier(k);
  d.attachments.push_back({"related_rules", std::string(64, 'a'), 10});
  cases.push_back({d, "bad_dossier"});
  for (const auto& [dossier, reason] : cases) {
    sync::PushResult r = PushOne(k, dossier);
    EXPECT_EQ(r.result, sync::PushOutcome::kRefused) << reason;
    ASSERT_TRUE(r.error) << reason;
    EXPECT_EQ(r.error->code, reason) << r.error->message;
  }
  EXPECT_EQ(CountDossiers(), 0);
}

// The QR text kiosk `k` prints for `d` (docs/receipt.md): the test service's
// national code, created_at on Vietnam's clock to the minute, the kiosk's
// appointment; `edit` changes the fields before signing.
std::string KioskSignedQr(const TestKiosk& k, const sync::PushDossier& d,
                          const std::function<void(receipt::QrFields&)>& edit = {}) {
  receipt::QrFields fields;
  fields.dossier_code = d.code;
  fields.procedure_code = "2.001955";
  fields.received = *calendar::LocalDateTime::FromUnixSeconds(
      std::chrono::duration_cast<std::chrono::seconds>(d.created_at.time_since_epoch()).count());
  fields.received.time.second = 0;
  fields.appointment = d.kiosk_appointment.value_or(calendar::Date::Ymd(2026, 11, 12));
  fields.signer_id = k.ref.signer_id;
  if (edit) edit(fields);
  auto payload = receipt::QrPayloadFields(fields);
  EXPECT_TRUE(payload.ok()) << payload.status().message();
  auto text = receipt::SignQrPayload(payload.value(), k.sk, fields.signer_id);
  EXPECT_TRUE(text.ok()) << text.status().message();
  return text.ok() ? text->text : "";
}

TEST_F(GatewayServiceTest, AKioskSignedReceiptQrIsStoredAndARepeatIsADuplicate) {
  TestKiosk k = Enroll();
  sync::PushDossier d = Dossier(k);
  d.created_at += std::chrono::seconds(37);  // seconds are not signed
  d.kiosk_appointment = calendar::Date::Ymd(2026, 11, 12);
  d.receipt_qr = KioskSignedQr(k, d);
  sync::PushResult first = PushOne(k, d);
  ASSERT_EQ(first.result, sync::PushOutcome::kStored) << first.error->message;
  sync::PushResult again = PushOne(k, d);
  EXPECT_EQ(again.result, sync::PushOutcome::kDuplicate);
  EXPECT_EQ(again.received_at, first.received_at);
  // A kiosk not yet upgraded sends none: stored, province-signed later.
  sync::PushDossier plain = Dossier(k);
  ASSERT_EQ(PushOne(k, plain).result, sync::PushOutcome::kStored);

  auto db = store::Database::Open(dir_.File("data") + "/gateway.db", GatewayMigrations()).value();
  auto select = db->Prepare("test: qr",
                            "SELECT COALESCE(receipt_qr, '<null>') FROM dossiers "
                            "WHERE code = ?");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(select->BindText(1, d.code).ok());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnText(0), d.receipt_qr);
  select->Reset(true);
  ASSERT_TRUE(select->BindText(1, plain.code).ok());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnText(0), "<null>");
  EXPECT_EQ(CountDossiers(), 2);
}

TEST_F(GatewayServiceTest, AReceiptQrNotSignedByThePushingKioskForThisDossierIsRefused) {
  TestKiosk k = Enroll();
  TestKiosk other = Enroll();  // enrolled too, same commune, another issuer
  ASSERT_NE(other.ref.signer_id, k.ref.signer_id);
  struct Case {
    std::string what;
    sync::PushDossier dossier;
    std::string message_part;
  };
  std::vector<Case> cases;
  const auto signed_case = [&](std::string what,
                               const std::function<void(receipt::QrFields&)>& edit,
                               std::string message_part) {
    sync::PushDossier d = Dossier(k);
    d.kiosk_appointment = calendar::Date::Ymd(2026, 11, 12);
    d.receipt_qr = KioskSignedQr(k, d, edit);
    cases.push_back({std::move(what), std::move(d), std::move(message_part)});
  };
  signed_case(
      "appointment", [](receipt::QrFields& f) { f.appointment = f.appointment.AddDays(1); },
      "appointment date is 2026-11-13, the dossier's is 2026-11-12");
  signed_case(
      "code",
      [&](receipt::QrFields& f) {
        f.dossier_code = dossier::DossierCode::FromParts(kCommune, k.ref.issuer, 999)->compact();
      },
      "dossier code");
  signed_case(
      "procedure", [](receipt::QrFields& f) { f.procedure_code = "1.001193"; },
      "procedure code is 1.001193, the dossier's is 2.001955");
  signed_case(
      "time", [](receipt::QrFields& f) { f.received.time.minute += 1; }, "received time");
  {
    // The other kiosk's signature, under its own signer id or under ours.
    sync::PushDossier d = Dossier(k);
    d.kiosk_appointment = calendar::Date::Ymd(2026, 11, 12);
    d.receipt_qr = KioskSignedQr(other, d);
    cases.push_back({"other kiosk", d, "not signed by this kiosk (" + k.ref.signer_id + ")"});
    d.receipt_qr =
        KioskSignedQr(other, d, [&](receipt::QrFields& f) { f.signer_id = k.ref.signer_id; });
    d.id = dossier::NewDossierId();
    cases.push_back({"other key, our id", d, "signature does not match"});
    // Signed, then the dossier's appointment changed.
    d = Dossier(k);
    d.kiosk_appointment = calendar::Date::Ymd(2026, 11, 12);
    d.receipt_qr = KioskSignedQr(k, d);
    d.kiosk_appointment.reset();
    cases.push_back({"no kiosk appointment", d, "the dossier's is absent"});
    d = Dossier(k);
    d.kiosk_appointment = calendar::Date::Ymd(2026, 11, 12);
    d.receipt_qr = "DVC1|junk";
    cases.push_back({"malformed", d, "receipt_qr: "});
    d.id = dossier::NewDossierId();
    d.receipt_qr = KioskSignedQr(k, d);
    char& in_signature = d.receipt_qr[d.receipt_qr.size() - 10];
    in_signature = in_signature == 'A' ? 'B' : 'A';
    cases.push_back({"damaged signature", d, "receipt_qr: "});
  }
  for (const Case& c : cases) {
    sync::PushResult r = PushOne(k, c.dossier);
    EXPECT_EQ(r.result, sync::PushOutcome::kRefused) << c.what;
    ASSERT_TRUE(r.error) << c.what;
    EXPECT_EQ(r.error->code, "bad_receipt_qr") << c.what << ": " << r.error->message;
    EXPECT_NE(r.error->message.find(c.message_part), std::string::npos)
        << c.what << ": " << r.error->message;
  }
  EXPECT_EQ(CountDossiers(), 0);
  // The same dossier with its good text is then stored.
  sync::PushDossier good = cases.front().dossier;
  good.receipt_qr = KioskSignedQr(k, good);
  EXPECT_EQ(PushOne(k, good).result, sync::PushOutcome::kStored);
}

TEST_F(GatewayServiceTest, KiosksSeeOnlyTheirOwnChangesAndOthersStatusOnly) {
  TestKiosk a = Enroll();
  TestKiosk b = Enroll();
  auto da = Dossier(a);
  auto db = Dossier(b);
  ASSERT_EQ(PushOne(a, da).result, sync::PushOutcome::kStored);
  ASSERT_EQ(PushOne(b, db).result, sync::PushOutcome::kStored);
  auto set = service_->SetStatus(da.code, "accepted", "", "op");
  ASSERT_TRUE(set.ok()) << set.error().message;
  auto page = service_->Changes(a.ref, 0, 500);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->changes.size(), 2u);
  for (const auto& c : page->changes) EXPECT_EQ(c.id, da.id);
  EXPECT_EQ(page->changes[1].status, dossier::DossierStatus::kAccepted);
  EXPECT_EQ(page->next, page->changes[1].seq);
  EXPECT_FALSE(page->more);
  ASSERT_TRUE(page->catalog);
  EXPECT_EQ(page->catalog->version, kVersion);
  auto one = service_->Changes(a.ref, 0, 1);
  EXPECT_TRUE(one->more);
  auto b_page = service_->Changes(b.ref, 0, 500);
  ASSERT_EQ(b_page->changes.size(), 1u);
  EXPECT_EQ(b_page->changes[0].id, db.id);
  auto look = service_->Lookup(b.ref, da.code);
  ASSERT_TRUE(look.ok());
  EXPECT_EQ(look->status, dossier::DossierStatus::kAccepted);
  std::string typo = da.code;
  typo.back() = typo.back() == 'X' ? 'Y' : 'X';
  EXPECT_EQ(service_->Lookup(b.ref, typo).error().code, "code_mistyped");
  auto illegal = service_->SetStatus(da.code, "returned", "", "op");
  EXPECT_EQ(illegal.error().code, "illegal_transition");
  EXPECT_EQ(illegal.error().http_status, 409);
}

TEST_F(GatewayServiceTest, AttachmentsResumeAndVerifyTheirHash) {
  TestKiosk k = Enroll();
  std::string bytes(1000, 'x');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
  std::array<uint8_t, 32> hash{};
  crypto_hash_sha256(hash.data(), reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  const std::string sha = core::HexOf(hash);
  EXPECT_EQ(service_->AttachmentStatus(k.ref, sha).error().code, "attachment_not_referenced");
  auto d = Dossier(
      k, {{"org_name", "Công ty Bình An"}, {"phone", "0912345678"}, {"related_rules", {sha}}});
  d.attachments.push_back({"related_rules", sha, bytes.size()});
  ASSERT_EQ(PushOne(k, d).result, sync::PushOutcome::kStored);
  ASSERT_TRUE(service_->AppendAttachment(k.ref, sha, 0, 1000, bytes.substr(0, 400)).ok());
  // A chunk lost on the way: the next one claims offset 800.
  auto mismatch = service_->AppendAttachment(k.ref, sha, 800, 1000, bytes.substr(800));
  ASSERT_EQ(mismatch.error().code, "offset_mismatch");
  ASSERT_EQ(mismatch.headers().at(0).second, "400");
  EXPECT_EQ(service_->AttachmentStatus(k.ref, sha)->offset, 400u);
  EXPECT_EQ(service_->AppendAttachment(k.ref, sha, 400, 999, "y").error().code, "length_mismatch");
  auto done = service_->AppendAttachment(k.ref, sha, 400, 1000, bytes.substr(400));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_TRUE(done->complete);
  EXPECT_EQ(core::ReadFile(dir_.File("data") + "/attachments/" + sha).value(), bytes);
  auto detail = service_->ShowDossier(d.code);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->complete_attachments, std::vector<std::string>{sha});
  EXPECT_EQ(detail->applicant_name, "Nguyễn Văn An");
  EXPECT_EQ(detail->dossier.answers["org_name"], "Công ty Bình An");
}

TEST_F(GatewayServiceTest, AttachmentWithWrongBytesIsDiscarded) {
  TestKiosk k = Enroll();
  const std::string sha(64, 'b');
  auto d = Dossier(
      k, {{"org_name", "Công ty Bình An"}, {"phone", "0912345678"}, {"related_rules", {sha}}});
  d.attachments.push_back({"related_rules", sha, 5});
  ASSERT_EQ(PushOne(k, d).result, sync::PushOutcome::kStored);
  auto bad = service_->AppendAttachment(k.ref, sha, 0, 5, "hello");
  EXPECT_EQ(bad.error().code, "hash_mismatch");
  EXPECT_EQ(service_->AttachmentStatus(k.ref, sha)->offset, 0u);
  EXPECT_FALSE(std::filesystem::exists(dir_.File("data") + "/attachments/" + sha + ".part"));
}

TEST_F(GatewayServiceTest, AuditLogIsAppendOnlyAndChained) {
  TestKiosk k = Enroll();
  auto d = Dossier(k);
  ASSERT_EQ(PushOne(k, d).result, sync::PushOutcome::kStored);
  ASSERT_TRUE(service_->SetStatus(d.code, "accepted", "ok", "op").ok());
  auto db = store::Database::Open(dir_.File("data") + "/gateway.db", GatewayMigrations()).value();
  ASSERT_TRUE(VerifyAuditChain(*db).ok());
  auto entries = ReadAudit(*db, 0, 100).value();
  ASSERT_GE(entries.size(), 4u);  // publish, enrolment, enroll, status
  EXPECT_EQ(entries.back().action, "dossier.status");
  EXPECT_FALSE(db->Exec("edit audit", "UPDATE audit_log SET actor = 'x'").ok());
  EXPECT_FALSE(db->Exec("delete audit", "DELETE FROM audit_log").ok());
  ASSERT_TRUE(db->Exec("drop trigger", "DROP TRIGGER audit_log_no_update").ok());
  ASSERT_TRUE(db->Exec("edit audit", "UPDATE audit_log SET actor = 'x' WHERE seq = 2").ok());
  EXPECT_FALSE(VerifyAuditChain(*db).ok());
}

TEST_F(GatewayServiceTest, CounterDossierGetsIssuerZeroCode) {
  auto created =
      service_->AddCounterDossier({kService, "0912345678", kCommune, "Trần Thị B"}, "op");
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto code = dossier::ParseDossierCode(created->code);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(code->issuer(), 0u);
  EXPECT_EQ(code->commune_code(), kCommune);
  auto detail = service_->ShowDossier(created->code);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->dossier.status, dossier::DossierStatus::kReceived);
  EXPECT_EQ(detail->dossier.phone, "0912345678");
  EXPECT_EQ(service_->AddCounterDossier({"khong-co", "", kCommune, ""}, "op").error().code,
            "unknown_service");
}

TEST_F(GatewayServiceTest, OldCatalogVersionStillValidatesAfterANewOneAndARestart) {
  TestKiosk k = Enroll();
  auto files = GatewayCatalogFiles("2026.12.1");
  ASSERT_TRUE(service_->PublishCatalog(files, "op").ok());
  auto same = service_->PublishCatalog(files, "op");
  EXPECT_TRUE(same->already_published);
  files["agencies.json"] += " ";
  json changed = json::parse(files["catalog.json"]);
  changed["province"]["name"]["en"] = "Other";
  files["catalog.json"] = changed.dump();
  EXPECT_EQ(service_->PublishCatalog(files, "op").error().code, "version_conflict");
  files.erase("agencies.json");
  EXPECT_EQ(service_->PublishCatalog(files, "op").error().code, "invalid_catalog");
  OpenService();
  EXPECT_EQ(service_->Changes(k.ref, 0, 10)->catalog->version, "2026.12.1");
  auto old = Dossier(k);  // filled in on 2026.11.1
  EXPECT_EQ(PushOne(k, old).result, sync::PushOutcome::kStored);
  auto bundle = service_->CatalogBundle(kVersion);
  ASSERT_TRUE(bundle.ok());
  EXPECT_TRUE(sync::VerifyJsonDocument(keys_->signing_public(), json::parse(*bundle)));
  EXPECT_EQ(service_->CatalogBundle("0.0").error().code, "unknown_catalog_version");
}

TEST_F(GatewayServiceTest, EveryAcknowledgedDossierSurvivesAKill) {
  TestKiosk k = Enroll();
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    for (int i = 0; i < 1000; ++i) {
      auto d = Dossier(k);
      auto r = service_->Push(k.ref, sync::PushRequest{{d}});
      if (!r.ok() || r->results[0].result != sync::PushOutcome::kStored) ::_exit(1);
      std::string line = d.id + "\n";
      if (::write(pipe_fds[1], line.data(), line.size()) < 0) ::_exit(1);
    }
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::string acked;
  char buf[4096];
  while (acked.size() < 37 * 20) {
    ssize_t n = ::read(pipe_fds[0], buf, sizeof buf);
    if (n <= 0) break;
    acked.append(buf, static_cast<size_t>(n));
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  while (true) {
    ssize_t n = ::read(pipe_fds[0], buf, sizeof buf);
    if (n <= 0) break;
    acked.append(buf, static_cast<size_t>(n));
  }
  ::close(pipe_fds[0]);
  OpenService();
  size_t count = 0;
  for (size_t pos = 0; pos + 37 <= acked.size(); pos += 37, ++count) {
    std::string id = acked.substr(pos, 36);
    auto db = store::Database::Open(dir_.File("data") + "/gateway.db", GatewayMigrations()).value();
    auto s = db->Prepare("count", "SELECT COUNT(*) FROM dossiers WHERE id = ?").value();
    ASSERT_TRUE(s.BindText(1, id).ok());
    ASSERT_TRUE(s.Step().value());
    EXPECT_EQ(s.ColumnInt64(0), 1) << id;
  }
  EXPECT_GE(count, 20u);
}

}  // namespace
}  // namespace dvc::gateway
