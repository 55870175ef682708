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

// Issue 5's SMS channel, second part: the queue also carries replies to
// residents who wrote in, every part an SMSC accepted is kept under its
// message id so a delivery receipt finds its message, the messages residents
// send are recorded before the SMSC is told they arrived, opted-out numbers
// and receipt links are kept.
//
// sms_outbox is rebuilt (SQLite cannot relax NOT NULL or a CHECK in place):
// - a row is a notification (dossier set, phone read from the sealed part at
//   send time) or a reply (to_phone set: the number that wrote, text set);
// - state 'sending': handed to an SMSC, its answer not yet recorded. At start
//   the daemon puts such rows back to 'pending': the documented duplicate
//   window (a message the SMSC accepted just before a crash goes again);
// - route: the SMSC connection that took it; parts: how many SMS it made.
// The appointment trigger: when the province's appointment date for a kiosk
// dossier differs from the one the kiosk printed, the resident is told
// (history_idx -2), after the receipt SMS.
//
// sms_parts: one row per SMS part an SMSC accepted (route, message_id): the
// message is 'delivered' once every part's receipt says so.
// sms_inbox: every message a resident sent (MO), stored before the SMSC gets
// its deliver_sm_resp, with what was answered; per-number rate limits count
// these rows.
// sms_optout: numbers that sent the stop command, as a keyed hash
// (phone_key), never in clear.
// receipt_links: the short unguessable token behind a dossier's receipt page.
constexpr store::Sql kSmsChannelSchema =
    "DROP TRIGGER dossier_owes_receipt_sms;"
    "DROP TRIGGER status_history_owes_sms;"
    "DROP INDEX sms_outbox_due;"
    "CREATE TABLE sms_outbox_v4("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  dossier INTEGER REFERENCES dossiers(rowid),"
    "  history_idx INTEGER,"
    "  event TEXT NOT NULL,"
    "  to_phone TEXT,"
    "  state TEXT NOT NULL DEFAULT 'pending'"
    "    CHECK (state IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'skipped')),"
    "  text TEXT,"
    "  parts INTEGER,"
    "  route TEXT,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_attempt_at INTEGER NOT NULL,"
    "  message_id TEXT,"
    "  reason TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  CHECK ((dossier IS NULL) <> (to_phone IS NULL)),"
    "  UNIQUE (dossier, history_idx));"
    "INSERT INTO sms_outbox_v4(id, dossier, history_idx, event, state, text, attempts,"
    "  next_attempt_at, message_id, reason, created_at, updated_at)"
    "  SELECT id, dossier, history_idx, event, state, text, attempts, next_attempt_at,"
    "    message_id, reason, created_at, updated_at FROM sms_outbox;"
    "DROP TABLE sms_outbox;"
    "ALTER TABLE sms_outbox_v4 RENAME TO sms_outbox;"
    "CREATE INDEX sms_outbox_due ON sms_outbox(state, next_attempt_at);"
    "CREATE INDEX sms_outbox_to_phone ON sms_outbox(to_phone, created_at)"
    "  WHERE to_phone IS NOT NULL;"
    "CREATE TRIGGER dossier_owes_receipt_sms AFTER INSERT ON dossiers BEGIN"
    "  INSERT OR IGNORE INTO sms_outbox(dossier, history_idx, event, next_attempt_at,"
    "    created_at, updated_at) VALUES (NEW.rowid, -1, 'received', NEW.received_at,"
    "    NEW.received_at, NEW.received_at);"
    " END;"
    "CREATE TRIGGER dossier_owes_appointment_sms AFTER INSERT ON dossiers"
    "  WHEN COALESCE(NEW.kiosk_appointment, '') <> ''"
    "   AND COALESCE(NEW.official_appointment, '') <> ''"
    "   AND NEW.official_appointment <> NEW.kiosk_appointment BEGIN"
    "  INSERT OR IGNORE INTO sms_outbox(dossier, history_idx, event, next_attempt_at,"
    "    created_at, updated_at) VALUES (NEW.rowid, -2, 'appointment_changed',"
    "    NEW.received_at, NEW.received_at, NEW.received_at);"
    " END;"
    "CREATE TRIGGER status_history_owes_sms AFTER INSERT ON status_history"
    "  WHEN NEW.to_status <> 'received' BEGIN"
    "  INSERT OR IGNORE INTO sms_outbox(dossier, history_idx, event, next_attempt_at,"
    "    created_at, updated_at) VALUES (NEW.dossier, NEW.idx, NEW.to_status, NEW.at, NEW.at,"
    "    NEW.at);"
    " END;"
    "CREATE TABLE sms_parts("
    "  route TEXT NOT NULL,"
    "  message_id TEXT NOT NULL,"
    "  sms INTEGER NOT NULL REFERENCES sms_outbox(id),"
    "  part INTEGER NOT NULL,"
    "  stat TEXT,"
    "  done_at INTEGER,"
    "  PRIMARY KEY (route, message_id)) WITHOUT ROWID;"
    "CREATE INDEX sms_parts_sms ON sms_parts(sms);"
    "CREATE TABLE sms_inbox("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  route TEXT NOT NULL,"
    "  from_phone TEXT NOT NULL,"
    "  to_addr TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  received_at INTEGER NOT NULL,"
    "  outcome TEXT NOT NULL,"
    "  reply INTEGER REFERENCES sms_outbox(id));"
    "CREATE INDEX sms_inbox_from ON sms_inbox(from_phone, received_at);"
    "CREATE TABLE sms_optout("
    "  phone_key TEXT PRIMARY KEY,"
    "  since INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE receipt_links("
    "  token TEXT PRIMARY KEY,"
    "  dossier INTEGER NOT NULL UNIQUE REFERENCES dossiers(rowid),"
    "  created_at INTEGER NOT NULL) WITHOUT ROWID;";

