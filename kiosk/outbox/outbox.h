// Outbox: the kiosk's durable store of submitted dossiers, <data_dir>/kiosk.db.
//
// Submit() re-validates the answers against the catalog, then issues the
// dossier code, inserts the dossier, its attachments and its first status
// (queued at kiosk) in ONE IMMEDIATE transaction committed with synchronous
// FULL. When it returns, the dossier survives a crash or power cut, so the
// receipt may be shown; when it fails, nothing changed (no code was used up).
// The kill test (outbox_test, KilledKioskKeeps...) SIGKILLs a submitting
// process: that proves the transaction is never split (no burnt code, no
// dossier without its status or attachments), but not power loss, where the
// operating system's page cache is lost too. For that we rely on SQLite's
// synchronous=FULL (fsync at every commit), which Open sets and the code
// issuer checks.
//
// Attachments are stored content-addressed under <data_dir>/attachments/<sha256>
// by StoreAttachment (copied durably) before Submit records them.
//
// What stays readable for a reprint (DESIGN.md section 9): code, procedure,
// dates, a masked name and a masked phone. Masking: the family name (first
// word) is kept, every other word becomes its first letter and a dot:
// "Nguyễn Văn An" → "Nguyễn V. A."; a one-word name becomes "A.". Phones keep
// their first 3 and last 3 digits: "0912345678" → "091****678".
//
// Before enrolment the answers and phone are stored in clear. Once the kiosk
// is enrolled (outbox/enrolment_store.h; Open reads the record), Submit puts
// the answers, phone and applicant name ONLY into a private part sealed to the
// province's key (sync::Seal of sync::ToJson(PrivatePart)), queued for the
// sync worker (outbox/sync_queue.h); StoreAttachment seals the file's bytes
// and names the file by the SHA-256 of the sealed bytes (docs/sync-api.md).
// Open also sets PRAGMA secure_delete=ON and finishes an enrolment's wipe of
// clear copies that a crash interrupted.
//
// Thread-safety: one thread at a time (the kiosk calls it from its action step,
// never from draw code). Ownership: owns its database connection; borrows the
// catalog and reference tables given at Open, which must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/local_time.h"
#include "catalog/catalog.h"
#include "catalog/reference_data.h"
#include "catalog/units.h"
#include "core/status.h"
#include "dossier/code_issuer.h"
#include "dossier/dossier.h"
#include "outbox/enrolment_store.h"
#include "store/database.h"

namespace dvc::kiosk {

struct OutboxOptions {
  // 5 digits; starts every code. Once the kiosk is enrolled, the enrolment's
  // commune code and issuer are used instead of these two.
  std::string commune_code;
  uint32_t issuer = 1;  // the kiosk's issuer number (1..1023)
  // For re-validation in Submit; REQUIRED (not owned).
  const catalog::Catalog* catalog = nullptr;
  const catalog::ReferenceData* reference = nullptr;
  const catalog::UnitTable* units = nullptr;  // optional: address commune check
  // Largest attachment accepted by StoreAttachment.
  uint64_t max_attachment_bytes = 20ull << 20;
};

struct SubmittedDossier;

// Signs a dossier's receipt QR (docs/receipt.md) once Submit has issued its
// code: returns the whole signed payload (receipt::SignReceipt's qr_text).
// Called inside Submit's transaction, on Submit's thread, at most once.
using ReceiptSigner = std::function<Result<std::string>(const SubmittedDossier&)>;

struct SubmissionRequest {
  std::string service_id;
  std::string catalog_version;                        // must be the loaded catalog's version
  int form_version = 0;                               // must be the service's form version
  nlohmann::json answers = nlohmann::json::object();  // as the form collected them
  std::vector<dossier::AttachmentRef> attachments;    // each stored by StoreAttachment
  std::string phone;                                  // for SMS; may be empty
  std::string applicant_name;        // display name; only its masked form is stored
  calendar::LocalDateTime received;  // the kiosk's corrected clock
  std::optional<calendar::LocalDateTime> appointment;
  // Signs the receipt's QR; its text is stored with the dossier in the same
  // transaction (and pushed to the gateway). Unset: no text is stored.
  ReceiptSigner sign_receipt;
};

struct SubmittedDossier {
  std::string id;    // UUID v4
  std::string code;  // compact dossier code
  calendar::LocalDateTime received;
  std::optional<calendar::LocalDateTime> appointment;
  std::string masked_name;
  nlohmann::json answers;  // the normalised answers stored (empty when given to the signer)
  std::string receipt_qr;  // the signed QR text stored; empty without a signer
};

// Where a dossier is in its sync with the gateway (outbox/sync_queue.h).
enum class SyncState {
  kNotEnrolled,  // submitted before enrolment and the kiosk is not enrolled
  kQueued,       // sealed, waiting to be pushed
  kAcked,        // the gateway stored it
  kSetAside,     // the gateway refused it for good: staff must act
};

// One dossier as the outbox holds it: for the staff list, the status look-up
// screen and a receipt reprint.
struct OutboxEntry {
  std::string id;
  std::string code;
  std::string service_id;
  std::string catalog_version;
  std::string masked_name;
  std::string masked_phone;
  calendar::LocalDateTime received;
  // The appointment to show: the kiosk's, its date replaced by the gateway's
  // official date once the gateway gave one (a reprint then shows it).
  std::optional<calendar::LocalDateTime> appointment;
  // The appointment as the kiosk computed it at submission (what its QR signs).
  std::optional<calendar::LocalDateTime> kiosk_appointment;
  // The signed QR text printed at submission; empty for a dossier submitted
  // before the kiosk stored it.
  std::string receipt_qr;
  dossier::DossierStatus status = dossier::DossierStatus::kQueuedAtKiosk;
  dossier::Timestamp status_at{};
  std::vector<dossier::AttachmentRef> attachments;  // the documents received
  // Sync with the gateway.
  SyncState sync_state = SyncState::kNotEnrolled;
  std::optional<calendar::Date> official_appointment;  // the gateway's
  std::string set_aside_reason;                        // kSetAside: the gateway's message
};

class Outbox {
 public:
  // Opens (creating and migrating) <data_dir>/kiosk.db and the issuer's row.
  // Errors: kInvalidInput for missing catalog/reference or a bad commune code or
  // issuer; kIo when the directory or database cannot be created; as
  // store::Database::Open and dossier::CodeIssuer::Open.
  static Result<std::unique_ptr<Outbox>> Open(const std::string& data_dir,
                                              const OutboxOptions& options);

