#include "outbox/enrolment_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "core/file_util.h"
#include "outbox/kiosk_schema.h"
#include "outbox/outbox.h"
#include "outbox/sync_queue.h"
#include "outbox/sync_test_support.h"

namespace dvc::kiosk {
namespace {

using testing::At;
using testing::CertifiedCopyRequest;

using testing::OpenOutbox;

// A resident's certified-copy request with their own identity.
SubmissionRequest CopyRequestFor(const std::string& citizen_id, const std::string& name,
                                 const std::string& phone) {
  SubmissionRequest request = CertifiedCopyRequest();
  request.answers["citizen_id"] = citizen_id;
  request.answers["full_name"] = name;
  request.answers["phone"] = phone;
  request.phone = phone;
  request.applicant_name = name;
  return request;
}

// Every file under `dir`, recursively, with its bytes.
std::map<std::string, std::string> ReadTree(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    out[entry.path().string()] =
        std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

// Fails for every file of `tree` that holds one of `secrets`.
void ExpectNoneHolds(const std::map<std::string, std::string>& tree,
                     const std::vector<std::string>& secrets, const std::string& when) {
  for (const auto& [path, bytes] : tree) {
    for (const std::string& secret : secrets) {
      EXPECT_EQ(bytes.find(secret), std::string::npos)
          << when << ": " << path << " holds \"" << secret << "\" in clear";
    }
  }
}

bool AnyHolds(const std::map<std::string, std::string>& tree, const std::string& text) {
  for (const auto& [path, bytes] : tree) {
    if (bytes.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(EnrolmentStoreTest, LoadEnrolmentIsEmptyBeforeAndTheRecordAfter) {
  store::ScratchDir scratch;
  const sync::ProvinceKeys keys = testing::MakeProvinceKeys(scratch);
  const std::string dir = scratch.File("data");
  auto none = LoadEnrolment(dir);
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_FALSE(none->has_value());
  EXPECT_FALSE(std::filesystem::exists(KioskDatabasePath(dir)));  // nothing created

  const Enrolment enrolment = testing::TestEnrolment(keys);
  ASSERT_TRUE(SaveEnrolment(dir, enrolment).ok());
  auto loaded = LoadEnrolment(dir);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->kiosk_id, 17);
  EXPECT_EQ((*loaded)->commune_code, "12430");
  EXPECT_EQ((*loaded)->name, "Kiosk 1");
  EXPECT_EQ((*loaded)->issuer, 3u);
  EXPECT_EQ((*loaded)->signer_id, "K17");
  EXPECT_EQ((*loaded)->province.signer_id, "P");
  EXPECT_EQ((*loaded)->province.signing_key, keys.PublicKeys().signing_key);
  EXPECT_EQ((*loaded)->province.sealing_key, keys.PublicKeys().sealing_key);
  EXPECT_EQ((*loaded)->gateway_url, "https://gateway.test");
  EXPECT_EQ((*loaded)->enrolled_at, enrolment.enrolled_at);
}

TEST(EnrolmentStoreTest, AMalformedEnrolmentIsRefusedAndNothingIsSealed) {
  store::ScratchDir scratch;
  const sync::ProvinceKeys keys = testing::MakeProvinceKeys(scratch);
  const std::string dir = scratch.File("data");
  {
    auto outbox = OpenOutbox(dir);
    ASSERT_NE(outbox, nullptr);
    ASSERT_TRUE(outbox->Submit(CertifiedCopyRequest()).ok());
  }
  std::vector<Enrolment> bad(4, testing::TestEnrolment(keys));
  bad[0].kiosk_id = 0;
  bad[1].commune_code = "1243";
  bad[2].issuer = 0;
  bad[3].province.sealing_key = "zz";
  for (const Enrolment& e : bad) {
    const Status saved = SaveEnrolment(dir, e);
    EXPECT_EQ(saved.code(), ErrorCode::kInvalidInput) << saved.message();
  }
  auto loaded = LoadEnrolment(dir);
  ASSERT_TRUE(loaded.ok());
  EXPECT_FALSE(loaded->has_value());
  auto outbox = OpenOutbox(dir);
  ASSERT_NE(outbox, nullptr);
  auto listed = outbox->List();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->at(0).sync_state, SyncState::kNotEnrolled);
}

// The security test: a kiosk data directory copied off the disk holds
// no citizen ID, phone or full name in clear after enrolment, for dossiers
// submitted before it (migrated) and after it (sealed at submit), attachments
// included, while the masked name stays readable and the sealed parts open
// with the province's key to the right answers.
TEST(EnrolmentStoreTest, AfterEnrolmentNoFileHoldsACitizensIdPhoneOrNameInClear) {
  store::ScratchDir scratch;
  const sync::ProvinceKeys keys = testing::MakeProvinceKeys(scratch);
  const std::string dir = scratch.File("data");
  const std::string before_scan_bytes = "\xFF\xD8\xFF scan of CCCD 034095001234 Lê Thị Hồng";
  const std::string after_scan_bytes = "\xFF\xD8\xFF scan of CCCD 034196004321 Phạm Thu Hà";

  std::string before_code, before_birth_code;
  // Open across the enrolment, like a kiosk killed without closing its
  // database: kiosk.db-wal still holds the clear pages of these dossiers.
  std::unique_ptr<Outbox> before_enrolment = OpenOutbox(dir);
  {
    auto& outbox = before_enrolment;
    ASSERT_NE(outbox, nullptr);
    auto submitted =
        outbox->Submit(CopyRequestFor("034095001234", "Hoàng Đức Thắng", "0912345678"));
    ASSERT_TRUE(submitted.ok()) << submitted.status().message();
    before_code = submitted->code;
    const std::string scan = testing::WriteFileIn(scratch, "before.jpg", before_scan_bytes);
    auto ref = outbox->StoreAttachment(scan, "birth_cert_scan");
    ASSERT_TRUE(ref.ok());
    auto birth =
        outbox->Submit(testing::BirthRequest(*ref, "034195007777", "Lê Thị Hồng", "0977000111"));
    ASSERT_TRUE(birth.ok()) << birth.status().message();
    before_birth_code = birth->code;
    // An abandoned draft's scan, never submitted.
    const std::string draft = testing::WriteFileIn(scratch, "draft.jpg", "draft 034095001234");
    ASSERT_TRUE(outbox->StoreAttachment(draft, "birth_cert_scan").ok());
    // Before enrolment the data is in clear (the test can see it).
    EXPECT_TRUE(AnyHolds(ReadTree(dir), "034095001234"));
  }

  ASSERT_TRUE(std::filesystem::file_size(KioskDatabasePath(dir) + "-wal") > 0);
  ASSERT_TRUE(SaveEnrolment(dir, testing::TestEnrolment(keys), &testing::Shipped().catalog).ok());
  ExpectNoneHolds(ReadTree(dir), {"034095001234", "034195007777", "0912345678"},
                  "right after enrolment");
  before_enrolment.reset();

  auto outbox = OpenOutbox(dir);
  ASSERT_NE(outbox, nullptr);
  ASSERT_TRUE(outbox->enrolment().has_value());
  auto after = outbox->Submit(CopyRequestFor("034090005678", "Đỗ Mạnh Cường", "0388123456"));
  ASSERT_TRUE(after.ok()) << after.status().message();
  const std::string scan = testing::WriteFileIn(scratch, "after.jpg", after_scan_bytes);
  auto ref = outbox->StoreAttachment(scan, "birth_cert_scan");
  ASSERT_TRUE(ref.ok());
  auto after_birth =
      outbox->Submit(testing::BirthRequest(*ref, "034196004321", "Phạm Thu Hà", "0355666777"));
  ASSERT_TRUE(after_birth.ok()) << after_birth.status().message();

  const std::vector<std::string> secrets = {
      "034095001234",    "034195007777", "034090005678",  "034196004321",  // citizen IDs
      "0912345678",      "0977000111",   "0388123456",    "0355666777",    // phones
      "Hoàng Đức Thắng", "Lê Thị Hồng",  "Đỗ Mạnh Cường", "Phạm Thu Hà",   // full names
  };
  // With the kiosk running (its WAL and shared memory present) and after it stopped.
  ExpectNoneHolds(ReadTree(dir), secrets, "kiosk running");
  EXPECT_TRUE(AnyHolds(ReadTree(dir), "Hoàng Đ. T."));

  // What a reprint needs is still there, masked.
  auto found = outbox->FindByCode(before_code);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->masked_name, "Hoàng Đ. T.");
  EXPECT_EQ((*found)->masked_phone, "091****678");
  EXPECT_EQ((*found)->sync_state, SyncState::kQueued);
  EXPECT_EQ((*found)->appointment->date, calendar::Date::Ymd(2026, 11, 30));
  auto found_after = outbox->FindByCode(after->code);
  ASSERT_TRUE(found_after.ok() && found_after->has_value());
  EXPECT_EQ((*found_after)->masked_phone, "038****456");

  // The sealed parts open with the province's secret key to the answers.
  auto queue = SyncQueue::Open(dir);
  ASSERT_TRUE(queue.ok());
  auto batch = (*queue)->NextPushBatch(10);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  ASSERT_EQ(batch->size(), 4u);
  struct Expected {
    std::string code, id_field, citizen_id, phone, name;
  };
  const Expected expected[] = {
      {before_code, "citizen_id", "034095001234", "0912345678", "Hoàng Đức Thắng"},
      {before_birth_code, "mother_id", "034195007777", "0977000111", "Lê Thị Hồng"},
      {after->code, "citizen_id", "034090005678", "0388123456", "Đỗ Mạnh Cường"},
      {after_birth->code, "mother_id", "034196004321", "0355666777", "Phạm Thu Hà"},
  };
  const std::string scans[] = {before_scan_bytes, after_scan_bytes};
  int scan_index = 0;
  for (size_t i = 0; i < 4; ++i) {
    const sync::PushDossier& d = batch->at(i);
    EXPECT_EQ(d.code, expected[i].code);
    auto part = testing::OpenPrivatePart(keys, d.sealed);
    ASSERT_TRUE(part.ok()) << part.status().message();
    EXPECT_EQ(part->answers.at(expected[i].id_field), expected[i].citizen_id) << d.code;
    EXPECT_EQ(part->phone, expected[i].phone);
    EXPECT_EQ(part->applicant_name, expected[i].name);
    if (d.attachments.empty()) continue;
    // The attachment is named by its sealed bytes' hash, which the sealed
    // answers name too, and opens to the scan.
    ASSERT_EQ(d.attachments.size(), 1u);
    const dossier::AttachmentRef& att = d.attachments[0];
    EXPECT_EQ(part->answers.at("birth_cert_scan"), nlohmann::json::array({att.sha256}));
    auto sealed = core::ReadFile(outbox->AttachmentPath(att.sha256));
    ASSERT_TRUE(sealed.ok()) << sealed.status().message();
    EXPECT_EQ(sealed->size(), att.size);
    auto sha = core::Sha256OfFile(outbox->AttachmentPath(att.sha256), UINT64_MAX);
    ASSERT_TRUE(sha.ok());
    EXPECT_EQ(*sha, att.sha256);
    auto clear = sync::OpenSealed(keys.sealing_public(), keys.sealing_secret(), *sealed);
    ASSERT_TRUE(clear.ok());
    EXPECT_EQ(*clear, scans[scan_index++]);
  }
  // Only the two sealed scans are left in the attachment store.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir + "/attachments"),
                          std::filesystem::directory_iterator()),
            2);

