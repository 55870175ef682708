#include "store/sqlite_status.h"

#include <sqlite3.h>

#include <string>

namespace dvc::store {

namespace {

struct CodeClass {
  int primary;
  ErrorCode code;
};

// One row per primary code that is not kInternal.
constexpr CodeClass kCodeClasses[] = {
    {SQLITE_CONSTRAINT, ErrorCode::kConflict},
    {SQLITE_BUSY, ErrorCode::kIo},
    {SQLITE_LOCKED, ErrorCode::kIo},
    {SQLITE_IOERR, ErrorCode::kIo},
    {SQLITE_FULL, ErrorCode::kIo},
    {SQLITE_CANTOPEN, ErrorCode::kIo},
    {SQLITE_READONLY, ErrorCode::kIo},
    {SQLITE_PERM, ErrorCode::kIo},
    {SQLITE_NOLFS, ErrorCode::kIo},
    {SQLITE_PROTOCOL, ErrorCode::kIo},
    {SQLITE_CORRUPT, ErrorCode::kCorrupt},
    {SQLITE_NOTADB, ErrorCode::kCorrupt},
    {SQLITE_TOOBIG, ErrorCode::kInvalidInput},
    {SQLITE_MISMATCH, ErrorCode::kInvalidInput},
};

}  // namespace

ErrorCode ErrorCodeForSqlite(int rc) {
  const int primary = rc & 0xff;
  for (const CodeClass& row : kCodeClasses) {
    if (row.primary == primary) return row.code;
  }
  return ErrorCode::kInternal;
}

Status SqliteStatus(sqlite3* db, int rc, std::string_view purpose) {
  // sqlite3_errmsg describes the most recent failing call on the connection; when
  // it reports a different code (e.g. after a failed open or a call that does not
  // set it), fall back to the generic text for rc.
  std::string detail;
  if (db != nullptr && (sqlite3_extended_errcode(db) & 0xff) == (rc & 0xff)) {
    detail = sqlite3_errmsg(db);
  } else {
    detail = sqlite3_errstr(rc);
  }
  std::string message(purpose);
  message += ": ";
  message += detail;
  return Status::Error(ErrorCodeForSqlite(rc), std::move(message));
}

}  // namespace dvc::store