// The due index holds pending rows only: a message leaves it when claimed,
// and 'sending' → 'sent' → 'delivered' touch no index at all (with the
// index on (state, next_attempt_at) each of those moved an entry). Finding
// rows a crash left 'sending' (once, at start) scans the table.
constexpr store::Sql kSmsDueIndexSchema =
    "DROP INDEX sms_outbox_due;"
    "CREATE INDEX sms_outbox_due ON sms_outbox(next_attempt_at) WHERE state = 'pending';";

// The hourly purge (sms_retention.cc) finds old rows by index, not by a scan
// under the write lock: residents' messages by arrival, replies by creation
// (which never changes, so a reply's state changes touch no entry), and the
// message a reply answered by the reply.
constexpr store::Sql kSmsRetentionIndexSchema =
    "CREATE INDEX sms_inbox_received ON sms_inbox(received_at);"
    "CREATE INDEX sms_inbox_reply ON sms_inbox(reply) WHERE reply IS NOT NULL;"
    "CREATE INDEX sms_outbox_reply_created ON sms_outbox(created_at)"
    "  WHERE to_phone IS NOT NULL;";

constexpr std::array kMigrations = {
    store::Migration{1, "gateway tables", kSchemaV1},
    store::Migration{2, "dossier code issuers", dossier::kCodeIssuerSchema},
    store::Migration{3, "sms notifications", kSmsOutboxSchema},
    store::Migration{4, "sms channel: replies, parts, inbox, opt-outs, receipt links",
                     kSmsChannelSchema},
    store::Migration{5, "sms due index: pending rows only", kSmsDueIndexSchema},
    store::Migration{6, "sms retention indexes", kSmsRetentionIndexSchema},
    // The QR text a kiosk printed on the resident's receipt, signed with its
    // own key and checked at push (service/push.cc): the gateway's copy of
    // the receipt carries it. NULL for counter dossiers and older kiosks.
    store::Migration{7, "kiosk receipt QR", "ALTER TABLE dossiers ADD COLUMN receipt_qr TEXT;"},
};

}  // namespace

std::span<const store::Migration> GatewayMigrations() { return kMigrations; }

}  // namespace dvc::gateway
