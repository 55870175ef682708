// The append-only audit log (table audit_log, schema.cc): every operator
// action and status change, appended in the transaction that makes the change.
// Each row carries hash = SHA-256(prev_hash || at || actor || action || subject
// || detail), each part length-prefixed, and prev_hash = the previous row's
// hash (32 zero bytes for the first row), so a removed or altered row breaks
// the chain. Triggers refuse UPDATE and DELETE.
//
// Thread-safety: as for the Database passed in (one thread at a time).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace dvc::gateway {

struct AuditEntry {
  int64_t seq = 0;
  int64_t at_s = 0;  // Unix seconds
  std::string actor;
  std::string action;   // "kiosk.enroll", "dossier.status", ...
  std::string subject;  // what it is about: a kiosk id, a dossier code, a version
  std::string detail;   // free text / JSON
};

// Appends one row. REQUIRES: `db` is inside the caller's write transaction
// (the row commits or rolls back with the change it records).
// Errors: SQLite errors.
Status AppendAudit(store::Database& db, int64_t at_s, std::string_view actor,
                   std::string_view action, std::string_view subject, std::string_view detail);

// Rows in order, from seq > after, at most `limit`.
Result<std::vector<AuditEntry>> ReadAudit(store::Database& db, int64_t after, int limit);

// Recomputes the chain over every row. Errors: kCorrupt naming the first row
// whose prev_hash or hash does not match (a gap, an edit); SQLite errors.
Status VerifyAuditChain(store::Database& db);

}  // namespace dvc::gateway
