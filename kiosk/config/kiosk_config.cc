#include "config/kiosk_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <sstream>
#include <variant>

#include "config/config_keys.h"
#include "core/file_util.h"
#include "outbox/kiosk_identity.h"
#include "outbox/kiosk_schema.h"
#include "text/normalize.h"

namespace dvc::kiosk {

namespace {

// A value on its way into KioskConfig, from a TOML node or a flag's text.
using Value = std::variant<std::monostate, std::string, int64_t, std::vector<std::string>, bool>;

// One problem found in a file, kept with its line so they are reported in file order.
struct Problem {
  uint32_t line = 0;  // 0: not tied to a line
  std::string text;   // "idle_timeout_s: expected ..."
};

// Most problems listed in one error message; a garbled file lists the first few.
constexpr size_t kMaxProblemsReported = 5;

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// What a key accepts, in the words of an error message.
std::string Expectation(const ConfigKey& key) {
  switch (key.type) {
    case KeyType::kInteger: {
      if (!key.integer_choices.empty()) {
        std::string text = "expected ";
        for (size_t i = 0; i < key.integer_choices.size(); ++i) {
          if (i > 0) text += i + 1 == key.integer_choices.size() ? " or " : ", ";
          text += std::to_string(key.integer_choices[i]);
        }
        return text;
      }
      return "expected an integer between " + std::to_string(key.min) + " and " +
             std::to_string(key.max);
    }
    case KeyType::kString: {
      if (!key.string_choices.empty()) {
        std::string text = "expected ";
        for (size_t i = 0; i < key.string_choices.size(); ++i) {
          if (i > 0) text += i + 1 == key.string_choices.size() ? " or " : ", ";
          text += Quoted(key.string_choices[i]);
        }
        return text;
      }
      return "expected a string";
    }
    case KeyType::kStringList:
      return "expected a list of strings";
    case KeyType::kOfficeHours:
      return "expected office hours like \"07:30-11:30,13:30-17:00\"";
    case KeyType::kBoolean:
      return "expected true or false";
  }
  std::abort();  // every KeyType is handled above
}

// Checks `value` against `key` and stores it. Returns the "expected ..." text
// when it does not fit (config unchanged), empty on success.
std::string Assign(const ConfigKey& key, Value value, KioskConfig& config) {
  switch (key.type) {
    case KeyType::kInteger: {
      const int64_t* n = std::get_if<int64_t>(&value);
      if (n == nullptr || *n < key.min || *n > key.max) return Expectation(key);
      if (!key.integer_choices.empty() &&
          std::find(key.integer_choices.begin(), key.integer_choices.end(), *n) ==
              key.integer_choices.end()) {
        return Expectation(key);
      }
      config.*std::get<int64_t KioskConfig::*>(key.member) = *n;
      return "";
    }
    case KeyType::kString: {
      std::string* s = std::get_if<std::string>(&value);
      if (s == nullptr) return Expectation(key);
      if (!key.string_choices.empty() &&
          std::find(key.string_choices.begin(), key.string_choices.end(), *s) ==
              key.string_choices.end()) {
        return Expectation(key);
      }
      if (key.nfc) *s = text::ToNfc(*s);
      if (key.check != nullptr) {
        if (std::string problem = key.check(*s); !problem.empty()) return problem;
      }
      config.*std::get<std::string KioskConfig::*>(key.member) = std::move(*s);
      return "";
    }
    case KeyType::kStringList: {
      auto* list = std::get_if<std::vector<std::string>>(&value);
      if (list == nullptr) return Expectation(key);
      constexpr size_t kMaxItems = 32;
      if (list->size() > kMaxItems) return "expected at most 32 entries";
      for (size_t i = 0; i < list->size(); ++i) {
        if (key.check == nullptr) continue;
        if (std::string problem = key.check((*list)[i]); !problem.empty()) {
          return "entry " + std::to_string(i + 1) + ": " + problem;
        }
      }
      config.*std::get<std::vector<std::string> KioskConfig::*>(key.member) = std::move(*list);
      return "";
    }
    case KeyType::kOfficeHours: {
      const std::string* s = std::get_if<std::string>(&value);
      if (s == nullptr) return Expectation(key);
      Result<calendar::OfficeHours> hours = calendar::OfficeHours::Parse(*s);
      if (!hours.ok()) return Expectation(key) + " (" + hours.status().message() + ")";
      config.*std::get<calendar::OfficeHours KioskConfig::*>(key.member) = *hours;
      return "";
    }
    case KeyType::kBoolean: {
      const bool* b = std::get_if<bool>(&value);
      if (b == nullptr) return Expectation(key);
      config.*std::get<bool KioskConfig::*>(key.member) = *b;
      return "";
    }
  }
  std::abort();  // every KeyType is handled above
}

// The value of a TOML node, as far as its type fits one of ours; a list whose
// items are not all strings becomes a monostate (refused with the expectation).
Value FromNode(const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* n = node.as_integer()) return n->get();
  if (const auto* b = node.as_boolean()) return b->get();
  if (const auto* array = node.as_array()) {
    std::vector<std::string> items;
    for (const toml::node& item : *array) {
      const auto* s = item.as_string();
      if (s == nullptr) return std::monostate{};
      items.push_back(s->get());
    }
    return items;
  }
  return std::monostate{};
}

uint32_t LineOf(const toml::node& node) { return node.source().begin.line; }

std::string UnknownKeyText(const std::string& name) {
  std::string text = name + ": unknown key";
  if (std::string nearest = NearestConfigKey(name); !nearest.empty()) {
    text += "; did you mean " + nearest + "?";
  }
  return text;
}

// Walks `table` (the root, or a section when `prefix` is "printer."), assigning
// known keys and recording a problem for everything else.
void Walk(const toml::table& table, const std::string& prefix, KioskConfig& config,
          std::vector<Problem>& problems, std::vector<std::pair<std::string, uint32_t>>& seen) {
  for (const auto& [toml_key, node] : table) {
    const std::string name = prefix + std::string(toml_key.str());
    const uint32_t line = LineOf(node);
    if (prefix.empty() && IsConfigSection(name)) {
      if (const toml::table* section = node.as_table()) {
        Walk(*section, name + ".", config, problems, seen);
      } else {
        problems.push_back({line, name + ": expected a table ([" + name + "])"});
      }
      continue;
    }
    const ConfigKey* key = FindConfigKey(name);
    if (key == nullptr) {
      problems.push_back({line, UnknownKeyText(name)});
      continue;
    }
    seen.emplace_back(name, line);
    if (std::string problem = Assign(*key, FromNode(node), config); !problem.empty()) {
      problems.push_back({line, name + ": " + problem});
    }
  }
}

// Rules that involve more than one key, run after every key is assigned.
std::vector<Problem> Finish(const KioskConfig& config,
                            const std::vector<std::pair<std::string, uint32_t>>& seen) {
  std::vector<Problem> problems;
  auto line_of = [&](std::string_view name) -> uint32_t {
    for (const auto& [key, line] : seen) {
      if (key == name) return line;
    }
    return 0;
  };
  if (config.idle_warning_s >= config.idle_timeout_s) {
    const uint32_t line =
        line_of("idle_warning_s") ? line_of("idle_warning_s") : line_of("idle_timeout_s");
    problems.push_back({line, "idle_warning_s: expected less than idle_timeout_s (" +
                                  std::to_string(config.idle_timeout_s) + ")"});
  }
  return problems;
}

Status Report(std::vector<Problem> problems, std::string_view file_name) {
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
  std::string message;
  for (size_t i = 0; i < problems.size() && i < kMaxProblemsReported; ++i) {
    if (i > 0) message += "\n";
    message += std::string(file_name);
    if (problems[i].line > 0) message += ":" + std::to_string(problems[i].line);
    message += ": " + problems[i].text;
  }
  if (problems.size() > kMaxProblemsReported) {
    message += "\n(" + std::to_string(problems.size() - kMaxProblemsReported) + " more)";
  }
  return Status::InvalidInput(message);
}

// TOML text for the example file.
std::string TomlString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string ExampleValue(const ConfigKey& key) {
  switch (key.type) {
    case KeyType::kInteger:
      return std::to_string(key.default_integer);
    case KeyType::kBoolean:
      return key.default_boolean ? "true" : "false";
    case KeyType::kString:
    case KeyType::kOfficeHours:
      return TomlString(key.example.empty() ? key.default_string : key.example);
    case KeyType::kStringList: {
      std::string out = "[";
      for (size_t i = 0; i < key.default_list.size(); ++i) {
        if (i > 0) out += ", ";
        out += TomlString(key.default_list[i]);
      }
      return out + "]";
    }
  }
  std::abort();  // every KeyType is handled above
}

// Wraps `text` into "# " comment lines of at most ~90 columns.
std::string Comment(std::string_view text) {
  std::string out;
  std::string line = "#";
  std::istringstream words{std::string(text)};
  for (std::string word; words >> word;) {
    if (line.size() + 1 + word.size() > 90 && line.size() > 1) {
      out += line + "\n";
      line = "#";
    }
    line += " " + word;
  }
  return out + line + "\n";
}

}  // namespace

