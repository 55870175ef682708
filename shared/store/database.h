// Database: one owned SQLite connection with the project's settings.
//
// Opened by Database::Open, which sets the connection up for power cuts and
// concurrent readers (WAL journal, synchronous FULL unless asked otherwise,
// foreign keys on, a busy timeout) and applies the schema migrations. The
// connection closes when the object is destroyed.
//
// Thread-safety: a Database and its Statements are used by one thread at a time;
// open one Database per thread (or process) that needs the file. Several
// connections to one file are safe: SQLite's locks serialise writers, and the busy
// timeout makes a writer wait for another one instead of failing at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"
#include "store/cached_statement.h"
#include "store/migration.h"
#include "store/sql.h"
#include "store/statement.h"

struct sqlite3;

namespace dvc::store {

// PRAGMA synchronous. FULL makes every commit durable across a power cut before
// it returns (what an acknowledgement to a resident or a kiosk depends on);
// NORMAL in WAL mode may lose the last commits on power loss but never corrupts.
enum class Synchronous { kFull, kNormal };

struct OpenOptions {
  Synchronous synchronous = Synchronous::kFull;
  // How long a statement waits for another connection's lock before it fails
  // with "database is locked". Zero fails at once.
  std::chrono::milliseconds busy_timeout{5000};
  // When false, a missing file is an error instead of a new empty database.
  bool create_if_missing = true;
};

class Database {
 public:
  // Opens (or creates) the database at `path` and migrates it with `migrations`
  // (see migration.h). ":memory:" opens a private in-memory database (journal
  // mode "memory" instead of WAL).
  // Errors: kIo if the file cannot be opened or created; kCorrupt if it is not a
  // database; anything ApplyMigrations reports. Every message names the path.
  static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                std::span<const Migration> migrations,
                                                const OpenOptions& options = {});

  // Use Open; public only so that Open can use std::make_unique.
  struct PassKey {
   private:
    friend class Database;
    PassKey() = default;
  };
  Database(PassKey, sqlite3* db, std::string path, const OpenOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs constant SQL (one or more statements, results ignored). For schema
  // changes and transaction control; anything with values uses Prepare and binds.
  // Errors: the SQLite error as "purpose: message".
  Status Exec(std::string_view purpose, Sql sql);

  // Compiles one statement. The Statement must not outlive this Database.
  // Errors: the SQLite error as "purpose: message" (syntax, unknown table, ...).
  Result<Statement> Prepare(std::string_view purpose, Sql sql);

  // Like Prepare, for SQL this connection runs again and again: compiled at its
  // first use and kept until the Database closes (cached_statement.h). While a
  // handle on `sql` is alive, another call gets a statement of its own, so
  // nested and overlapping uses stay correct.
  // Errors: as Prepare (nothing is kept then).
  Result<CachedStatement> PrepareCached(std::string_view purpose, Sql sql);

  // The schema version recorded in the file (PRAGMA user_version).
  Result<int> UserVersion();
  // Records `version` as the schema version; used by ApplyMigrations inside its
  // transaction. Errors: the SQLite error.
  Status SetUserVersion(int version);

  // Rowid of the most recent successful INSERT on this connection.
  int64_t LastInsertRowId() const;
  // Rows changed by the most recent INSERT, UPDATE or DELETE on this connection.
  int64_t ChangedRows() const;
  // True while an explicit transaction (BEGIN ... COMMIT) is open.
  bool InTransaction() const;

  const std::string& path() const { return path_; }
  const OpenOptions& options() const { return options_; }

 private:
  Status Configure();
  Result<Statement> Compile(std::string_view purpose, Sql sql, unsigned flags);

  struct Kept {
    std::unique_ptr<Statement> statement;
    bool in_use = false;  // lent to a CachedStatement
  };

  sqlite3* db_;  // owned; closed in the destructor
  // PrepareCached's statements by their SQL text's address (a literal lives as
  // long as the program). Nodes never move, so a handle's in_use stays valid.
  std::unordered_map<const char*, Kept> kept_;
  std::string path_;
  OpenOptions options_;
};

}  // namespace dvc::store
