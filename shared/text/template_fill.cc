#include "text/template_fill.h"

#include <algorithm>
#include <optional>

namespace dvc::text {
namespace {

// Punctuation that ends a sentence, so that a following '.' would double it.
constexpr std::string_view kSentenceEnd = ".!?";

bool EndsSentence(std::string_view value) {
  return !value.empty() && kSentenceEnd.find(value.back()) != std::string_view::npos;
}

// `lookup(name)` gives the value of a placeholder, or nullopt when it has none.
template <typename Lookup>
std::string Fill(std::string_view pattern, const Lookup& lookup, UnknownPlaceholder unknown) {
  std::string out;
  out.reserve(pattern.size());
  size_t at = 0;
  while (at < pattern.size()) {
    const size_t open = pattern.find('{', at);
    if (open == std::string_view::npos) {
      out.append(pattern.substr(at));
      break;
    }
    out.append(pattern.substr(at, open - at));
    const size_t close = pattern.find('}', open + 1);
    if (close == std::string_view::npos) {
      out.append(pattern.substr(open));
      break;
    }
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    if (name.find('{') != std::string_view::npos) {
      // Not a placeholder: the brace is text, the next '{' may start one.
      out.push_back('{');
      at = open + 1;
      continue;
    }
    at = close + 1;
    const std::optional<std::string_view> value = lookup(name);
    if (!value.has_value() && unknown == UnknownPlaceholder::kKeep) {
      out.append(pattern.substr(open, close - open + 1));
      continue;
    }
    const std::string_view filled = value.value_or(std::string_view());
    out.append(filled);
    if (at >= pattern.size()) break;
    const char next = pattern[at];
    const bool doubled_dot = next == '.' && EndsSentence(filled);
    const bool doubled_space = next == ' ' && filled.empty() && !out.empty() && out.back() == ' ';
    if (doubled_dot || doubled_space) ++at;
  }
  return out;
}

}  // namespace

std::string FillTemplate(std::string_view pattern, std::span<const TemplateValue> values,
                         UnknownPlaceholder unknown) {
  return Fill(
      pattern,
      [values](std::string_view name) -> std::optional<std::string_view> {
        const auto it = std::find_if(values.begin(), values.end(),
                                     [name](const TemplateValue& v) { return v.first == name; });
        if (it == values.end()) return std::nullopt;
        return it->second;
      },
      unknown);
}

std::string FillTemplate(std::string_view pattern,
                         const std::map<std::string, std::string, std::less<>>& values,
                         UnknownPlaceholder unknown) {
  return Fill(
      pattern,
      [&values](std::string_view name) -> std::optional<std::string_view> {
        const auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        return std::string_view(it->second);
      },
      unknown);
}

}  // namespace dvc::text
