// Statement: one owned prepared SQLite statement, with typed binds and getters.
//
// Made by Database::Prepare from constant SQL; values go in through binds only.
// Parameters are numbered from 1 (`?`, `?NNN`) or named (`:name`, `@name`,
// `$name`); columns are numbered from 0. The statement is finalized when the
// object is destroyed.
//
// Typical use:
//   auto insert = db.Prepare("insert dossier", "INSERT INTO dossiers(id, code) VALUES(:id,
//   :code)"); DVC_RETURN_IF_ERROR(insert->BindText(":id", id));
//   DVC_RETURN_IF_ERROR(insert->BindText(":code", code));
//   DVC_RETURN_IF_ERROR(insert->Run());
//
// Thread-safety: as for the Database it came from (one thread at a time).
// Ownership: movable, not copyable; must not outlive its Database.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

struct sqlite3_stmt;

namespace dvc::store {

// The storage class of a column value in the current row.
enum class ColumnType { kInteger, kFloat, kText, kBlob, kNull };

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds by 1-based index. Text and blobs are copied, so the arguments may die
  // right after the call; text may hold NUL bytes, and an empty text or blob is
  // stored as an empty value, not NULL.
  // Errors: kInternal naming the index if it is out of range; SQLite errors
  // ("too big") as "purpose: message".
  Status BindInt64(int index, int64_t value);
  Status BindDouble(int index, double value);
  Status BindText(int index, std::string_view value);
  Status BindBlob(int index, std::span<const uint8_t> value);
  Status BindNull(int index);

  // Binds by name, spelled with its prefix as in the SQL (":code").
  // Errors: kInternal if the statement has no parameter of that name.
  Status BindInt64(std::string_view name, int64_t value);
  Status BindDouble(std::string_view name, double value);
  Status BindText(std::string_view name, std::string_view value);
  Status BindBlob(std::string_view name, std::span<const uint8_t> value);
  Status BindNull(std::string_view name);

  // Advances: true when a row is available through the Column getters, false when
  // the statement has finished. After false (or an error) call Reset before
  // stepping again. Errors: the SQLite error as "purpose: message" (a constraint
  // failure is kConflict, a lock held past the busy timeout kIo).
  Result<bool> Step();

  // Steps a statement that returns no rows (INSERT, UPDATE, DELETE) to the end.
  // Errors: as Step; kInternal if it produced a row.
  Status Run();

  // Getters for the current row (valid after Step returned true).
  // REQUIRES: 0 <= column < ColumnCount(); aborts otherwise (a program error).
  // A NULL reads as 0, 0.0, "" or an empty blob; use ColumnTypeOf to tell.
  int ColumnCount() const;
  ColumnType ColumnTypeOf(int column) const;
  bool ColumnIsNull(int column) const;
  int64_t ColumnInt64(int column) const;
  double ColumnDouble(int column) const;
  std::string ColumnText(int column) const;  // all bytes, embedded NULs included
  std::vector<uint8_t> ColumnBlob(int column) const;

  // Makes the statement ready to step again from the start; keeps the bindings
  // unless `clear_bindings`. Never fails (an earlier step's error was already
  // reported by Step).
  void Reset(bool clear_bindings = false);

  // What the statement is for, as given to Prepare ("insert dossier").
  const std::string& purpose() const { return purpose_; }

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, std::string purpose);

  Status CheckBind(int rc, int index);
  Result<int> IndexOf(std::string_view name);
  void CheckColumn(int column) const;

  sqlite3_stmt* stmt_;  // owned; finalized in the destructor; null when moved from
  std::string purpose_;
};

}  // namespace dvc::store