std::string KioskConfig::DatabasePath() const { return KioskDatabasePath(data_dir); }
std::string KioskConfig::KeyPath() const { return KioskIdentity::KeyPath(data_dir); }

KioskConfig DefaultKioskConfig() {
  KioskConfig config;
  for (const ConfigKey& key : ConfigKeys()) {
    Value value;
    switch (key.type) {
      case KeyType::kInteger:
        value = key.default_integer;
        break;
      case KeyType::kBoolean:
        value = key.default_boolean;
        break;
      case KeyType::kString:
      case KeyType::kOfficeHours:
        value = std::string(key.default_string);
        break;
      case KeyType::kStringList:
        value = std::vector<std::string>(key.default_list.begin(), key.default_list.end());
        break;
    }
    // The table's defaults must satisfy the table's own rules.
    if (!Assign(key, std::move(value), config).empty()) std::abort();
  }
  if (!Finish(config, {}).empty()) std::abort();
  return config;
}

Result<KioskConfig> ParseKioskConfig(std::string_view toml_text, std::string_view file_name) {
  KioskConfig config = DefaultKioskConfig();
  toml::table root;
  try {
    root = toml::parse(toml_text, file_name);
  } catch (const toml::parse_error& error) {
    const uint32_t line = error.source().begin.line;
    std::string message = std::string(file_name);
    if (line > 0) message += ":" + std::to_string(line);
    return Status::InvalidInput(message + ": " + std::string(error.description()));
  } catch (const std::exception& error) {  // allocation failure inside the parser
    return Status::Internal(std::string(file_name) + ": " + error.what());
  }
  std::vector<Problem> problems;
  std::vector<std::pair<std::string, uint32_t>> seen;
  Walk(root, "", config, problems, seen);
  if (problems.empty()) {
    std::vector<Problem> more = Finish(config, seen);
    problems.insert(problems.end(), more.begin(), more.end());
  }
  if (!problems.empty()) return Report(std::move(problems), file_name);
  return config;
}

