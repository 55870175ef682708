#include "outbox/sync_queue.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "core/file_util.h"
#include "outbox/outbox.h"
#include "outbox/sync_test_support.h"

namespace dvc::kiosk {
namespace {

using dossier::DossierStatus;
using testing::At;
using testing::CertifiedCopyRequest;

dossier::Timestamp T(int64_t seconds) { return dossier::Timestamp(std::chrono::seconds(seconds)); }

// A data directory enrolled to a fresh province key pair, with an Outbox and
// a SyncQueue open on it.
class SyncQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_.File("data");
    ASSERT_TRUE(SaveEnrolment(dir_, testing::TestEnrolment(keys_)).ok());
    auto outbox = Outbox::Open(dir_, testing::TestOutboxOptions());
    ASSERT_TRUE(outbox.ok()) << outbox.status().message();
    outbox_ = std::move(outbox).value();
    auto queue = SyncQueue::Open(dir_);
    ASSERT_TRUE(queue.ok()) << queue.status().message();
    queue_ = std::move(queue).value();
  }

  // Submits the certified-copy request at minute `minute`; returns it.
  SubmittedDossier Submit(int minute, std::string phone = "0912345678") {
    SubmissionRequest request = CertifiedCopyRequest();
    request.received = At(2026, 11, 27, 9, minute);
    request.phone = phone;
    request.answers["phone"] = phone;
    auto submitted = outbox_->Submit(request);
    EXPECT_TRUE(submitted.ok()) << submitted.status().message();
    return submitted.ok() ? *submitted : SubmittedDossier{};
  }

  SubmittedDossier SubmitWithScan(const std::string& bytes) {
    const std::string scan = testing::WriteFileIn(scratch_, "scan.jpg", bytes);
    auto ref = outbox_->StoreAttachment(scan, "birth_cert_scan");
    EXPECT_TRUE(ref.ok()) << ref.status().message();
    auto submitted =
        outbox_->Submit(testing::BirthRequest(*ref, "034195001234", "Trần Thị Lan", "0987654321"));
    EXPECT_TRUE(submitted.ok()) << submitted.status().message();
    return submitted.ok() ? *submitted : SubmittedDossier{};
  }

  std::vector<sync::PushDossier> Batch(size_t limit = 100) {
    auto batch = queue_->NextPushBatch(limit);
    EXPECT_TRUE(batch.ok()) << batch.status().message();
    return batch.ok() ? *batch : std::vector<sync::PushDossier>{};
  }

  OutboxEntry Find(const std::string& code) {
    auto found = outbox_->FindByCode(code);
    EXPECT_TRUE(found.ok() && found->has_value());
    return found.ok() && found->has_value() ? **found : OutboxEntry{};
  }

  static sync::PushResult Stored(const SubmittedDossier& d, int64_t received_at,
                                 std::optional<calendar::Date> official = std::nullopt) {
    sync::PushResult r;
    r.id = d.id;
    r.code = d.code;
    r.result = sync::PushOutcome::kStored;
    r.received_at = T(received_at);
    r.official_appointment = official;
    r.status = DossierStatus::kReceived;
    return r;
  }

  static sync::PushResult Refused(const SubmittedDossier& d, std::string code) {
    sync::PushResult r;
    r.id = d.id;
    r.code = d.code;
    r.result = sync::PushOutcome::kRefused;
    r.error = sync::ApiError{0, std::move(code), "ho_ten: thiếu họ tên"};
    return r;
  }

  int64_t QueryInt(store::Sql sql) {
    auto select = outbox_->database().Prepare("test: query", sql);
    EXPECT_TRUE(select.ok()) << select.status().message();
    if (!select.ok()) return -1;
    auto row = select->Step();
    return row.ok() && *row ? select->ColumnInt64(0) : -1;
  }

  store::ScratchDir scratch_;
  sync::ProvinceKeys keys_ = testing::MakeProvinceKeys(scratch_);
  std::string dir_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<SyncQueue> queue_;
};

TEST(SyncQueueOpenTest, ADirectoryWithoutOutboxIsNotFound) {
  store::ScratchDir scratch;
  auto queue = SyncQueue::Open(scratch.File("nothing"));
  ASSERT_FALSE(queue.ok());
  EXPECT_EQ(queue.status().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(scratch.File("nothing/kiosk.db")));
}

