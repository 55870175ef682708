// ApiResult<T>: what every GatewayService operation returns — either a value
// (HTTP 200/204, the HTTP layer decides which) or a sync::ApiError carrying
// its HTTP status, stable code and English message (docs/sync-api.md). Some
// answers need response headers besides the body (409 offset_mismatch carries
// Upload-Offset); those travel in headers(), set on errors and values alike,
// and the HTTP layer copies them to the response verbatim.
//
// Thread-safety: a value; no shared state.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/status.h"
#include "sync/messages.h"

namespace dvc::gateway {

// Value of ApiResult for operations that answer nothing but success.
struct Done {};

// Builds an error. `http_status` is 4xx/5xx.
inline sync::ApiError MakeApiError(int http_status, std::string code, std::string message) {
  return sync::ApiError{http_status, std::move(code), std::move(message)};
}

// A failure of the store (disk full, database locked beyond the busy timeout,
// corrupt file): 500 "internal" with the Status text, which names what failed.
// Operators read it in the log; kiosks retry a 5xx.
inline sync::ApiError InternalError(const Status& status) {
  return sync::ApiError{500, "internal", status.message()};
}

template <class T>
class ApiResult {
 public:
  using Header = std::pair<std::string, std::string>;

  ApiResult(T value) : state_(std::move(value)) {}               // NOLINT: implicit
  ApiResult(sync::ApiError error) : state_(std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return std::holds_alternative<T>(state_); }
  // REQUIRES: ok() (aborts otherwise, via std::get).
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  // REQUIRES: !ok().
  const sync::ApiError& error() const { return std::get<sync::ApiError>(state_); }
  // 200 for a value (the HTTP layer may answer 204 where the contract says so).
  int http_status() const { return ok() ? 200 : error().http_status; }

  // Extra response headers, in order ("Upload-Offset", "1024").
  const std::vector<Header>& headers() const { return headers_; }
  ApiResult& AddHeader(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

 private:
  std::variant<T, sync::ApiError> state_;
  std::vector<Header> headers_;
};

}  // namespace dvc::gateway
