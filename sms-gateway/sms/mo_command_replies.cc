#include "sms/mo_command_replies.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "dossier/status.h"
#include "service/sms_notifications.h"
#include "text/gsm7_safe.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::gateway {
namespace {

constexpr uint64_t kMaxRepliesFileBytes = 64 * 1024;
constexpr std::array<std::string_view, 8> kReplyKeys = {
    "lookup_owner", "lookup_status_only", "mistyped", "not_found", "help", "stopped",
    "started",      "rate_limited"};
constexpr std::array<std::string_view, 7> kPlaceholders = {
    "code", "status", "appointment", "next", "service", "typed", "short_code"};
// GSM 03.38 extension table characters: escape + code, two septets each.
constexpr std::string_view kGsm7Extension = "^{}\\[~]|";

std::string PlaceholderProblem(std::string_view text) {
  for (size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) return "a '{' without its '}'";
    const std::string_view name = text.substr(open + 1, close - open - 1);
    if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end()) {
      return "unknown placeholder {" + std::string(name) + "}";
    }
  }
  return "";
}

Result<std::string> TextOf(const nlohmann::json& value, const std::string& where) {
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
    return Status::InvalidInput(where + ": expected a non-empty text");
  }
  const std::string& text = value.get_ref<const std::string&>();
  if (!text::IsValidUtf8(text)) return Status::InvalidInput(where + ": not UTF-8");
  if (std::string problem = PlaceholderProblem(text); !problem.empty()) {
    return Status::InvalidInput(where + ": " + problem);
  }
  return text::ToNfc(text);
}

// `s` without its last code point (s non-empty, valid UTF-8).
void DropLastCodePoint(std::string& s) {
  size_t end = s.size() - 1;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  s.resize(end);
}

}  // namespace

const std::string& MoReplies::Text(std::string_view key) const {
  static const std::string kNone;
  auto it = texts.find(key);
  return it == texts.end() ? kNone : it->second;
}

const std::string& MoReplies::Next(std::string_view status_id) const {
  static const std::string kNone;
  auto it = next_by_status.find(status_id);
  return it == next_by_status.end() ? kNone : it->second;
}

Result<MoReplies> ParseMoReplies(std::string_view json_text, std::string_view file_name) {
  const std::string where(file_name);
  const nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::InvalidInput(where + ": expected a JSON object of reply -> text");
  }
  MoReplies out;
  for (const auto& [key, value] : doc.items()) {
    if (key.starts_with("_")) continue;
    if (key == "next") {
      if (!value.is_object()) {
        return Status::InvalidInput(where + ": next: expected an object of status id -> text");
      }
      for (const auto& [status, sentence] : value.items()) {
        if (!dossier::StatusFromId(status).has_value()) {
          return Status::InvalidInput(where + ": next: " + status + ": not a dossier status id");
        }
        Result<std::string> text = TextOf(sentence, where + ": next: " + status);
        if (!text.ok()) return text.status();
        out.next_by_status.emplace(status, std::move(*text));
      }
      continue;
    }
    if (std::find(kReplyKeys.begin(), kReplyKeys.end(), key) == kReplyKeys.end()) {
      return Status::InvalidInput(where + ": " + key + ": not a reply this gateway sends");
    }
    Result<std::string> text = TextOf(value, where + ": " + key);
    if (!text.ok()) return text.status();
    out.texts.emplace(key, std::move(*text));
  }
  for (std::string_view key : kReplyKeys) {
    if (!out.texts.contains(key)) {
      return Status::InvalidInput(where + ": the reply " + std::string(key) + " is missing");
    }
  }
  return out;
}

Result<MoReplies> LoadMoReplies(const std::string& path) {
  Result<std::string> text = core::ReadFile(path, kMaxRepliesFileBytes);
  if (!text.ok()) return text.status();
  return ParseMoReplies(*text, path);
}

size_t Gsm7Length(std::string_view utf8) {
  const std::string safe = text::ToGsm7Safe(utf8);
  size_t septets = 0;
  for (size_t i = 0; i < safe.size(); ++i) {
    const auto c = static_cast<unsigned char>(safe[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte of £, €, ...
    septets += kGsm7Extension.find(static_cast<char>(c)) != std::string_view::npos ? 2 : 1;
    if (c == 0xE2 && safe.compare(i, 3, "\xE2\x82\xAC") == 0) ++septets;  // € is escaped too
  }
  return septets;
}

std::string FitMoReply(std::string_view tmpl,
                       std::map<std::string, std::string, std::less<>> values,
                       std::string_view shrinkable, size_t limit) {
  std::string out = FillSmsTemplate(tmpl, values);
  auto it = values.find(shrinkable);
  if (it == values.end()) return out;
  std::string& value = it->second;
  std::string kept = text::ToNfc(value);
  // A value of more than 4 * limit bytes has more than `limit` characters and
  // cannot fit: cut it at once (a code point boundary) so the loop stays short.
  if (kept.size() > 4 * limit) {
    size_t end = 4 * limit;
    while (end > 0 && (static_cast<unsigned char>(kept[end]) & 0xC0) == 0x80) --end;
    kept.resize(end);
  }
  while (Gsm7Length(out) > limit && !kept.empty()) {
    DropLastCodePoint(kept);
    while (!kept.empty() && kept.back() == ' ') kept.pop_back();
    value = kept.empty() ? "" : kept + "...";
    out = FillSmsTemplate(tmpl, values);
  }
  return out;
}

}  // namespace dvc::gateway
