#include "ussd/ussd_menu.h"

#include <nlohmann/json.hpp>
#include <span>

#include "core/file_util.h"
#include "core/json_reader.h"
#include "text/gsm7.h"
#include "text/gsm7_safe.h"
#include "text/normalize.h"
#include "text/template_fill.h"
#include "text/utf8.h"

namespace dvc::gateway {

namespace {

// Menu files are a few KiB; anything much larger is not a menu.
constexpr uint64_t kMaxMenuBytes = 256 * 1024;

// How a text is checked: a whole screen of its own (must fit alone), a
// template or part of a screen (laid out and paginated by the engine).
enum class Use { kScreen, kPart };

struct TextKey {
  std::string_view name;
  std::string UssdMenu::*member;
  Use use;
};

constexpr TextKey kTextKeys[] = {
    {"main", &UssdMenu::main, Use::kScreen},
    {"lookup_prompt", &UssdMenu::lookup_prompt, Use::kScreen},
    {"lookup_found", &UssdMenu::lookup_found, Use::kPart},
    {"lookup_appointment", &UssdMenu::lookup_appointment, Use::kPart},
    {"code_mistyped", &UssdMenu::code_mistyped, Use::kScreen},
    {"code_malformed", &UssdMenu::code_malformed, Use::kScreen},
    {"not_found", &UssdMenu::not_found, Use::kScreen},
    {"too_many_lookups", &UssdMenu::too_many_lookups, Use::kScreen},
    {"fields_title", &UssdMenu::fields_title, Use::kPart},
    {"services_title", &UssdMenu::services_title, Use::kPart},
    {"nav_more", &UssdMenu::nav_more, Use::kPart},
    {"nav_last", &UssdMenu::nav_last, Use::kPart},
    {"detail_documents", &UssdMenu::detail_documents, Use::kPart},
    {"detail_copies", &UssdMenu::detail_copies, Use::kPart},
    {"detail_original", &UssdMenu::detail_original, Use::kPart},
    {"detail_fee", &UssdMenu::detail_fee, Use::kPart},
    {"detail_fee_amount", &UssdMenu::detail_fee_amount, Use::kPart},
    {"detail_fee_free", &UssdMenu::detail_fee_free, Use::kPart},
    {"detail_days", &UssdMenu::detail_days, Use::kPart},
    {"detail_days_same_day", &UssdMenu::detail_days_same_day, Use::kPart},
    {"detail_agency", &UssdMenu::detail_agency, Use::kPart},
    {"hours", &UssdMenu::hours, Use::kPart},
    {"no_catalog", &UssdMenu::no_catalog, Use::kScreen},
    {"no_services", &UssdMenu::no_services, Use::kScreen},
    {"invalid_choice", &UssdMenu::invalid_choice, Use::kScreen},
    {"session_expired", &UssdMenu::session_expired, Use::kScreen},
    {"input_too_long", &UssdMenu::input_too_long, Use::kScreen},
    {"invalid_input", &UssdMenu::invalid_input, Use::kScreen},
    {"unavailable", &UssdMenu::unavailable, Use::kScreen},
};

struct KeyKey {
  std::string_view name;
  std::string UssdMenu::*member;
};

constexpr KeyKey kNavKeys[] = {
    {"back", &UssdMenu::key_back},
    {"next", &UssdMenu::key_next},
    {"home", &UssdMenu::key_home},
};

// A short-enough part of a screen leaves room for the rest of it.
constexpr size_t kMaxPartSeptets = 1000;

Status Invalid(std::string_view file_name, std::string_view path, std::string_view what) {
  return Status::InvalidInput(std::string(file_name) + ": " + std::string(path) + ": " +
                              std::string(what));
}

Result<std::string> ReadText(const nlohmann::json& object, std::string_view key,
                             std::string_view file_name, std::string_view path, Use use) {
  const std::string full = std::string(path) + "." + std::string(key);
  const auto it = object.find(std::string(key));
  if (it == object.end() || !it->is_string()) {
    return Invalid(file_name, full, "missing, or not a string");
  }
  const std::string& value = it->get_ref<const std::string&>();
  if (!text::IsValidUtf8(value)) return Invalid(file_name, full, "not valid UTF-8");
  std::string nfc = text::ToNfc(value);
  if (nfc.empty()) return Invalid(file_name, full, "empty");
  const size_t septets = UssdSeptets(nfc);
  const size_t limit = use == Use::kScreen ? kUssdScreenSeptets : kMaxPartSeptets;
  if (septets > limit) {
    return Invalid(file_name, full,
                   std::to_string(septets) + " GSM-7 characters without diacritics, at most " +
                       std::to_string(limit));
  }
  return nfc;
}

bool IsDigits(std::string_view s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

size_t UssdSeptets(std::string_view utf8) {
  const std::string safe = text::ToGsm7Safe(utf8);
  Result<std::string> septets = text::EncodeGsm7(safe);
  // ToGsm7Safe promises GSM-7; count bytes if that ever broke (never fewer).
  return septets.ok() ? septets->size() : safe.size();
}

std::string FillUssdTemplate(
    std::string_view pattern,
    std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  return text::FillTemplate(pattern,
                            std::span<const text::TemplateValue>(values.begin(), values.size()),
                            text::UnknownPlaceholder::kKeep);
}

Result<UssdMenu> ParseUssdMenu(std::string_view json_text, std::string_view file_name) {
  Result<nlohmann::json> parsed = core::ParseJsonText(json_text, file_name);
  if (!parsed.ok()) return parsed.status();
  const nlohmann::json& root = *parsed;
  if (!root.is_object()) return Invalid(file_name, "$", "must be an object");
  const auto format = root.find("format");
  if (format == root.end() || !format->is_number_integer() || *format != 1) {
    return Invalid(file_name, "$.format", "must be 1");
  }
  UssdMenu menu;
  const auto keys = root.find("keys");
  if (keys == root.end() || !keys->is_object()) {
    return Invalid(file_name, "$.keys", "missing, or not an object");
  }
  for (const KeyKey& k : kNavKeys) {
    Result<std::string> value = ReadText(*keys, k.name, file_name, "$.keys", Use::kPart);
    if (!value.ok()) return value.status();
    if (!IsDigits(*value)) {
      return Invalid(file_name, "$.keys." + std::string(k.name), "must be 1 to 4 digits");
    }
    menu.*k.member = std::move(value).value();
  }
  if (menu.key_back == menu.key_next || menu.key_back == menu.key_home ||
      menu.key_next == menu.key_home) {
    return Invalid(file_name, "$.keys", "back, next and home must differ");
  }
  const auto texts = root.find("texts");
  if (texts == root.end() || !texts->is_object()) {
    return Invalid(file_name, "$.texts", "missing, or not an object");
  }
  for (const TextKey& t : kTextKeys) {
    Result<std::string> value = ReadText(*texts, t.name, file_name, "$.texts", t.use);
    if (!value.ok()) return value.status();
    menu.*t.member = std::move(value).value();
  }
  const auto steps = texts->find("next_steps");
  if (steps == texts->end() || !steps->is_object()) {
    return Invalid(file_name, "$.texts.next_steps", "missing, or not an object");
  }
  for (dossier::DossierStatus status : dossier::AllStatuses()) {
    Result<std::string> value =
        ReadText(*steps, dossier::StatusId(status), file_name, "$.texts.next_steps", Use::kPart);
    if (!value.ok()) return value.status();
    menu.next_steps[static_cast<size_t>(status)] = std::move(value).value();
  }
  return menu;
}

Result<UssdMenu> LoadUssdMenu(const std::string& path) {
  Result<std::string> text = core::ReadFile(path, kMaxMenuBytes);
  if (!text.ok()) return text.status();
  return ParseUssdMenu(*text, path);
}

}  // namespace dvc::gateway
