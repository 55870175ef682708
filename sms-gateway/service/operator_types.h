// Values the gateway service answers besides shared/sync's messages: the
// operator API's shapes (docs/sync-api.md, "Operator API"), attachment state,
// one-stop events, metrics and health, with their JSON writers.
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "calendar/date.h"
#include "dossier/dossier.h"
#include "dossier/status.h"
#include "dossier/timestamp.h"

namespace dvc::gateway {

// HEAD/PATCH /v1/attachments/<sha>: Upload-Offset, Upload-Length,
// Upload-Complete.
struct AttachmentState {
  uint64_t offset = 0;
  uint64_t length = 0;
  bool complete = false;
};

// POST /v1/admin/enrolments → {"code", "expires_at"}; code canonical (no dash),
// `display` "ABCDE-FGHJK" for printing.
struct EnrolmentTicket {
  std::string code;
  std::string display;
  dossier::Timestamp expires_at{};
};

// One row of GET /v1/admin/kiosks.
struct KioskInfo {
  int64_t kiosk_id = 0;
  std::string commune_code;
  std::string name;
  uint32_t issuer = 0;
  std::string signer_id;
  std::string public_key;  // 64 hex
  dossier::Timestamp enrolled_at{};
  std::optional<dossier::Timestamp> last_seen;
  std::optional<dossier::Timestamp> revoked_at;
};

// GET /v1/admin/dossiers?status=&commune=&limit=
struct DossierFilter {
  std::string status;        // status id; empty: all
  std::string commune_code;  // empty: all
  int limit = 100;           // 1..1000 (clamped)
};

// One dossier in a list (no personal data).
struct DossierSummary {
  std::string id;
  std::string code;
  std::string province_number;
  std::string service_id;
  std::string commune_code;
  int64_t kiosk_id = 0;  // 0: registered at the counter
  dossier::DossierStatus status = dossier::DossierStatus::kReceived;
  std::optional<dossier::Timestamp> received_at;
  std::optional<calendar::Date> official_appointment;
  dossier::Timestamp updated_at{};
};

// GET /v1/admin/dossiers/<code>: everything, answers opened.
struct DossierDetail {
  dossier::Dossier dossier;  // answers, phone, attachments, history
  std::string applicant_name;
  std::string commune_code;
  int64_t kiosk_id = 0;                           // 0: registered at the counter
  std::vector<std::string> complete_attachments;  // sha256 of those verified
  dossier::Timestamp updated_at{};
};

// POST /v1/admin/dossiers.
struct CounterDossierRequest {
  std::string service_id;
  std::string phone;
  std::string commune_code;
  std::string applicant_name;
};
struct CounterDossierCreated {
  std::string code;  // compact
  std::string id;
  dossier::Timestamp received_at{};
  std::optional<calendar::Date> official_appointment;
};

// POST /v1/admin/catalog → {"version"}.
struct PublishedCatalog {
  std::string version;
  dossier::Timestamp published_at{};
  std::string signature;           // 128 hex
  bool already_published = false;  // same content was published before
};

// POST /v1/events: {"code" or "province_number", "status", "at", "note",
// "official_appointment"?}. When both code and province_number are given,
// the dossier is found by code and gets that province number.
struct StatusEvent {
  std::string code;
  std::string province_number;
  std::string status;                    // status id
  std::optional<dossier::Timestamp> at;  // empty: now
  std::string note;
  std::optional<calendar::Date> official_appointment;
};

// GET /metrics.
struct KioskActivity {
  int64_t kiosk_id = 0;
  std::optional<int64_t> last_seen_s;  // Unix seconds
  std::optional<int64_t> last_pull_s;  // Unix seconds (pull lag = now - this)
};
struct MetricsSnapshot {
  int64_t now_s = 0;
  std::map<std::string, int64_t> dossiers_by_status;   // every status id, 0 included
  int64_t push_requests_total = 0;                     // since start
  std::map<std::string, int64_t> push_dossiers_total;  // "stored", "duplicate", "refused"
  std::vector<KioskActivity> kiosks;                   // enrolled, not revoked
};

// GET /v1/admin/audit: the audit log's hash chain recomputed over every row.
struct AuditCheck {
  bool intact = false;
  int64_t rows = 0;
  std::string problem;  // when not intact: the first row that breaks the chain
};

// GET /healthz.
struct HealthReport {
  bool ok = false;
  std::string db;  // "ok" or what failed
};

// JSON shapes of docs/sync-api.md. Timestamps RFC 3339, dates ISO; absent
// optionals are null.
nlohmann::json ToJson(const AttachmentState& value);
nlohmann::json ToJson(const EnrolmentTicket& value);
nlohmann::json ToJson(const KioskInfo& value);
nlohmann::json ToJson(const DossierSummary& value);
// The dossier's JSON (dossier_json.h) plus "applicant_name", "commune_code",
// "kiosk_id", "complete_attachments", "updated_at".
nlohmann::json ToJson(const DossierDetail& value);
nlohmann::json ToJson(const CounterDossierCreated& value);
nlohmann::json ToJson(const PublishedCatalog& value);
nlohmann::json ToJson(const HealthReport& value);
nlohmann::json ToJson(const AuditCheck& value);
// Prometheus text exposition (dvc_dossiers, dvc_push_requests_total,
// dvc_push_dossiers_total, dvc_pull_lag_seconds, dvc_kiosk_last_seen_seconds).
std::string MetricsToPrometheus(const MetricsSnapshot& value);

}  // namespace dvc::gateway
