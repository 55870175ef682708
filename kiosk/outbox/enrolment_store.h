// The kiosk's enrolment record (one row of kiosk.db) and what recording it
// does to the outbox (DESIGN.md section 9, docs/sync-api.md "Enrolment").
//
// Once enrolled, nothing personal is kept in clear: SaveEnrolment seals, in
// the same transaction that records the enrolment, every dossier still held in
// clear (its answers, phone and applicant name become one sealed private part;
// the masked name and phone and what a reprint needs stay readable) and every
// stored attachment (a new file named by the SHA-256 of the sealed bytes, refs
// updated); after the commit the clear files are overwritten and removed, the
// database is VACUUMed and its WAL truncated, so a copy of the data directory
// holds no clear trace. Connections to kiosk.db use PRAGMA secure_delete=ON
// (PrepareKioskConnection) so deleted or rewritten rows are zeroed too.
//
// Thread-safety: free functions; each opens its own connection. SaveEnrolment
// is meant for the `kiosk --enroll` command, with no kiosk running on the same
// data directory (a reader holding the WAL would keep its truncation from
// happening; the purge is then finished by the next Outbox::Open).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/status.h"
#include "dossier/timestamp.h"
#include "store/database.h"
#include "sync/messages.h"
#include "sync/sealing.h"

namespace dvc::kiosk {

// What enrolment gave this kiosk (kiosk --enroll), kept in kiosk.db.
struct Enrolment {
  int64_t kiosk_id = 0;
  std::string commune_code;
  std::string name;
  uint32_t issuer = 0;
  std::string signer_id;
  sync::ProvincePublicKeys province;
  std::string gateway_url;
  dossier::Timestamp enrolled_at{};
};

// The enrolment of the kiosk at `data_dir`; nullopt when it was never enrolled
// or has no kiosk.db yet (nothing is created). The kiosk's main reads it before
// opening the Outbox: the commune code and issuer then come from it.
// Errors: kIo, kCorrupt (a stored key that is not hex), as store::Database::Open.
Result<std::optional<Enrolment>> LoadEnrolment(const std::string& data_dir);

// Records `enrolment` (replacing an earlier one) and seals the outbox to
// enrolment.province.sealing_key, as the file comment says, creating kiosk.db
// when it does not exist yet. `catalog`, when given, names each procedure's
// applicant-name field so a migrated dossier's private part carries the full
// name (it is inside the sealed answers either way). Dossiers already sealed
// (a re-enrolment) are left as they are.
// Errors, with nothing recorded or sealed: kInvalidInput for an enrolment that
// is not well formed (kiosk id, 5-digit commune, issuer 1..1023, 64-hex
// sealing key); kIo (a file cannot be read or written, database errors);
// kCorrupt for a stored dossier whose answers are not JSON. After the commit,
// a failure to wipe the clear copies is kIo; the enrolment stands and the
// next Outbox::Open (or SaveEnrolment) finishes the wipe.
Status SaveEnrolment(const std::string& data_dir, const Enrolment& enrolment,
                     const catalog::Catalog* catalog = nullptr);

// An issuer of dossier codes, as the codes in the outbox carry it.
struct IssuedCodes {
  std::string commune_code;
  uint32_t issuer = 0;
  int64_t dossiers = 0;  // dossiers still waiting for the gateway with such codes
  friend bool operator==(const IssuedCodes&, const IssuedCodes&) = default;
};

// The issuers of the codes of every dossier at `data_dir` the gateway has not
// acknowledged and not refused for good (filed before enrolment, or queued),
// ordered by commune then issuer; empty when there is none or no kiosk.db
// (nothing is created). The enrol command asks the gateway for that issuer so
// those codes stay this kiosk's. Errors: kIo, kCorrupt (a stored code that
// does not parse), as store::Database::Open.
Result<std::vector<IssuedCodes>> PendingCodeIssuers(const std::string& data_dir);

// ---- shared by Outbox, SyncQueue and SaveEnrolment -------------------------

// Settings every kiosk.db connection needs on top of store::Database's:
// PRAGMA secure_delete=ON. Errors: the SQLite error.
Status PrepareKioskConnection(store::Database& db);

// A connection to <data_dir>/kiosk.db as every owner opens it: migrated,
// synchronous=FULL, PrepareKioskConnection applied; created when missing only
// if `create`. Errors: as store::Database::Open.
Result<std::unique_ptr<store::Database>> OpenKioskDatabase(const std::string& data_dir,
                                                           bool create);

// The enrolment row on `db`; nullopt when there is none. Errors: kIo, kCorrupt.
Result<std::optional<Enrolment>> ReadEnrolment(store::Database& db);

// The province's sealing key of `enrolment`. Errors: kInvalidInput (not 64 hex).
Result<sync::SealingPublicKey> SealingKeyOf(const Enrolment& enrolment);

// A sealed file in the attachment store.
struct SealedFile {
  std::string sha256;  // of the sealed bytes: the file's name
  uint64_t size = 0;   // sealed bytes
};
// Seals `clear` to `key` and writes it durably (0600) as
// <attachments_dir>/<sha256 of the sealed bytes>. Errors: kIo.
Result<SealedFile> WriteSealedAttachment(const std::string& attachments_dir,
                                         const sync::SealingPublicKey& key, std::string_view clear);

// Wipes the files listed in purge_files (overwritten with zeros, then
// removed), then VACUUMs and truncates the WAL so no clear page survives in
// kiosk.db, kiosk.db-wal or free pages. A no-op when the list is empty and
// `force` is false. Errors: kIo (including a WAL that another connection kept
// from being truncated; the rows stay listed when files could not be removed).
Status FinishPurge(store::Database& db, const std::string& data_dir, bool force = false);

}  // namespace dvc::kiosk
