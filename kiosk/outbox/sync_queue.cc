#include "outbox/sync_queue.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "calendar/local_time.h"
#include "core/hex.h"
#include "outbox/kiosk_schema.h"
#include "store/transaction.h"
#include "sync/sealing.h"

namespace dvc::kiosk {

namespace {

using dossier::Actor;
using dossier::DossierStatus;

int64_t Seconds(dossier::Timestamp t) { return t.time_since_epoch().count(); }
dossier::Timestamp FromSeconds(int64_t s) { return dossier::Timestamp(std::chrono::seconds(s)); }

// Who the kiosk records as having made a change the gateway reports.
constexpr std::pair<DossierStatus, Actor> kActorOfStatus[] = {
    {DossierStatus::kReceived, Actor::kGateway},
    {DossierStatus::kPaid, Actor::kPaymentService},
};
Actor ActorOf(DossierStatus status) {
  for (const auto& [s, actor] : kActorOfStatus) {
    if (s == status) return actor;
  }
  return Actor::kOfficer;
}

// A dossier the queue holds, as a result or change names it.
struct Held {
  int64_t seq = 0;
  std::string code;
  DossierStatus status = DossierStatus::kQueuedAtKiosk;
  std::optional<std::string> state;  // dossier_sync.state; none before enrolment
};

Result<std::optional<Held>> FindById(store::Database& db, const std::string& id) {
  auto select = db.Prepare("sync: find dossier",
                           "SELECT d.seq, d.code, d.status, s.state FROM dossiers d"
                           " LEFT JOIN dossier_sync s ON s.dossier_seq = d.seq WHERE d.id = ?");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindText(1, id));
  auto row = select->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Held>();
  Held held;
  held.seq = select->ColumnInt64(0);
  held.code = select->ColumnText(1);
  auto status = dossier::StatusFromId(select->ColumnText(2));
  if (!status) return Status::Corrupt("dossier " + held.code + ": unknown status");
  held.status = *status;
  if (!select->ColumnIsNull(3)) held.state = select->ColumnText(3);
  return std::optional<Held>(std::move(held));
}

// Moves the dossier to `to` and appends the change to its history.
Status RecordStatus(store::Database& db, const Held& held, DossierStatus to, dossier::Timestamp at,
                    const std::string& note, Actor actor) {
  auto history = db.Prepare("sync: record status",
                            "INSERT INTO dossier_statuses(dossier_seq, from_status, to_status, at,"
                            " actor, note) VALUES(?, ?, ?, ?, ?, ?)");
  if (!history.ok()) return history.status();
  DVC_RETURN_IF_ERROR(history->BindInt64(1, held.seq));
  DVC_RETURN_IF_ERROR(history->BindText(2, dossier::StatusId(held.status)));
  DVC_RETURN_IF_ERROR(history->BindText(3, dossier::StatusId(to)));
  DVC_RETURN_IF_ERROR(history->BindInt64(4, Seconds(at)));
  DVC_RETURN_IF_ERROR(history->BindText(5, dossier::ActorId(actor)));
  DVC_RETURN_IF_ERROR(history->BindText(6, note));
  DVC_RETURN_IF_ERROR(history->Run());
  auto update = db.Prepare("sync: current status",
                           "UPDATE dossiers SET status = ?, status_at = ? WHERE seq = ?");
  if (!update.ok()) return update.status();
  DVC_RETURN_IF_ERROR(update->BindText(1, dossier::StatusId(to)));
  DVC_RETURN_IF_ERROR(update->BindInt64(2, Seconds(at)));
  DVC_RETURN_IF_ERROR(update->BindInt64(3, held.seq));
  return update->Run();
}

Status RecordOfficialAppointment(store::Database& db, int64_t seq, const calendar::Date& date) {
  auto update =
      db.Prepare("sync: official appointment",
                 "UPDATE dossier_sync SET official_appointment = ? WHERE dossier_seq = ?");
  if (!update.ok()) return update.status();
  DVC_RETURN_IF_ERROR(update->BindText(1, date.ToIso()));
  DVC_RETURN_IF_ERROR(update->BindInt64(2, seq));
  return update->Run();
}

Status Acknowledge(store::Database& db, const Held& held, const sync::PushResult& result,
                   dossier::Timestamp now) {
  if (held.state != "queued" && held.state != "set_aside") return Status::Ok();  // acked already
  auto ack = db.Prepare("sync: acknowledge",
                        "UPDATE dossier_sync SET state = 'acked', sealed = NULL, acked_at = ?,"
                        " received_at = ?, error_code = NULL, reason = NULL, set_aside_at = NULL"
                        " WHERE dossier_seq = ?");
  if (!ack.ok()) return ack.status();
  DVC_RETURN_IF_ERROR(ack->BindInt64(1, Seconds(now)));
  if (result.received_at) {
    DVC_RETURN_IF_ERROR(ack->BindInt64(2, Seconds(*result.received_at)));
  } else {
    DVC_RETURN_IF_ERROR(ack->BindNull(2));
  }
  DVC_RETURN_IF_ERROR(ack->BindInt64(3, held.seq));
  DVC_RETURN_IF_ERROR(ack->Run());
  if (result.official_appointment) {
    DVC_RETURN_IF_ERROR(RecordOfficialAppointment(db, held.seq, *result.official_appointment));
  }
  const DossierStatus status = result.status.value_or(DossierStatus::kReceived);
  if (status == held.status) return Status::Ok();
  return RecordStatus(db, held, status, result.received_at.value_or(now), "", ActorOf(status));
}

Status SetAsideRefused(store::Database& db, const Held& held, const sync::PushResult& result,
                       dossier::Timestamp now) {
  if (held.state != "queued") return Status::Ok();
  auto update =
      db.Prepare("sync: set aside",
                 "UPDATE dossier_sync SET state = 'set_aside', error_code = ?, reason = ?,"
                 " set_aside_at = ? WHERE dossier_seq = ?");
  if (!update.ok()) return update.status();
  const sync::ApiError error =
      result.error.value_or(sync::ApiError{0, "refused", "the gateway gave no reason"});
  DVC_RETURN_IF_ERROR(update->BindText(1, error.code));
  DVC_RETURN_IF_ERROR(update->BindText(2, error.message));
  DVC_RETURN_IF_ERROR(update->BindInt64(3, Seconds(now)));
  DVC_RETURN_IF_ERROR(update->BindInt64(4, held.seq));
  return update->Run();
}

Result<int64_t> QueryCount(store::Database& db, store::Sql sql) {
  auto select = db.Prepare("sync: count", sql);
  if (!select.ok()) return select.status();
  auto row = select->Step();
  if (!row.ok()) return row.status();
  return *row ? select->ColumnInt64(0) : 0;
}

// Runs `statement` (an UPDATE of one attachment_sync row); kNotFound when it
// changed nothing.
Status UpdateAttachment(store::Database& db, store::Statement& statement,
                        const std::string& sha256) {
  DVC_RETURN_IF_ERROR(statement.Run());
  if (db.ChangedRows() == 0) {
    return Status::NotFound("attachment " + sha256 + ": not in the upload queue");
  }
  return Status::Ok();
}

}  // namespace

