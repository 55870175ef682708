// Writing the sync API's responses onto cpp-httplib's Response: JSON bodies,
// the error body {"error": {"code", "message"}}, and the error code used when
// cpp-httplib itself refuses a request (unknown route, oversize body).
//
// Thread-safety: pure functions over the response they are given.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string_view>

#include "service/api_result.h"
#include "sync/messages.h"

namespace dvc::gateway {

// Plain "application/json" (UTF-8 by definition, RFC 8259): cpp-httplib
// compresses only content types it knows, compared exactly.
inline constexpr const char* kJsonContentType = "application/json";

// Sets `status` and `json` as the body.
void WriteJson(httplib::Response& response, int status, const nlohmann::json& json);

// Sets the error's status and body.
void WriteError(httplib::Response& response, const sync::ApiError& error);

// The stable code for an HTTP status cpp-httplib produced on its own
// ("not_found" for 404, "body_too_large" for 413, "bad_request" for 400,
// "internal" for 5xx...).
std::string_view ErrorCodeForStatus(int status);

// Copies ApiResult::headers() to the response.
template <typename T>
void CopyHeaders(const ApiResult<T>& result, httplib::Response& response) {
  for (const auto& [name, value] : result.headers()) response.set_header(name, value);
}

// Writes a result: the value through `to_json` with status 200, or the error.
template <typename T, typename ToJsonFn>
void WriteResult(const ApiResult<T>& result, httplib::Response& response, ToJsonFn to_json) {
  CopyHeaders(result, response);
  if (result.ok()) {
    WriteJson(response, 200, to_json(result.value()));
  } else {
    WriteError(response, result.error());
  }
}

}  // namespace dvc::gateway
