// CachedStatement: a statement lent from a Database's cache
// (Database::PrepareCached), used like a Statement through -> and *.
//
// SQL that runs again and again on one connection (every round of a loop, every
// BEGIN and COMMIT) is compiled once and kept: compiling costs more than running
// a small UPDATE. When the handle goes out of scope the statement is reset and its
// bindings cleared, so a kept statement never holds a read transaction open (which
// would stop the WAL from being checkpointed) and never carries one use's values
// into the next.
//
// Thread-safety: as for Database. Ownership: movable; must not outlive its
// Database (the Database aborts if one does).
#pragma once

#include <optional>

#include "store/statement.h"

namespace dvc::store {

class CachedStatement {
 public:
  CachedStatement(CachedStatement&& other) noexcept;
  CachedStatement& operator=(CachedStatement&&) = delete;
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  // Resets the statement, clears its bindings and gives it back to the cache.
  ~CachedStatement();

  Statement& operator*() { return *statement_; }
  Statement* operator->() { return statement_; }

 private:
  friend class Database;
  // A kept statement; *in_use is cleared when this handle dies.
  CachedStatement(Statement* kept, bool* in_use) : statement_(kept), in_use_(in_use) {}
  // A statement of its own (the kept one was lent already).
  explicit CachedStatement(Statement own);

  std::optional<Statement> own_;
  Statement* statement_;    // *own_ or the kept one; null once moved from
  bool* in_use_ = nullptr;  // the kept one's flag; null for an own statement
};

}  // namespace dvc::store