SyncQueue::SyncQueue(std::string data_dir, std::unique_ptr<store::Database> db)
    : data_dir_(std::move(data_dir)), db_(std::move(db)) {}

Result<std::unique_ptr<SyncQueue>> SyncQueue::Open(const std::string& data_dir) {
  const std::string path = KioskDatabasePath(data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (ec) return Status::Io(path + ": " + ec.message());
    return Status::NotFound(path + ": no outbox here yet (the kiosk has never run)");
  }
  auto db = OpenKioskDatabase(data_dir, /*create=*/false);
  if (!db.ok()) return db.status();
  return std::make_unique<SyncQueue>(data_dir, std::move(db).value());
}

Result<std::optional<Enrolment>> SyncQueue::LoadEnrolment() { return ReadEnrolment(*db_); }

Result<std::vector<sync::PushDossier>> SyncQueue::NextPushBatch(size_t limit) {
  limit = std::min(limit, sync::kMaxDossiersPerPush);
  auto select = db_->Prepare(
      "sync: next push batch",
      "SELECT d.seq, d.id, d.code, d.service_id, d.catalog_version, d.form_version, d.created_at,"
      " d.appointment_local, s.sealed, COALESCE(d.receipt_qr, '') FROM dossier_sync s"
      " JOIN dossiers d ON d.seq = s.dossier_seq"
      " WHERE s.state = 'queued' ORDER BY d.seq LIMIT ?");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindInt64(1, static_cast<int64_t>(limit)));
  std::vector<std::pair<int64_t, sync::PushDossier>> rows;
  for (;;) {
    auto row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    sync::PushDossier d;
    d.id = select->ColumnText(1);
    d.code = select->ColumnText(2);
    d.service_id = select->ColumnText(3);
    d.catalog_version = select->ColumnText(4);
    d.form_version = static_cast<int>(select->ColumnInt64(5));
    d.created_at = FromSeconds(select->ColumnInt64(6));
    const std::string appointment = select->ColumnText(7);
    if (!appointment.empty()) {
      auto local = calendar::LocalDateTime::ParseIso(appointment);
      if (!local.ok()) return Status::Corrupt("dossier " + d.code + ": bad appointment");
      d.kiosk_appointment = local->date;
    }
    const std::vector<uint8_t> sealed = select->ColumnBlob(8);
    d.sealed = sync::Base64Encode(
        std::string_view(reinterpret_cast<const char*>(sealed.data()), sealed.size()));
    // The QR printed on the resident's receipt ('' for a dossier submitted
    // before it was stored: the gateway then signs its copy as the province).
    d.receipt_qr = select->ColumnText(9);
    rows.emplace_back(select->ColumnInt64(0), std::move(d));
  }
  auto attachments = PrepareAttachmentRefs(*db_);
  if (!attachments.ok()) return attachments.status();
  std::vector<sync::PushDossier> out;
  out.reserve(rows.size());
  for (auto& [seq, d] : rows) {
    DVC_RETURN_IF_ERROR(ReadAttachmentRefs(*attachments, seq, d.attachments));
    out.push_back(std::move(d));
  }
  return out;
}

