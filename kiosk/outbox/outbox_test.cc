#include "outbox/outbox.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "outbox/kiosk_schema.h"
#include "outbox/outbox_test_support.h"
#include "store/scratch_dir.h"

namespace dvc::kiosk {
namespace {

using testing::At;
using testing::CertifiedCopyRequest;
using testing::TestOutboxOptions;

using testing::OpenOutbox;

std::string DataDir(const store::ScratchDir& scratch) { return scratch.File("data"); }

int64_t IssuedCount(Outbox& outbox) {
  auto select =
      outbox.database().Prepare("test: issued", "SELECT next_counter FROM dossier_code_issuers");
  EXPECT_TRUE(select.ok());
  auto row = select->Step();
  return row.ok() && *row ? select->ColumnInt64(0) : -1;
}

// One integer from a query on the outbox's database; -1 on error.
int64_t QueryInt(Outbox& outbox, store::Sql sql) {
  auto select = outbox.database().Prepare("test: query", sql);
  EXPECT_TRUE(select.ok()) << select.status().message();
  if (!select.ok()) return -1;
  auto row = select->Step();
  return row.ok() && *row ? select->ColumnInt64(0) : -1;
}

// A scanned file to attach, in `dir`.
std::string WriteScan(const store::ScratchDir& scratch) {
  const std::string scan = scratch.File("giay-chung-sinh.jpg");
  std::ofstream out(scan, std::ios::binary);
  out << "\xFF\xD8\xFF scanned birth certificate";
  return scan;
}

SubmissionRequest BirthRegistrationRequest(const dossier::AttachmentRef& scan) {
  return testing::BirthRequest(scan, "034195001234", "Trần Thị Lan", "0912345678");
}

TEST(OutboxTest, SubmittedDossierIsThereAfterReopen) {
  store::ScratchDir scratch;
  std::string code;
  {
    auto outbox = OpenOutbox(DataDir(scratch));
    ASSERT_NE(outbox, nullptr);
    auto submitted = outbox->Submit(CertifiedCopyRequest());
    ASSERT_TRUE(submitted.ok()) << submitted.status().message();
    code = submitted->code;
    EXPECT_EQ(code.substr(0, 5), "12430");
    EXPECT_TRUE(dossier::IsValidDossierId(submitted->id));
    EXPECT_EQ(submitted->masked_name, "Nguyễn V. A.");
    // The stored answers are the validated, normalised ones.
    EXPECT_EQ(submitted->answers["phone"], "84912345678");
  }
  auto outbox = OpenOutbox(DataDir(scratch));
  ASSERT_NE(outbox, nullptr);
  auto found = outbox->FindByCode(code);
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_TRUE(found->has_value());
  const OutboxEntry& entry = **found;
  EXPECT_EQ(entry.code, code);
  EXPECT_EQ(entry.service_id, "chung-thuc-ban-sao");
  EXPECT_EQ(entry.masked_name, "Nguyễn V. A.");
  EXPECT_EQ(entry.masked_phone, "091****678");
  EXPECT_EQ(entry.received, At(2026, 11, 27, 9, 15));
  ASSERT_TRUE(entry.appointment.has_value());
  EXPECT_EQ(*entry.appointment, At(2026, 11, 30, 9, 15));
  EXPECT_EQ(entry.status, dossier::DossierStatus::kQueuedAtKiosk);
  EXPECT_EQ(*outbox->Count(), 1);
}

TEST(OutboxTest, BadRequestChangesNothingAndUsesNoCode) {
  store::ScratchDir scratch;
  auto outbox = OpenOutbox(DataDir(scratch));
  ASSERT_NE(outbox, nullptr);
  struct Case {
    const char* what;
    void (*spoil)(SubmissionRequest&);
    const char* message_part;
  };
  const Case cases[] = {
      {"wrong citizen ID", [](SubmissionRequest& r) { r.answers["citizen_id"] = "12345"; },
       "citizen_id"},
      {"unknown procedure", [](SubmissionRequest& r) { r.service_id = "khong-co"; },
       "unknown procedure"},
      {"old catalog", [](SubmissionRequest& r) { r.catalog_version = "2020.1.1"; }, "catalog"},
      {"old form", [](SubmissionRequest& r) { r.form_version = 99; }, "form version"},
      {"missing answer", [](SubmissionRequest& r) { r.answers.erase("full_name"); }, "full_name"},
      {"attachment not in the answers",
       [](SubmissionRequest& r) {
         r.attachments.push_back({"full_name", std::string(64, 'a'), 1});
       },
       "attachment"},
  };
  for (const Case& c : cases) {
    SubmissionRequest request = CertifiedCopyRequest();
    c.spoil(request);
    auto submitted = outbox->Submit(request);
    ASSERT_FALSE(submitted.ok()) << c.what;
    EXPECT_EQ(submitted.status().code(), ErrorCode::kInvalidInput) << c.what;
    EXPECT_NE(submitted.status().message().find(c.message_part), std::string::npos)
        << c.what << ": " << submitted.status().message();
  }
  EXPECT_EQ(*outbox->Count(), 0);
  EXPECT_EQ(IssuedCount(*outbox), 0);
}

TEST(OutboxTest, ListIsNewestFirstAndCodesAreFoundAsTyped) {
  store::ScratchDir scratch;
  auto outbox = OpenOutbox(DataDir(scratch));
  ASSERT_NE(outbox, nullptr);
  std::vector<std::string> codes;
  for (int i = 0; i < 3; ++i) {
    SubmissionRequest request = CertifiedCopyRequest();
    request.received = At(2026, 11, 27, 9, 15 + i);
    request.applicant_name = i == 1 ? "Trần Thị Bích Ngọc" : "Lê An";
    auto submitted = outbox->Submit(request);
    ASSERT_TRUE(submitted.ok()) << submitted.status().message();
    codes.push_back(submitted->code);
  }
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 3u);
  auto list = outbox->List();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].code, codes[2]);
  EXPECT_EQ((*list)[2].code, codes[0]);
  EXPECT_EQ((*list)[1].masked_name, "Trần T. B. N.");
  auto page = outbox->List(1, 1);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].code, codes[1]);

  // A resident reads the code off the receipt in groups, in lower case.
  std::string typed;
  for (size_t i = 0; i < codes[1].size(); ++i) {
    if (i > 0 && i % 4 == 0) typed += ' ';
    typed += static_cast<char>(std::tolower(static_cast<unsigned char>(codes[1][i])));
  }
  auto found = outbox->FindByCode(typed);
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->code, codes[1]);

  auto garbage = outbox->FindByCode("xyz");
  EXPECT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().code(), ErrorCode::kInvalidInput);
}

