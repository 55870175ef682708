#include "store/database.h"

#include <sqlite3.h>

#include <cstdlib>
#include <mutex>
#include <string>
#include <utility>

#include "store/sqlite_status.h"

namespace dvc::store {

namespace {

// One constant statement per setting, so no SQL is assembled at run time.
struct SynchronousPragma {
  Synchronous mode;
  Sql sql;
};
constexpr SynchronousPragma kSynchronousPragmas[] = {
    {Synchronous::kFull, "PRAGMA synchronous = FULL"},
    {Synchronous::kNormal, "PRAGMA synchronous = NORMAL"},
};

// Process-wide settings, made once before the first connection: SQLite's
// allocation statistics (nothing here reads them) cost a global mutex around
// every allocation. When something initialised SQLite first, sqlite3_config
// refuses and the defaults stay: slower, not wrong.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Database::Database(PassKey, sqlite3* db, std::string path, const OpenOptions& options)
    : db_(db), path_(std::move(path)), options_(options) {}

Database::~Database() {
  // A CachedStatement still alive would reset a finalized statement: a bug in
  // its owner's scoping, caught here rather than as memory corruption later.
  for (const auto& [sql, kept] : kept_) {
    if (kept.in_use) std::abort();
  }
  kept_.clear();  // finalized before the connection closes
  // sqlite3_close_v2 defers the close until any forgotten statement is finalized,
  // so a destructor order mistake cannot leak the file handle forever.
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                 std::span<const Migration> migrations,
                                                 const OpenOptions& options) {
  ConfigureSqliteOnce();
  // NOMUTEX: a connection is used by one thread at a time (the contract in
  // database.h), so SQLite's own lock around every call on it is not needed.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  // Own the handle before checking rc: SQLite allocates one even on failure.
  auto db = std::make_unique<Database>(PassKey(), raw, path, options);
  const std::string context = "database " + path;
  if (rc != SQLITE_OK) {
    return SqliteStatus(raw, rc, "open").WithContext(context);
  }
  sqlite3_extended_result_codes(raw, 1);
  if (Status s = db->Configure(); !s.ok()) return s.WithContext(context);
  if (Status s = ApplyMigrations(*db, migrations); !s.ok()) return s.WithContext(context);
  return db;
}

Status Database::Configure() {
  const auto timeout_ms = options_.busy_timeout.count();
  sqlite3_busy_timeout(db_, timeout_ms > INT32_MAX ? INT32_MAX : static_cast<int>(timeout_ms));

  // journal_mode answers with the mode now in force; an in-memory database stays
  // "memory", and anything else means WAL could not be enabled (a read-only
  // directory, a file system without shared memory).
  {  // finalized before the other settings
    auto journal = Prepare("set WAL journal mode", "PRAGMA journal_mode = WAL");
    if (!journal.ok()) return journal.status();
    auto row = journal->Step();
    if (!row.ok()) return row.status();
    const std::string mode = *row ? journal->ColumnText(0) : std::string();
    if (mode != "wal" && mode != "memory") {
      return Status::Io("set WAL journal mode: the database stays in journal mode \"" + mode +
                        "\"");
    }
  }

  for (const SynchronousPragma& pragma : kSynchronousPragmas) {
    if (pragma.mode == options_.synchronous) {
      DVC_RETURN_IF_ERROR(Exec("set synchronous", pragma.sql));
    }
  }
  return Exec("enable foreign keys", "PRAGMA foreign_keys = ON");
}

Status Database::Exec(std::string_view purpose, Sql sql) {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(db_, rc, purpose);
  return Status::Ok();
}

Result<Statement> Database::Prepare(std::string_view purpose, Sql sql) {
  return Compile(purpose, sql, 0);
}

Result<CachedStatement> Database::PrepareCached(std::string_view purpose, Sql sql) {
  auto it = kept_.find(sql.c_str());
  if (it == kept_.end()) {
    // PERSISTENT: SQLite allocates a long-lived statement outside its lookaside.
    Result<Statement> compiled = Compile(purpose, sql, SQLITE_PREPARE_PERSISTENT);
    if (!compiled.ok()) return compiled.status();
    it = kept_.emplace(sql.c_str(), Kept{std::make_unique<Statement>(std::move(*compiled))}).first;
  } else if (it->second.in_use) {
    Result<Statement> own = Compile(purpose, sql, 0);
    if (!own.ok()) return own.status();
    return CachedStatement(std::move(*own));
  }
  it->second.in_use = true;
  return CachedStatement(it->second.statement.get(), &it->second.in_use);
}

Result<Statement> Database::Compile(std::string_view purpose, Sql sql, unsigned flags) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.view().size() + 1),
                                    flags, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteStatus(db_, rc, purpose);
  }
  if (stmt == nullptr) {
    return Status::Internal(std::string(purpose) + ": the SQL text holds no statement");
  }
  return Statement(stmt, std::string(purpose));
}

Result<int> Database::UserVersion() {
  auto stmt = Prepare("read schema version", "PRAGMA user_version");
  if (!stmt.ok()) return stmt.status();
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("read schema version: PRAGMA user_version returned no row");
  return static_cast<int>(stmt->ColumnInt64(0));
}

Status Database::SetUserVersion(int version) {
  // PRAGMA takes no bound parameters; the integer is the program's own constant
  // from its migration list, formatted here, never text from outside.
  const std::string sql = "PRAGMA user_version = " + std::to_string(version);
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(db_, rc, "record schema version");
  return Status::Ok();
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int64_t Database::ChangedRows() const { return sqlite3_changes64(db_); }

bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace dvc::store
