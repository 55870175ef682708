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

constexpr store::Migration kMigrations[] = {
    {1, "dossier code issuers", dossier::kCodeIssuerSchema},
    {2, "outbox", kOutboxSchema},
    {3, "staff pin", kStaffSchema},
    {4, "staff settings", kSettingsSchema},
};

}  // namespace

std::span<const store::Migration> KioskMigrations() { return kMigrations; }

}  // namespace dvc::kiosk
