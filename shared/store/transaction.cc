#include "store/transaction.h"

#include "store/database.h"

namespace dvc::store {

namespace {

// BEGIN and COMMIT run for every transaction: kept compiled on the connection.
Status RunKept(Database& db, std::string_view purpose, Sql sql) {
  Result<CachedStatement> statement = db.PrepareCached(purpose, sql);
  if (!statement.ok()) return statement.status();
  return (*statement)->Run();
}

constexpr Sql kRollback = "ROLLBACK";

struct BeginSql {
  TransactionKind kind;
  Sql sql;
};
constexpr BeginSql kBeginSql[] = {
    {TransactionKind::kImmediate, "BEGIN IMMEDIATE"},
    {TransactionKind::kDeferred, "BEGIN DEFERRED"},
    {TransactionKind::kExclusive, "BEGIN EXCLUSIVE"},
};

}  // namespace

Result<Transaction> Transaction::Begin(Database& db, TransactionKind kind) {
  for (const BeginSql& row : kBeginSql) {
    if (row.kind == kind) {
      DVC_RETURN_IF_ERROR(RunKept(db, "begin transaction", row.sql));
      return Transaction(&db);
    }
  }
  std::abort();  // every enumerator has a row
}

Transaction::Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }

Transaction::~Transaction() {
  if (db_ == nullptr) return;
  // SQLite may already have rolled back by itself (after SQLITE_FULL, IOERR, ...);
  // then there is nothing left to undo and ROLLBACK would only report an error.
  if (db_->InTransaction()) {
    Status ignored = RunKept(*db_, "roll back transaction", kRollback);
    (void)ignored;  // nothing better to do in a destructor; the data stays as before BEGIN
  }
}

Status Transaction::Commit() {
  if (db_ == nullptr) return Status::Internal("commit: the transaction is no longer active");
  DVC_RETURN_IF_ERROR(RunKept(*db_, "commit transaction", "COMMIT"));
  db_ = nullptr;
  return Status::Ok();
}

Status Transaction::Rollback() {
  if (db_ == nullptr) return Status::Internal("roll back: the transaction is no longer active");
  Database* db = db_;
  db_ = nullptr;
  if (!db->InTransaction()) return Status::Ok();
  return RunKept(*db, "roll back transaction", kRollback);
}

}  // namespace dvc::store
