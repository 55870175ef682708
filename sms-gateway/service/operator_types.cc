#include "service/operator_types.h"

#include "dossier/dossier_json.h"

namespace dvc::gateway {
namespace {

using nlohmann::json;

json Time(const std::optional<dossier::Timestamp>& t) {
  return t ? json(dossier::FormatTimestamp(*t)) : json(nullptr);
}
json Day(const std::optional<calendar::Date>& d) { return d ? json(d->ToIso()) : json(nullptr); }

// Prometheus label values escape backslash, quote and newline.
std::string Label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

json ToJson(const AttachmentState& v) {
  return {{"offset", v.offset}, {"length", v.length}, {"complete", v.complete}};
}
json ToJson(const EnrolmentTicket& v) {
  return {{"code", v.code},
          {"display", v.display},
          {"expires_at", dossier::FormatTimestamp(v.expires_at)}};
}
json ToJson(const KioskInfo& v) {
  return {{"kiosk_id", v.kiosk_id},
          {"commune_code", v.commune_code},
          {"name", v.name},
          {"issuer", v.issuer},
          {"signer_id", v.signer_id},
          {"public_key", v.public_key},
          {"enrolled_at", Time(v.enrolled_at)},
          {"last_seen", Time(v.last_seen)},
          {"revoked_at", Time(v.revoked_at)}};
}
json ToJson(const DossierSummary& v) {
  return {{"id", v.id},
          {"code", v.code},
          {"province_number", v.province_number},
          {"service_id", v.service_id},
          {"commune_code", v.commune_code},
          {"kiosk_id", v.kiosk_id},
          {"status", dossier::StatusId(v.status)},
          {"received_at", Time(v.received_at)},
          {"official_appointment", Day(v.official_appointment)},
          {"updated_at", dossier::FormatTimestamp(v.updated_at)}};
}
json ToJson(const DossierDetail& v) {
  json out = dossier::DossierToJson(v.dossier);
  out["applicant_name"] = v.applicant_name;
  out["commune_code"] = v.commune_code;
  out["kiosk_id"] = v.kiosk_id;
  out["complete_attachments"] = v.complete_attachments;
  out["updated_at"] = dossier::FormatTimestamp(v.updated_at);
  return out;
}
json ToJson(const CounterDossierCreated& v) {
  return {{"code", v.code},
          {"id", v.id},
          {"received_at", dossier::FormatTimestamp(v.received_at)},
          {"official_appointment", Day(v.official_appointment)}};
}
json ToJson(const PublishedCatalog& v) {
  return {{"version", v.version},
          {"published_at", dossier::FormatTimestamp(v.published_at)},
          {"signature", v.signature},
          {"already_published", v.already_published}};
}
json ToJson(const HealthReport& v) { return {{"ok", v.ok}, {"db", v.db}}; }

json ToJson(const AuditCheck& v) {
  json out = {{"intact", v.intact}, {"rows", v.rows}};
  if (!v.intact) out["problem"] = v.problem;
  return out;
}

std::string MetricsToPrometheus(const MetricsSnapshot& m) {
  std::string out;
  out +=
      "# HELP dvc_dossiers Dossiers held by the gateway, by status.\n# TYPE dvc_dossiers gauge\n";
  for (const auto& [status, n] : m.dossiers_by_status) {
    out += "dvc_dossiers{status=\"" + Label(status) + "\"} " + std::to_string(n) + "\n";
  }
  out +=
      "# HELP dvc_push_requests_total Push requests since start.\n"
      "# TYPE dvc_push_requests_total counter\n";
  out += "dvc_push_requests_total " + std::to_string(m.push_requests_total) + "\n";
  out +=
      "# HELP dvc_push_dossiers_total Pushed dossiers by result since start.\n"
      "# TYPE dvc_push_dossiers_total counter\n";
  for (const auto& [result, n] : m.push_dossiers_total) {
    out += "dvc_push_dossiers_total{result=\"" + Label(result) + "\"} " + std::to_string(n) + "\n";
  }
  out +=
      "# HELP dvc_pull_lag_seconds Seconds since the kiosk last pulled changes.\n"
      "# TYPE dvc_pull_lag_seconds gauge\n";
  for (const KioskActivity& k : m.kiosks) {
    if (!k.last_pull_s) continue;
    out += "dvc_pull_lag_seconds{kiosk=\"" + std::to_string(k.kiosk_id) + "\"} " +
           std::to_string(m.now_s - *k.last_pull_s) + "\n";
  }
  out +=
      "# HELP dvc_kiosk_last_seen_seconds Unix time of the kiosk's last signed request.\n"
      "# TYPE dvc_kiosk_last_seen_seconds gauge\n";
  for (const KioskActivity& k : m.kiosks) {
    if (!k.last_seen_s) continue;
    out += "dvc_kiosk_last_seen_seconds{kiosk=\"" + std::to_string(k.kiosk_id) + "\"} " +
           std::to_string(*k.last_seen_s) + "\n";
  }
  return out;
}

}  // namespace dvc::gateway
