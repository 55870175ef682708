#include "dossier/dossier_json.h"

#include <cstdint>
#include <exception>
#include <limits>
#include <optional>

namespace dvc::dossier {

namespace {

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

// Reads typed members of one JSON object, naming each by its path in errors.
// The first error sticks; later reads are skipped.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) Fail(path_, "expected an object, got " + TypeName(object_));
  }

  // Refuses members outside `known`.
  template <size_t N>
  void OnlyMembers(const std::string_view (&known)[N]) {
    if (!status_.ok() || !object_.is_object()) return;
    for (const auto& [key, value] : object_.items()) {
      bool found = false;
      for (std::string_view k : known) found = found || k == key;
      if (!found) {
        Fail(path_, "unknown member \"" + key + "\"");
        return;
      }
    }
  }

  // nullptr if absent (or after an error); fails if required and absent.
  const json* Member(std::string_view name, bool required) {
    if (!status_.ok() || !object_.is_object()) return nullptr;
    auto it = object_.find(name);
    if (it == object_.end()) {
      if (required) Fail(Path(name), "is missing");
      return nullptr;
    }
    return &*it;
  }

  void String(std::string_view name, std::string* out, bool required) {
    const json* v = Member(name, required);
    if (v == nullptr) return;
    if (!v->is_string()) return Fail(Path(name), "expected a string, got " + TypeName(*v));
    *out = v->get_ref<const std::string&>();
  }