  queue->reset();
  outbox.reset();
  ExpectNoneHolds(ReadTree(dir), secrets, "kiosk stopped");
  EXPECT_TRUE(AnyHolds(ReadTree(dir), "Lê T. H."));
}

TEST(EnrolmentStoreTest, AReEnrolmentGivesANewIssuerAndLeavesSealedDossiersAlone) {
  store::ScratchDir scratch;
  const sync::ProvinceKeys keys = testing::MakeProvinceKeys(scratch);
  const std::string dir = scratch.File("data");
  ASSERT_TRUE(SaveEnrolment(dir, testing::TestEnrolment(keys, 3)).ok());
  std::string first_code, first_sealed;
  {
    auto outbox = OpenOutbox(dir);
    ASSERT_NE(outbox, nullptr);
    auto submitted = outbox->Submit(CertifiedCopyRequest());
    ASSERT_TRUE(submitted.ok());
    first_code = submitted->code;
    auto queue = SyncQueue::Open(dir);
    ASSERT_TRUE(queue.ok());
    first_sealed = (*queue)->NextPushBatch(1)->at(0).sealed;
  }
  ASSERT_TRUE(SaveEnrolment(dir, testing::TestEnrolment(keys, 9)).ok());
  auto outbox = OpenOutbox(dir);
  ASSERT_NE(outbox, nullptr);
  auto submitted = outbox->Submit(CertifiedCopyRequest());
  ASSERT_TRUE(submitted.ok());
  auto code = dossier::ParseDossierCode(submitted->code);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(code->issuer(), 9u);
  auto queue = SyncQueue::Open(dir);
  ASSERT_TRUE(queue.ok());
  auto batch = (*queue)->NextPushBatch(10);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->size(), 2u);
  EXPECT_EQ(batch->at(0).code, first_code);
  EXPECT_EQ(batch->at(0).sealed, first_sealed);
}