  // Copies a scanned file into the attachment store and returns its reference
  // for `field` (sealed once enrolled: the reference names the sealed bytes).
  // Errors: kIo (cannot read or write), kInvalidInput (too large).
  Result<dossier::AttachmentRef> StoreAttachment(const std::string& source_path,
                                                 std::string_view field);
  // <data_dir>/attachments/<sha256>.
  std::string AttachmentPath(std::string_view sha256) const;

  // Durably records a dossier (see the file comment) and returns its identity,
  // with the receipt QR text request.sign_receipt made for it stored in the
  // same transaction. Errors, each leaving the outbox unchanged: the signer's
  // error, or kInvalidInput when its text is not 1..213 bytes of printable
  // ASCII (it would spoil every push of the batch); kInvalidInput for an unknown
  // service, a catalog or form version that is not the loaded one, answers that
  // fail validation (the first field's Vietnamese message), attachments not in
  // the store or not matching the answers; kConflict when the issuer is
  // exhausted, or when the kiosk was enrolled (or enrolled again) by another
  // process since Open (restart it); kIo for database failures (disk full,
  // locked).
  Result<SubmittedDossier> Submit(const SubmissionRequest& request);

  // Dossiers newest first, with their current status. Errors: kIo, kCorrupt.
  Result<std::vector<OutboxEntry>> List(size_t limit = 100, size_t offset = 0);
  // The dossier with this code, typed as a resident would (spaces, dashes and
  // lower case allowed); nullopt when this kiosk holds none. Errors: kInvalidInput
  // for text that is not a dossier code (the parser's message); kIo.
  Result<std::optional<OutboxEntry>> FindByCode(std::string_view typed_code);
  // How many dossiers the outbox holds.
  Result<int64_t> Count();

  store::Database& database() { return *db_; }
  // The enrolment read at Open; nullopt before enrolment.
  const std::optional<Enrolment>& enrolment() const { return enrolment_; }

  // Use Open.
  Outbox(std::string data_dir, OutboxOptions options, std::unique_ptr<store::Database> db,
         std::unique_ptr<dossier::CodeIssuer> issuer, std::optional<Enrolment> enrolment);

 private:
  // `service` is the request's, already looked up by Submit.
  Status CheckAttachments(const catalog::Service& service, const SubmissionRequest& request,
                          const nlohmann::json& answers) const;
  Result<std::vector<OutboxEntry>> Query(store::Statement& select);
  // kConflict unless the enrolment row is still the one read at Open (inside
  // Submit's transaction, so a dossier is never sealed to a stale key or
  // left in clear after another process enrolled the kiosk).
  Status CheckEnrolmentUnchanged();

  std::string data_dir_;
  OutboxOptions options_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<dossier::CodeIssuer> issuer_;
  std::optional<Enrolment> enrolment_;
  std::optional<sync::SealingPublicKey> sealing_key_;  // set when enrolled
};

}  // namespace dvc::kiosk
