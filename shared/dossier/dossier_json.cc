#include "dossier/dossier_json.h"

#include <cstdint>
#include <exception>
#include <limits>
#include <optional>

#include "core/json_reader.h"

namespace dvc::dossier {

namespace {

using core::JsonNode;
using core::Need;
using nlohmann::json;

constexpr std::string_view kMembers[] = {
    "id",
    "code",
    "province_number",
    "service_id",
    "catalog_version",
    "form_version",
    "answers",
    "attachments",
    "phone",
    "created_at",
    "received_at",
    "kiosk_appointment",
    "official_appointment",
    "status",
    "history",
};
constexpr std::string_view kAttachmentMembers[] = {"field", "sha256", "size"};
constexpr std::string_view kChangeMembers[] = {"from", "to", "at", "actor", "note"};

// Errors name the document "dossier" rather than a file: it arrives over the
// sync API or from a store row.
const std::string kNoFile;
constexpr std::string_view kRoot = "dossier";

// A string member parsed by `parse` (a timestamp or a date); `out` is left
// untouched when the optional member is absent.
template <typename T>
Status ReadParsed(const JsonNode& node, std::string_view key, Result<T> (*parse)(std::string_view),
                  std::optional<T>* out, Need need) {
  std::string text;
  if (!node.Has(key)) return node.ReadString(key, &text, need);
  DVC_RETURN_IF_ERROR(node.ReadString(key, &text, need));
  Result<T> value = parse(text);
  if (!value.ok()) return node.Child(key).Fail(value.status().message());
  *out = *value;
  return Status::Ok();
}

template <typename T>
Status ReadRequiredParsed(const JsonNode& node, std::string_view key,
                          Result<T> (*parse)(std::string_view), T* out) {
  std::optional<T> value;
  DVC_RETURN_IF_ERROR(ReadParsed<T>(node, key, parse, &value, Need::kRequired));
  *out = *value;
  return Status::Ok();
}

// A required string member naming one of an enum's values.
template <typename T>
Status ReadId(const JsonNode& node, std::string_view key,
              std::optional<T> (*from_id)(std::string_view), std::string_view what, T* out) {
  std::string text;
  DVC_RETURN_IF_ERROR(node.ReadString(key, &text, Need::kRequired));
  std::optional<T> value = from_id(text);
  if (!value) return node.Child(key).Fail("unknown " + std::string(what) + " \"" + text + "\"");
  *out = *value;
  return Status::Ok();
}

Status ReadAttachment(const JsonNode& node, AttachmentRef* a) {
  DVC_RETURN_IF_ERROR(node.ExpectObject(kAttachmentMembers));
  DVC_RETURN_IF_ERROR(node.ReadString("field", &a->field, Need::kRequired));
  DVC_RETURN_IF_ERROR(node.ReadString("sha256", &a->sha256, Need::kRequired));
  int64_t size = 0;
  DVC_RETURN_IF_ERROR(
      node.ReadInt("size", &size, Need::kRequired, 0, std::numeric_limits<int64_t>::max()));
  a->size = static_cast<uint64_t>(size);
  return Status::Ok();
}

Status ReadChange(const JsonNode& node, StatusChange* c) {
  DVC_RETURN_IF_ERROR(node.ExpectObject(kChangeMembers));
  DVC_RETURN_IF_ERROR(ReadId(node, "from", &StatusFromId, "status", &c->from));
  DVC_RETURN_IF_ERROR(ReadId(node, "to", &StatusFromId, "status", &c->to));
  DVC_RETURN_IF_ERROR(ReadRequiredParsed<Timestamp>(node, "at", &ParseTimestamp, &c->at));
  DVC_RETURN_IF_ERROR(ReadId(node, "actor", &ActorFromId, "actor", &c->actor));
  return node.ReadString("note", &c->note, Need::kOptional);
}

Result<Dossier> Read(const json& j) {
  Dossier d;
  const JsonNode r(j, kNoFile, std::string(kRoot));
  DVC_RETURN_IF_ERROR(r.ExpectObject(kMembers));
  DVC_RETURN_IF_ERROR(r.ReadString("id", &d.id, Need::kRequired));
  DVC_RETURN_IF_ERROR(r.ReadString("code", &d.code, Need::kRequired));
  DVC_RETURN_IF_ERROR(r.ReadString("province_number", &d.province_number, Need::kOptional));
  DVC_RETURN_IF_ERROR(r.ReadString("service_id", &d.service_id, Need::kRequired));
  DVC_RETURN_IF_ERROR(r.ReadString("catalog_version", &d.catalog_version, Need::kRequired));
  int64_t form_version = 0;
  DVC_RETURN_IF_ERROR(r.ReadInt("form_version", &form_version, Need::kRequired, 1,
                                std::numeric_limits<int>::max()));
  d.form_version = static_cast<int>(form_version);
  if (!r.Has("answers")) return r.Child("answers").Fail("missing required value");
  const JsonNode answers = r.Child("answers");
  if (!answers.value().is_object()) {
    return answers.Fail("expected an object, found " +
                        std::string(core::JsonTypeName(answers.value())));
  }
  d.answers = answers.value();
  DVC_RETURN_IF_ERROR(r.ForEach("attachments", Need::kOptional, [&](const JsonNode& e, size_t) {
    DVC_RETURN_IF_ERROR(ReadAttachment(e, &d.attachments.emplace_back()));
    return Status::Ok();
  }));
  DVC_RETURN_IF_ERROR(r.ReadString("phone", &d.phone, Need::kOptional));
  DVC_RETURN_IF_ERROR(
      ReadRequiredParsed<Timestamp>(r, "created_at", &ParseTimestamp, &d.created_at));
  DVC_RETURN_IF_ERROR(
      ReadParsed<Timestamp>(r, "received_at", &ParseTimestamp, &d.received_at, Need::kOptional));
  DVC_RETURN_IF_ERROR(ReadParsed<calendar::Date>(r, "kiosk_appointment", &calendar::Date::ParseIso,
                                                 &d.kiosk_appointment, Need::kOptional));
  DVC_RETURN_IF_ERROR(ReadParsed<calendar::Date>(r, "official_appointment",
                                                 &calendar::Date::ParseIso, &d.official_appointment,
                                                 Need::kOptional));
  DVC_RETURN_IF_ERROR(ReadId(r, "status", &StatusFromId, "status", &d.status));
  DVC_RETURN_IF_ERROR(r.ForEach("history", Need::kOptional, [&](const JsonNode& e, size_t) {
    DVC_RETURN_IF_ERROR(ReadChange(e, &d.history.emplace_back()));
    return Status::Ok();
  }));
  DVC_RETURN_IF_ERROR(ValidateDossier(d));
  return d;
}

}  // namespace

json DossierToJson(const Dossier& d) {
  json j = json::object();
  j["id"] = d.id;
  j["code"] = d.code;
  if (!d.province_number.empty()) j["province_number"] = d.province_number;
  j["service_id"] = d.service_id;
  j["catalog_version"] = d.catalog_version;
  j["form_version"] = d.form_version;
  j["answers"] = d.answers;
  if (!d.attachments.empty()) {
    json list = json::array();
    for (const AttachmentRef& a : d.attachments) {
      list.push_back({{"field", a.field}, {"sha256", a.sha256}, {"size", a.size}});
    }
    j["attachments"] = std::move(list);
  }
  if (!d.phone.empty()) j["phone"] = d.phone;
  j["created_at"] = FormatTimestamp(d.created_at);
  if (d.received_at) j["received_at"] = FormatTimestamp(*d.received_at);
  if (d.kiosk_appointment) j["kiosk_appointment"] = d.kiosk_appointment->ToIso();
  if (d.official_appointment) j["official_appointment"] = d.official_appointment->ToIso();
  j["status"] = StatusId(d.status);
  if (!d.history.empty()) {
    json list = json::array();
    for (const StatusChange& c : d.history) {
      list.push_back({{"from", StatusId(c.from)},
                      {"to", StatusId(c.to)},
                      {"at", FormatTimestamp(c.at)},
                      {"actor", ActorId(c.actor)},
                      {"note", c.note}});
    }
    j["history"] = std::move(list);
  }
  return j;
}

std::string DossierToJsonText(const Dossier& dossier) {
  return DossierToJson(dossier).dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Dossier> DossierFromJson(const json& j) {
  try {
    return Read(j);
  } catch (const std::exception& e) {  // nlohmann type errors; nothing expected here
    return Status::InvalidInput(std::string("dossier: ") + e.what());
  }
}

Result<Dossier> DossierFromJsonText(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Status::InvalidInput("dossier: the JSON text has " + std::to_string(text.size()) +
                                " bytes, more than the limit of " +
                                std::to_string(limits.max_bytes));
  }
  Result<json> parsed = core::ParseJsonText(text, kRoot, limits.max_depth);
  if (!parsed.ok()) return parsed.status();
  return DossierFromJson(*parsed);
}

}  // namespace dvc::dossier