Status SyncQueue::RecordPushResults(const sync::PushResponse& response, dossier::Timestamp now) {
  auto tx = store::Transaction::Begin(*db_);
  if (!tx.ok()) return tx.status().WithContext("record push results");
  for (const sync::PushResult& result : response.results) {
    auto held = FindById(*db_, result.id);
    if (!held.ok()) return held.status();
    // Not ours, or an answer that names another dossier's code: ignored.
    if (!held->has_value() || (*held)->code != result.code || !(*held)->state) continue;
    if (result.result == sync::PushOutcome::kRefused) {
      DVC_RETURN_IF_ERROR(SetAsideRefused(*db_, **held, result, now));
    } else {
      DVC_RETURN_IF_ERROR(Acknowledge(*db_, **held, result, now));
    }
  }
  return tx->Commit().WithContext("record push results");
}

Result<std::vector<PendingUpload>> SyncQueue::PendingUploads(size_t limit) {
  auto select =
      db_->Prepare("sync: pending uploads",
                   "SELECT a.sha256, a.size, a.upload_offset, a.upload_started,"
                   " min(da.dossier_seq) AS first"
                   " FROM attachment_sync a JOIN dossier_attachments da ON da.sha256 = a.sha256"
                   " JOIN dossier_sync s ON s.dossier_seq = da.dossier_seq AND s.state = 'acked'"
                   " WHERE a.complete = 0 AND a.refused_reason IS NULL"
                   " GROUP BY a.sha256 ORDER BY first, a.sha256 LIMIT ?");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(
      select->BindInt64(1, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX))));
  std::vector<PendingUpload> out;
  for (;;) {
    auto row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    PendingUpload upload;
    upload.sha256 = select->ColumnText(0);
    upload.size = static_cast<uint64_t>(select->ColumnInt64(1));
    upload.acked_offset = static_cast<uint64_t>(select->ColumnInt64(2));
    upload.started = select->ColumnInt64(3) != 0;
    upload.path = data_dir_ + "/attachments/" + upload.sha256;
    out.push_back(std::move(upload));
  }
  return out;
}

Status SyncQueue::RecordUploadOffset(const std::string& sha256, uint64_t offset) {
  auto size =
      db_->Prepare("sync: attachment size", "SELECT size FROM attachment_sync WHERE sha256 = ?");
  if (!size.ok()) return size.status();
  DVC_RETURN_IF_ERROR(size->BindText(1, sha256));
  auto row = size->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("attachment " + sha256 + ": not in the upload queue");
  if (offset > static_cast<uint64_t>(size->ColumnInt64(0))) {
    return Status::InvalidInput("attachment " + sha256 + ": offset " + std::to_string(offset) +
                                " past its size " + std::to_string(size->ColumnInt64(0)));
  }
  auto update = db_->Prepare("sync: upload offset",
                             "UPDATE attachment_sync SET upload_offset = ?, upload_started = 1"
                             " WHERE sha256 = ?");
  if (!update.ok()) return update.status();
  DVC_RETURN_IF_ERROR(update->BindInt64(1, static_cast<int64_t>(offset)));
  DVC_RETURN_IF_ERROR(update->BindText(2, sha256));
  return UpdateAttachment(*db_, *update, sha256);
}

