#include "sms/mo_command.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::gateway {
namespace {

constexpr uint64_t kMaxKeywordsFileBytes = 64 * 1024;

struct KindName {
  MoCommandKind kind;
  std::string_view id;
};
constexpr std::array<KindName, 6> kKindNames = {{{MoCommandKind::kLookup, "lookup"},
                                                 {MoCommandKind::kHelp, "help"},
                                                 {MoCommandKind::kStop, "stop"},
                                                 {MoCommandKind::kStart, "start"},
                                                 {MoCommandKind::kUnknown, "unknown"},
                                                 {MoCommandKind::kEmpty, "empty"}}};
// The commands the keywords file must define.
constexpr std::array<MoCommandKind, 4> kKeywordKinds = {
    MoCommandKind::kLookup, MoCommandKind::kHelp, MoCommandKind::kStop, MoCommandKind::kStart};

std::string WithoutSpaces(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

bool IsAsciiLowerLetters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Bytes no phone types: C0 controls other than tab, LF, FF, CR, and DEL.
bool HasControlBytes(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7F;
  });
}

std::string ToUpperAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

}  // namespace

std::string_view MoCommandKindId(MoCommandKind kind) {
  for (const KindName& k : kKindNames) {
    if (k.kind == kind) return k.id;
  }
  return "unknown";
}

Result<MoKeywords> ParseMoKeywords(std::string_view json_text, std::string_view file_name) {
  const std::string where(file_name);
  const nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::InvalidInput(where + ": expected a JSON object of command -> keywords");
  }
  MoKeywords out;
  for (const auto& item : doc.items()) {
    // Named copies: clang 14 cannot capture structured bindings in lambdas.
    const std::string name = item.key();
    const nlohmann::json& value = item.value();
    if (name.starts_with("_")) continue;
    const auto* known = std::find_if(kKindNames.begin(), kKindNames.end(),
                                     [&](const KindName& k) { return k.id == name; });
    if (known == kKindNames.end() ||
        std::find(kKeywordKinds.begin(), kKeywordKinds.end(), known->kind) == kKeywordKinds.end()) {
      return Status::InvalidInput(where + ": " + name +
                                  ": not a command (known: lookup, help, stop, start)");
    }
    if (!value.is_array() || value.empty()) {
      return Status::InvalidInput(where + ": " + name + ": expected a non-empty array of keywords");
    }
    for (const nlohmann::json& word : value) {
      if (!word.is_string()) {
        return Status::InvalidInput(where + ": " + name + ": a keyword is not a string");
      }
      const std::string& text = word.get_ref<const std::string&>();
      const std::string key = WithoutSpaces(text::SearchKey(text));
      if (!IsAsciiLowerLetters(key)) {
        return Status::InvalidInput(where + ": " + name + ": keyword \"" + text +
                                    "\" must be letters (and spaces) only");
      }
      auto same = std::find_if(out.by_key.begin(), out.by_key.end(),
                               [&](const auto& entry) { return entry.first == key; });
      if (same != out.by_key.end()) {
        if (same->second == known->kind) continue;  // "TRA CUU" and "TRACUU": one key
        return Status::InvalidInput(where + ": " + name + ": keyword \"" + text +
                                    "\" is also a keyword of " +
                                    std::string(MoCommandKindId(same->second)));
      }
      out.by_key.emplace_back(key, known->kind);
    }
  }
  for (MoCommandKind kind : kKeywordKinds) {
    if (std::none_of(out.by_key.begin(), out.by_key.end(),
                     [&](const auto& entry) { return entry.second == kind; })) {
      return Status::InvalidInput(where + ": the command " + std::string(MoCommandKindId(kind)) +
                                  " has no keywords");
    }
  }
  std::stable_sort(out.by_key.begin(), out.by_key.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return out;
}

Result<MoKeywords> LoadMoKeywords(const std::string& path) {
  Result<std::string> text = core::ReadFile(path, kMaxKeywordsFileBytes);
  if (!text.ok()) return text.status();
  return ParseMoKeywords(*text, path);
}

MoCommand ParseMoCommand(std::string_view utf8, const MoKeywords& keywords) {
  MoCommand out;
  if (utf8.size() > kMaxMoCommandBytes || !text::IsValidUtf8(utf8) || HasControlBytes(utf8)) {
    out.kind = MoCommandKind::kUnknown;
    out.not_text = true;
    return out;
  }
  const std::string compact = WithoutSpaces(text::SearchKey(utf8));
  if (compact.empty()) {
    out.kind = MoCommandKind::kEmpty;
    return out;
  }
  for (const auto& [key, kind] : keywords.by_key) {
    if (!compact.starts_with(key)) continue;
    const std::string rest = compact.substr(key.size());
    switch (kind) {
      case MoCommandKind::kLookup:
        if (rest.empty()) {
          out.kind = MoCommandKind::kHelp;
        } else if (std::none_of(rest.begin(), rest.end(),
                                [](char c) { return c >= '0' && c <= '9'; })) {
          // "Hồ sơ của tôi đâu?" is a question, not a code: help answers it.
          continue;
        } else {
          out.kind = MoCommandKind::kLookup;
          out.code = ToUpperAscii(rest);
        }
        return out;
      case MoCommandKind::kStop:
      case MoCommandKind::kStart:
        // Only alone: a longer keyword may still match ("HUY" vs "HUYDANGKY").
        if (!rest.empty()) continue;
        out.kind = kind;
        return out;
      default:
        out.kind = kind;
        return out;
    }
  }
  if (compact.front() >= '0' && compact.front() <= '9') {
    out.kind = MoCommandKind::kLookup;
    out.code = ToUpperAscii(compact);
    return out;
  }
  out.kind = MoCommandKind::kUnknown;
  return out;
}

}  // namespace dvc::gateway