TEST(OutboxTest, AttachmentsAreStoredByHashAndRecordedWithTheDossier) {
  store::ScratchDir scratch;
  auto outbox = OpenOutbox(DataDir(scratch));
  ASSERT_NE(outbox, nullptr);
  auto ref = outbox->StoreAttachment(WriteScan(scratch), "birth_cert_scan");
  ASSERT_TRUE(ref.ok()) << ref.status().message();
  EXPECT_EQ(ref->sha256.size(), 64u);
  EXPECT_EQ(ref->size, 29u);
  std::ifstream stored(outbox->AttachmentPath(ref->sha256), std::ios::binary);
  EXPECT_TRUE(stored.good());

  SubmissionRequest request = BirthRegistrationRequest(*ref);
  SubmissionRequest unlisted = request;  // the scan is answered but not listed
  unlisted.attachments.clear();
  auto refused = outbox->Submit(unlisted);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("attachment"), std::string::npos);

  auto submitted = outbox->Submit(request);
  ASSERT_TRUE(submitted.ok()) << submitted.status().message();
  auto found = outbox->FindByCode(submitted->code);
  ASSERT_TRUE(found.ok() && found->has_value());
  ASSERT_EQ((*found)->attachments.size(), 1u);
  EXPECT_EQ((*found)->attachments[0], *ref);
  EXPECT_FALSE((*found)->appointment.has_value());

  // A listed attachment whose file is not in the store is refused.
  SubmissionRequest missing = request;
  missing.attachments[0].sha256 = std::string(64, 'b');
  missing.answers["birth_cert_scan"] = {std::string(64, 'b')};
  auto no_file = outbox->Submit(missing);
  ASSERT_FALSE(no_file.ok());
  EXPECT_NE(no_file.status().message().find("not in the attachment store"), std::string::npos);
}

