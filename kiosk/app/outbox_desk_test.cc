#include "app/outbox_desk.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "app/form_session.h"
#include "dossier/dossier_code.h"
#include "outbox/kiosk_identity.h"
#include "outbox/kiosk_schema.h"
#include "outbox/scan_folder.h"
#include "receipt/qr_payload.h"
#include "store/scratch_dir.h"

namespace dvc::kiosk {
namespace {

// A FIFO stands in for the printer's character device: a reader that never
// reads is a printer that stopped taking paper.
class FakePrinter {
 public:
  FakePrinter() : path_(scratch_.File("lp0")) {
    EXPECT_EQ(::mkfifo(path_.c_str(), 0600), 0);
    reader_ = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    EXPECT_GE(reader_, 0);
  }
  ~FakePrinter() {
    if (reader_ >= 0) ::close(reader_);
  }
  const std::string& path() const { return path_; }
  std::vector<uint8_t> Drain() {
    std::vector<uint8_t> got(1 << 16);
    const ssize_t n = ::read(reader_, got.data(), got.size());
    got.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return got;
  }

 private:
  store::ScratchDir scratch_;
  std::string path_;
  int reader_ = -1;
};

TEST(WriteToPrinterTest, APrinterThatTakesTheJobGetsEveryByte) {
  FakePrinter printer;
  const std::vector<uint8_t> job = {0x1B, '@', 'a', 'b', 'c'};
  ASSERT_TRUE(WriteToPrinter(printer.path(), job, std::chrono::milliseconds(1000)).ok());
  EXPECT_EQ(printer.Drain(), job);
}

TEST(WriteToPrinterTest, AStalledPrinterTimesOutInsteadOfFreezingTheScreen) {
  FakePrinter printer;
  // Larger than a pipe's buffer, and nobody reads: the write cannot finish.
  const std::vector<uint8_t> job(4 << 20, 0xAA);
  const Status s = WriteToPrinter(printer.path(), job, std::chrono::milliseconds(50));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kIo);
  EXPECT_NE(s.message().find(printer.path()), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("stopped"), std::string::npos) << s.message();
}

TEST(WriteToPrinterTest, AMissingDeviceIsNamed) {
  store::ScratchDir scratch;
  const std::string device = scratch.File("no-such-lp");
  const Status s = WriteToPrinter(device, std::vector<uint8_t>{1, 2, 3}, std::chrono::seconds(1));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kIo);
  EXPECT_NE(s.message().find(device), std::string::npos);
}

// A real outbox in a scratch data directory, with the shipped catalog.
class OutboxDeskTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The built-in defaults name the shipped assets.
    Result<KioskConfig> config = LoadKioskConfig("");
    ASSERT_TRUE(config.ok());
    auto data = LoadKioskData(*config);
    ASSERT_TRUE(data.ok()) << data.status().message();
    data_ = data->release();
  }
  static void TearDownTestSuite() { delete data_; }

  void SetUp() override {
    config_ = DefaultKioskConfig();
    config_.data_dir = scratch_.File("data");
    auto desk = OutboxDesk::Open(config_, *data_, [] { return kNow; });
    ASSERT_TRUE(desk.ok()) << desk.status().message();
    desk_ = std::move(*desk);
  }

  // A death registration as the wizard's Finish hands it over, with the
  // death notice scanned into `scan`.
  SubmissionDraft DeathRegistration(const std::string& scan) {
    const catalog::Service* service = data_->catalog.FindService("dang-ky-khai-tu");
    FormSession form(service);
    const std::pair<const char*, const char*> answers[] = {{"deceased_name", "Trần Văn Bình"},
                                                           {"deceased_birth_date", "12/03/1941"},
                                                           {"death_date", "20/11/2026"},
                                                           {"death_place", "Thôn Đông, xã Vũ Phúc"},
                                                           {"death_cause", "gia-yeu"},
                                                           {"death_notice_type", "giay-bao-tu"},
                                                           {"requester_name", "Trần Thị Hoa"},
                                                           {"requester_id", "034185001234"},
                                                           {"relation", "con"},
                                                           {"phone", "0912345678"}};
    for (const auto& [field, value] : answers) form.SetValue(field, value);
    catalog::ValidationContext ctx;
    ctx.today = calendar::Date::Ymd(2026, 11, 27);
    ctx.reference = &data_->reference;
    ctx.units = &data_->units;
    ctx.province_code = data_->catalog.header().province_code;
    const catalog::ValidationResult checked = form.Finish(ctx);
    EXPECT_TRUE(checked.ok()) << (checked.ok() ? "" : checked.errors.front().text.vi);
    SubmissionDraft draft;
    draft.service = service;
    draft.answers = checked.answers;
    draft.applicant_name = "Trần Thị Hoa";
    draft.phone = "84912345678";
    draft.attachments = {{"death_notice_scan", scan}};
    return draft;
  }

  // 2026-11-27 10:00:00 in Vietnam (UTC+7).
  static constexpr int64_t kNow = 1795712400 + 10 * 3600;
  static KioskData* data_;
  store::ScratchDir scratch_;
  KioskConfig config_;
  std::unique_ptr<OutboxDesk> desk_;
};
KioskData* OutboxDeskTest::data_ = nullptr;