TEST(SyncQueueOpenTest, BeforeEnrolmentThereIsNothingToSync) {
  store::ScratchDir scratch;
  const std::string dir = scratch.File("data");
  auto outbox = Outbox::Open(dir, testing::TestOutboxOptions());
  ASSERT_TRUE(outbox.ok());
  ASSERT_TRUE((*outbox)->Submit(CertifiedCopyRequest()).ok());
  auto queue = SyncQueue::Open(dir);
  ASSERT_TRUE(queue.ok()) << queue.status().message();
  auto enrolment = (*queue)->LoadEnrolment();
  ASSERT_TRUE(enrolment.ok());
  EXPECT_FALSE(enrolment->has_value());
  auto batch = (*queue)->NextPushBatch(10);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(batch->empty());
  auto listed = (*outbox)->List();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->at(0).sync_state, SyncState::kNotEnrolled);
  EXPECT_EQ(listed->at(0).masked_phone, "091****678");
}

TEST(KioskStartTest, ADirectoryWithoutKioskDbIsNotEnrolledAndStaysEmpty) {
  store::ScratchDir scratch;
  auto start = ReadKioskStart(scratch.File("nothing"));
  ASSERT_TRUE(start.ok()) << start.status().message();
  EXPECT_FALSE(start->enrolment.has_value());
  EXPECT_EQ(start->clock_offset_ms, 0);
  EXPECT_FALSE(std::filesystem::exists(scratch.File("nothing/kiosk.db")));
}

TEST_F(SyncQueueTest, TheStartReadsTheEnrolmentAndTheLastClockOffset) {
  auto before = ReadKioskStart(dir_);
  ASSERT_TRUE(before.ok()) << before.status().message();
  ASSERT_TRUE(before->enrolment.has_value());
  EXPECT_EQ(before->enrolment->kiosk_id, 17);
  EXPECT_EQ(before->clock_offset_ms, 0);
  ASSERT_TRUE(queue_->RecordSyncSuccess(T(1795009000), -125000).ok());
  auto after = ReadKioskStart(dir_);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->clock_offset_ms, -125000);
  EXPECT_EQ(queue_->ClockOffsetMs().value(), -125000);
}

TEST_F(SyncQueueTest, LoadsTheEnrolment) {
  auto enrolment = queue_->LoadEnrolment();
  ASSERT_TRUE(enrolment.ok());
  ASSERT_TRUE(enrolment->has_value());
  EXPECT_EQ((*enrolment)->kiosk_id, 17);
  EXPECT_EQ((*enrolment)->issuer, 3u);
  EXPECT_EQ((*enrolment)->province.sealing_key, keys_.PublicKeys().sealing_key);
  EXPECT_EQ((*enrolment)->gateway_url, "https://gateway.test");
}

TEST_F(SyncQueueTest, PushBatchesAreOldestFirstAndCarryTheSealedPrivatePart) {
  const SubmittedDossier a = Submit(1, "0911111111");
  const SubmittedDossier b = Submit(2, "0922222222");
  const SubmittedDossier c = Submit(3, "0933333333");
  // The code belongs to the enrolment's commune and issuer, not the options'.
  auto parsed = dossier::ParseDossierCode(a.code);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->issuer(), 3u);

  const auto first = Batch(2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, a.id);
  EXPECT_EQ(first[1].id, b.id);
  EXPECT_EQ(first[0].code, a.code);
  EXPECT_EQ(first[0].service_id, "chung-thuc-ban-sao");
  EXPECT_EQ(first[0].catalog_version, testing::Shipped().catalog.version());
  EXPECT_EQ(first[0].created_at, T(At(2026, 11, 27, 9, 1).ToUnixSeconds()));
  EXPECT_EQ(first[0].kiosk_appointment, calendar::Date::Ymd(2026, 11, 30));
  EXPECT_TRUE(first[0].attachments.empty());
  auto part = testing::OpenPrivatePart(keys_, first[1].sealed);
  ASSERT_TRUE(part.ok()) << part.status().message();
  EXPECT_EQ(part->phone, "0922222222");
  EXPECT_EQ(part->applicant_name, "Nguyễn Văn An");
  EXPECT_EQ(part->answers.at("citizen_id"), "034090001234");
  // The envelope passes the shared writer and reader unchanged.
  auto again = sync::PushDossierFromJson(sync::ToJson(first[0]));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->sealed, first[0].sealed);
  EXPECT_EQ(Batch().size(), 3u);
  EXPECT_EQ(Batch(1000).back().id, c.id);
}