// A child submits in a loop and prints "receipt shown <code>" only after Submit
// returned; the parent kills it after a random number of receipts (so the kill
// lands anywhere inside the next Submit), reopens, checks the file's integrity
// and that every shown code is there exactly once.
TEST(OutboxTest, KilledKioskKeepsEveryDossierItShowedAReceiptFor) {
  store::ScratchDir scratch;
  const std::string dir = DataDir(scratch);
  (void)testing::Shipped();  // loaded before fork
  const std::string scan = WriteScan(scratch);
  std::set<std::string> shown;
  for (unsigned seed = 1; seed <= 6; ++seed) {
    std::mt19937 random(seed);
    const int kill_after = std::uniform_int_distribution<int>(0, 12)(random);
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      auto opened = Outbox::Open(dir, TestOutboxOptions());
      if (!opened.ok()) _exit(2);
      auto ref = (*opened)->StoreAttachment(scan, "birth_cert_scan");
      if (!ref.ok()) _exit(5);
      for (int i = 0;; ++i) {
        // Every other dossier has an attachment row to lose if the
        // transaction were split.
        SubmissionRequest request =
            i % 2 == 0 ? CertifiedCopyRequest() : BirthRegistrationRequest(*ref);
        request.received = At(2026, 11, 27, 8, i % 60);
        auto submitted = (*opened)->Submit(request);
        if (!submitted.ok()) _exit(3);
        const std::string line = "receipt shown " + submitted->code + "\n";
        if (write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(4);
      }
    }
    close(fds[1]);
    std::string received;
    int lines = 0;
    char buffer[256];
    while (lines < kill_after) {
      const ssize_t n = read(fds[0], buffer, sizeof buffer);
      if (n <= 0) break;
      received.append(buffer, static_cast<size_t>(n));
      lines = static_cast<int>(std::count(received.begin(), received.end(), '\n'));
    }
    kill(child, SIGKILL);
    for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) {
      received.append(buffer, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    for (size_t start = 0, end; (end = received.find('\n', start)) != std::string::npos;
         start = end + 1) {
      const std::string line = received.substr(start, end - start);
      ASSERT_EQ(line.rfind("receipt shown ", 0), 0u) << line;
      EXPECT_TRUE(shown.insert(line.substr(14)).second) << "code shown twice: " << line;
    }

    auto outbox = OpenOutbox(dir);
    ASSERT_NE(outbox, nullptr);
    auto check = outbox->database().Prepare("test: integrity", "PRAGMA integrity_check");
    ASSERT_TRUE(check.ok());
    ASSERT_TRUE(*check->Step());
    EXPECT_EQ(check->ColumnText(0), "ok") << "seed " << seed;
    std::map<std::string, int> stored;
    auto all = outbox->List(1000000);
    ASSERT_TRUE(all.ok()) << all.status().message();
    for (const OutboxEntry& entry : *all) ++stored[entry.code];
    for (const std::string& code : shown) {
      EXPECT_EQ(stored[code], 1) << "seed " << seed << ": receipt " << code << " lost";
    }
    for (const auto& [code, n] : stored) EXPECT_EQ(n, 1) << code;
    // No code was burnt: every code issued belongs to a stored dossier (the
    // counter and the dossier commit together).
    EXPECT_EQ(IssuedCount(*outbox), static_cast<int64_t>(all->size())) << "seed " << seed;
    // Every dossier with an attachment kept its attachment row.
    EXPECT_EQ(QueryInt(*outbox,
                       "SELECT count(*) FROM dossiers d WHERE d.service_id = 'dang-ky-khai-sinh'"
                       " AND NOT EXISTS (SELECT 1 FROM dossier_attachments a"
                       " WHERE a.dossier_seq = d.seq)"),
              0)
        << "seed " << seed;
    // Every dossier has its first status.
    auto statuses = outbox->database().Prepare(
        "test: first statuses",
        "SELECT count(*) FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM dossier_statuses s"
        " WHERE s.dossier_seq = d.seq AND s.from_status IS NULL)");
    ASSERT_TRUE(statuses.ok());
    ASSERT_TRUE(*statuses->Step());
    EXPECT_EQ(statuses->ColumnInt64(0), 0);
  }
  EXPECT_GT(shown.size(), 0u);
}

TEST(OutboxTest, ABadPhoneIsRefusedAndUsesNoCode) {
  store::ScratchDir scratch;
  auto outbox = OpenOutbox(DataDir(scratch));
  ASSERT_NE(outbox, nullptr);
  for (const std::string& phone : {std::string("09\xFF"), std::string(33, '0')}) {
    SubmissionRequest request = CertifiedCopyRequest();
    request.phone = phone;
    auto submitted = outbox->Submit(request);
    ASSERT_FALSE(submitted.ok());
    EXPECT_EQ(submitted.status().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(submitted.status().message().find("submit: phone"), std::string::npos)
        << submitted.status().message();
  }
  EXPECT_EQ(*outbox->Count(), 0);
  EXPECT_EQ(IssuedCount(*outbox), 0);
}

TEST(OutboxTest, AnExhaustedIssuerRefusesAndStoresNothing) {
  store::ScratchDir scratch;
  auto outbox = OpenOutbox(DataDir(scratch));
  ASSERT_NE(outbox, nullptr);
  ASSERT_TRUE(outbox->Submit(CertifiedCopyRequest()).ok());
  // Every counter used, as after 2^30 dossiers.
  {
    auto spend = outbox->database().Prepare("test: spend",
                                            "UPDATE dossier_code_issuers SET next_counter = ?");
    ASSERT_TRUE(spend.ok());
    ASSERT_TRUE(
        spend->BindInt64(1, static_cast<int64_t>(dossier::DossierCode::kCounterLimit)).ok());
    ASSERT_TRUE(spend->Run().ok());
  }
  auto submitted = outbox->Submit(CertifiedCopyRequest());
  ASSERT_FALSE(submitted.ok());
  EXPECT_EQ(submitted.status().code(), ErrorCode::kConflict);
  EXPECT_NE(submitted.status().message().find("enrol"), std::string::npos)
      << submitted.status().message();
  EXPECT_EQ(*outbox->Count(), 1);
}

// The receipt_qr column of the dossier with `code`, or "<null>".
std::string StoredReceiptQr(Outbox& outbox, const std::string& code) {
  auto select = outbox.database().Prepare(
      "test: receipt qr", "SELECT COALESCE(receipt_qr, '<null>') FROM dossiers WHERE code = ?");
  EXPECT_TRUE(select.ok()) << select.status().message();
  if (!select.ok() || !select->BindText(1, code).ok()) return "";
  auto row = select->Step();
  return row.ok() && *row ? select->ColumnText(0) : "";
}

TEST(OutboxTest, TheSignedReceiptQrIsStoredWithTheDossierAndSurvivesAReopen) {
  store::ScratchDir scratch;
  std::string code;
  std::string text;
  {
    auto outbox = OpenOutbox(DataDir(scratch));
    ASSERT_NE(outbox, nullptr);
    SubmissionRequest request = CertifiedCopyRequest();
    int calls = 0;
    request.sign_receipt = [&](const SubmittedDossier& d) -> Result<std::string> {
      ++calls;
      // Called inside the transaction: the code is issued, nothing committed.
      EXPECT_TRUE(dossier::ParseDossierCode(d.code).ok()) << d.code;
      EXPECT_EQ(d.received, At(2026, 11, 27, 9, 15));
      EXPECT_EQ(d.appointment, At(2026, 11, 30, 9, 15));
      return "DVC1|" + d.code + "|signed";
    };
    auto submitted = outbox->Submit(request);
    ASSERT_TRUE(submitted.ok()) << submitted.status().message();
    EXPECT_EQ(calls, 1);
    code = submitted->code;
    text = "DVC1|" + code + "|signed";
    EXPECT_EQ(submitted->receipt_qr, text);
    EXPECT_EQ(StoredReceiptQr(*outbox, code), text);
    // Without a signer nothing is stored (NULL, as for older dossiers).
    auto unsigned_one = outbox->Submit(CertifiedCopyRequest());
    ASSERT_TRUE(unsigned_one.ok()) << unsigned_one.status().message();
    EXPECT_EQ(unsigned_one->receipt_qr, "");
    EXPECT_EQ(StoredReceiptQr(*outbox, unsigned_one->code), "<null>");
  }
  auto outbox = OpenOutbox(DataDir(scratch));
  ASSERT_NE(outbox, nullptr);
  auto found = outbox->FindByCode(code);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->receipt_qr, text);
  EXPECT_EQ((*found)->kiosk_appointment, At(2026, 11, 30, 9, 15));
}

TEST(OutboxTest, AFailingSignerOrABadQrTextStoresNothingAndUsesNoCode) {
  store::ScratchDir scratch;
  auto outbox = OpenOutbox(DataDir(scratch));
  ASSERT_NE(outbox, nullptr);
  struct Case {
    const char* what;
    Result<std::string> answer;
    ErrorCode code;
  };
  const Case cases[] = {
      {"signer failed", Status::InvalidInput("key gone"), ErrorCode::kInvalidInput},
      {"empty", std::string(), ErrorCode::kInvalidInput},
      {"too long", std::string(214, 'x'), ErrorCode::kInvalidInput},
      {"control character", std::string("DVC1|\n"), ErrorCode::kInvalidInput},
      {"not ASCII", std::string("DVC1|\xC3\xA9"), ErrorCode::kInvalidInput},
  };
  for (const Case& c : cases) {
    SubmissionRequest request = CertifiedCopyRequest();
    request.sign_receipt = [&](const SubmittedDossier&) { return c.answer; };
    auto submitted = outbox->Submit(request);
    ASSERT_FALSE(submitted.ok()) << c.what;
    EXPECT_EQ(submitted.status().code(), c.code) << c.what;
    EXPECT_NE(submitted.status().message().find("receipt QR"), std::string::npos)
        << c.what << ": " << submitted.status().message();
  }
  EXPECT_EQ(*outbox->Count(), 0);
  EXPECT_EQ(IssuedCount(*outbox), 0);
  // The longest payload there can be is accepted.
  SubmissionRequest request = CertifiedCopyRequest();
  request.sign_receipt = [](const SubmittedDossier&) -> Result<std::string> {
    return std::string(213, 'x');
  };
  ASSERT_TRUE(outbox->Submit(request).ok());
}

TEST(OutboxTest, ADatabaseFromBeforeTheReceiptQrIsUpgradedAndKeepsItsDossiers) {
  store::ScratchDir scratch;
  const std::string dir = DataDir(scratch);
  ASSERT_TRUE(std::filesystem::create_directories(dir));
  const std::string old_code = dossier::DossierCode::FromParts("12430", 7, 900)->compact();
  {
    // Schema 6, as a kiosk shipped before migration 7 left it, with a dossier.
    auto old_db = store::Database::Open(dir + "/kiosk.db", KioskMigrations().first(6));
    ASSERT_TRUE(old_db.ok()) << old_db.status().message();
    auto insert = (*old_db)->Prepare(
        "test: old dossier",
        "INSERT INTO dossiers(id, code, service_id, catalog_version, form_version, answers, phone,"
        " masked_name, received_local, created_at, appointment_local, status, status_at)"
        " VALUES('0b6f2a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b', ?, 'chung-thuc-ban-sao', '2026.11.1', 1,"
        " '{}', '0912345678', 'Nguyễn V. A.', '2026-11-27T09:15:00', 1795716900,"
        " '2026-11-30T09:15:00', 'queued_at_kiosk', 1795716900)");
    ASSERT_TRUE(insert.ok()) << insert.status().message();
    ASSERT_TRUE(insert->BindText(1, old_code).ok());
    ASSERT_TRUE(insert->Run().ok());
    auto version = (*old_db)->Prepare("test: version", "PRAGMA user_version");
    ASSERT_TRUE(version.ok());
    ASSERT_TRUE(*version->Step());
    EXPECT_EQ(version->ColumnInt64(0), 6);
  }
  auto outbox = OpenOutbox(dir);
  ASSERT_NE(outbox, nullptr);
  EXPECT_EQ(QueryInt(*outbox,
                     "SELECT count(*) FROM pragma_table_info('dossiers')"
                     " WHERE name = 'receipt_qr'"),
            1);
  auto old_entry = outbox->FindByCode(old_code);
  ASSERT_TRUE(old_entry.ok()) << old_entry.status().message();
  ASSERT_TRUE(old_entry->has_value());
  EXPECT_EQ((*old_entry)->receipt_qr, "");  // a reprint signs it again
  EXPECT_EQ(StoredReceiptQr(*outbox, old_code), "<null>");
  SubmissionRequest request = CertifiedCopyRequest();
  request.sign_receipt = [](const SubmittedDossier& d) -> Result<std::string> {
    return "DVC1|" + d.code;
  };
  auto submitted = outbox->Submit(request);
  ASSERT_TRUE(submitted.ok()) << submitted.status().message();
  EXPECT_EQ(StoredReceiptQr(*outbox, submitted->code), "DVC1|" + submitted->code);
}

}  // namespace
}  // namespace dvc::kiosk
