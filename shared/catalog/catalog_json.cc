#include "catalog/catalog_json.h"

#include <utility>

#include "text/normalize.h"

namespace dvc::catalog {
namespace {

using nlohmann::json;

// Rebuilds `v` with every string and key in NFC. Returns false (leaving the
// key in `*collision`) when two keys of one object become equal.
bool NormalizeStrings(const json& v, json* out, std::string* collision) {
  if (v.is_string()) {
    *out = text::ToNfc(v.get_ref<const std::string&>());
  } else if (v.is_array()) {
    *out = json::array();
    for (const json& e : v) {
      json n;
      if (!NormalizeStrings(e, &n, collision)) return false;
      out->push_back(std::move(n));
    }
  } else if (v.is_object()) {
    *out = json::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      std::string key = text::ToNfc(it.key());
      if (out->contains(key)) {
        *collision = key;
        return false;
      }
      if (!NormalizeStrings(it.value(), &(*out)[key], collision)) return false;
    }
  } else {
    *out = v;
  }
  return true;
}

}  // namespace

Result<json> ParseCatalogJson(std::string_view text, std::string_view file_name) {
  Result<json> parsed = core::ParseJsonText(text, file_name);
  if (!parsed.ok()) return parsed.status();
  json out;
  std::string collision;
  try {
    if (!NormalizeStrings(*parsed, &out, &collision)) {
      return Status::InvalidInput(std::string(file_name) + ": duplicate key \"" + collision +
                                  "\" (written twice with different Unicode forms)");
    }
  } catch (const std::exception& e) {  // allocation failure only
    return Status::Internal(std::string(file_name) + ": " + e.what());
  }
  return out;
}

Status ReadText(const JsonNode& node, std::string_view key, Text* out, Need need) {
  if (!node.Has(key)) {
    if (need == Need::kOptional) return Status::Ok();
    return node.Child(key).Fail("missing required value");
  }
  JsonNode c = node.Child(key);
  if (!c.value().is_object()) return c.Fail("expected {\"vi\": \"...\", \"en\": \"...\"}");
  DVC_RETURN_IF_ERROR(c.ExpectObject({"vi", "en"}));
  Text t;
  DVC_RETURN_IF_ERROR(c.ReadString("vi", &t.vi, Need::kRequired));
  DVC_RETURN_IF_ERROR(c.ReadString("en", &t.en, Need::kOptional));
  if (text::SearchKey(t.vi).empty()) return c.Child("vi").Fail("must not be empty");
  *out = std::move(t);
  return Status::Ok();
}

Status ReadOptionalText(const JsonNode& node, std::string_view key, std::optional<Text>* out) {
  if (!node.Has(key)) return Status::Ok();
  Text t;
  DVC_RETURN_IF_ERROR(ReadText(node, key, &t, Need::kRequired));
  *out = std::move(t);
  return Status::Ok();
}

Status ReadDate(const JsonNode& node, std::string_view key, std::optional<calendar::Date>* out,
                Need need) {
  std::string s;
  bool present = node.Has(key);
  DVC_RETURN_IF_ERROR(node.ReadString(key, &s, need));
  if (!present) return Status::Ok();
  Result<calendar::Date> d = calendar::Date::ParseIso(s);
  if (!d.ok()) return node.Child(key).Fail("expected a real date as YYYY-MM-DD, got \"" + s + "\"");
  *out = *d;
  return Status::Ok();
}

}  // namespace dvc::catalog
