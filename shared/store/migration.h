// Versioned schema migrations, applied in order when a database is opened.
//
// A database records the last migration applied in `PRAGMA user_version` (0 for a
// new file). Each pending migration runs in its own IMMEDIATE transaction together
// with the user_version bump, so a crash or a failing statement leaves the file at
// the previous version, never half-migrated. A file whose version is newer than
// the program's last migration is refused: an old program must not write to a
// schema it does not know.
#pragma once

#include <span>
#include <string_view>

#include "core/status.h"
#include "store/sql.h"

namespace dvc::store {

class Database;

// One forward step of a schema. `sql` may hold several statements separated by
// ';' (CREATE TABLE, CREATE INDEX, INSERT of reference rows, ...).
struct Migration {
  int version;                   // 1, 2, 3, ... strictly increasing in a list
  std::string_view description;  // for errors and logs: "create dossiers"
  Sql sql;
};

// Applies every migration of `migrations` whose version is above the database's
// user_version, in order, each in its own transaction.
// Errors: kInternal if the list is not strictly increasing from 1 upwards; kConflict
// if the database is newer than the list's last version; the migration's own SQLite
// error prefixed with "migration N (description)", in which case the database stays
// at the version before N. Safe against another process migrating the same file at
// the same time (each step re-reads the version inside its transaction).
// Thread-safety: as for Database.
Status ApplyMigrations(Database& db, std::span<const Migration> migrations);

}  // namespace dvc::store
