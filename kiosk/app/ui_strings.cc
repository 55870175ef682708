#include "app/ui_strings.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "catalog/catalog.h"
#include "core/file_util.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::kiosk {

std::string UiStrings::Format(
    StringId id, catalog::Language lang,
    std::initializer_list<std::pair<std::string_view, std::string_view>> args) const {
  std::string out = Get(id, lang);
  for (const auto& [name, value] : args) {
    const std::string placeholder = "{" + std::string(name) + "}";
    for (size_t at = out.find(placeholder); at != std::string::npos;
         at = out.find(placeholder, at + value.size())) {
      out.replace(at, placeholder.size(), value);
    }
  }
  return out;
}

Result<UiStrings> ParseUiStrings(std::string_view json_text, std::string_view file_name) {
  const std::string where(file_name);
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::InvalidInput(where + ": expected a JSON object of strings");
  }
  UiStrings strings;
  std::set<std::string_view> listed(kStringKeys.begin(), kStringKeys.end());
  for (const auto& [key, value] : doc.items()) {
    if (!listed.count(key)) {
      return Status::InvalidInput(where + ": \"" + key + "\" is not a key the kiosk uses");
    }
  }
  for (size_t i = 0; i < kStringCount; ++i) {
    const std::string key(kStringKeys[i]);
    if (!doc.contains(key)) return Status::InvalidInput(where + ": key \"" + key + "\" is missing");
    const nlohmann::json& entry = doc[key];
    if (!entry.is_object()) {
      return Status::InvalidInput(where + ": \"" + key + "\": expected {\"vi\": ..., \"en\": ...}");
    }
    catalog::Text text;
    for (const char* lang : {"vi", "en"}) {
      auto it = entry.find(lang);
      if (it == entry.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
        return Status::InvalidInput(where + ": \"" + key + "\": \"" + lang + "\" text is missing");
      }
      const std::string& raw = it->get_ref<const std::string&>();
      if (!text::IsValidUtf8(raw)) {
        return Status::InvalidInput(where + ": \"" + key + "\": \"" + lang + "\" is not UTF-8");
      }
      (std::string_view(lang) == "vi" ? text.vi : text.en) = text::ToNfc(raw);
    }
    strings.texts_[i] = std::move(text);
  }
  return strings;
}

Result<UiStrings> LoadUiStrings(const std::string& path) {
  Result<std::string> bytes = core::ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return ParseUiStrings(*bytes, path);
}

std::string UiStringsPathBeside(const std::string& catalog_dir) {
  std::filesystem::path dir = std::filesystem::path(catalog_dir).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // a trailing '/'
  return (dir.parent_path() / "ui" / "strings.json").string();
}

}  // namespace dvc::kiosk