TEST(EnrolmentStoreTest, PendingCodeIssuersNamesTheIssuerOfDossiersFiledBeforeEnrolment) {
  store::ScratchDir scratch;
  const sync::ProvinceKeys keys = testing::MakeProvinceKeys(scratch);
  const std::string dir = scratch.File("data");
  auto none = PendingCodeIssuers(dir);
  ASSERT_TRUE(none.ok()) << none.status().message();
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(std::filesystem::exists(dir + "/kiosk.db"));
  std::string commune;
  uint32_t issuer = 0;
  {
    auto outbox = OpenOutbox(dir);
    ASSERT_NE(outbox, nullptr);
    for (int i = 0; i < 3; ++i) {
      auto submitted = outbox->Submit(CertifiedCopyRequest());
      ASSERT_TRUE(submitted.ok()) << submitted.status().message();
      auto code = dossier::ParseDossierCode(submitted->code);
      commune = std::string(code->commune_code());
      issuer = code->issuer();
    }
  }
  auto pending = PendingCodeIssuers(dir);
  ASSERT_TRUE(pending.ok()) << pending.status().message();
  EXPECT_EQ(*pending, (std::vector<IssuedCodes>{{commune, issuer, 3}}));
  // Enrolled with that issuer, the dossiers are queued: still pending.
  ASSERT_TRUE(SaveEnrolment(dir, testing::TestEnrolment(keys, issuer)).ok());
  pending = PendingCodeIssuers(dir);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(*pending, (std::vector<IssuedCodes>{{commune, issuer, 3}}));
}

