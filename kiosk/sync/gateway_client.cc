#include "sync/gateway_client.h"

#include <algorithm>
#include <charconv>

#include "core/hex.h"
#include "sync/gzip.h"
#include "sync/request_signature.h"

namespace dvc::kiosk {
namespace {

constexpr std::string_view kJson = "application/json";

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// The path part of base_url ("https://h:1/dvc" → "/dvc"), since the signed
// path is the one sent.
std::string BasePath(std::string_view base_url) {
  const size_t scheme = base_url.find("://");
  if (scheme == std::string_view::npos) return "";
  const size_t slash = base_url.find('/', scheme + 3);
  return slash == std::string_view::npos ? "" : std::string(base_url.substr(slash));
}

std::optional<uint64_t> ParseUnsigned(std::optional<std::string> text) {
  if (!text || text->empty()) return std::nullopt;
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

std::optional<int64_t> ParseSigned(std::optional<std::string> text) {
  if (!text || text->empty()) return std::nullopt;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

// A path segment we build from data: only characters that need no escaping.
bool SafeSegment(std::string_view s) {
  return !s.empty() && s.size() <= 128 && s != "." && s != ".." &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  c == '-' || c == '.' || c == '_';
         });
}

GatewayError Unreadable(const HttpResponse& response, const std::string& what) {
  return GatewayError{.kind = GatewayFailure::kServer,
                      .http_status = response.status,
                      .code = "",
                      .message = "the gateway's answer cannot be read: " + what,
                      .upload_offset = std::nullopt};
}

template <typename T>
GatewayAnswer<T> ReadBody(const HttpResponse& response,
                          Result<T> (*reader)(const nlohmann::json&)) {
  Result<nlohmann::json> json = sync::ParseBody(response.body);
  if (!json.ok()) return Unreadable(response, json.status().message());
  Result<T> value = reader(*json);
  if (!value.ok()) return Unreadable(response, value.status().message());
  return std::move(*value);
}

UploadState UploadStateOf(const HttpResponse& response) {
  UploadState state;
  state.offset = ParseUnsigned(response.Header("Upload-Offset")).value_or(0);
  state.length = ParseUnsigned(response.Header("Upload-Length")).value_or(0);
  state.complete = response.Header("Upload-Complete").value_or("") == "1";
  return state;
}

GatewayAnswer<HttpResponse> SendTimed(HttpTransport& transport, const HttpRequest& request,
                                      CorrectedClock& clock) {
  const int64_t sent = clock.LocalMs();
  HttpOutcome outcome = transport.Send(request);
  const int64_t received = clock.LocalMs();
  if (const auto* error = std::get_if<TransportError>(&outcome)) return FromTransport(*error);
  HttpResponse& response = std::get<HttpResponse>(outcome);
  ApplyGatewayTime(response, sent, received, clock);
  return std::move(response);
}

}  // namespace

GatewayError FromTransport(const TransportError& error) {
  return GatewayError{.kind = GatewayFailure::kTransport,
                      .http_status = 0,
                      .code = "",
                      .message = "no answer from the gateway: " + error.message,
                      .upload_offset = std::nullopt};
}

GatewayError ClassifyResponse(const HttpResponse& response) {
  GatewayError error;
  error.http_status = response.status;
  if (response.status == 401) {
    error.kind = GatewayFailure::kAuth;
  } else if (response.status >= 400 && response.status < 500) {
    error.kind = GatewayFailure::kRefused;
  } else {
    error.kind = GatewayFailure::kServer;  // 5xx, and 1xx/3xx we never ask for
  }
  Result<nlohmann::json> json = sync::ParseBody(response.body);
  Result<sync::ApiError> api = json.ok() ? sync::ApiErrorFromJson(*json, response.status)
                                         : Result<sync::ApiError>(json.status());
  if (api.ok()) {
    error.code = api->code;
    error.message = api->message;
  } else {
    error.message = "HTTP " + std::to_string(response.status);
  }
  if (response.status == 409) error.upload_offset = ParseUnsigned(response.Header("Upload-Offset"));
  return error;
}

bool ApplyGatewayTime(const HttpResponse& response, int64_t sent_local_ms,
                      int64_t received_local_ms, CorrectedClock& clock) {
  const std::optional<int64_t> gateway_ms = ParseSigned(response.Header(sync::kHeaderTime));
  // Before 2000 or after 2200: not a clock reading.
  if (!gateway_ms || *gateway_ms < 946'684'800'000 || *gateway_ms > 7'258'118'400'000) {
    return false;
  }
  if (received_local_ms < sent_local_ms) return false;  // the local clock jumped back
  clock.set_offset_ms(CorrectedClock::OffsetFrom(*gateway_ms, sent_local_ms, received_local_ms));
  return true;
}

GatewayAnswer<sync::EnrollResponse> Enroll(
    HttpTransport& transport, std::string_view base_url, const KioskIdentity& identity,
    std::string_view code, CorrectedClock& clock,
    const std::optional<std::pair<std::string, uint32_t>>& issued) {
  sync::EnrollRequest request;
  request.code = std::string(code);
  request.public_key = core::HexOf(identity.public_key());
  request.proof = sync::SignEnrolmentProof(identity.secret_key(), code, request.public_key);
  request.software = "dvc-kiosk 0.3";
  if (issued) {
    request.issuer_commune = issued->first;
    request.issuer = issued->second;
  }
  HttpRequest http;
  http.method = "POST";
  http.url = TrimSlash(std::string(base_url)) + "/v1/enroll";
  http.headers = {{"Content-Type", std::string(kJson)}};
  http.body = sync::ToJson(request).dump();
  GatewayAnswer<HttpResponse> response = SendTimed(transport, http, clock);
  if (!response.ok()) return response.error();
  if (response->status != 200) return ClassifyResponse(*response);
  return ReadBody<sync::EnrollResponse>(*response, &sync::EnrollResponseFromJson);
}

GatewayClient::GatewayClient(HttpTransport& transport, std::string base_url, int64_t kiosk_id,
                             const KioskIdentity& identity, CorrectedClock& clock)
    : transport_(transport),
      base_url_(TrimSlash(std::move(base_url))),
      kiosk_id_(kiosk_id),
      identity_(identity),
      clock_(clock) {}

GatewayAnswer<HttpResponse> GatewayClient::Call(
    std::string_view method, const std::string& path, std::string body,
    std::string_view content_type, std::vector<std::pair<std::string, std::string>> extra_headers,
    const std::vector<std::string>& extra_signed_lines) {
  const std::string signed_path = BasePath(base_url_) + path;
  // A JSON body of some size goes gzip'd (the link is the scarce thing); the
  // signature covers it uncompressed, as the gateway reads it.
  std::optional<std::string> packed;
  if (content_type == kJson && body.size() >= kGzipMinBytes) packed = Gzip(body);
  if (packed) extra_headers.emplace_back("Content-Encoding", "gzip");
  for (int attempt = 0;; ++attempt) {
    const sync::SignatureHeaders signature =
        sync::SignRequest(identity_.secret_key(), kiosk_id_, method, signed_path,
                          clock_.NowSeconds(), body, extra_signed_lines);
    HttpRequest request;
    request.method = std::string(method);
    request.url = base_url_ + path;
    request.headers = extra_headers;
    request.headers.emplace_back(sync::kHeaderKiosk, signature.kiosk);
    request.headers.emplace_back(sync::kHeaderTimestamp, signature.timestamp);
    request.headers.emplace_back(sync::kHeaderNonce, signature.nonce);
    request.headers.emplace_back(sync::kHeaderSignature, signature.signature);
    if (!content_type.empty()) request.headers.emplace_back("Content-Type", content_type);
    request.body = packed ? *packed : body;
    GatewayAnswer<HttpResponse> response = SendTimed(transport_, request, clock_);
    if (!response.ok()) return response;
    if (response->status >= 200 && response->status < 300) return response;
    GatewayError error = ClassifyResponse(*response);
    // SendTimed has already corrected the offset from this answer's clock.
    if (error.code == "stale_timestamp" && attempt == 0) continue;
    return error;
  }
}

GatewayAnswer<sync::PushResponse> GatewayClient::Push(const sync::PushRequest& batch) {
  GatewayAnswer<HttpResponse> response =
      Call("POST", "/v1/dossiers", sync::ToJson(batch).dump(), kJson, {}, {});
  if (!response.ok()) return response.error();
  return ReadBody<sync::PushResponse>(*response, &sync::PushResponseFromJson);
}

GatewayAnswer<UploadState> GatewayClient::AttachmentOffset(std::string_view sha256) {
  if (!core::IsSha256Hex(sha256)) {
    return GatewayError{GatewayFailure::kRefused, 0, "bad_request", "not a SHA-256 name", {}};
  }
  GatewayAnswer<HttpResponse> response =
      Call("HEAD", "/v1/attachments/" + std::string(sha256), "", "", {}, {});
  if (!response.ok()) return response.error();
  return UploadStateOf(*response);
}

GatewayAnswer<UploadState> GatewayClient::AppendChunk(std::string_view sha256, uint64_t offset,
                                                      uint64_t total, std::string_view bytes) {
  if (!core::IsSha256Hex(sha256)) {
    return GatewayError{GatewayFailure::kRefused, 0, "bad_request", "not a SHA-256 name", {}};
  }
  const std::string offset_text = std::to_string(offset);
  const std::string total_text = std::to_string(total);
  GatewayAnswer<HttpResponse> response = Call(
      "PATCH", "/v1/attachments/" + std::string(sha256), std::string(bytes),
      "application/offset+octet-stream",
      {{"Upload-Offset", offset_text}, {"Upload-Length", total_text}}, {offset_text, total_text});
  if (!response.ok()) return response.error();
  UploadState state = UploadStateOf(*response);
  if (!response->Header("Upload-Length")) state.length = total;
  return state;
}

GatewayAnswer<sync::ChangesPage> GatewayClient::Changes(int64_t after, size_t limit) {
  GatewayAnswer<HttpResponse> response =
      Call("GET", "/v1/changes?after=" + std::to_string(after) + "&limit=" + std::to_string(limit),
           "", "", {}, {});
  if (!response.ok()) return response.error();
  return ReadBody<sync::ChangesPage>(*response, &sync::ChangesPageFromJson);
}

GatewayAnswer<nlohmann::json> GatewayClient::Catalog(std::string_view version) {
  if (!SafeSegment(version)) {
    return GatewayError{GatewayFailure::kRefused,
                        0,
                        "bad_request",
                        "catalog version \"" + std::string(version) + "\" cannot be asked for",
                        {}};
  }
  GatewayAnswer<HttpResponse> response =
      Call("GET", "/v1/catalog/" + std::string(version), "", "", {}, {});
  if (!response.ok()) return response.error();
  Result<nlohmann::json> json = sync::ParseBody(response->body);
  if (!json.ok()) return Unreadable(*response, json.status().message());
  return std::move(*json);
}

GatewayAnswer<std::optional<sync::LookupAnswer>> GatewayClient::Lookup(std::string_view code) {
  if (!SafeSegment(code)) {
    return GatewayError{GatewayFailure::kRefused, 0, "code_mistyped", "not a dossier code", {}};
  }
  GatewayAnswer<HttpResponse> response =
      Call("GET", "/v1/lookup/" + std::string(code), "", "", {}, {});
  if (!response.ok()) {
    if (response.error().http_status == 404 && response.error().code == "not_found") {
      return std::optional<sync::LookupAnswer>();
    }
    return response.error();
  }
  GatewayAnswer<sync::LookupAnswer> answer =
      ReadBody<sync::LookupAnswer>(*response, &sync::LookupAnswerFromJson);
  if (!answer.ok()) return answer.error();
  return std::optional<sync::LookupAnswer>(std::move(*answer));
}

}  // namespace dvc::kiosk
