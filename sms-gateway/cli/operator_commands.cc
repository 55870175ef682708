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

// Reports a failed call; kExitRefused.
int Fail(const CallResult& result, const OperatorOutput& output) {
  output.err << "sms-gateway: " << result.failure->message << "\n";
  return kExitRefused;
}

void PrintJson(const nlohmann::json& json, const OperatorOutput& output) {
  output.out << json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// A member as text: strings as they are, null as "-", anything else as JSON.
std::string Text(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || object[key].is_null()) return "-";
  const nlohmann::json& value = object[key];
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// "12345-7K-4HQ-2M9-X" for a compact code; the text unchanged otherwise.
std::string DisplayCode(const std::string& code) {
  Result<dossier::DossierCode> parsed = dossier::ParseDossierCode(code);
  return parsed.ok() ? parsed->Display() : code;
}

// "Đang xử lý (in_processing)".
std::string StatusText(const std::string& id) {
  const std::optional<dossier::DossierStatus> status = dossier::StatusFromId(id);
  if (!status) return id;
  return std::string(dossier::StatusLabelVi(*status)) + " (" + id + ")";
}

// Pads UTF-8 text to `width` characters (code points; Vietnamese in NFC has
// one per letter).
std::string Pad(const std::string& text, size_t width) {
  const size_t length = text::CodePointCount(text);
  return length >= width ? text + " " : text + std::string(width - length, ' ');
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
  if (!result.ok()) return Fail(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  const std::string display = Text(*result.json, "display") != "-" ? Text(*result.json, "display")
                                                                   : Text(*result.json, "code");
  output.out << "Enrolment code: " << display << "\n"
             << "Valid until:    " << Text(*result.json, "expires_at") << "\n"
             << "At the kiosk (commune " << commune << ", \"" << name << "\"): kiosk --enroll "
             << display << " --gateway " << client.base_url()
             << "\n(use the gateway's public URL there; the code works once)\n";
  return kExitOk;
}

int RevokeKiosk(OperatorClient& client, const std::string& kiosk_id, const OperatorOutput& output) {
  CallResult result = client.Post("/v1/admin/kiosks/" + EncodePathSegment(kiosk_id) + "/revoke",
                                  nlohmann::json::object());
  if (!result.ok()) return Fail(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  output.out << "Kiosk " << Text(*result.json, "kiosk_id") << " (\"" << Text(*result.json, "name")
             << "\", commune " << Text(*result.json, "commune_code") << ") is revoked since "
             << Text(*result.json, "revoked_at") << "; its requests are refused from now on.\n";
  return kExitOk;
}

int ListKiosks(OperatorClient& client, const OperatorOutput& output) {
  CallResult result = client.Get("/v1/admin/kiosks");
  if (!result.ok()) return Fail(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  const nlohmann::json& kiosks = (*result.json)["kiosks"];
  if (!kiosks.is_array() || kiosks.empty()) {
    output.out << "No kiosk is enrolled.\n";
    return kExitOk;
  }
  output.out << Pad("ID", 6) << Pad("COMMUNE", 9) << Pad("ISSUER", 8) << Pad("NAME", 28)
             << Pad("ENROLLED", 22) << Pad("LAST SEEN", 22) << "REVOKED\n";
  for (const nlohmann::json& k : kiosks) {
    output.out << Pad(Text(k, "kiosk_id"), 6) << Pad(Text(k, "commune_code"), 9)
               << Pad(Text(k, "issuer"), 8) << Pad(Text(k, "name"), 28)
               << Pad(Text(k, "enrolled_at"), 22) << Pad(Text(k, "last_seen"), 22)
               << Text(k, "revoked_at") << "\n";
  }
  return kExitOk;
}

int VerifyAudit(OperatorClient& client, const OperatorOutput& output) {
  CallResult result = client.Get("/v1/admin/audit");
  if (!result.ok()) return Fail(result, output);
  const bool intact = (*result.json).value("intact", false);
  if (output.json) {
    PrintJson(*result.json, output);
  } else if (intact) {
    output.out << "Audit log intact: " << Text(*result.json, "rows")
               << " rows, each chained to the one before.\n";
  } else {
    output.out << "Audit log BROKEN: " << Text(*result.json, "problem")
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
  if (!result.ok()) return Fail(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  const nlohmann::json& dossiers = (*result.json)["dossiers"];
  if (!dossiers.is_array() || dossiers.empty()) {
    output.out << "No dossier matches.\n";
    return kExitOk;
  }
  output.out << Pad("CODE", 20) << Pad("STATUS", 40) << Pad("SERVICE", 28) << Pad("COMMUNE", 9)
             << Pad("RECEIVED", 22) << "APPOINTMENT\n";
  for (const nlohmann::json& d : dossiers) {
    output.out << Pad(DisplayCode(Text(d, "code")), 20) << Pad(StatusText(Text(d, "status")), 40)
               << Pad(Text(d, "service_id"), 28) << Pad(Text(d, "commune_code"), 9)
               << Pad(Text(d, "received_at"), 22) << Text(d, "official_appointment") << "\n";
  }
  return kExitOk;
}

int ShowDossier(OperatorClient& client, const std::string& code, const OperatorOutput& output) {
  CallResult result = client.Get("/v1/admin/dossiers/" + EncodePathSegment(code));
  if (!result.ok()) return Fail(result, output);
  const nlohmann::json& d = *result.json;
  if (output.json) {
    PrintJson(d, output);
    return kExitOk;
  }
  const std::string kiosk = Text(d, "kiosk_id");
  output.out << "Code:         " << DisplayCode(Text(d, "code")) << "\n"
             << "Status:       " << StatusText(Text(d, "status")) << "\n"
             << "Service:      " << Text(d, "service_id") << " (catalog "
             << Text(d, "catalog_version") << ", form " << Text(d, "form_version") << ")\n"
             << "Commune:      " << Text(d, "commune_code") << ", "
             << (kiosk == "0" ? std::string("registered at the counter") : "kiosk " + kiosk) << "\n"
             << "Applicant:    " << Text(d, "applicant_name") << "\n"
             << "Phone:        " << Text(d, "phone") << "\n"
             << "Received:     " << Text(d, "received_at") << "\n"
             << "Appointment:  " << Text(d, "official_appointment") << "\n";
  if (d.contains("province_number")) {
    output.out << "Province no.: " << Text(d, "province_number") << "\n";
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
      output.out << "  " << Text(a, "field") << ": " << Text(a, "size") << " bytes, "
                 << Text(a, "sha256") << "\n";
    }
  }
  if (d.contains("history") && d["history"].is_array()) {
    output.out << "History:\n";
    for (const nlohmann::json& h : d["history"]) {
      output.out << "  " << Text(h, "at") << "  " << Text(h, "from") << " -> "
                 << StatusText(Text(h, "to")) << "  by " << Text(h, "actor");
      const std::string note = Text(h, "note");
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
  if (!result.ok()) return Fail(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  output.out << DisplayCode(Text(*result.json, "code")) << ": "
             << StatusText(Text(*result.json, "status")) << "\n";
  return kExitOk;
}

int AddCounterDossier(OperatorClient& client, const std::string& service_id,
                      const std::string& phone, const std::string& commune,
                      const std::string& applicant, const OperatorOutput& output) {
  CallResult result = client.Post("/v1/admin/dossiers", {{"service_id", service_id},
                                                         {"phone", phone},
                                                         {"commune_code", commune},
                                                         {"applicant_name", applicant}});
  if (!result.ok()) return Fail(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  output.out << "Dossier code: " << DisplayCode(Text(*result.json, "code")) << "\n"
             << "Received:     " << Text(*result.json, "received_at") << "\n"
             << "Appointment:  " << Text(*result.json, "official_appointment") << "\n";
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
  if (!result.ok()) return Fail(result, output);
  if (output.json) {
    PrintJson(*result.json, output);
    return kExitOk;
  }
  const bool again = result.json->value("already_published", false);
  output.out << (again ? "Already published: catalog version " : "Published catalog version ")
             << Text(*result.json, "version") << " (" << Text(*result.json, "published_at")
             << "); kiosks fetch it at their next pull.\n";
  return kExitOk;
}

}  // namespace dvc::gateway