Status SyncQueue::RecordUploadComplete(const std::string& sha256) {
  auto update = db_->Prepare("sync: upload complete",
                             "UPDATE attachment_sync SET complete = 1, upload_offset = size"
                             " WHERE sha256 = ?");
  if (!update.ok()) return update.status();
  DVC_RETURN_IF_ERROR(update->BindText(1, sha256));
  DVC_RETURN_IF_ERROR(UpdateAttachment(*db_, *update, sha256));
  // The name was checked against the table; still never leave the folder.
  if (!core::IsSha256Hex(sha256)) return Status::Ok();
  const std::string path = data_dir_ + "/attachments/" + sha256;
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (ec) return Status::Io(path + ": cannot remove the uploaded file: " + ec.message());
  return Status::Ok();
}

Status SyncQueue::RecordUploadRefused(const std::string& sha256, const std::string& reason) {
  auto update = db_->Prepare("sync: upload refused",
                             "UPDATE attachment_sync SET refused_reason = ?, upload_offset = 0"
                             " WHERE sha256 = ?");
  if (!update.ok()) return update.status();
  DVC_RETURN_IF_ERROR(update->BindText(1, reason.empty() ? "refused" : reason));
  DVC_RETURN_IF_ERROR(update->BindText(2, sha256));
  return UpdateAttachment(*db_, *update, sha256);
}

Status SyncQueue::ApplyChanges(const sync::ChangesPage& page) {
  auto tx = store::Transaction::Begin(*db_);
  if (!tx.ok()) return tx.status().WithContext("apply changes");
  for (const sync::Change& change : page.changes) {
    auto held = FindById(*db_, change.id);
    if (!held.ok()) return held.status();
    if (!held->has_value()) continue;
    if (change.official_appointment) {
      DVC_RETURN_IF_ERROR(
          RecordOfficialAppointment(*db_, (*held)->seq, *change.official_appointment));
    }
    if (change.status == (*held)->status) continue;
    DVC_RETURN_IF_ERROR(
        RecordStatus(*db_, **held, change.status, change.at, change.note, ActorOf(change.status)));
  }
  auto cursor = db_->Prepare("sync: advance cursor",
                             "UPDATE sync_meta SET cursor = max(cursor, ?) WHERE id = 1");
  if (!cursor.ok()) return cursor.status();
  DVC_RETURN_IF_ERROR(cursor->BindInt64(1, page.next));
  DVC_RETURN_IF_ERROR(cursor->Run());
  return tx->Commit().WithContext("apply changes");
}

Status SyncQueue::RecordSyncSuccess(dossier::Timestamp at, int64_t clock_offset_ms) {
  auto update =
      db_->Prepare("sync: record success",
                   "UPDATE sync_meta SET last_sync = ?, clock_offset_ms = ? WHERE id = 1");
  if (!update.ok()) return update.status();
  DVC_RETURN_IF_ERROR(update->BindInt64(1, Seconds(at)));
  DVC_RETURN_IF_ERROR(update->BindInt64(2, clock_offset_ms));
  return update->Run();
}

