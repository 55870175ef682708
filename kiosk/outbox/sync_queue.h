// SyncQueue: the outbox as the sync worker sees it (docs/sync-api.md), on its
// own connection to <data_dir>/kiosk.db so the worker thread never shares a
// connection with the UI thread (SQLite WAL lets both work at once).
//
// A dossier's sync life: queued (a receipt was shown) → acked by the gateway
// (received_at, the official appointment and the gateway's status recorded; the
// sealed private part deleted, since the province holds it) → its attachments
// uploaded (each sealed file deleted once the gateway verified it). Or: refused
// for good (a 4xx other than auth) → set aside with the gateway's reason, for
// staff to withdraw and re-enter with the resident; it never blocks the
// dossiers queued behind it.
//
// Every Record*/Apply* call is one IMMEDIATE transaction, synchronous=FULL:
// after a crash the queue is exactly as before or after the call, so a
// dossier is pushed again at worst (the gateway answers "duplicate" with its
// original acknowledgement) and never lost.
//
// Thread-safety: one thread at a time (the sync worker). Ownership: owns its
// connection.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "dossier/timestamp.h"
#include "outbox/enrolment_store.h"
#include "store/database.h"
#include "sync/messages.h"

namespace dvc::kiosk {

// A dossier the gateway refused for good.
struct SetAsideDossier {
  std::string id;
  std::string code;
  std::string service_id;
  std::string masked_name;
  std::string error_code;  // the gateway's, e.g. "invalid_answers"
  std::string reason;      // its message
  dossier::Timestamp set_aside_at{};
};

// A sealed attachment still to upload (its dossier is acked).
struct PendingUpload {
  std::string sha256;  // names the sealed bytes
  uint64_t size = 0;
  std::string path;           // <data_dir>/attachments/<sha256>
  uint64_t acked_offset = 0;  // bytes the gateway confirmed holding
  // False until the first RecordUploadOffset: no byte of it can have left, so
  // the first chunk goes at offset 0 without asking the gateway (HEAD) first.
  bool started = false;
};

struct SyncSummary {
  int64_t queued = 0;                           // waiting to be pushed
  int64_t set_aside = 0;                        // refused, not yet withdrawn by staff
  int64_t uploads_pending = 0;                  // attachments not yet verified by the gateway
  int64_t uploads_refused = 0;                  // attachments the gateway refused (staff must act)
  std::optional<dossier::Timestamp> last_sync;  // last complete exchange
  int64_t clock_offset_ms = 0;                  // gateway − kiosk, last measured
  int64_t cursor = 0;                           // last change seq applied
};

// What the kiosk reads of kiosk.db at start, before it picks its catalog.
struct KioskStartRecord {
  std::optional<Enrolment> enrolment;  // nullopt: never enrolled
  int64_t clock_offset_ms = 0;         // SyncQueue::ClockOffsetMs
};

class SyncQueue;

// Reads the enrolment and the saved clock offset on one connection (the start
// opened kiosk.db once for each before). Nothing is created: a data directory
// without kiosk.db reads as not enrolled, offset 0; so does an offset that
// cannot be read (the first exchange measures it again).
// Errors: as LoadEnrolment.
Result<KioskStartRecord> ReadKioskStart(const std::string& data_dir);

class SyncQueue {
 public:
  // Opens <data_dir>/kiosk.db (which the Outbox created and migrated; a file
  // an older kiosk made is migrated here too), with secure_delete on.
  // Errors: as store::Database::Open; kNotFound when the outbox was never made.
  static Result<std::unique_ptr<SyncQueue>> Open(const std::string& data_dir);

  // nullopt before enrolment (then there is nothing to sync). Errors: kIo, kCorrupt.
  Result<std::optional<Enrolment>> LoadEnrolment();

  // Up to `limit` (at most sync::kMaxDossiersPerPush) queued dossiers, oldest
  // first, as push envelopes (their sealed private part included, base64).
  // Dossiers set aside or acked are not returned; neither is anything before
  // enrolment (enrolment seals every dossier, so none is left behind).
  // Errors: kIo; kCorrupt for a row that cannot be read back.
  Result<std::vector<sync::PushDossier>> NextPushBatch(size_t limit);
  // Records one push's answer: stored/duplicate → acked (sealed copy deleted,
  // the gateway's received_at, official appointment and status recorded, the
  // status change added to the dossier's history); refused → set aside with
  // the gateway's code and message. Results for ids (or id and code pairs)
  // the queue does not hold, and for dossiers already acked, are ignored.
  // Errors: kIo (nothing recorded).
  Status RecordPushResults(const sync::PushResponse& response, dossier::Timestamp now);

  // Sealed attachments of ACKED dossiers (the gateway takes only those),
  // neither verified nor refused, oldest dossier first. Errors: kIo.
  Result<std::vector<PendingUpload>> PendingUploads(size_t limit);
  // Errors: kNotFound for an attachment the queue does not track;
  // kInvalidInput for an offset past its size; kIo.
  Status RecordUploadOffset(const std::string& sha256, uint64_t offset);
  // Marks it verified and then deletes the sealed file (the province holds
  // it). Errors: kNotFound (untracked); kIo (the mark is kept even when the
  // file cannot be removed).
  Status RecordUploadComplete(const std::string& sha256);
  // The gateway refused the bytes (hash_mismatch...): set aside for staff;
  // no longer pending. Errors: kNotFound (untracked); kIo.
  Status RecordUploadRefused(const std::string& sha256, const std::string& reason);

  // Applies a page of status changes (status, note, official appointment) to
  // the dossiers this kiosk holds and advances the cursor to page.next (never
  // backwards), in one transaction. Each change becomes the dossier's current
  // status and a history row, in the page's order, even when its time is
  // older than the current status's (the gateway's order is the truth); a
  // change to the status the dossier already has only updates the official
  // appointment. Changes for unknown ids are ignored. Errors: kIo (nothing
  // applied, cursor unchanged).
  Status ApplyChanges(const sync::ChangesPage& page);

  // After a complete exchange: when, and the measured clock offset. Errors: kIo.
  Status RecordSyncSuccess(dossier::Timestamp at, int64_t clock_offset_ms);
  // For staff mode. Errors: kIo.
  Result<SyncSummary> Summarize();
  // The clock offset the last complete exchange measured (gateway − kiosk),
  // 0 before any: Summarize's clock_offset_ms without its counts. Errors: kIo.
  Result<int64_t> ClockOffsetMs();
  // Dossiers set aside and not withdrawn, oldest first. Errors: kIo.
  Result<std::vector<SetAsideDossier>> SetAside();
  // Staff withdraw a set-aside dossier (to re-enter it with the resident):
  // its status becomes withdrawn (history row by the kiosk, with `note`), its
  // sealed part is deleted, and it leaves SetAside() and the summary's count.
  // Errors: kNotFound when no set-aside dossier has this id; kIo.
  Status Withdraw(const std::string& id, dossier::Timestamp now, const std::string& note);

  // Use Open.
  SyncQueue(std::string data_dir, std::unique_ptr<store::Database> db);

 private:
  std::string data_dir_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace dvc::kiosk
