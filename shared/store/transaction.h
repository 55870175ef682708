// Transaction: a scope guard around BEGIN ... COMMIT.
//
// Begin opens the transaction; Commit makes it durable (per the database's
// synchronous setting); if the guard is destroyed before a successful Commit, the
// transaction is rolled back, so an early return or an error path never leaves
// half a domain operation in the file.
//
//   auto tx = Transaction::Begin(db);
//   if (!tx.ok()) return tx.status();
//   ... statements ...
//   return tx->Commit();
//
// IMMEDIATE (the default) takes the write lock at BEGIN, so a read-then-write
// transaction cannot fail half-way with "database is locked" when another
// connection writes first; it waits up to the busy timeout at BEGIN instead.
//
// Thread-safety: as for Database. Ownership: movable; must not outlive its
// Database. Transactions do not nest (BEGIN inside a transaction is an error).
#pragma once

#include "core/status.h"

namespace dvc::store {

class Database;

enum class TransactionKind { kImmediate, kDeferred, kExclusive };

class Transaction {
 public:
  // Errors: the SQLite error of BEGIN ("begin transaction: database is locked"
  // after the busy timeout; "cannot start a transaction within a transaction").
  static Result<Transaction> Begin(Database& db,
                                   TransactionKind kind = TransactionKind::kImmediate);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // Rolls back unless committed.
  ~Transaction();

  // Commits. On error the transaction stays open and is rolled back when the
  // guard dies. REQUIRES: not already committed or rolled back (kInternal if so).
  Status Commit();
  // Rolls back now. Errors: kInternal if not active.
  Status Rollback();

  bool active() const { return db_ != nullptr; }

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;  // not owned; null once committed, rolled back or moved from
};

}  // namespace dvc::store