TEST_F(SyncQueueTest, PushCarriesTheReceiptQrStoredAtSubmit) {
  SubmissionRequest request = CertifiedCopyRequest();
  request.sign_receipt = [](const SubmittedDossier& d) -> Result<std::string> {
    return "DVC1|" + d.code + "|as printed";
  };
  auto signed_one = outbox_->Submit(request);
  ASSERT_TRUE(signed_one.ok()) << signed_one.status().message();
  Submit(5);  // no signer: nothing to send
  const auto batch = Batch();
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].receipt_qr, "DVC1|" + signed_one->code + "|as printed");
  EXPECT_EQ(batch[1].receipt_qr, "");
  const nlohmann::json j = sync::ToJson(batch[0]);
  EXPECT_EQ(j.at("receipt_qr"), batch[0].receipt_qr);
  EXPECT_FALSE(sync::ToJson(batch[1]).contains("receipt_qr"));
}

TEST_F(SyncQueueTest, StoredAndDuplicateAreAckedWithTheOfficialDateAndTheSealedPartGone) {
  const SubmittedDossier a = Submit(1);
  const SubmittedDossier b = Submit(2);
  const SubmittedDossier c = Submit(3);
  sync::PushResponse response;
  response.results.push_back(Stored(a, 1795000100, calendar::Date::Ymd(2026, 12, 1)));
  sync::PushResult dup = Stored(b, 1795000050);
  dup.result = sync::PushOutcome::kDuplicate;
  response.results.push_back(dup);
  ASSERT_TRUE(queue_->RecordPushResults(response, T(1795000200)).ok());

  const auto left = Batch();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].id, c.id);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM dossier_sync WHERE sealed IS NULL"), 2);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM dossier_sync WHERE state = 'acked'"
                     " AND received_at IS NOT NULL AND acked_at = 1795000200"),
            2);

  // Look-up and reprint show the gateway's status and official date.
  const OutboxEntry entry = Find(a.code);
  EXPECT_EQ(entry.status, DossierStatus::kReceived);
  EXPECT_EQ(entry.status_at, T(1795000100));
  EXPECT_EQ(entry.sync_state, SyncState::kAcked);
  ASSERT_TRUE(entry.official_appointment.has_value());
  EXPECT_EQ(*entry.official_appointment, calendar::Date::Ymd(2026, 12, 1));
  ASSERT_TRUE(entry.appointment.has_value());
  EXPECT_EQ(entry.appointment->date, calendar::Date::Ymd(2026, 12, 1));
  EXPECT_EQ(entry.appointment->time, (calendar::TimeOfDay{9, 15, 0}));
  EXPECT_EQ(Find(b.code).appointment->date, calendar::Date::Ymd(2026, 11, 30));
  EXPECT_EQ(Find(c.code).sync_state, SyncState::kQueued);
  // The history has the arrival, by the gateway.
  EXPECT_EQ(QueryInt("SELECT count(*) FROM dossier_statuses WHERE from_status = 'queued_at_kiosk'"
                     " AND to_status = 'received' AND actor = 'gateway'"),
            2);

  // The same answer again changes nothing (no second history row).
  ASSERT_TRUE(queue_->RecordPushResults(response, T(1795000300)).ok());
  EXPECT_EQ(QueryInt("SELECT count(*) FROM dossier_statuses WHERE to_status = 'received'"), 2);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM dossier_sync WHERE acked_at = 1795000200"), 2);
}