Result<SyncSummary> SyncQueue::Summarize() {
  SyncSummary summary;
  // One read transaction, so the counts agree with each other.
  auto tx = store::Transaction::Begin(*db_, store::TransactionKind::kDeferred);
  if (!tx.ok()) return tx.status().WithContext("sync summary");
  struct Count {
    int64_t SyncSummary::*field;
    store::Sql sql;
  };
  static constexpr Count kCounts[] = {
      {&SyncSummary::queued, "SELECT count(*) FROM dossier_sync WHERE state = 'queued'"},
      {&SyncSummary::set_aside,
       "SELECT count(*) FROM dossier_sync s JOIN dossiers d ON d.seq = s.dossier_seq"
       " WHERE s.state = 'set_aside' AND d.status <> 'withdrawn'"},
      {&SyncSummary::uploads_pending,
       "SELECT count(*) FROM attachment_sync WHERE complete = 0 AND refused_reason IS NULL"},
      {&SyncSummary::uploads_refused,
       "SELECT count(*) FROM attachment_sync WHERE refused_reason IS NOT NULL"},
  };
  for (const Count& count : kCounts) {
    auto n = QueryCount(*db_, count.sql);
    if (!n.ok()) return n.status();
    summary.*count.field = *n;
  }
  auto meta = db_->Prepare("sync: meta",
                           "SELECT cursor, last_sync, clock_offset_ms FROM sync_meta WHERE id = 1");
  if (!meta.ok()) return meta.status();
  auto row = meta->Step();
  if (!row.ok()) return row.status();
  if (*row) {
    summary.cursor = meta->ColumnInt64(0);
    if (!meta->ColumnIsNull(1)) summary.last_sync = FromSeconds(meta->ColumnInt64(1));
    summary.clock_offset_ms = meta->ColumnInt64(2);
  }
  DVC_RETURN_IF_ERROR(tx->Commit());
  return summary;
}

Result<int64_t> SyncQueue::ClockOffsetMs() {
  auto meta =
      db_->Prepare("sync: clock offset", "SELECT clock_offset_ms FROM sync_meta WHERE id = 1");
  if (!meta.ok()) return meta.status();
  auto row = meta->Step();
  if (!row.ok()) return row.status();
  return *row ? meta->ColumnInt64(0) : int64_t{0};
}

Result<KioskStartRecord> ReadKioskStart(const std::string& data_dir) {
  KioskStartRecord record;
  Result<std::unique_ptr<SyncQueue>> queue = SyncQueue::Open(data_dir);
  if (!queue.ok()) {
    if (queue.status().code() == ErrorCode::kNotFound) return record;
    return queue.status();
  }
  Result<std::optional<Enrolment>> enrolment = (*queue)->LoadEnrolment();
  if (!enrolment.ok()) return enrolment.status();
  record.enrolment = std::move(*enrolment);
  Result<int64_t> offset = (*queue)->ClockOffsetMs();
  if (offset.ok()) record.clock_offset_ms = *offset;
  return record;
}

Result<std::vector<SetAsideDossier>> SyncQueue::SetAside() {
  auto select = db_->Prepare(
      "sync: set aside",
      "SELECT d.id, d.code, d.service_id, d.masked_name, s.error_code, s.reason, s.set_aside_at"
      " FROM dossier_sync s JOIN dossiers d ON d.seq = s.dossier_seq"
      " WHERE s.state = 'set_aside' AND d.status <> 'withdrawn' ORDER BY d.seq");
  if (!select.ok()) return select.status();
  std::vector<SetAsideDossier> out;
  for (;;) {
    auto row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    SetAsideDossier d;
    d.id = select->ColumnText(0);
    d.code = select->ColumnText(1);
    d.service_id = select->ColumnText(2);
    d.masked_name = select->ColumnText(3);
    d.error_code = select->ColumnText(4);
    d.reason = select->ColumnText(5);
    d.set_aside_at = FromSeconds(select->ColumnInt64(6));
    out.push_back(std::move(d));
  }
  return out;
}

Status SyncQueue::Withdraw(const std::string& id, dossier::Timestamp now, const std::string& note) {
  auto tx = store::Transaction::Begin(*db_);
  if (!tx.ok()) return tx.status().WithContext("withdraw");
  auto held = FindById(*db_, id);
  if (!held.ok()) return held.status();
  if (!held->has_value() || (*held)->state != "set_aside" ||
      (*held)->status == DossierStatus::kWithdrawn) {
    return Status::NotFound("withdraw: no dossier set aside with id " + id);
  }
  auto drop = db_->Prepare("withdraw: delete the sealed part",
                           "UPDATE dossier_sync SET sealed = NULL WHERE dossier_seq = ?");
  if (!drop.ok()) return drop.status();
  DVC_RETURN_IF_ERROR(drop->BindInt64(1, (*held)->seq));
  DVC_RETURN_IF_ERROR(drop->Run());
  DVC_RETURN_IF_ERROR(
      RecordStatus(*db_, **held, DossierStatus::kWithdrawn, now, note, Actor::kKiosk));
  return tx->Commit().WithContext("withdraw");
}

}  // namespace dvc::kiosk
