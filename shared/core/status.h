// Status and Result<T>: the one error mechanism at module boundaries.
//
// A failing operation returns a Status (or a Result<T>) whose message is a
// sentence a person can act on ("catalog.json: $.services[3].fee: expected a
// number"). Exceptions never cross a module boundary; a broken invariant
// aborts (assert / std::abort) instead of being reported as a Status.
//
// Thread-safety: values; safe to copy and move between threads.
#pragma once

#include <cassert>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace dvc {

// Broad error classes, so callers can branch on kind without parsing text
// (for instance the sync API maps kInvalidInput to HTTP 400).
enum class ErrorCode {
  kOk = 0,
  kInvalidInput,   // bad data from outside: a form, an SMS, a file
  kNotFound,       // the thing asked for does not exist
  kConflict,       // the operation is illegal in the current state
  kIo,             // file system, database or OS failure
  kCorrupt,        // stored data is damaged
  kInternal,       // a library reported something unexpected
};

// The outcome of an operation that returns nothing else.
class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status Error(ErrorCode code, std::string message) {
    assert(code != ErrorCode::kOk);
    return Status(code, std::move(message));
  }
  static Status InvalidInput(std::string m) { return Error(ErrorCode::kInvalidInput, std::move(m)); }
  static Status NotFound(std::string m) { return Error(ErrorCode::kNotFound, std::move(m)); }
  static Status Conflict(std::string m) { return Error(ErrorCode::kConflict, std::move(m)); }
  static Status Io(std::string m) { return Error(ErrorCode::kIo, std::move(m)); }
  static Status Corrupt(std::string m) { return Error(ErrorCode::kCorrupt, std::move(m)); }
  static Status Internal(std::string m) { return Error(ErrorCode::kInternal, std::move(m)); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  // Empty when ok().
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "prefix: message" (adds context on the way up).
  Status WithContext(const std::string& prefix) const {
    if (ok()) return *this;
    return Status(code_, prefix + ": " + message_);
  }

 private:
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// Either a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    // A Result built from a Status must carry an error.
    if (status_.ok()) std::abort();
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // REQUIRES: ok().
  T& value() & {
    if (!ok()) std::abort();
    return *value_;
  }
  const T& value() const& {
    if (!ok()) std::abort();
    return *value_;
  }
  T&& value() && {
    if (!ok()) std::abort();
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace dvc

// Returns early from the enclosing function if `expr` yields a non-OK Status.
// The temporary gets a unique name so the macro nests (e.g. inside a lambda
// that is itself the argument of another DVC_RETURN_IF_ERROR) without -Wshadow.
#define DVC_RETURN_IF_ERROR(expr) \
  DVC_RETURN_IF_ERROR_IMPL_(DVC_CONCAT_(dvc_status_, __COUNTER__), expr)
#define DVC_RETURN_IF_ERROR_IMPL_(var, expr) \
  do {                                       \
    ::dvc::Status var = (expr);              \
    if (!var.ok()) return var;               \
  } while (0)
#define DVC_CONCAT_(a, b) DVC_CONCAT_INNER_(a, b)
#define DVC_CONCAT_INNER_(a, b) a##b