TEST_F(SyncQueueTest, RefusedIsSetAsideWithItsReasonAndNeverBlocksTheQueue) {
  const SubmittedDossier a = Submit(1);
  const SubmittedDossier b = Submit(2);
  sync::PushResponse response;
  response.results.push_back(Refused(a, "invalid_answers"));
  ASSERT_TRUE(queue_->RecordPushResults(response, T(1795000400)).ok());

  const auto left = Batch();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].id, b.id);
  auto aside = queue_->SetAside();
  ASSERT_TRUE(aside.ok());
  ASSERT_EQ(aside->size(), 1u);
  EXPECT_EQ(aside->at(0).code, a.code);
  EXPECT_EQ(aside->at(0).error_code, "invalid_answers");
  EXPECT_EQ(aside->at(0).reason, "ho_ten: thiếu họ tên");
  EXPECT_EQ(aside->at(0).masked_name, "Nguyễn V. A.");
  EXPECT_EQ(aside->at(0).service_id, "chung-thuc-ban-sao");
  EXPECT_EQ(aside->at(0).set_aside_at, T(1795000400));
  const OutboxEntry entry = Find(a.code);
  EXPECT_EQ(entry.sync_state, SyncState::kSetAside);
  EXPECT_EQ(entry.set_aside_reason, "ho_ten: thiếu họ tên");
  EXPECT_EQ(entry.status, DossierStatus::kQueuedAtKiosk);
  auto summary = queue_->Summarize();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->queued, 1);
  EXPECT_EQ(summary->set_aside, 1);

  // Staff withdraw it: withdrawn, its sealed part gone, no longer listed.
  EXPECT_EQ(queue_->Withdraw(b.id, T(1795000500), "").code(), ErrorCode::kNotFound);  // queued
  ASSERT_TRUE(queue_->Withdraw(a.id, T(1795000500), "nhập lại").ok());
  EXPECT_EQ(Find(a.code).status, DossierStatus::kWithdrawn);
  EXPECT_TRUE(queue_->SetAside()->empty());
  EXPECT_EQ(queue_->Summarize()->set_aside, 0);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM dossier_sync WHERE sealed IS NULL"), 1);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM dossier_statuses WHERE to_status = 'withdrawn'"
                     " AND actor = 'kiosk' AND note = 'nhập lại'"),
            1);
  EXPECT_EQ(queue_->Withdraw(a.id, T(1795000600), "").code(), ErrorCode::kNotFound);
}

TEST_F(SyncQueueTest, ResultsForDossiersTheQueueDoesNotHoldAreIgnored) {
  const SubmittedDossier a = Submit(1);
  sync::PushResponse response;
  SubmittedDossier stranger = a;
  stranger.id = dossier::NewDossierId();
  response.results.push_back(Stored(stranger, 1795000100));
  SubmittedDossier wrong_code = a;
  wrong_code.code = "12430AAAAAAAA";
  response.results.push_back(Refused(wrong_code, "invalid_answers"));
  ASSERT_TRUE(queue_->RecordPushResults(response, T(1795000200)).ok());
  EXPECT_EQ(Batch().size(), 1u);
  EXPECT_EQ(Find(a.code).sync_state, SyncState::kQueued);
}

TEST_F(SyncQueueTest, AttachmentsOfAckedDossiersAreUploadedAndThenDeleted) {
  const SubmittedDossier a = SubmitWithScan("first scan bytes");
  const SubmittedDossier b = SubmitWithScan("second scan bytes");
  const auto batch = Batch();
  ASSERT_EQ(batch.size(), 2u);
  ASSERT_EQ(batch[0].attachments.size(), 1u);
  const dossier::AttachmentRef ref_a = batch[0].attachments[0];
  const dossier::AttachmentRef ref_b = batch[1].attachments[0];
  EXPECT_EQ(ref_a.field, "birth_cert_scan");
  // The gateway takes attachments of dossiers it stored only.
  auto pending = queue_->PendingUploads(10);
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());

  sync::PushResponse response;
  response.results.push_back(Stored(a, 1795000100));
  response.results.push_back(Stored(b, 1795000100));
  ASSERT_TRUE(queue_->RecordPushResults(response, T(1795000200)).ok());
  pending = queue_->PendingUploads(10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ(pending->at(0).sha256, ref_a.sha256);
  EXPECT_EQ(pending->at(0).size, ref_a.size);
  EXPECT_EQ(pending->at(0).acked_offset, 0u);
  EXPECT_FALSE(pending->at(0).started);  // nothing sent yet: no HEAD needed
  EXPECT_EQ(pending->at(0).path, outbox_->AttachmentPath(ref_a.sha256));
  // The file is the sealed one: it opens to the scan.
  auto sealed = core::ReadFile(pending->at(0).path);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), ref_a.size);
  auto clear = sync::OpenSealed(keys_.sealing_public(), keys_.sealing_secret(), *sealed);
  ASSERT_TRUE(clear.ok());
  EXPECT_EQ(*clear, "first scan bytes");

  ASSERT_TRUE(queue_->RecordUploadOffset(ref_a.sha256, 0).ok());  // before the first chunk
  EXPECT_TRUE(queue_->PendingUploads(10)->at(0).started);
  EXPECT_FALSE(queue_->PendingUploads(10)->at(1).started);
  ASSERT_TRUE(queue_->RecordUploadOffset(ref_a.sha256, 10).ok());
  EXPECT_EQ(queue_->PendingUploads(10)->at(0).acked_offset, 10u);
  EXPECT_EQ(queue_->RecordUploadOffset(ref_a.sha256, ref_a.size + 1).code(),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(queue_->RecordUploadOffset(std::string(64, 'a'), 1).code(), ErrorCode::kNotFound);

  ASSERT_TRUE(queue_->RecordUploadComplete(ref_a.sha256).ok());
  EXPECT_FALSE(std::filesystem::exists(outbox_->AttachmentPath(ref_a.sha256)));
  ASSERT_TRUE(queue_->RecordUploadRefused(ref_b.sha256, "hash_mismatch").ok());
  pending = queue_->PendingUploads(10);
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());
  auto summary = queue_->Summarize();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->uploads_pending, 0);
  EXPECT_EQ(summary->uploads_refused, 1);
  EXPECT_EQ(queue_->RecordUploadComplete(std::string(64, 'b')).code(), ErrorCode::kNotFound);
}

