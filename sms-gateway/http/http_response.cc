#include "http/http_response.h"

#include <array>
#include <utility>

namespace dvc::gateway {

namespace {

// Statuses cpp-httplib answers by itself, before or instead of a handler.
constexpr std::array<std::pair<int, std::string_view>, 9> kStatusCodes = {{
    {400, "bad_request"},
    {401, "unauthorized"},
    {404, "not_found"},
    {405, "method_not_allowed"},
    {413, "body_too_large"},
    {414, "uri_too_long"},
    {415, "unsupported_encoding"},
    {416, "bad_range"},
    {503, "unavailable"},
}};

}  // namespace

void WriteJson(httplib::Response& response, int status, const nlohmann::json& json) {
  response.status = status;
  // Invalid UTF-8 cannot reach here from the service (every reader checks it),
  // but a dump that throws would escape the handler: replace instead.
  response.set_content(json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       kJsonContentType);
}

void WriteError(httplib::Response& response, const sync::ApiError& error) {
  WriteJson(response, error.http_status, sync::ApiErrorToJson(error));
}

std::string_view ErrorCodeForStatus(int status) {
  for (const auto& [known, code] : kStatusCodes) {
    if (known == status) return code;
  }
  return status >= 500 ? "internal" : "bad_request";
}

}  // namespace dvc::gateway
