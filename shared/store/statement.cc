#include "store/statement.h"

#include <sqlite3.h>

#include <cstdlib>
#include <string>
#include <utility>

#include "store/sqlite_status.h"

namespace dvc::store {

namespace {

// SQLite binds a null pointer as SQL NULL; an empty text or blob must stay empty.
const char kEmpty[1] = {0};

constexpr struct {
  int sqlite_type;
  ColumnType type;
} kColumnTypes[] = {
    {SQLITE_INTEGER, ColumnType::kInteger}, {SQLITE_FLOAT, ColumnType::kFloat},
    {SQLITE_TEXT, ColumnType::kText},       {SQLITE_BLOB, ColumnType::kBlob},
    {SQLITE_NULL, ColumnType::kNull},
};

}  // namespace

Statement::Statement(sqlite3_stmt* stmt, std::string purpose)
    : stmt_(stmt), purpose_(std::move(purpose)) {}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), purpose_(std::move(other.purpose_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    purpose_ = std::move(other.purpose_);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }  // a no-op on null

Status Statement::CheckBind(int rc, int index) {
  if (rc == SQLITE_OK) return Status::Ok();
  if (rc == SQLITE_RANGE) {
    return Status::Internal(purpose_ + ": no parameter number " + std::to_string(index) +
                            " (the statement has " +
                            std::to_string(sqlite3_bind_parameter_count(stmt_)) + ")");
  }
  return SqliteStatus(sqlite3_db_handle(stmt_), rc, purpose_);
}

Result<int> Statement::IndexOf(std::string_view name) {
  const std::string key(name);  // SQLite wants a NUL-terminated name
  const int index = sqlite3_bind_parameter_index(stmt_, key.c_str());
  if (index == 0) return Status::Internal(purpose_ + ": no parameter named " + key);
  return index;
}

Status Statement::BindInt64(int index, int64_t value) {
  return CheckBind(sqlite3_bind_int64(stmt_, index, value), index);
}

Status Statement::BindDouble(int index, double value) {
  return CheckBind(sqlite3_bind_double(stmt_, index, value), index);
}

Status Statement::BindText(int index, std::string_view value) {
  const char* data = value.empty() ? kEmpty : value.data();
  return CheckBind(
      sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
}

Status Statement::BindBlob(int index, std::span<const uint8_t> value) {
  const void* data = value.empty() ? static_cast<const void*>(kEmpty) : value.data();
  return CheckBind(sqlite3_bind_blob64(stmt_, index, data, value.size(), SQLITE_TRANSIENT), index);
}

Status Statement::BindNull(int index) { return CheckBind(sqlite3_bind_null(stmt_, index), index); }

Status Statement::BindInt64(std::string_view name, int64_t value) {
  auto index = IndexOf(name);
  return index.ok() ? BindInt64(*index, value) : index.status();
}

Status Statement::BindDouble(std::string_view name, double value) {
  auto index = IndexOf(name);
  return index.ok() ? BindDouble(*index, value) : index.status();
}

Status Statement::BindText(std::string_view name, std::string_view value) {
  auto index = IndexOf(name);
  return index.ok() ? BindText(*index, value) : index.status();
}

Status Statement::BindBlob(std::string_view name, std::span<const uint8_t> value) {
  auto index = IndexOf(name);
  return index.ok() ? BindBlob(*index, value) : index.status();
}

Status Statement::BindNull(std::string_view name) {
  auto index = IndexOf(name);
  return index.ok() ? BindNull(*index) : index.status();
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(sqlite3_db_handle(stmt_), rc, purpose_);
}

Status Statement::Run() {
  auto row = Step();
  if (!row.ok()) return row.status();
  if (*row) return Status::Internal(purpose_ + ": the statement returned a row");
  return Status::Ok();
}

void Statement::Reset(bool clear_bindings) {
  sqlite3_reset(stmt_);
  if (clear_bindings) sqlite3_clear_bindings(stmt_);
}

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }

void Statement::CheckColumn(int column) const {
  if (column < 0 || column >= sqlite3_column_count(stmt_)) std::abort();
}

ColumnType Statement::ColumnTypeOf(int column) const {
  CheckColumn(column);
  const int type = sqlite3_column_type(stmt_, column);
  for (const auto& row : kColumnTypes) {
    if (row.sqlite_type == type) return row.type;
  }
  std::abort();  // SQLite has exactly these five storage classes
}

bool Statement::ColumnIsNull(int column) const { return ColumnTypeOf(column) == ColumnType::kNull; }

int64_t Statement::ColumnInt64(int column) const {
  CheckColumn(column);
  return sqlite3_column_int64(stmt_, column);
}

double Statement::ColumnDouble(int column) const {
  CheckColumn(column);
  return sqlite3_column_double(stmt_, column);
}

std::string Statement::ColumnText(int column) const {
  CheckColumn(column);
  // Fetch the pointer first, then the size (SQLite's documented order).
  const auto* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
}

std::vector<uint8_t> Statement::ColumnBlob(int column) const {
  CheckColumn(column);
  const auto* blob = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  if (blob == nullptr) return {};
  return std::vector<uint8_t>(blob, blob + size);
}

}  // namespace dvc::store