TEST_F(SyncQueueTest, ChangesGoThroughTheHistoryInOrderAndAdvanceTheCursor) {
  const SubmittedDossier a = Submit(1);
  const SubmittedDossier b = Submit(2);
  sync::PushResponse response;
  response.results.push_back(Stored(a, 1795000100));
  ASSERT_TRUE(queue_->RecordPushResults(response, T(1795000200)).ok());

  sync::ChangesPage page;
  auto change = [](int64_t seq, const SubmittedDossier& d, DossierStatus status, int64_t at) {
    sync::Change c;
    c.seq = seq;
    c.id = d.id;
    c.code = d.code;
    c.status = status;
    c.at = T(at);
    return c;
  };
  page.changes.push_back(change(40, a, DossierStatus::kAccepted, 1795001000));
  page.changes.push_back(change(41, a, DossierStatus::kInProcessing, 1795002000));
  // Older than the current status's time: still recorded, in this order.
  sync::Change older = change(42, a, DossierStatus::kNeedsSupplement, 1795001500);
  older.note = "Bổ sung bản chính";
  older.official_appointment = calendar::Date::Ymd(2026, 12, 4);
  page.changes.push_back(older);
  SubmittedDossier unknown = b;
  unknown.id = dossier::NewDossierId();
  page.changes.push_back(change(43, unknown, DossierStatus::kRejected, 1795003000));
  page.next = 43;
  ASSERT_TRUE(queue_->ApplyChanges(page).ok());

  const OutboxEntry entry = Find(a.code);
  EXPECT_EQ(entry.status, DossierStatus::kNeedsSupplement);
  EXPECT_EQ(entry.status_at, T(1795001500));
  EXPECT_EQ(entry.appointment->date, calendar::Date::Ymd(2026, 12, 4));
  EXPECT_EQ(Find(b.code).status, DossierStatus::kQueuedAtKiosk);
  auto history = outbox_->database().Prepare(
      "test: history",
      "SELECT from_status, to_status, actor, note FROM dossier_statuses s JOIN dossiers d"
      " ON d.seq = s.dossier_seq WHERE d.code = ? ORDER BY s.rowid");
  ASSERT_TRUE(history.ok());
  ASSERT_TRUE(history->BindText(1, a.code).ok());
  std::vector<std::string> rows;
  while (*history->Step()) {
    rows.push_back(history->ColumnText(0) + ">" + history->ColumnText(1) + " " +
                   history->ColumnText(2) + " " + history->ColumnText(3));
  }
  EXPECT_EQ(rows, (std::vector<std::string>{
                      ">queued_at_kiosk kiosk ",
                      "queued_at_kiosk>received gateway ",
                      "received>accepted officer ",
                      "accepted>in_processing officer ",
                      "in_processing>needs_supplement officer Bổ sung bản chính",
                  }));
  auto summary = queue_->Summarize();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->cursor, 43);

  // An empty page keeps the cursor; a page behind it never moves it back.
  sync::ChangesPage behind;
  behind.next = 12;
  ASSERT_TRUE(queue_->ApplyChanges(behind).ok());
  EXPECT_EQ(queue_->Summarize()->cursor, 43);
}

