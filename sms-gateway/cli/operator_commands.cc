#include "cli/operator_commands.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "cli/exit_codes.h"
#include "core/file_util.h"
#include "dossier/dossier_code.h"
#include "dossier/status.h"
#include "sync/messages.h"
#include "text/utf8.h"

namespace dvc::gateway {

namespace {

// "Đang xử lý (in_processing)".
std::string StatusText(const std::string& id) {
  const std::optional<dossier::DossierStatus> status = dossier::StatusFromId(id);
  if (!status) return id;
  return std::string(dossier::StatusLabelVi(*status)) + " (" + id + ")";
}

std::string StatusIdList() {
  std::string list;
  for (dossier::DossierStatus status : dossier::AllStatuses()) {
    if (!list.empty()) list += ", ";
    list += dossier::StatusId(status);
  }
  return list;
}

}  // namespace

std::string NormalizeStatusName(const std::string& typed) {
  std::string id;
  for (char c : typed) {
    if (c == '-' || c == ' ') {
      id += '_';
    } else if (c >= 'A' && c <= 'Z') {
      id += static_cast<char>(c - 'A' + 'a');
    } else {
      id += c;
    }
  }
  return dossier::StatusFromId(id) ? id : "";
}

int EnrollKiosk(OperatorClient& client, const std::string& commune, const std::string& name,
                const OperatorOutput& output) {
  CallResult result =
      client.Post("/v1/admin/enrolments", {{"commune_code", commune}, {"name", name}});
  if (!result.ok()) return ReportFailure(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  const std::string display = JsonText(*result.json, "display") != "-"
                                  ? JsonText(*result.json, "display")
                                  : JsonText(*result.json, "code");
  output.out << "Enrolment code: " << display << "\n"
             << "Valid until:    " << JsonText(*result.json, "expires_at") << "\n"
             << "At the kiosk (commune " << commune << ", \"" << name << "\"): kiosk --enroll "
             << display << " --gateway " << client.base_url()
             << "\n(use the gateway's public URL there; the code works once)\n";
  return kExitOk;
}

int RevokeKiosk(OperatorClient& client, const std::string& kiosk_id, const OperatorOutput& output) {
  CallResult result = client.Post("/v1/admin/kiosks/" + EncodePathSegment(kiosk_id) + "/revoke",
                                  nlohmann::json::object());
  if (!result.ok()) return ReportFailure(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  output.out << "Kiosk " << JsonText(*result.json, "kiosk_id") << " (\""
             << JsonText(*result.json, "name") << "\", commune "
             << JsonText(*result.json, "commune_code") << ") is revoked since "
             << JsonText(*result.json, "revoked_at") << "; its requests are refused from now on.\n";
  return kExitOk;
}

int ListKiosks(OperatorClient& client, const OperatorOutput& output) {
  CallResult result = client.Get("/v1/admin/kiosks");
  if (!result.ok()) return ReportFailure(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  const nlohmann::json& kiosks = (*result.json)["kiosks"];
  if (!kiosks.is_array() || kiosks.empty()) {
    output.out << "No kiosk is enrolled.\n";
    return kExitOk;
  }
  output.out << PadText("ID", 6) << PadText("COMMUNE", 9) << PadText("ISSUER", 8)
             << PadText("NAME", 28) << PadText("ENROLLED", 22) << PadText("LAST SEEN", 22)
             << "REVOKED\n";
  for (const nlohmann::json& k : kiosks) {
    output.out << PadText(JsonText(k, "kiosk_id"), 6) << PadText(JsonText(k, "commune_code"), 9)
               << PadText(JsonText(k, "issuer"), 8) << PadText(JsonText(k, "name"), 28)
               << PadText(JsonText(k, "enrolled_at"), 22) << PadText(JsonText(k, "last_seen"), 22)
               << JsonText(k, "revoked_at") << "\n";
  }
  return kExitOk;
}

int VerifyAudit(OperatorClient& client, const OperatorOutput& output) {
  CallResult result = client.Get("/v1/admin/audit");
  if (!result.ok()) return ReportFailure(result, output);
  const bool intact = (*result.json).value("intact", false);
  if (output.json) {
    PrintJson(*result.json, output);
  } else if (intact) {
    output.out << "Audit log intact: " << JsonText(*result.json, "rows")
               << " rows, each chained to the one before.\n";
  } else {
    output.out << "Audit log BROKEN: " << JsonText(*result.json, "problem")
               << "\nA row was edited or removed behind the gateway's back; keep a copy of the "
                  "database for investigation.\n";
  }
  return intact ? kExitOk : kExitRefused;
}

int ListDossiers(OperatorClient& client, const std::string& status, const std::string& commune,
                 int limit, const OperatorOutput& output) {
  std::string query = "/v1/admin/dossiers?limit=" + std::to_string(limit);
  if (!status.empty()) {
    const std::string id = NormalizeStatusName(status);
    if (id.empty()) {
      output.err << "sms-gateway: unknown status \"" << status << "\" (one of: " << StatusIdList()
                 << ")\n";
      return kExitUsage;
    }
    query += "&status=" + id;
  }
  if (!commune.empty()) query += "&commune=" + EncodePathSegment(commune);
  CallResult result = client.Get(query);
  if (!result.ok()) return ReportFailure(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  const nlohmann::json& dossiers = (*result.json)["dossiers"];
  if (!dossiers.is_array() || dossiers.empty()) {
    output.out << "No dossier matches.\n";
    return kExitOk;
  }
  output.out << PadText("CODE", 20) << PadText("STATUS", 40) << PadText("SERVICE", 28)
             << PadText("COMMUNE", 9) << PadText("RECEIVED", 22) << "APPOINTMENT\n";
  for (const nlohmann::json& d : dossiers) {
    output.out << PadText(DisplayCode(JsonText(d, "code")), 20)
               << PadText(StatusText(JsonText(d, "status")), 40)
               << PadText(JsonText(d, "service_id"), 28) << PadText(JsonText(d, "commune_code"), 9)
               << PadText(JsonText(d, "received_at"), 22) << JsonText(d, "official_appointment")
               << "\n";
  }
  return kExitOk;
}

int ShowDossier(OperatorClient& client, const std::string& code, const OperatorOutput& output) {
  CallResult result = client.Get("/v1/admin/dossiers/" + EncodePathSegment(code));
  if (!result.ok()) return ReportFailure(result, output);
  const nlohmann::json& d = *result.json;
  if (output.json) {
    PrintJson(d, output);
    return kExitOk;
  }
  const std::string kiosk = JsonText(d, "kiosk_id");
  output.out << "Code:         " << DisplayCode(JsonText(d, "code")) << "\n"
             << "Status:       " << StatusText(JsonText(d, "status")) << "\n"
             << "Service:      " << JsonText(d, "service_id") << " (catalog "
             << JsonText(d, "catalog_version") << ", form " << JsonText(d, "form_version") << ")\n"
             << "Commune:      " << JsonText(d, "commune_code") << ", "
             << (kiosk == "0" ? std::string("registered at the counter") : "kiosk " + kiosk) << "\n"
             << "Applicant:    " << JsonText(d, "applicant_name") << "\n"
             << "Phone:        " << JsonText(d, "phone") << "\n"
             << "Received:     " << JsonText(d, "received_at") << "\n"
             << "Appointment:  " << JsonText(d, "official_appointment") << "\n";
  if (d.contains("province_number")) {
    output.out << "Province no.: " << JsonText(d, "province_number") << "\n";
  }
  if (d.contains("answers") && d["answers"].is_object() && !d["answers"].empty()) {
    output.out << "Answers:\n";
    for (const auto& [field, value] : d["answers"].items()) {
      output.out << "  " << field << ": "
                 << (value.is_string()
                         ? value.get<std::string>()
                         : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
                 << "\n";
    }
  }
  if (d.contains("attachments") && d["attachments"].is_array()) {
    output.out << "Attachments:\n";
    for (const nlohmann::json& a : d["attachments"]) {
      output.out << "  " << JsonText(a, "field") << ": " << JsonText(a, "size") << " bytes, "
                 << JsonText(a, "sha256") << "\n";
    }
  }
  if (d.contains("history") && d["history"].is_array()) {
    output.out << "History:\n";
    for (const nlohmann::json& h : d["history"]) {
      output.out << "  " << JsonText(h, "at") << "  " << JsonText(h, "from") << " -> "
                 << StatusText(JsonText(h, "to")) << "  by " << JsonText(h, "actor");
      const std::string note = JsonText(h, "note");
      if (note != "-" && !note.empty()) output.out << "  \"" << note << "\"";
      output.out << "\n";
    }
  }
  return kExitOk;
}

int SetDossierStatus(OperatorClient& client, const std::string& code, const std::string& status,
                     const std::string& note, const OperatorOutput& output) {
  const std::string id = NormalizeStatusName(status);
  if (id.empty()) {
    output.err << "sms-gateway: unknown status \"" << status << "\" (one of: " << StatusIdList()
               << ")\n";
    return kExitUsage;
  }
  CallResult result = client.Post("/v1/admin/dossiers/" + EncodePathSegment(code) + "/status",
                                  {{"status", id}, {"note", note}});
  if (!result.ok()) return ReportFailure(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  output.out << DisplayCode(JsonText(*result.json, "code")) << ": "
             << StatusText(JsonText(*result.json, "status")) << "\n";
  return kExitOk;
}

int AddCounterDossier(OperatorClient& client, const std::string& service_id,
                      const std::string& phone, const std::string& commune,
                      const std::string& applicant, const OperatorOutput& output) {
  CallResult result = client.Post("/v1/admin/dossiers", {{"service_id", service_id},
                                                         {"phone", phone},
                                                         {"commune_code", commune},
                                                         {"applicant_name", applicant}});
  if (!result.ok()) return ReportFailure(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  output.out << "Dossier code: " << DisplayCode(JsonText(*result.json, "code")) << "\n"
             << "Received:     " << JsonText(*result.json, "received_at") << "\n"
             << "Appointment:  " << JsonText(*result.json, "official_appointment") << "\n";
  return kExitOk;
}

int PublishCatalog(OperatorClient& client, const std::string& dir, const OperatorOutput& output) {
  nlohmann::json files = nlohmann::json::object();
  size_t total = 0;
  std::error_code error;
  std::filesystem::recursive_directory_iterator it(dir, error);
  if (error) {
    output.err << "sms-gateway: " << dir << ": cannot read the folder: " << error.message() << "\n";
    return kExitUsage;
  }
  for (; it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (error) break;
    const std::filesystem::directory_entry& entry = *it;
    if (!entry.is_regular_file(error) || entry.path().extension() != ".json") continue;
    const std::string relative =
        std::filesystem::relative(entry.path(), dir, error).generic_string();
    Result<std::string> text = core::ReadFile(entry.path().string(), sync::kMaxBodyBytes);
    if (!text.ok()) {
      output.err << "sms-gateway: " << text.status().message() << "\n";
      return kExitUsage;
    }
    total += text->size();
    files[relative] = std::move(text).value();
  }
  if (error) {
    output.err << "sms-gateway: " << dir << ": " << error.message() << "\n";
    return kExitUsage;
  }
  if (files.empty()) {
    output.err << "sms-gateway: " << dir << " holds no .json file (expected catalog.json, "
               << "agencies.json, services/...)\n";
    return kExitUsage;
  }
  if (total > sync::kMaxBodyBytes - 4096) {
    output.err << "sms-gateway: " << dir << ": the catalog is larger than the API accepts ("
               << total << " bytes)\n";
    return kExitUsage;
  }
  CallResult result = client.Post("/v1/admin/catalog", {{"files", std::move(files)}});
  if (!result.ok()) return ReportFailure(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  const bool again = result.json->value("already_published", false);
  output.out << (again ? "Already published: catalog version " : "Published catalog version ")
             << JsonText(*result.json, "version") << " (" << JsonText(*result.json, "published_at")
             << "); kiosks fetch it at their next pull.\n";
  return kExitOk;
}

}  // namespace dvc::gateway
