#include "configfile/config_key.h"

#include <algorithm>
#include <charconv>

#include "text/normalize.h"

namespace dvc::configfile {

namespace {

// Most entries in one list key; a list is a handful of folders.
constexpr size_t kMaxListItems = 32;

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// "expected a, b or c" for a key's choices.
template <class T, class Show>
std::string OneOf(std::span<const T> choices, Show show) {
  std::string text = "expected ";
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) text += i + 1 == choices.size() ? " or " : ", ";
    text += show(choices[i]);
  }
  return text;
}

std::string CheckInteger(const KeySpec& key, const Value& value) {
  const int64_t* n = std::get_if<int64_t>(&value);
  if (n == nullptr || *n < key.min || *n > key.max) return Expectation(key);
  if (!key.integer_choices.empty() &&
      std::find(key.integer_choices.begin(), key.integer_choices.end(), *n) ==
          key.integer_choices.end()) {
    return Expectation(key);
  }
  return "";
}

std::string CheckString(const KeySpec& key, Value& value) {
  std::string* s = std::get_if<std::string>(&value);
  if (s == nullptr) return Expectation(key);
  if (!key.string_choices.empty() && std::find(key.string_choices.begin(), key.string_choices.end(),
                                               *s) == key.string_choices.end()) {
    return Expectation(key);
  }
  if (key.nfc) *s = text::ToNfc(*s);
  return key.check != nullptr ? key.check(*s) : "";
}

std::string CheckStringList(const KeySpec& key, const Value& value) {
  const auto* list = std::get_if<std::vector<std::string>>(&value);
  if (list == nullptr) return Expectation(key);
  if (list->size() > kMaxListItems) return "expected at most 32 entries";
  for (size_t i = 0; i < list->size() && key.check != nullptr; ++i) {
    if (std::string problem = key.check((*list)[i]); !problem.empty()) {
      return "entry " + std::to_string(i + 1) + ": " + problem;
    }
  }
  return "";
}

std::string CheckOfficeHours(const KeySpec& key, Value& value) {
  const std::string* s = std::get_if<std::string>(&value);
  if (s == nullptr) return Expectation(key);
  Result<calendar::OfficeHours> hours = calendar::OfficeHours::Parse(*s);
  if (!hours.ok()) return Expectation(key) + " (" + hours.status().message() + ")";
  value = *std::move(hours);
  return "";
}

std::string CheckBoolean(const KeySpec& key, const Value& value) {
  return std::holds_alternative<bool>(value) ? "" : Expectation(key);
}

}  // namespace

std::string Expectation(const KeySpec& key) {
  switch (key.type) {
    case KeyType::kInteger:
      if (!key.integer_choices.empty()) {
        return OneOf(key.integer_choices, [](int64_t n) { return std::to_string(n); });
      }
      return "expected an integer between " + std::to_string(key.min) + " and " +
             std::to_string(key.max);
    case KeyType::kString:
      if (!key.string_choices.empty()) return OneOf(key.string_choices, Quoted);
      return "expected a string";
    case KeyType::kStringList:
      return "expected a list of strings";
    case KeyType::kOfficeHours:
      return "expected office hours like \"07:30-11:30,13:30-17:00\"";
    case KeyType::kBoolean:
      return "expected true or false";
  }
  std::abort();  // every KeyType is handled above
}

std::string CheckValue(const KeySpec& key, Value& value) {
  switch (key.type) {
    case KeyType::kInteger:
      return CheckInteger(key, value);
    case KeyType::kString:
      return CheckString(key, value);
    case KeyType::kStringList:
      return CheckStringList(key, value);
    case KeyType::kOfficeHours:
      return CheckOfficeHours(key, value);
    case KeyType::kBoolean:
      return CheckBoolean(key, value);
  }
  std::abort();  // every KeyType is handled above
}

Value DefaultValue(const KeySpec& key) {
  switch (key.type) {
    case KeyType::kInteger:
      return key.default_integer;
    case KeyType::kBoolean:
      return key.default_boolean;
    case KeyType::kString:
    case KeyType::kOfficeHours:
      return std::string(key.default_string);
    case KeyType::kStringList:
      return std::vector<std::string>(key.default_list.begin(), key.default_list.end());
  }
  std::abort();  // every KeyType is handled above
}

Value ValueFromText(const KeySpec& key, std::string_view text) {
  switch (key.type) {
    case KeyType::kInteger: {
      int64_t n = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (error == std::errc() && end == text.data() + text.size() && !text.empty()) return n;
      return std::monostate{};
    }
    case KeyType::kBoolean:
      if (text == "true") return true;
      if (text == "false") return false;
      return std::monostate{};
    case KeyType::kString:
    case KeyType::kOfficeHours:
      return std::string(text);
    case KeyType::kStringList: {
      std::vector<std::string> items;
      if (text.empty()) return items;
      for (size_t start = 0; start <= text.size();) {
        size_t comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        items.emplace_back(text.substr(start, comma - start));
        start = comma + 1;
      }
      return items;
    }
  }
  std::abort();  // every KeyType is handled above
}

std::string CheckPath(std::string_view value) {
  if (value.empty()) return "expected a non-empty path";
  if (value.find('\0') != std::string_view::npos) return "expected a path without NUL characters";
  return "";
}

std::string CheckOptionalPath(std::string_view value) {
  return value.empty() ? "" : CheckPath(value);
}

}  // namespace dvc::configfile
