#include "configfile/example_file.h"

#include <cstdlib>
#include <sstream>

namespace dvc::configfile {

namespace {

// TOML text of a basic string.
std::string TomlString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string ExampleValue(const KeySpec& key) {
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

std::string RenderExample(std::string_view header, const KeyIndex& index) {
  std::string out(header);
  std::string section;
  for (size_t i = 0; i < index.size(); ++i) {
    const KeySpec& key = index.spec(i);
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

}  // namespace dvc::configfile