TEST_F(OutboxDeskTest, ASubmittedScanIsStoredAndTheOutboxListsTheDossierForAReprint) {
  const std::string scan = scratch_.File("giay-bao-tu.jpg");
  const std::string jpeg = std::string(DVC_SOURCE_DIR) + "/tests/kiosk/scans/giay-chung-sinh.jpg";
  std::filesystem::copy_file(jpeg, scan);
  Result<receipt::ReceiptData> receipt = desk_->Submit(DeathRegistration(scan));
  ASSERT_TRUE(receipt.ok()) << receipt.status().message();

  Result<std::vector<DossierSummary>> listed = desk_->List(10);
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  ASSERT_EQ(listed->size(), 1u);
  const receipt::ReceiptData& again = (*listed)[0].receipt;
  EXPECT_EQ(again.dossier_code, receipt->dossier_code);
  EXPECT_EQ(again.applicant_name, "Trần T. H.");  // only the masked name is kept
  EXPECT_FALSE(again.qr_text.empty());            // signed again for the reprint
  EXPECT_EQ((*listed)[0].status.vi, "Đã nộp tại ki-ốt, đang chờ gửi");
  // The scan is in the content store, byte for byte.
  std::vector<std::string> stored;
  for (const auto& entry : std::filesystem::directory_iterator(config_.data_dir + "/attachments")) {
    stored.push_back(entry.path().string());
  }
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(std::filesystem::file_size(stored[0]), std::filesystem::file_size(jpeg));
}

