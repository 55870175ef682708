#include "outbox/kiosk_schema.h"

#include "dossier/code_issuer.h"

namespace dvc::kiosk {

std::string KioskDatabasePath(const std::string& data_dir) { return data_dir + "/kiosk.db"; }

namespace {

// Dossiers waiting at (or sent from) this kiosk. What a reprint needs (code,
// procedure, dates, masked name) is kept in its own columns; the answers are
// the validated, normalised JSON object.
constexpr store::Sql kOutboxSchema =
    "CREATE TABLE dossiers("
    "  seq INTEGER PRIMARY KEY,"  // submission order
    "  id TEXT NOT NULL UNIQUE CHECK (length(id) = 36),"
    "  code TEXT NOT NULL UNIQUE,"
    "  service_id TEXT NOT NULL,"
    "  catalog_version TEXT NOT NULL,"
    "  form_version INTEGER NOT NULL,"
    "  answers TEXT NOT NULL,"
    "  phone TEXT NOT NULL,"
    "  masked_name TEXT NOT NULL,"
    "  received_local TEXT NOT NULL,"     // Vietnam wall clock, ISO
    "  created_at INTEGER NOT NULL,"      // Unix seconds of received_local
    "  appointment_local TEXT NOT NULL,"  // ISO, or '' when none
    "  status TEXT NOT NULL,"
    "  status_at INTEGER NOT NULL"
    ");"
    "CREATE TABLE dossier_statuses("
    "  dossier_seq INTEGER NOT NULL REFERENCES dossiers(seq),"
    "  from_status TEXT,"  // NULL for the first status
    "  to_status TEXT NOT NULL,"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  note TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE INDEX dossier_statuses_by_dossier ON dossier_statuses(dossier_seq);"
    "CREATE TABLE dossier_attachments("
    "  dossier_seq INTEGER NOT NULL REFERENCES dossiers(seq),"
    "  field TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
    "  size INTEGER NOT NULL CHECK (size >= 0),"
    "  PRIMARY KEY (dossier_seq, field, sha256)"
    ");";

// The staff PIN (kiosk/staff): one row, its Argon2id hash and the lockout state.
constexpr store::Sql kStaffSchema =
    "CREATE TABLE staff_pin("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  hash TEXT NOT NULL,"
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  locked_until INTEGER NOT NULL DEFAULT 0"
    ");";

// Settings changed by staff on the kiosk (kiosk/staff/settings_store.h): config
// keys and their values as text; they override the TOML file's.
constexpr store::Sql kSettingsSchema =
    "CREATE TABLE settings("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL"
    ");";

// Sync with the province's gateway (docs/sync-api.md; outbox/sync_queue.h,
// outbox/enrolment_store.h). Once the kiosk is enrolled, a dossier's answers,
// phone and applicant name live only in dossier_sync.sealed (sealed to the
// province's key; deleted once the gateway acknowledged it) and dossiers.answers
// and .phone are '' for it; masked_phone keeps what a reprint shows (NULL for a
// dossier submitted before enrolment: it is derived from phone then).
// attachment_sync holds one row per SEALED attachment file (named by the
// SHA-256 of the sealed bytes); a file in attachments/ with no row there is
// clear. purge_files lists clear files to wipe once the transaction that
// sealed them committed (a crash in between is finished at the next Open).
constexpr store::Sql kSyncSchema =
    "ALTER TABLE dossiers ADD COLUMN masked_phone TEXT;"
    "CREATE TABLE enrolment("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  kiosk_id INTEGER NOT NULL,"
    "  commune_code TEXT NOT NULL CHECK (length(commune_code) = 5),"
    "  name TEXT NOT NULL,"
    "  issuer INTEGER NOT NULL CHECK (issuer BETWEEN 1 AND 1023),"
    "  signer_id TEXT NOT NULL,"
    "  province_signer_id TEXT NOT NULL,"
    "  province_signing_key TEXT NOT NULL,"
    "  province_sealing_key TEXT NOT NULL CHECK (length(province_sealing_key) = 64),"
    "  gateway_url TEXT NOT NULL,"
    "  enrolled_at INTEGER NOT NULL"
    ");"
    "CREATE TABLE dossier_sync("
    "  dossier_seq INTEGER PRIMARY KEY REFERENCES dossiers(seq),"
    "  state TEXT NOT NULL CHECK (state IN ('queued', 'acked', 'set_aside')),"
    "  sealed BLOB,"                // the private part; NULL once acked
    "  acked_at INTEGER,"           // Unix seconds, kiosk clock
    "  received_at INTEGER,"        // Unix seconds, the gateway's
    "  official_appointment TEXT,"  // ISO date, the gateway's
    "  error_code TEXT,"            // set aside: the gateway's code
    "  reason TEXT,"                // and message
    "  set_aside_at INTEGER,"
    "  CHECK (state <> 'queued' OR sealed IS NOT NULL)"
    ");"
    "CREATE INDEX dossier_sync_by_state ON dossier_sync(state, dossier_seq);"
    "CREATE TABLE attachment_sync("
    "  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),"
    "  size INTEGER NOT NULL CHECK (size >= 0),"
    "  upload_offset INTEGER NOT NULL DEFAULT 0 CHECK (upload_offset >= 0),"
    "  complete INTEGER NOT NULL DEFAULT 0,"
    "  refused_reason TEXT"
    ") WITHOUT ROWID;"
    "CREATE TABLE sync_meta("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  cursor INTEGER NOT NULL DEFAULT 0,"
    "  last_sync INTEGER,"
    "  clock_offset_ms INTEGER NOT NULL DEFAULT 0"
    ");"
    "INSERT INTO sync_meta(id) VALUES(1);"
    "CREATE TABLE purge_files("
    "  name TEXT PRIMARY KEY"
    ") WITHOUT ROWID;";

constexpr store::Migration kMigrations[] = {
    {1, "dossier code issuers", dossier::kCodeIssuerSchema},
    {2, "outbox", kOutboxSchema},
    {3, "staff pin", kStaffSchema},
    {4, "staff settings", kSettingsSchema},
    {5, "sync with the gateway", kSyncSchema},
    // Uploads recorded before this column existed may have sent bytes: marked
    // started, so they ask the gateway's offset first.
    {6, "upload started",
     "ALTER TABLE attachment_sync ADD COLUMN upload_started INTEGER NOT NULL DEFAULT 0;"
     "UPDATE attachment_sync SET upload_started = 1;"},
    // The signed QR text printed on the resident's receipt (Outbox::Submit),
    // pushed so the gateway's copy carries the same QR. NULL for dossiers
    // submitted before: a reprint signs their fields again.
    {7, "receipt qr", "ALTER TABLE dossiers ADD COLUMN receipt_qr TEXT;"},
};

}  // namespace

std::span<const store::Migration> KioskMigrations() { return kMigrations; }

Result<store::Statement> PrepareAttachmentRefs(store::Database& db) {
  return db.Prepare("read attachments",
                    "SELECT field, sha256, size FROM dossier_attachments"
                    " WHERE dossier_seq = ? ORDER BY field, sha256");
}

Status ReadAttachmentRefs(store::Statement& select, int64_t dossier_seq,
                          std::vector<dossier::AttachmentRef>& out) {
  select.Reset(true);
  DVC_RETURN_IF_ERROR(select.BindInt64(1, dossier_seq));
  for (;;) {
    auto row = select.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    out.push_back(
        {select.ColumnText(0), select.ColumnText(1), static_cast<uint64_t>(select.ColumnInt64(2))});
  }
}

}  // namespace dvc::kiosk