  void Integer(std::string_view name, int64_t min, int64_t max, int64_t* out, bool required) {
    const json* v = Member(name, required);
    if (v == nullptr) return;
    if (!v->is_number_integer()) {
      return Fail(Path(name), "expected an integer, got " + TypeName(*v));
    }
    bool in_range;
    if (v->is_number_unsigned()) {
      const uint64_t u = v->get<uint64_t>();
      in_range = u <= static_cast<uint64_t>(max);
      if (in_range) *out = static_cast<int64_t>(u);
    } else {
      const int64_t i = v->get<int64_t>();
      in_range = i >= min && i <= max;
      if (in_range) *out = i;
    }
    if (!in_range) {
      Fail(Path(name), "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
  }

  template <typename T>
  void Parsed(std::string_view name, Result<T> (*parse)(std::string_view), std::optional<T>* out,
              bool required) {
    std::string text;
    String(name, &text, required);
    if (!status_.ok() || Member(name, false) == nullptr) return;
    Result<T> value = parse(text);
    if (!value.ok()) return Fail(Path(name), value.status().message());
    *out = *value;
  }

  template <typename T>
  void Enum(std::string_view name, std::optional<T> (*from_id)(std::string_view),
            std::string_view what, T* out) {
    std::string text;
    String(name, &text, true);
    if (!status_.ok()) return;
    std::optional<T> value = from_id(text);
    if (!value) return Fail(Path(name), "unknown " + std::string(what) + " \"" + text + "\"");
    *out = *value;
  }

  std::string Path(std::string_view name) const { return path_ + "." + std::string(name); }
  void Fail(const std::string& path, const std::string& why) {
    if (status_.ok()) status_ = Status::InvalidInput(path + ": " + why);
  }
  void Adopt(const Status& s) {
    if (status_.ok() && !s.ok()) status_ = s;
  }
  const Status& status() const { return status_; }

  static std::string TypeName(const json& v) {
    if (v.is_number_float()) return "a fractional number";
    if (v.is_number()) return "a number";
    return v.type_name();
  }

 private:
  const json& object_;
  std::string path_;
  Status status_;
};

AttachmentRef ReadAttachment(const json& j, const std::string& path, ObjectReader& outer) {
  AttachmentRef a;
  ObjectReader r(j, path);
  r.OnlyMembers(kAttachmentMembers);
  r.String("field", &a.field, true);
  r.String("sha256", &a.sha256, true);
  int64_t size = 0;
  r.Integer("size", 0, std::numeric_limits<int64_t>::max(), &size, true);
  a.size = static_cast<uint64_t>(size);
  outer.Adopt(r.status());
  return a;
}

StatusChange ReadChange(const json& j, const std::string& path, ObjectReader& outer) {
  StatusChange c;
  ObjectReader r(j, path);
  r.OnlyMembers(kChangeMembers);
  r.Enum("from", &StatusFromId, "status", &c.from);
  r.Enum("to", &StatusFromId, "status", &c.to);
  std::optional<Timestamp> at;
  r.Parsed<Timestamp>("at", &ParseTimestamp, &at, true);
  if (at) c.at = *at;
  r.Enum("actor", &ActorFromId, "actor", &c.actor);
  r.String("note", &c.note, false);
  outer.Adopt(r.status());
  return c;
}

template <typename T>
void ReadArray(ObjectReader& r, std::string_view name, std::vector<T>* out,
               T (*read)(const json&, const std::string&, ObjectReader&)) {
  const json* array = r.Member(name, false);
  if (array == nullptr) return;
  if (!array->is_array()) {
    return r.Fail(r.Path(name), "expected an array, got " + ObjectReader::TypeName(*array));
  }
  for (size_t i = 0; i < array->size() && r.status().ok(); ++i) {
    out->push_back(read((*array)[i], r.Path(name) + "[" + std::to_string(i) + "]", r));
  }
}

Result<Dossier> Read(const json& j) {
  Dossier d;
  ObjectReader r(j, "dossier");
  r.OnlyMembers(kMembers);
  r.String("id", &d.id, true);
  r.String("code", &d.code, true);
  r.String("province_number", &d.province_number, false);
  r.String("service_id", &d.service_id, true);
  r.String("catalog_version", &d.catalog_version, true);
  int64_t form_version = 0;
  r.Integer("form_version", 1, std::numeric_limits<int>::max(), &form_version, true);
  d.form_version = static_cast<int>(form_version);
  if (const json* answers = r.Member("answers", true)) {
    if (!answers->is_object()) {
      r.Fail(r.Path("answers"), "expected an object, got " + ObjectReader::TypeName(*answers));
    } else {
      d.answers = *answers;
    }
  }
  ReadArray<AttachmentRef>(r, "attachments", &d.attachments, &ReadAttachment);
  r.String("phone", &d.phone, false);
  std::optional<Timestamp> created_at;
  r.Parsed<Timestamp>("created_at", &ParseTimestamp, &created_at, true);
  if (created_at) d.created_at = *created_at;
  r.Parsed<Timestamp>("received_at", &ParseTimestamp, &d.received_at, false);
  r.Parsed<calendar::Date>("kiosk_appointment", &calendar::Date::ParseIso, &d.kiosk_appointment,
                           false);
  r.Parsed<calendar::Date>("official_appointment", &calendar::Date::ParseIso,
                           &d.official_appointment, false);
  r.Enum("status", &StatusFromId, "status", &d.status);
  ReadArray<StatusChange>(r, "history", &d.history, &ReadChange);
  if (!r.status().ok()) return r.status();
  DVC_RETURN_IF_ERROR(ValidateDossier(d));
  return d;
}

// Deepest nesting of arrays and objects in JSON text (strings skipped), stopping
// early once past `limit`. Linear and stack-free, so hostile text cannot make
// the parser or the value's destructor recurse deeply.
int NestingDepth(std::string_view text, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
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
  if (NestingDepth(text, limits.max_depth) > limits.max_depth) {
    return Status::InvalidInput("dossier: the JSON text nests deeper than " +
                                std::to_string(limits.max_depth) + " levels");
  }
  json parsed;
  try {
    parsed = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line 1, ...".
    std::string what = e.what();
    const size_t bracket = what.find("] ");
    if (bracket != std::string::npos) what.erase(0, bracket + 2);
    return Status::InvalidInput("dossier: " + what);
  } catch (const std::exception& e) {
    return Status::InvalidInput(std::string("dossier: ") + e.what());
  }
  return DossierFromJson(parsed);
}

}  // namespace dvc::dossier
