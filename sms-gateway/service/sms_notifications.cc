#include "service/sms_notifications.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "core/file_util.h"
#include "dossier/status.h"
#include "text/normalize.h"
#include "text/template_fill.h"

namespace dvc::gateway {
namespace {

constexpr std::array<std::string_view, 7> kPlaceholders = {
    "code", "service", "appointment", "kiosk_appointment", "note", "short_code", "link"};
// Events that are not statuses.
constexpr std::array<std::string_view, 2> kOtherEvents = {"appointment_changed",
                                                          "received_with_link"};
constexpr uint64_t kMaxTemplatesBytes = 256 * 1024;

// The first problem with `text`'s placeholders, or "".
std::string PlaceholderProblem(std::string_view text) {
  for (size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) return "a '{' without its '}'";
    const std::string_view name = text.substr(open + 1, close - open - 1);
    if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end()) {
      return "unknown placeholder {" + std::string(name) +
             "} (known: {code} {service} {appointment} {kiosk_appointment} {note} {short_code} "
             "{link})";
    }
  }
  return "";
}

}  // namespace

Result<SmsTemplates> ParseSmsTemplates(std::string_view json_text, std::string_view file_name) {
  const std::string where(file_name);
  const nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::InvalidInput(where + ": expected a JSON object of status id -> text");
  }
  SmsTemplates out;
  for (const auto& [key, value] : doc.items()) {
    if (key.starts_with("_")) continue;
    if (!dossier::StatusFromId(key).has_value() &&
        std::find(kOtherEvents.begin(), kOtherEvents.end(), key) == kOtherEvents.end()) {
      return Status::InvalidInput(where + ": " + key +
                                  ": neither a dossier status id nor appointment_changed or "
                                  "received_with_link");
    }
    if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
      return Status::InvalidInput(where + ": " + key + ": expected a non-empty text");
    }
    const std::string& text = value.get_ref<const std::string&>();
    if (std::string problem = PlaceholderProblem(text); !problem.empty()) {
      return Status::InvalidInput(where + ": " + key + ": " + problem);
    }
    out.by_status.emplace(key, text::ToNfc(text));
  }
  return out;
}

Result<SmsTemplates> LoadSmsTemplates(const std::string& path) {
  Result<std::string> text = core::ReadFile(path, kMaxTemplatesBytes);
  if (!text.ok()) return text.status();
  return ParseSmsTemplates(*text, path);
}

std::string FillSmsTemplate(std::string_view text,
                            const std::map<std::string, std::string, std::less<>>& values) {
  return text::FillTemplate(text, values, text::UnknownPlaceholder::kDrop);
}

int64_t SmsRetryDelaySeconds(int attempts) {
  const int doublings = std::clamp(attempts - 1, 0, 6);
  return std::min<int64_t>(int64_t{60} << doublings, 3600);
}

}  // namespace dvc::gateway
