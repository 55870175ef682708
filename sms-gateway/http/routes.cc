#include "http/routes.h"

#include <charconv>
#include <optional>

#include "http/http_response.h"
#include "http/operator_requests.h"
#include "http/receipt_routes.h"
#include "http/sms_admin.h"
#include "sync/messages.h"
#include "ussd/ussd_callback.h"

namespace dvc::gateway {

namespace {

constexpr size_t kJsonBody = sync::kMaxBodyBytes;

sync::ApiError BadRequest(std::string code, std::string message) {
  return MakeApiError(400, std::move(code), std::move(message));
}

// A decimal integer in [min, max], nothing else (no sign, no spaces).
std::optional<int64_t> ParseDecimal(std::string_view text, int64_t min, int64_t max) {
  int64_t value = 0;
  if (text.empty() || text.size() > 19) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (text[0] == '-' || text[0] == '+' || value < min || value > max) return std::nullopt;
  return value;
}

// A query parameter as an integer; `fallback` when absent.
std::optional<int64_t> QueryInt(const httplib::Request& request, const char* name, int64_t fallback,
                                int64_t min, int64_t max) {
  if (!request.has_param(name)) return fallback;
  return ParseDecimal(request.get_param_value(name), min, max);
}

template <typename T>
nlohmann::json ListJson(const char* key, const std::vector<T>& items) {
  nlohmann::json list = nlohmann::json::array();
  for (const T& item : items) list.push_back(ToJson(item));
  return nlohmann::json{{key, std::move(list)}};
}

// ---- kiosk API ----------------------------------------------------------------

void Enroll(RouteContext& c) {
  Result<nlohmann::json> json = sync::ParseBody(c.body);
  if (!json.ok()) return WriteError(c.response, BadRequest("bad_request", json.status().message()));
  Result<sync::EnrollRequest> request = sync::EnrollRequestFromJson(*json);
  if (!request.ok()) {
    return WriteError(c.response, BadRequest("bad_request", request.status().message()));
  }
  WriteResult(c.service.Enroll(*request), c.response,
              [](const sync::EnrollResponse& r) { return sync::ToJson(r); });
}

void Push(RouteContext& c) {
  Result<nlohmann::json> json = sync::ParseBody(c.body);
  if (!json.ok()) return WriteError(c.response, BadRequest("bad_json", json.status().message()));
  // The batch limit has its own status (413), checked before the shape.
  const nlohmann::json& root = *json;
  if (root.is_object() && root.contains("dossiers") && root["dossiers"].is_array() &&
      root["dossiers"].size() > sync::kMaxDossiersPerPush) {
    return WriteError(c.response,
                      MakeApiError(413, "batch_too_large",
                                   "dossiers: " + std::to_string(root["dossiers"].size()) +
                                       " dossiers, at most " +
                                       std::to_string(sync::kMaxDossiersPerPush) + " per push"));
  }
  Result<sync::PushRequest> request = sync::PushRequestFromJson(root);
  if (!request.ok()) {
    return WriteError(c.response, BadRequest("bad_json", request.status().message()));
  }
  WriteResult(c.service.Push(c.kiosk, *request), c.response,
              [](const sync::PushResponse& r) { return sync::ToJson(r); });
}

void WriteAttachmentState(const AttachmentState& state, httplib::Response& response, int status) {
  response.status = status;
  response.set_header("Upload-Offset", std::to_string(state.offset));
  response.set_header("Upload-Length", std::to_string(state.length));
  if (state.complete) response.set_header("Upload-Complete", "1");
  response.set_header("Cache-Control", "no-store");
}

void AttachmentHead(RouteContext& c) {
  ApiResult<AttachmentState> result = c.service.AttachmentStatus(c.kiosk, c.params[0]);
  CopyHeaders(result, c.response);
  if (!result.ok()) return WriteError(c.response, result.error());
  WriteAttachmentState(*result, c.response, 200);
}

void AttachmentPatch(RouteContext& c) {
  // The signature already covered both headers (GatewayServer checks their
  // presence before authenticating); here only their values.
  const std::optional<int64_t> offset =
      ParseDecimal(c.request.get_header_value("Upload-Offset"), 0, INT64_MAX);
  const std::optional<int64_t> length =
      ParseDecimal(c.request.get_header_value("Upload-Length"), 0, INT64_MAX);
  if (!offset || !length) {
    return WriteError(
        c.response,
        BadRequest("bad_request", "Upload-Offset and Upload-Length must be decimal byte counts"));
  }
  ApiResult<AttachmentState> result = c.service.AppendAttachment(
      c.kiosk, c.params[0], static_cast<uint64_t>(*offset), static_cast<uint64_t>(*length), c.body);
  CopyHeaders(result, c.response);
  if (!result.ok()) return WriteError(c.response, result.error());
  WriteAttachmentState(*result, c.response, 204);
}

void Changes(RouteContext& c) {
  const std::optional<int64_t> after = QueryInt(c.request, "after", 0, 0, INT64_MAX);
  const std::optional<int64_t> limit =
      QueryInt(c.request, "limit", 500, 1, static_cast<int64_t>(sync::kMaxChangesPerPull));
  if (!after || !limit) {
    return WriteError(c.response, BadRequest("bad_request",
                                             "after must be a cursor (0 or more) and limit "
                                             "an integer from 1 to 1000"));
  }
  WriteResult(c.service.Changes(c.kiosk, *after, static_cast<int>(*limit)), c.response,
              [](const sync::ChangesPage& page) { return sync::ToJson(page); });
}

void CatalogBundle(RouteContext& c) {
  ApiResult<std::string> result = c.service.CatalogBundle(c.params[0]);
  CopyHeaders(result, c.response);
  if (!result.ok()) return WriteError(c.response, result.error());
  // The bundle's text exactly as signed.
  c.response.status = 200;
  c.response.set_content(*result, kJsonContentType);
}

void Lookup(RouteContext& c) {
  WriteResult(c.service.Lookup(c.kiosk, c.params[0]), c.response,
              [](const sync::LookupAnswer& a) { return sync::ToJson(a); });
}

// ---- operator API ---------------------------------------------------------------

// Reads a body with `reader`; on failure writes 400 bad_request and returns nullopt.
template <typename T>
std::optional<T> ReadOrRefuse(Result<T> read, httplib::Response& response) {
  if (read.ok()) return std::move(read).value();
  WriteError(response, BadRequest("bad_request", read.status().message()));
  return std::nullopt;
}

void CreateEnrolment(RouteContext& c) {
  auto request = ReadOrRefuse(ReadEnrolmentRequest(c.body), c.response);
  if (!request) return;
  WriteResult(c.service.CreateEnrolment(request->commune_code, request->name, c.actor), c.response,
              [](const EnrolmentTicket& t) { return ToJson(t); });
}

void ListKiosks(RouteContext& c) {
  WriteResult(c.service.ListKiosks(), c.response,
              [](const std::vector<KioskInfo>& list) { return ListJson("kiosks", list); });
}

void RevokeKiosk(RouteContext& c) {
  const std::optional<int64_t> id = ParseDecimal(c.params[0], 1, INT64_MAX);
  if (!id) {
    return WriteError(
        c.response, MakeApiError(404, "unknown_kiosk", "a kiosk id is a positive decimal number"));
  }
  WriteResult(c.service.RevokeKiosk(*id, c.actor), c.response,
              [](const KioskInfo& k) { return ToJson(k); });
}

void ListDossiers(RouteContext& c) {
  DossierFilter filter;
  filter.status = c.request.get_param_value("status");
  filter.commune_code = c.request.get_param_value("commune");
  const std::optional<int64_t> limit = QueryInt(c.request, "limit", 100, 1, 1000);
  if (!limit) {
    return WriteError(c.response,
                      BadRequest("bad_request", "limit must be an integer from 1 to 1000"));
  }
  filter.limit = static_cast<int>(*limit);
  WriteResult(c.service.ListDossiers(filter), c.response,
              [](const std::vector<DossierSummary>& list) { return ListJson("dossiers", list); });
}

void ShowDossier(RouteContext& c) {
  WriteResult(c.service.ShowDossier(c.params[0]), c.response,
              [](const DossierDetail& d) { return ToJson(d); });
}

void SetStatus(RouteContext& c) {
  auto request = ReadOrRefuse(ReadStatusChangeRequest(c.body), c.response);
  if (!request) return;
  WriteResult(c.service.SetStatus(c.params[0], request->status, request->note, c.actor), c.response,
              [](const DossierDetail& d) { return ToJson(d); });
}

void AddCounterDossier(RouteContext& c) {
  auto request = ReadOrRefuse(ReadCounterDossierRequest(c.body), c.response);
  if (!request) return;
  WriteResult(c.service.AddCounterDossier(*request, c.actor), c.response,
              [](const CounterDossierCreated& d) { return ToJson(d); });
}

void PublishCatalog(RouteContext& c) {
  auto files = ReadOrRefuse(ReadCatalogFiles(c.body), c.response);
  if (!files) return;
  WriteResult(c.service.PublishCatalog(*files, c.actor), c.response,
              [](const PublishedCatalog& p) { return ToJson(p); });
}

void ApplyEvent(RouteContext& c) {
  auto event = ReadOrRefuse(ReadStatusEvent(c.body), c.response);
  if (!event) return;
  WriteResult(c.service.ApplyEvent(*event, c.actor), c.response,
              [](const DossierDetail& d) { return ToJson(d); });
}

// ---- USSD aggregator callback (docs/ussd.md) ----------------------------------

void Ussd(RouteContext& c) {
  const std::shared_ptr<UssdEndpoint> endpoint = FindUssdEndpoint(c.service);
  const UssdHttpAnswer answer =
      endpoint == nullptr
          ? UssdHttpAnswer{404, "not_found", "no such endpoint: POST /v1/ussd"}
          : endpoint->Handle(c.request.get_header_value(std::string(kUssdTokenHeader)),
                             c.request.get_header_value("Content-Type"), c.body,
                             c.service.NowMs());
  if (answer.status != 200) {
    return WriteError(c.response, MakeApiError(answer.status, answer.error_code, answer.body));
  }
  c.response.status = 200;
  c.response.set_header("Cache-Control", "no-store");
  c.response.set_content(answer.body, "text/plain; charset=utf-8");
}

// ---- observability ----------------------------------------------------------------

void Health(RouteContext& c) {
  const HealthReport report = c.service.Health();
  WriteJson(c.response, report.ok ? 200 : 503, ToJson(report));
}

void VerifyAudit(RouteContext& c) {
  WriteResult(c.service.VerifyAudit(), c.response, [](const AuditCheck& a) { return ToJson(a); });
}

void Metrics(RouteContext& c) {
  ApiResult<MetricsSnapshot> result = c.service.Metrics();
  if (!result.ok()) return WriteError(c.response, result.error());
  c.response.status = 200;
  c.response.set_content(MetricsToPrometheus(*result), "text/plain; version=0.0.4; charset=utf-8");
}

constexpr size_t kChunkBody = sync::kMaxChunkBytes;

const Route kRoutes[] = {
    // Kiosk API (docs/sync-api.md, "Enrolment" to "Pull changes").
    {"POST", "/v1/enroll", RouteAuth::kNone, kJsonBody, "body_too_large", Enroll},
    {"POST", "/v1/dossiers", RouteAuth::kKiosk, kJsonBody, "body_too_large", Push},
    {"HEAD", "/v1/attachments/{}", RouteAuth::kKiosk, 0, "body_too_large", AttachmentHead},
    {"PATCH", "/v1/attachments/{}", RouteAuth::kKiosk, kChunkBody, "chunk_too_large",
     AttachmentPatch},
    {"GET", "/v1/changes", RouteAuth::kKiosk, 0, "body_too_large", Changes},
    {"GET", "/v1/catalog/{}", RouteAuth::kKiosk, 0, "body_too_large", CatalogBundle},
    {"GET", "/v1/lookup/{}", RouteAuth::kKiosk, 0, "body_too_large", Lookup},
    // Operator API.
    {"POST", "/v1/admin/enrolments", RouteAuth::kOperator, kJsonBody, "body_too_large",
     CreateEnrolment},
    {"GET", "/v1/admin/kiosks", RouteAuth::kOperator, 0, "body_too_large", ListKiosks},
    {"GET", "/v1/admin/audit", RouteAuth::kOperator, 0, "body_too_large", VerifyAudit},
    {"POST", "/v1/admin/kiosks/{}/revoke", RouteAuth::kOperator, kJsonBody, "body_too_large",
     RevokeKiosk},
    {"GET", "/v1/admin/dossiers", RouteAuth::kOperator, 0, "body_too_large", ListDossiers},
    {"POST", "/v1/admin/dossiers", RouteAuth::kOperator, kJsonBody, "body_too_large",
     AddCounterDossier},
    {"GET", "/v1/admin/dossiers/{}", RouteAuth::kOperator, 0, "body_too_large", ShowDossier},
    {"POST", "/v1/admin/dossiers/{}/status", RouteAuth::kOperator, kJsonBody, "body_too_large",
     SetStatus},
    {"POST", "/v1/admin/catalog", RouteAuth::kOperator, kJsonBody, "body_too_large",
     PublishCatalog},
    {"GET", "/v1/admin/dossiers/{}/receipt", RouteAuth::kOperator, 0, "body_too_large",
     ServeOperatorReceipt},
    {"GET", "/v1/admin/kiosk-keys", RouteAuth::kOperator, 0, "body_too_large", ServeKioskKeys},
    {"GET", "/v1/admin/sms", RouteAuth::kOperator, 0, "body_too_large", ServeSmsList},
    {"POST", "/v1/admin/sms/requeue", RouteAuth::kOperator, kJsonBody, "body_too_large",
     ServeSmsRequeue},
    // One-stop system.
    {"POST", "/v1/events", RouteAuth::kEvents, kJsonBody, "body_too_large", ApplyEvent},
    // USSD aggregator (authenticated by its own token in the handler).
    {"POST", "/v1/ussd", RouteAuth::kNone, kMaxUssdBodyBytes, "body_too_large", Ussd},
    // Observability.
    {"GET", "/healthz", RouteAuth::kNone, 0, "body_too_large", Health},
    {"GET", "/metrics", RouteAuth::kNone, 0, "body_too_large", Metrics},
    // Receipt pages from the SMS link (receipt_routes.h).
    {"GET", "/r/{}", RouteAuth::kNone, 0, "body_too_large", ServeReceiptPage},
};

}  // namespace

std::span<const Route> Routes() { return kRoutes; }

bool MatchRoute(std::string_view pattern, std::string_view path, std::vector<std::string>& params) {
  params.clear();
  size_t p = 0;
  size_t q = 0;
  while (p < pattern.size()) {
    if (pattern.compare(p, 2, "{}") == 0) {
      const size_t end = std::min(path.find('/', q), path.size());
      if (end == q) return false;  // an empty segment
      params.emplace_back(path.substr(q, end - q));
      q = end;
      p += 2;
      continue;
    }
    if (q >= path.size() || pattern[p] != path[q]) return false;
    ++p;
    ++q;
  }
  return q == path.size();
}

}  // namespace dvc::gateway
