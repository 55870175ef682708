#include "config/gateway_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>
#include <utility>
#include <variant>
#include <vector>

#include "config/config_keys.h"
#include "core/file_util.h"

namespace dvc::gateway {

namespace {

// A value on its way into GatewayConfig, from a TOML node.
using Value = std::variant<std::monostate, std::string, int64_t>;

// One problem found in a file, kept with its line so they are reported in file order.
struct Problem {
  uint32_t line = 0;  // 0: not tied to a line
  std::string text;   // "http.port: expected ..."
};

// Most problems listed in one error message; a garbled file lists the first few.
constexpr size_t kMaxProblemsReported = 5;
// A configuration file is a few kilobytes; anything far larger is not one.
constexpr uint64_t kMaxConfigBytes = 1u << 20;

// What a key accepts, in the words of an error message.
std::string Expectation(const ConfigKey& key) {
  switch (key.type) {
    case KeyType::kInteger:
      return "expected an integer between " + std::to_string(key.min) + " and " +
             std::to_string(key.max);
    case KeyType::kString:
      return "expected a string";
    case KeyType::kOfficeHours:
      return "expected office hours like \"07:30-11:30,13:30-17:00\"";
  }
  std::abort();  // every KeyType is handled above
}

// Checks `value` against `key` and stores it. Returns the "expected ..." text
// when it does not fit (config unchanged), empty on success.
std::string Assign(const ConfigKey& key, Value value, GatewayConfig& config) {
  switch (key.type) {
    case KeyType::kInteger: {
      const int64_t* n = std::get_if<int64_t>(&value);
      if (n == nullptr || *n < key.min || *n > key.max) return Expectation(key);
      config.*std::get<int64_t GatewayConfig::*>(key.member) = *n;
      return "";
    }
    case KeyType::kString: {
      std::string* s = std::get_if<std::string>(&value);
      if (s == nullptr) return Expectation(key);
      if (key.check != nullptr) {
        if (std::string problem = key.check(*s); !problem.empty()) return problem;
      }
      config.*std::get<std::string GatewayConfig::*>(key.member) = std::move(*s);
      return "";
    }
    case KeyType::kOfficeHours: {
      const std::string* s = std::get_if<std::string>(&value);
      if (s == nullptr) return Expectation(key);
      Result<calendar::OfficeHours> hours = calendar::OfficeHours::Parse(*s);
      if (!hours.ok()) return Expectation(key) + " (" + hours.status().message() + ")";
      config.*std::get<calendar::OfficeHours GatewayConfig::*>(key.member) = *hours;
      return "";
    }
  }
  std::abort();  // every KeyType is handled above
}

Value FromNode(const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* n = node.as_integer()) return n->get();
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

using Seen = std::vector<std::pair<std::string, uint32_t>>;

// Walks `table` (the root, or a section when `prefix` is "http."), assigning
// known keys and recording a problem for everything else.
void Walk(const toml::table& table, const std::string& prefix, GatewayConfig& config,
          std::vector<Problem>& problems, Seen& seen) {
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
std::vector<Problem> Finish(const GatewayConfig& config, const Seen& seen) {
  std::vector<Problem> problems;
  auto line_of = [&](std::string_view name) -> uint32_t {
    for (const auto& [key, line] : seen) {
      if (key == name) return line;
    }
    return 0;
  };
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    const char* missing = config.tls_cert.empty() ? "http.tls_cert" : "http.tls_key";
    const char* present = config.tls_cert.empty() ? "http.tls_key" : "http.tls_cert";
    problems.push_back({line_of(present), std::string(missing) + ": expected a path, since " +
                                              present + " is set (HTTPS needs both)"});
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
    case KeyType::kString:
    case KeyType::kOfficeHours:
      return TomlString(key.example.empty() ? key.default_string : key.example);
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

std::string GatewayConfig::OperatorTokenPath() const {
  return operator_token_file.empty() ? data_dir + "/operator.token" : operator_token_file;
}

std::string GatewayConfig::EventsTokenPath() const {
  return events_token_file.empty() ? data_dir + "/events.token" : events_token_file;
}

std::string GatewayConfig::LocalUrl() const {
  std::string host = http_listen;
  if (host == "0.0.0.0" || host.empty()) host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return std::string(UsesTls() ? "https" : "http") + "://" + host + ":" + std::to_string(http_port);
}

GatewayConfig DefaultGatewayConfig() {
  GatewayConfig config;
  for (const ConfigKey& key : ConfigKeys()) {
    Value value;
    if (key.type == KeyType::kInteger) {
      value = key.default_integer;
    } else {
      value = std::string(key.default_string);
    }
    // The table's defaults must satisfy the table's own rules.
    if (!Assign(key, std::move(value), config).empty()) std::abort();
  }
  if (!Finish(config, {}).empty()) std::abort();
  return config;
}

Result<GatewayConfig> ParseGatewayConfig(std::string_view toml_text, std::string_view file_name) {
  GatewayConfig config = DefaultGatewayConfig();
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
  Seen seen;
  Walk(root, "", config, problems, seen);
  if (problems.empty()) {
    std::vector<Problem> more = Finish(config, seen);
    problems.insert(problems.end(), more.begin(), more.end());
  }
  if (!problems.empty()) return Report(std::move(problems), file_name);
  return config;
}

Result<GatewayConfig> LoadGatewayConfig(const std::string& path) {
  Result<std::string> text = core::ReadFile(path, kMaxConfigBytes);
  if (!text.ok()) return text.status();
  // Errors name the file as given, so the administrator finds it.
  return ParseGatewayConfig(*text, path);
}

std::string RenderExampleConfig() {
  std::string out =
      "# sms-gateway configuration: every key with its default (docs/gateway.md).\n"
      "# Generated from sms-gateway/config/config_keys.cc; a test keeps the two identical.\n";
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

}  // namespace dvc::gateway