TEST(EnrolmentStoreTest, AnOutboxOpenedBeforeEnrolmentRefusesToSubmitAfterIt) {
  store::ScratchDir scratch;
  const sync::ProvinceKeys keys = testing::MakeProvinceKeys(scratch);
  const std::string dir = scratch.File("data");
  auto outbox = OpenOutbox(dir);
  ASSERT_NE(outbox, nullptr);
  ASSERT_TRUE(SaveEnrolment(dir, testing::TestEnrolment(keys)).ok());
  auto submitted = outbox->Submit(CertifiedCopyRequest());
  ASSERT_FALSE(submitted.ok());
  EXPECT_EQ(submitted.status().code(), ErrorCode::kConflict);
  auto count = outbox->Count();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 0);
}

TEST(EnrolmentStoreTest, OpenFinishesAWipeACrashInterrupted) {
  store::ScratchDir scratch;
  const sync::ProvinceKeys keys = testing::MakeProvinceKeys(scratch);
  const std::string dir = scratch.File("data");
  ASSERT_TRUE(SaveEnrolment(dir, testing::TestEnrolment(keys)).ok());
  // As if the process died after the enrolment's commit, before the wipe.
  const std::string leftover = dir + "/attachments/" + std::string(64, 'c');
  ASSERT_TRUE(core::WriteFileAtomically(leftover, std::string("clear 034095001234")).ok());
  {
    auto outbox = OpenOutbox(dir);
    ASSERT_NE(outbox, nullptr);
    ASSERT_TRUE(outbox->database()
                    .Exec("test: list a clear file",
                          "INSERT INTO purge_files(name) VALUES("
                          "'cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc')")
                    .ok());
  }
  EXPECT_TRUE(std::filesystem::exists(leftover));
  auto outbox = OpenOutbox(dir);
  ASSERT_NE(outbox, nullptr);
  EXPECT_FALSE(std::filesystem::exists(leftover));
}

}  // namespace
}  // namespace dvc::kiosk
