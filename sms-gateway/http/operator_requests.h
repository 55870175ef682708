// Readers of the request bodies of the operator and events APIs
// (docs/sync-api.md, "Operator API"): strict shapes, unknown keys refused,
// errors naming the JSON path ("$.commune_code: expected a string"). The
// kiosk API's bodies are read by shared/sync/messages.h.
//
// Thread-safety: pure functions; they never throw, whatever the body
// (fuzz_gateway_operator_requests).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"
#include "service/operator_types.h"

namespace dvc::gateway {

// POST /v1/admin/enrolments: {"commune_code", "name"}.
struct EnrolmentRequest {
  std::string commune_code;
  std::string name;
};

// POST /v1/admin/dossiers/<code>/status: {"status", "note"?}.
struct StatusChangeRequest {
  std::string status;
  std::string note;
};

// Each reader parses `body` (JSON text, at most sync::kMaxBodyBytes) and reads
// its shape. Errors: kInvalidInput "body is not JSON: ..." or naming the path.
Result<EnrolmentRequest> ReadEnrolmentRequest(std::string_view body);
Result<StatusChangeRequest> ReadStatusChangeRequest(std::string_view body);
// POST /v1/admin/dossiers: {"service_id", "phone", "commune_code", "applicant_name"?}.
Result<CounterDossierRequest> ReadCounterDossierRequest(std::string_view body);
// POST /v1/admin/catalog: {"files": {"<relative path>": <file>}} where each
// file is its text as a JSON string, or the file's JSON value itself (written
// back as compact JSON text). Paths are relative, "/"-separated, without "..".
Result<std::map<std::string, std::string>> ReadCatalogFiles(std::string_view body);
// POST /v1/events: {"code" or "province_number", "status", "at"?, "note"?,
// "official_appointment"?}; "at" RFC 3339, the date ISO (YYYY-MM-DD).
Result<StatusEvent> ReadStatusEvent(std::string_view body);

}  // namespace dvc::gateway
