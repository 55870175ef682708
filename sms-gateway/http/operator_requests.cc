#include "http/operator_requests.h"

#include "calendar/date.h"
#include "core/json_reader.h"
#include "dossier/timestamp.h"
#include "sync/messages.h"

namespace dvc::gateway {

namespace {

// Documents that are not files: errors name the JSON path only.
const std::string kNoFile;

// Parses the body and hands its root to `read`.
template <typename T, typename Reader>
Result<T> ReadBody(std::string_view body, Reader read) {
  if (body.size() > sync::kMaxBodyBytes) return Status::InvalidInput("body is too large");
  Result<nlohmann::json> json = core::ParseJsonText(body, "body");
  if (!json.ok()) return json.status();
  T value{};
  const core::JsonNode root(*json, kNoFile);
  if (!root.value().is_object()) return root.Fail("expected an object");
  DVC_RETURN_IF_ERROR(read(root, value));
  return value;
}

// A relative path inside a catalog folder: no leading "/", no "." or ".."
// segment, no empty segment, no backslash or NUL.
bool IsSafeRelativePath(std::string_view path) {
  if (path.empty() || path.size() > 200) return false;
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) {
    return false;
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view segment = path.substr(start, slash - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = slash + 1;
  }
  return true;
}

}  // namespace

Result<EnrolmentRequest> ReadEnrolmentRequest(std::string_view body) {
  return ReadBody<EnrolmentRequest>(body, [](const core::JsonNode& root, EnrolmentRequest& out) {
    DVC_RETURN_IF_ERROR(root.ExpectObject({"commune_code", "name"}));
    DVC_RETURN_IF_ERROR(root.ReadString("commune_code", &out.commune_code, core::Need::kRequired));
    return root.ReadString("name", &out.name, core::Need::kRequired);
  });
}

Result<StatusChangeRequest> ReadStatusChangeRequest(std::string_view body) {
  return ReadBody<StatusChangeRequest>(
      body, [](const core::JsonNode& root, StatusChangeRequest& out) {
        DVC_RETURN_IF_ERROR(root.ExpectObject({"status", "note"}));
        DVC_RETURN_IF_ERROR(root.ReadString("status", &out.status, core::Need::kRequired));
        return root.ReadString("note", &out.note, core::Need::kOptional);
      });
}

Result<CounterDossierRequest> ReadCounterDossierRequest(std::string_view body) {
  return ReadBody<CounterDossierRequest>(body, [](const core::JsonNode& root,
                                                  CounterDossierRequest& out) {
    DVC_RETURN_IF_ERROR(
        root.ExpectObject({"service_id", "phone", "commune_code", "applicant_name"}));
    DVC_RETURN_IF_ERROR(root.ReadString("service_id", &out.service_id, core::Need::kRequired));
    DVC_RETURN_IF_ERROR(root.ReadString("phone", &out.phone, core::Need::kRequired));
    DVC_RETURN_IF_ERROR(root.ReadString("commune_code", &out.commune_code, core::Need::kRequired));
    return root.ReadString("applicant_name", &out.applicant_name, core::Need::kOptional);
  });
}

Result<std::map<std::string, std::string>> ReadCatalogFiles(std::string_view body) {
  using Files = std::map<std::string, std::string>;
  return ReadBody<Files>(body, [](const core::JsonNode& root, Files& out) {
    DVC_RETURN_IF_ERROR(root.ExpectObject({"files"}));
    const core::JsonNode files = root.Child("files");
    if (!files.value().is_object()) return files.Fail("expected an object of files");
    if (files.value().empty()) return files.Fail("expected at least catalog.json");
    return root.ForEachMember(
        "files", core::Need::kRequired,
        [&out](const core::JsonNode& file, const std::string& path) -> Status {
          if (!IsSafeRelativePath(path)) {
            return file.Fail("expected a relative path without \".\" or \"..\" segments");
          }
          const nlohmann::json& value = file.value();
          if (value.is_string()) {
            out[path] = value.get<std::string>();
          } else if (value.is_object() || value.is_array()) {
            out[path] = value.dump();
          } else {
            return file.Fail("expected the file's text (a string) or its JSON (an object)");
          }
          return Status::Ok();
        });
  });
}

Result<StatusEvent> ReadStatusEvent(std::string_view body) {
  return ReadBody<StatusEvent>(body, [](const core::JsonNode& root, StatusEvent& out) {
    DVC_RETURN_IF_ERROR(root.ExpectObject(
        {"code", "province_number", "status", "at", "note", "official_appointment"}));
    DVC_RETURN_IF_ERROR(root.ReadString("code", &out.code, core::Need::kOptional));
    DVC_RETURN_IF_ERROR(
        root.ReadString("province_number", &out.province_number, core::Need::kOptional));
    if (out.code.empty() && out.province_number.empty()) {
      return root.Fail("expected \"code\" or \"province_number\"");
    }
    DVC_RETURN_IF_ERROR(root.ReadString("status", &out.status, core::Need::kRequired));
    DVC_RETURN_IF_ERROR(root.ReadString("note", &out.note, core::Need::kOptional));
    std::string at;
    DVC_RETURN_IF_ERROR(root.ReadString("at", &at, core::Need::kOptional));
    if (!at.empty()) {
      Result<dossier::Timestamp> parsed = dossier::ParseTimestamp(at);
      if (!parsed.ok()) return root.Child("at").Fail(parsed.status().message());
      out.at = *parsed;
    }
    std::string date;
    DVC_RETURN_IF_ERROR(root.ReadString("official_appointment", &date, core::Need::kOptional));
    if (!date.empty()) {
      Result<calendar::Date> parsed = calendar::Date::ParseIso(date);
      if (!parsed.ok()) return root.Child("official_appointment").Fail(parsed.status().message());
      out.official_appointment = *parsed;
    }
    return Status::Ok();
  });
}

}  // namespace dvc::gateway
