// Conversion of SQLite result codes into dvc::Status (for the store's own files).
//
// Every failing SQLite call becomes a Status whose message names the purpose of
// the SQL first, then SQLite's own words, e.g.
//   "insert dossier: UNIQUE constraint failed: dossiers.code".
// The error class follows the primary result code (see ErrorCodeForSqlite), so a
// caller can tell a duplicate (kConflict) from a full disk (kIo) without parsing text.
//
// Thread-safety: reads the connection's last error message; call it on the thread
// that made the failing call, right after it.
#pragma once

#include <string_view>

#include "core/status.h"

struct sqlite3;

namespace dvc::store {

// The error class for an SQLite result code (extended codes are accepted):
// CONSTRAINT -> kConflict; BUSY, LOCKED, IOERR, FULL, CANTOPEN, READONLY, PERM,
// NOLFS, PROTOCOL -> kIo; CORRUPT, NOTADB -> kCorrupt; TOOBIG, MISMATCH ->
// kInvalidInput; anything else -> kInternal.
ErrorCode ErrorCodeForSqlite(int rc);

// "purpose: <sqlite message>"; the message is taken from `db` when it is not null
// and still describes `rc`, otherwise from sqlite3_errstr(rc).
// REQUIRES: rc is an error code (not SQLITE_OK, SQLITE_ROW or SQLITE_DONE).
Status SqliteStatus(sqlite3* db, int rc, std::string_view purpose);

}  // namespace dvc::store
