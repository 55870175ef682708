#include "store/schema.h"

#include <array>

#include "dossier/code_issuer.h"

namespace dvc::gateway {
namespace {

// Times are Unix seconds (INTEGER); dates ISO text; hashes raw BLOBs.
//
// kiosks: rows are never deleted (revocation sets revoked_at), so the UNIQUE
// (commune_code, issuer) keeps an issuer number from ever being reused.
// enrolment_codes: only the SHA-256 of a code is kept; spent in the transaction
// that inserts the kiosk. nonces: UNIQUE per kiosk, pruned after 15 minutes.
// dossiers: the private part stays sealed at rest (`sealed`, opened on demand by
// the operator API); `content_hash` tells a re-send from an id conflict.
// changes: the monotonic sequence kiosks pull (AUTOINCREMENT: a seq is never
// reused even after the last row is gone). audit_log: append-only, chained.
constexpr store::Sql kSchemaV1 =
    "CREATE TABLE kiosks("
    "  kiosk_id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  commune_code TEXT NOT NULL CHECK (length(commune_code) = 5),"
    "  name TEXT NOT NULL,"
    "  issuer INTEGER NOT NULL CHECK (issuer BETWEEN 1 AND 1023),"
    "  public_key BLOB NOT NULL UNIQUE CHECK (length(public_key) = 32),"
    "  signer_id TEXT NOT NULL,"
    "  software TEXT NOT NULL DEFAULT '',"
    "  enrolled_at INTEGER NOT NULL,"
    "  last_seen INTEGER,"
    "  last_pull INTEGER,"
    "  revoked_at INTEGER,"
    "  UNIQUE (commune_code, issuer));"
    "CREATE TABLE enrolment_codes("
    "  code_hash BLOB PRIMARY KEY CHECK (length(code_hash) = 32),"
    "  commune_code TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  expires_at INTEGER NOT NULL,"
    "  used_at INTEGER,"
    "  kiosk_id INTEGER REFERENCES kiosks(kiosk_id)) WITHOUT ROWID;"
    "CREATE TABLE nonces("
    "  kiosk_id INTEGER NOT NULL,"
    "  nonce TEXT NOT NULL,"
    "  seen_at INTEGER NOT NULL,"
    "  PRIMARY KEY (kiosk_id, nonce)) WITHOUT ROWID;"
    "CREATE INDEX nonces_by_time ON nonces(seen_at);"
    "CREATE TABLE catalog_versions("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  version TEXT NOT NULL UNIQUE,"
    "  published_at INTEGER NOT NULL,"
    "  content_hash BLOB NOT NULL,"
    "  files_json TEXT NOT NULL,"
    "  bundle_json TEXT NOT NULL,"
    "  signature TEXT NOT NULL);"
    "CREATE TABLE dossiers("
    "  rowid INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  code TEXT NOT NULL UNIQUE,"
    "  province_number TEXT UNIQUE,"
    "  kiosk_id INTEGER NOT NULL,"
    "  commune_code TEXT NOT NULL,"
    "  service_id TEXT NOT NULL,"
    "  catalog_version TEXT NOT NULL,"
    "  form_version INTEGER NOT NULL,"
    "  content_hash BLOB NOT NULL,"
    "  sealed BLOB NOT NULL,"
    "  attachments_json TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  received_at INTEGER NOT NULL,"
    "  kiosk_appointment TEXT,"
    "  official_appointment TEXT,"
    "  status TEXT NOT NULL,"
    "  updated_at INTEGER NOT NULL);"
    "CREATE INDEX dossiers_by_status ON dossiers(status, commune_code);"
    "CREATE TABLE status_history("
    "  dossier INTEGER NOT NULL REFERENCES dossiers(rowid),"
    "  idx INTEGER NOT NULL,"
    "  from_status TEXT NOT NULL,"
    "  to_status TEXT NOT NULL,"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  note TEXT NOT NULL,"
    "  PRIMARY KEY (dossier, idx)) WITHOUT ROWID;"
    "CREATE TABLE changes("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  kiosk_id INTEGER NOT NULL,"
    "  dossier INTEGER NOT NULL REFERENCES dossiers(rowid),"
    "  status TEXT NOT NULL,"
    "  at INTEGER NOT NULL,"
    "  note TEXT NOT NULL,"
    "  official_appointment TEXT);"
    "CREATE INDEX changes_by_kiosk ON changes(kiosk_id, seq);"
    "CREATE TABLE attachments("
    "  sha256 TEXT PRIMARY KEY,"
    "  size INTEGER NOT NULL,"
    "  upload_offset INTEGER NOT NULL DEFAULT 0,"
    "  complete INTEGER NOT NULL DEFAULT 0,"
    "  completed_at INTEGER) WITHOUT ROWID;"
    "CREATE TABLE dossier_attachments("
    "  dossier INTEGER NOT NULL REFERENCES dossiers(rowid),"
    "  kiosk_id INTEGER NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  field TEXT NOT NULL,"
    "  PRIMARY KEY (dossier, sha256, field)) WITHOUT ROWID;"
    "CREATE INDEX dossier_attachments_by_kiosk ON dossier_attachments(kiosk_id, sha256);"
    "CREATE TABLE audit_log("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  at INTEGER NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  subject TEXT NOT NULL,"
    "  detail TEXT NOT NULL,"
    "  prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),"
    "  hash BLOB NOT NULL CHECK (length(hash) = 32));"
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
    "  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
    "  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;";

// sms_outbox: the SMS a resident is owed: the receipt when a dossier is
// stored, then one per status change (triggers record it in the transaction
// that stores the dossier or changes its status, so a change committed is a
// notification owed, exactly once). A 'pending' row is rendered
// and sent when due (service/sms_notifications.h): it becomes 'sent' (with the
// transport's message id and the text sent; 'delivered' once a delivery
// receipt says so), 'skipped' (no text for that status, or no phone), or
// 'failed' after its retries. The phone is never stored here: it is read from
// the dossier's sealed part when the SMS leaves.
constexpr store::Sql kSmsOutboxSchema =
    "CREATE TABLE sms_outbox("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  dossier INTEGER NOT NULL REFERENCES dossiers(rowid),"
    "  history_idx INTEGER NOT NULL,"
    "  event TEXT NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'pending'"
    "    CHECK (state IN ('pending', 'sent', 'delivered', 'failed', 'skipped')),"
    "  text TEXT,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_attempt_at INTEGER NOT NULL,"
    "  message_id TEXT,"
    "  reason TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  UNIQUE (dossier, history_idx));"
    "CREATE INDEX sms_outbox_due ON sms_outbox(state, next_attempt_at);"
    // The receipt: every stored dossier, from a kiosk or the counter
    // (history_idx -1: a counter dossier has no arrival row in status_history).
    "CREATE TRIGGER dossier_owes_receipt_sms AFTER INSERT ON dossiers BEGIN"
    "  INSERT OR IGNORE INTO sms_outbox(dossier, history_idx, event, next_attempt_at,"
    "    created_at, updated_at) VALUES (NEW.rowid, -1, 'received', NEW.received_at,"
    "    NEW.received_at, NEW.received_at);"
    " END;"
    // Every later status change.
    "CREATE TRIGGER status_history_owes_sms AFTER INSERT ON status_history"
    "  WHEN NEW.to_status <> 'received' BEGIN"
    "  INSERT OR IGNORE INTO sms_outbox(dossier, history_idx, event, next_attempt_at,"
    "    created_at, updated_at) VALUES (NEW.dossier, NEW.idx, NEW.to_status, NEW.at, NEW.at,"
    "    NEW.at);"
    " END;";

constexpr std::array kMigrations = {
    store::Migration{1, "gateway tables", kSchemaV1},
    store::Migration{2, "dossier code issuers", dossier::kCodeIssuerSchema},
    store::Migration{3, "sms notifications", kSmsOutboxSchema},
};

}  // namespace

std::span<const store::Migration> GatewayMigrations() { return kMigrations; }

}  // namespace dvc::gateway