TEST_F(OutboxDeskTest, AScanThatVanishedBeforeSubmitIsRefusedAndNothingIsCommitted) {
  Result<receipt::ReceiptData> receipt =
      desk_->Submit(DeathRegistration(scratch_.File("gone.jpg")));
  ASSERT_FALSE(receipt.ok());
  EXPECT_NE(receipt.status().message().find("gone.jpg"), std::string::npos)
      << receipt.status().message();
  Result<std::vector<DossierSummary>> listed = desk_->List(10);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

// Runs `sql` (binding `code` to ?1) on a second connection to the desk's
// kiosk.db, as another process would.
void ExecOnDeskDatabase(const std::string& data_dir, store::Sql sql, const std::string& code) {
  auto db = store::Database::Open(KioskDatabasePath(data_dir), KioskMigrations());
  ASSERT_TRUE(db.ok()) << db.status().message();
  auto statement = (*db)->Prepare("test: edit", sql);
  ASSERT_TRUE(statement.ok()) << statement.status().message();
  ASSERT_TRUE(statement->BindText(1, code).ok());
  ASSERT_TRUE(statement->Run().ok());
}

std::string DeskStoredReceiptQr(const std::string& data_dir, const std::string& code) {
  auto db = store::Database::Open(KioskDatabasePath(data_dir), KioskMigrations());
  EXPECT_TRUE(db.ok()) << db.status().message();
  if (!db.ok()) return "";
  auto select = (*db)->Prepare("test: qr", "SELECT receipt_qr FROM dossiers WHERE code = ?");
  EXPECT_TRUE(select.ok());
  if (!select.ok() || !select->BindText(1, code).ok()) return "";
  auto row = select->Step();
  return row.ok() && *row ? select->ColumnText(0) : "";
}

TEST_F(OutboxDeskTest, TheReceiptShownIsTheStoredSignedTextAndAReprintGivesItAgain) {
  const std::string scan = scratch_.File("giay-bao-tu.jpg");
  std::filesystem::copy_file(std::string(DVC_SOURCE_DIR) + "/tests/kiosk/scans/giay-chung-sinh.jpg",
                             scan);
  Result<receipt::ReceiptData> shown = desk_->Submit(DeathRegistration(scan));
  ASSERT_TRUE(shown.ok()) << shown.status().message();
  const std::string code = shown->dossier_code;
  ASSERT_FALSE(shown->qr_text.empty());
  EXPECT_EQ(DeskStoredReceiptQr(config_.data_dir, code), shown->qr_text);

  // It is this kiosk's signature over the receipt's own fields.
  Result<KioskIdentity> identity = KioskIdentity::LoadOrCreate(config_.data_dir);
  ASSERT_TRUE(identity.ok());
  receipt::PublicKey pk{};
  std::copy(identity->public_key().begin(), identity->public_key().end(), pk.begin());
  auto fields = receipt::VerifyQrPayload(
      shown->qr_text, [&](std::string_view id) -> std::optional<receipt::PublicKey> {
        if (id == identity->signer_id()) return pk;
        return std::nullopt;
      });
  ASSERT_TRUE(fields.ok()) << fields.status().message();
  EXPECT_EQ(fields->dossier_code, code);
  EXPECT_EQ(fields->appointment, shown->appointment.date);
  EXPECT_EQ(fields->received.date, calendar::Date::Ymd(2026, 11, 27));

  // A reprint shows the stored text.
  auto found = desk_->Find(*dossier::ParseDossierCode(code));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->receipt.qr_text, shown->qr_text);
  EXPECT_FALSE((*found)->receipt.official_appointment.has_value());

  // The gateway set another date: the reprint keeps the signed text and the
  // signed appointment, and adds the official one.
  ExecOnDeskDatabase(config_.data_dir,
                     "INSERT INTO dossier_sync(dossier_seq, state, official_appointment)"
                     " SELECT seq, 'acked', '2026-12-15' FROM dossiers WHERE code = ?",
                     code);
  found = desk_->Find(*dossier::ParseDossierCode(code));
  ASSERT_TRUE(found.ok() && found->has_value());
  const receipt::ReceiptData& reprint = (*found)->receipt;
  EXPECT_EQ(reprint.qr_text, shown->qr_text);
  EXPECT_EQ(reprint.appointment, shown->appointment);
  ASSERT_TRUE(reprint.official_appointment.has_value());
  EXPECT_EQ(reprint.official_appointment->date, calendar::Date::Ymd(2026, 12, 15));

  // A dossier stored before the text was (NULL): signed again, to the same
  // text, since Ed25519 is deterministic and the fields are the same.
  ExecOnDeskDatabase(config_.data_dir,
                     "DELETE FROM dossier_sync WHERE dossier_seq ="
                     " (SELECT seq FROM dossiers WHERE code = ?)",
                     code);
  ExecOnDeskDatabase(config_.data_dir, "UPDATE dossiers SET receipt_qr = NULL WHERE code = ?",
                     code);
  found = desk_->Find(*dossier::ParseDossierCode(code));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->receipt.qr_text, shown->qr_text);
}

}  // namespace
}  // namespace dvc::kiosk