TEST_F(SyncQueueTest, SummaryReportsQueueDepthLastSyncAndClockOffset) {
  Submit(1);
  SubmitWithScan("scan");
  auto summary = queue_->Summarize();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->queued, 2);
  EXPECT_EQ(summary->set_aside, 0);
  EXPECT_EQ(summary->uploads_pending, 1);
  EXPECT_FALSE(summary->last_sync.has_value());
  EXPECT_EQ(summary->clock_offset_ms, 0);
  ASSERT_TRUE(queue_->RecordSyncSuccess(T(1795009000), -125000).ok());
  summary = queue_->Summarize();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->last_sync, T(1795009000));
  EXPECT_EQ(summary->clock_offset_ms, -125000);
}

// A sync worker killed at random points while recording acknowledgements and
// changes: after each kill, every dossier is either wholly acked (state,
// sealed copy gone, status and its history row) or wholly queued, and the
// cursor matches the change pages applied.
TEST_F(SyncQueueTest, KilledWorkerLeavesEachRecordWholeOrNotAtAll) {
  std::vector<SubmittedDossier> dossiers;
  for (int i = 0; i < 30; ++i) dossiers.push_back(Submit(i % 60));
  queue_.reset();
  for (unsigned seed = 1; seed <= 4; ++seed) {
    std::mt19937 random(seed);
    const int kill_after = std::uniform_int_distribution<int>(0, 6)(random);
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      auto queue = SyncQueue::Open(dir_);
      if (!queue.ok()) _exit(2);
      for (int64_t round = 1;; ++round) {
        // Acknowledge the next 3 queued dossiers, then move every acked one.
        auto batch = (*queue)->NextPushBatch(3);
        if (!batch.ok()) _exit(3);
        sync::PushResponse response;
        for (const sync::PushDossier& d : *batch) {
          sync::PushResult r;
          r.id = d.id;
          r.code = d.code;
          r.received_at = T(1795000000 + round);
          r.status = DossierStatus::kReceived;
          response.results.push_back(r);
        }
        if (!(*queue)->RecordPushResults(response, T(1795000000 + round)).ok()) _exit(4);
        auto summary = (*queue)->Summarize();
        if (!summary.ok()) _exit(5);
        sync::ChangesPage page;
        for (const SubmittedDossier& d : dossiers) {
          sync::Change c;
          c.id = d.id;
          c.code = d.code;
          c.status = (summary->cursor % 2 == 0) ? DossierStatus::kInProcessing
                                                : DossierStatus::kNeedsSupplement;
          c.at = T(1795100000 + summary->cursor);
          page.changes.push_back(c);
        }
        page.next = summary->cursor + 1;
        if (!(*queue)->ApplyChanges(page).ok()) _exit(6);
        if (write(fds[1], "x", 1) != 1) _exit(7);
      }
    }
    close(fds[1]);
    char buffer[64];
    for (int seen = 0; seen < kill_after;) {
      const ssize_t n = read(fds[0], buffer, sizeof buffer);
      if (n <= 0) break;
      seen += static_cast<int>(n);
    }
    kill(child, SIGKILL);
    close(fds[0]);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);

    auto check = outbox_->database().Prepare("test: integrity", "PRAGMA integrity_check");
    ASSERT_TRUE(check.ok());
    ASSERT_TRUE(*check->Step());
    EXPECT_EQ(check->ColumnText(0), "ok") << "seed " << seed;
    // Acked ⇔ no sealed copy ⇔ received recorded in the history.
    EXPECT_EQ(QueryInt("SELECT count(*) FROM dossier_sync WHERE (state = 'acked') <>"
                       " (sealed IS NULL)"),
              0)
        << "seed " << seed;
    EXPECT_EQ(QueryInt("SELECT count(*) FROM dossier_sync s WHERE (s.state = 'acked') <>"
                       " EXISTS (SELECT 1 FROM dossier_statuses h WHERE h.dossier_seq ="
                       " s.dossier_seq AND h.to_status = 'received')"),
              0)
        << "seed " << seed;
    const int64_t cursor = QueryInt("SELECT cursor FROM sync_meta");
    // Changes to queued dossiers count too, so every page adds one row per
    // dossier: 30 per page, all or nothing.
    EXPECT_EQ(QueryInt("SELECT count(*) FROM dossier_statuses WHERE to_status IN"
                       " ('in_processing', 'needs_supplement')"),
              30 * cursor)
        << "seed " << seed;
  }
}

}  // namespace
}  // namespace dvc::kiosk