Result<KioskConfig> LoadKioskConfig(const std::string& path) {
  if (path.empty()) return DefaultKioskConfig();
  Result<std::string> text = core::ReadFile(path);
  if (!text.ok()) return text.status();
  // Errors name the file as given, so the administrator finds it.
  return ParseKioskConfig(*text, path);
}

Status ApplyOverride(KioskConfig& config, std::string_view key_name, std::string_view value) {
  const ConfigKey* key = FindConfigKey(key_name);
  const std::string flag = "--" + std::string(key_name);
  if (key == nullptr) return Status::InvalidInput(UnknownKeyText(flag.substr(2)));
  Value parsed;
  switch (key->type) {
    case KeyType::kInteger: {
      int64_t n = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (error == std::errc() && end == value.data() + value.size() && !value.empty()) parsed = n;
      break;
    }
    case KeyType::kBoolean:
      if (value == "true") parsed = true;
      if (value == "false") parsed = false;
      break;
    case KeyType::kString:
    case KeyType::kOfficeHours:
      parsed = std::string(value);
      break;
    case KeyType::kStringList: {
      std::vector<std::string> items;
      for (size_t start = 0; start <= value.size();) {
        size_t comma = value.find(',', start);
        if (comma == std::string_view::npos) comma = value.size();
        items.emplace_back(value.substr(start, comma - start));
        start = comma + 1;
      }
      if (value.empty()) items.clear();
      parsed = std::move(items);
      break;
    }
  }
  KioskConfig updated = config;
  if (std::string problem = Assign(*key, std::move(parsed), updated); !problem.empty()) {
    return Status::InvalidInput(flag + ": " + problem);
  }
  if (std::vector<Problem> problems = Finish(updated, {}); !problems.empty()) {
    return Status::InvalidInput("--" + problems.front().text);
  }
  config = std::move(updated);
  return Status::Ok();
}

std::string RenderExampleConfig() {
  std::string out =
      "# Kiosk configuration: every key with its default (docs/kiosk-config.md).\n"
      "# Generated from kiosk/config/config_keys.cc; a test keeps the two identical.\n"
      "# Values marked EXAMPLE must be set for each kiosk.\n";
  std::string section;
  for (const ConfigKey& key : ConfigKeys()) {
    const size_t dot = key.name.find('.');
    const std::string key_section =
        dot == std::string_view::npos ? "" : std::string(key.name.substr(0, dot));
    if (key_section != section) {
      section = key_section;
      out += "\n[" + section + "]\n";
    }
    out += "\n" + Comment(key.doc);
    out += std::string(dot == std::string_view::npos ? key.name : key.name.substr(dot + 1)) +
           " = " + ExampleValue(key) + "\n";
  }
  return out;
}

}  // namespace dvc::kiosk
