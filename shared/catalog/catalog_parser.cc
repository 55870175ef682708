// Parsing of catalog.json, agencies.json and services/<id>.json.
#include <algorithm>
#include <set>

#include "catalog/catalog.h"
#include "catalog/digits.h"
#include "catalog/file_names.h"
#include "catalog/form_parser.h"
#include "catalog/catalog_json.h"

namespace dvc::catalog {
namespace {

const std::vector<std::pair<std::string_view, AgencyLevel>> kAgencyLevels = {
    {"central", AgencyLevel::kCentral},   {"province", AgencyLevel::kProvince},
    {"district", AgencyLevel::kDistrict}, {"commune", AgencyLevel::kCommune},
    {"group", AgencyLevel::kGroup},
};
const std::vector<std::pair<std::string_view, Origin>> kOrigins = {{"roadmap", Origin::kRoadmap},
                                                                   {"addition", Origin::kAddition}};
const std::vector<std::pair<std::string_view, OnlineLabel>> kOnlineLabels = {
    {"toan-trinh", OnlineLabel::kToanTrinh},
    {"mot-phan", OnlineLabel::kMotPhan},
    {"truc-tiep", OnlineLabel::kTrucTiep}};
constexpr std::string_view kRoadmapTables[] = {"2012", "2013", "2014", "2015", "2020"};
// The keys of a service object (also those example_values may name).
constexpr std::string_view kServiceKeys[] = {"id",
                                             "national_code",
                                             "origin",
                                             "name",
                                             "field",
                                             "lead_agency",
                                             "co_agencies",
                                             "roadmap",
                                             "current_level",
                                             "target",
                                             "online_label",
                                             "documents",
                                             "fee",
                                             "processing_days",
                                             "collect_at",
                                             "example_values",
                                             "form"};

// Lowercase ASCII slug: [a-z0-9-]{min,64}, no leading/trailing dash.
bool IsSlug(std::string_view s, size_t min_len) {
  if (s.size() < min_len || s.size() > 64 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Status ReadSlug(const JsonNode& node, std::string_view key, std::string* out, size_t min_len) {
  DVC_RETURN_IF_ERROR(node.ReadString(key, out, Need::kRequired));
  if (!IsSlug(*out, min_len)) {
    return node.Child(key).Fail("\"" + *out + "\" is not a lowercase ASCII slug ([a-z0-9-])");
  }
  return Status::Ok();
}

Result<nlohmann::json> ParseObject(std::string_view text, const std::string& file) {
  Result<nlohmann::json> doc = ParseCatalogJson(text, file);
  if (!doc.ok()) return doc.status();
  if (!doc->is_object()) return Status::InvalidInput(file + ": $: expected an object");
  return doc;
}

Status ParseServiceBody(const JsonNode& root, Service* s) {
  DVC_RETURN_IF_ERROR(root.ExpectObject(kServiceKeys));
  DVC_RETURN_IF_ERROR(ReadSlug(root, "id", &s->id, 3));
  if (root.Has("national_code")) {
    std::string code;
    DVC_RETURN_IF_ERROR(root.ReadString("national_code", &code, Need::kRequired));
    if (code.empty())
      return root.Child("national_code").Fail("must not be empty (use null when unknown)");
    s->national_code = code;
  }
  DVC_RETURN_IF_ERROR(root.ReadEnum("origin", kOrigins, "origin", &s->origin, Need::kRequired));
  DVC_RETURN_IF_ERROR(ReadText(root, "name", &s->name, Need::kRequired));
  DVC_RETURN_IF_ERROR(ReadSlug(root, "field", &s->field, 1));
  DVC_RETURN_IF_ERROR(ReadSlug(root, "lead_agency", &s->lead_agency, 1));
  std::set<std::string> co;
  auto read_co_agencies = [&](const JsonNode& a, size_t) {
    if (!a.value().is_string()) return a.Fail("expected an agency id");
    std::string id = a.value().get<std::string>();
    if (id == s->lead_agency) return a.Fail("\"" + id + "\" is already the lead agency");
    if (!co.insert(id).second) return a.Fail("duplicate agency \"" + id + "\"");
    s->co_agencies.push_back(id);
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(root.ForEach("co_agencies", Need::kOptional, read_co_agencies));
  std::string last_table;
  auto read_roadmap = [&](const JsonNode& r, size_t) {
    DVC_RETURN_IF_ERROR(r.ExpectObject({"table", "level"}));
    RoadmapEntry e;
    DVC_RETURN_IF_ERROR(r.ReadString("table", &e.table, Need::kRequired));
    if (std::find(std::begin(kRoadmapTables), std::end(kRoadmapTables), e.table) ==
        std::end(kRoadmapTables)) {
      return r.Child("table").Fail("unknown roadmap table \"" + e.table +
                                   "\" (2012, 2013, 2014, 2015 or 2020)");
    }
    if (e.table <= last_table)
      return r.Child("table").Fail("tables must be listed oldest first, once each");
    last_table = e.table;
    int64_t level = 0;
    DVC_RETURN_IF_ERROR(r.ReadInt("level", &level, Need::kRequired, 3, 4));
    e.level = static_cast<int>(level);
    s->roadmap.push_back(std::move(e));
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(root.ForEach("roadmap", Need::kOptional, read_roadmap));
  if (s->origin == Origin::kAddition && !s->roadmap.empty()) {
    return root.Child("roadmap").Fail("must be empty for an addition");
  }
  if (s->origin == Origin::kRoadmap && s->roadmap.empty()) {
    return root.Child("roadmap").Fail("a roadmap service needs at least one roadmap table");
  }
  int64_t n = 0;
  DVC_RETURN_IF_ERROR(root.ReadInt("current_level", &n, Need::kRequired, 2, 4));
  s->current_level = static_cast<int>(n);
  if (root.Has("target")) {
    JsonNode t = root.Child("target");
    DVC_RETURN_IF_ERROR(t.ExpectObject({"level", "year"}));
    Target target;
    DVC_RETURN_IF_ERROR(t.ReadInt("level", &n, Need::kRequired, 3, 4));
    target.level = static_cast<int>(n);
    DVC_RETURN_IF_ERROR(t.ReadInt("year", &n, Need::kRequired, 2000, 2100));
    target.year = static_cast<int>(n);
    s->target = target;
  }
  DVC_RETURN_IF_ERROR(root.ReadEnum("online_label", kOnlineLabels, "online label", &s->online_label,
                                    Need::kRequired));
  auto read_documents = [&](const JsonNode& d, size_t) {
    DVC_RETURN_IF_ERROR(d.ExpectObject({"name", "copies", "original"}));
    RequiredDocument doc;
    DVC_RETURN_IF_ERROR(ReadText(d, "name", &doc.name, Need::kRequired));
    DVC_RETURN_IF_ERROR(d.ReadInt("copies", &doc.copies, Need::kOptional, 0, 100));
    DVC_RETURN_IF_ERROR(d.ReadBool("original", &doc.original, Need::kOptional));
    s->documents.push_back(std::move(doc));
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(root.ForEach("documents", Need::kOptional, read_documents));
  {
    JsonNode fee = root.Child("fee");
    if (!root.Has("fee")) return fee.Fail("missing required value");
    DVC_RETURN_IF_ERROR(fee.ExpectObject({"amount_vnd", "note"}));
    DVC_RETURN_IF_ERROR(
        fee.ReadInt("amount_vnd", &s->fee.amount_vnd, Need::kRequired, 0, 1'000'000'000'000));
    DVC_RETURN_IF_ERROR(ReadOptionalText(fee, "note", &s->fee.note));
  }
  DVC_RETURN_IF_ERROR(
      root.ReadInt("processing_days", &s->processing_days, Need::kRequired, 0, 3650));
  DVC_RETURN_IF_ERROR(ReadOptionalText(root, "collect_at", &s->collect_at));
  DVC_RETURN_IF_ERROR(
      root.ForEach("example_values", Need::kOptional, [&](const JsonNode& k, size_t) {
        if (!k.value().is_string()) return k.Fail("expected a key of this service");
        std::string key = k.value().get<std::string>();
        if (std::find(std::begin(kServiceKeys), std::end(kServiceKeys), key) ==
            std::end(kServiceKeys)) {
          return k.Fail("\"" + key + "\" is not a key of a service");
        }
        s->example_values.push_back(key);
        return Status::Ok();
      }));
  if (!root.Has("form")) return root.Child("form").Fail("missing required value");
  return ParseForm(root.Child("form"), &s->form);
}

}  // namespace

Result<CatalogHeader> ParseCatalogHeader(std::string_view json_text, std::string_view file_name) {
  std::string file(file_name);
  Result<nlohmann::json> doc = ParseObject(json_text, file);
  if (!doc.ok()) return doc.status();
  JsonNode root(*doc, file);
  DVC_RETURN_IF_ERROR(
      root.ExpectObject({"format", "version", "province", "fields", "online_labels"}));
  CatalogHeader h;
  int64_t format = 0;
  DVC_RETURN_IF_ERROR(root.ReadInt("format", &format, Need::kRequired, INT32_MIN, INT32_MAX));
  if (format != kCatalogFormat) {
    return root.Child("format").Fail("format " + std::to_string(format) +
                                     " is not supported (this program reads format " +
                                     std::to_string(kCatalogFormat) + ")");
  }
  h.format = static_cast<int>(format);
  DVC_RETURN_IF_ERROR(root.ReadString("version", &h.version, Need::kRequired));
  if (h.version.empty()) return root.Child("version").Fail("must not be empty");
  JsonNode province = root.Child("province");
  if (!root.Has("province")) return province.Fail("missing required value");
  DVC_RETURN_IF_ERROR(province.ExpectObject({"code", "name"}));
  DVC_RETURN_IF_ERROR(province.ReadString("code", &h.province_code, Need::kRequired));
  if (!IsDigitCode(h.province_code, 2)) {
    return province.Child("code").Fail("expected a 2-digit province code");
  }
  DVC_RETURN_IF_ERROR(ReadText(province, "name", &h.province_name, Need::kRequired));
  std::set<std::string> ids;
  auto read_fields = [&](const JsonNode& f, size_t) {
    DVC_RETURN_IF_ERROR(f.ExpectObject({"id", "name"}));
    CatalogField field;
    DVC_RETURN_IF_ERROR(ReadSlug(f, "id", &field.id, 1));
    if (!ids.insert(field.id).second)
      return f.Child("id").Fail("duplicate field id \"" + field.id + "\"");
    DVC_RETURN_IF_ERROR(ReadText(f, "name", &field.name, Need::kRequired));
    h.fields.push_back(std::move(field));
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(root.ForEach("fields", Need::kRequired, read_fields));
  auto read_label = [&](const JsonNode& l, size_t) {
    DVC_RETURN_IF_ERROR(l.ExpectObject({"id", "name"}));
    OnlineLabelName label;
    DVC_RETURN_IF_ERROR(
        l.ReadEnum("id", kOnlineLabels, "online label", &label.label, Need::kRequired));
    DVC_RETURN_IF_ERROR(ReadText(l, "name", &label.name, Need::kRequired));
    h.online_labels.push_back(std::move(label));
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(root.ForEach("online_labels", Need::kOptional, read_label));
  return h;
}

Result<std::vector<Agency>> ParseAgencies(std::string_view json_text, std::string_view file_name) {
  std::string file(file_name);
  Result<nlohmann::json> doc = ParseObject(json_text, file);
  if (!doc.ok()) return doc.status();
  JsonNode root(*doc, file);
  DVC_RETURN_IF_ERROR(root.ExpectObject({"agencies"}));
  std::vector<Agency> agencies;
  auto read_agencies = [&](const JsonNode& a, size_t) {
    DVC_RETURN_IF_ERROR(a.ExpectObject({"id", "name", "short_name", "level", "valid_from",
                                        "valid_to", "successor", "note", "example"}));
    Agency agency;
    DVC_RETURN_IF_ERROR(ReadSlug(a, "id", &agency.id, 1));
    DVC_RETURN_IF_ERROR(ReadText(a, "name", &agency.name, Need::kRequired));
    DVC_RETURN_IF_ERROR(ReadOptionalText(a, "short_name", &agency.short_name));
    DVC_RETURN_IF_ERROR(
        a.ReadEnum("level", kAgencyLevels, "agency level", &agency.level, Need::kRequired));
    std::optional<calendar::Date> from;
    DVC_RETURN_IF_ERROR(ReadDate(a, "valid_from", &from, Need::kRequired));
    agency.valid_from = *from;
    DVC_RETURN_IF_ERROR(ReadDate(a, "valid_to", &agency.valid_to, Need::kOptional));
    if (agency.valid_to && *agency.valid_to < agency.valid_from) {
      return a.Child("valid_to").Fail("is before valid_from");
    }
    DVC_RETURN_IF_ERROR(a.ReadString("successor", &agency.successor, Need::kOptional));
    if (!agency.successor.empty() && !agency.valid_to) {
      return a.Child("successor").Fail("an agency with a successor needs a valid_to date");
    }
    DVC_RETURN_IF_ERROR(a.ReadString("note", &agency.note, Need::kOptional));
    DVC_RETURN_IF_ERROR(a.ReadBool("example", &agency.example, Need::kOptional));
    agencies.push_back(std::move(agency));
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(root.ForEach("agencies", Need::kRequired, read_agencies));
  return agencies;
}

Result<Service> ParseService(std::string_view json_text, std::string_view file_name) {
  std::string file(file_name);
  Result<nlohmann::json> doc = ParseObject(json_text, file);
  if (!doc.ok()) return doc.status();
  JsonNode root(*doc, file);
  Service s;
  DVC_RETURN_IF_ERROR(ParseServiceBody(root, &s));
  if (std::optional<std::string> stem = JsonStem(file_name); stem && *stem != s.id) {
    return root.Child("id").Fail("\"" + s.id + "\" differs from the file name (expected \"" +
                                 *stem + "\")");
  }
  return s;
}

}  // namespace dvc::catalog
