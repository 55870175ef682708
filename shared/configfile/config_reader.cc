#include "configfile/config_reader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <exception>
#include <utility>

namespace dvc::configfile {

namespace {

// Most problems listed in one error message; a garbled file lists the first few.
constexpr size_t kMaxProblemsReported = 5;

// The value of a TOML node, as far as its type fits one of ours; a list whose
// items are not all strings, a float, a date or a table becomes monostate
// (refused with the key's expectation).
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

// Walks `table` (the root, or a section when `prefix` is "printer."), keeping
// known keys whose values fit and recording a problem for everything else.
void Walk(const toml::table& table, const std::string& prefix, const KeyIndex& index,
          Reading& reading) {
  for (const auto& [toml_key, node] : table) {
    const std::string name = prefix + std::string(toml_key.str());
    const uint32_t line = node.source().begin.line;
    if (prefix.empty() && index.IsSection(name)) {
      if (const toml::table* section = node.as_table()) {
        Walk(*section, name + ".", index, reading);
      } else {
        reading.problems.push_back({line, name + ": expected a table ([" + name + "])"});
      }
      continue;
    }
    const std::optional<size_t> key = index.Find(name);
    if (!key) {
      // A whole table of unknown keys is one mistake: its name.
      reading.problems.push_back({line, prefix.empty() && node.is_table()
                                            ? index.UnknownSectionText(name)
                                            : index.UnknownKeyText(name)});
      continue;
    }
    Value value = FromNode(node);
    if (std::string problem = CheckValue(index.spec(*key), value); !problem.empty()) {
      reading.problems.push_back({line, name + ": " + problem});
      continue;
    }
    reading.settings.push_back({*key, index.spec(*key).name, line, std::move(value)});
  }
}

}  // namespace

SeenKeys::SeenKeys(const std::vector<Setting>& settings) {
  for (const Setting& setting : settings) lines_.emplace_back(setting.name, setting.line);
}

uint32_t SeenKeys::LineOf(std::string_view name) const {
  for (const auto& [key, line] : lines_) {
    if (key == name) return line;
  }
  return 0;
}

Result<Reading> ReadToml(std::string_view toml_text, std::string_view file_name,
                         const KeyIndex& index) {
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
  Reading reading;
  Walk(root, "", index, reading);
  return reading;
}

Status ProblemsStatus(std::vector<Problem> problems, std::string_view file_name) {
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

}  // namespace dvc::configfile
