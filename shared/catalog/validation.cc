#include "catalog/validation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/hex.h"
#include "catalog/form_parser.h"
#include "catalog/validators.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::catalog {
namespace {

using nlohmann::json;

// --- helpers ---------------------------------------------------------------

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000;
}

// NFC, control characters removed (newlines kept when `multiline`, other
// line breaks and tabs become spaces), surrounding white space trimmed.
std::string CleanText(std::string_view raw, bool multiline) {
  std::u32string cps = text::DecodeUtf8(text::ToNfc(raw));
  std::u32string out;
  out.reserve(cps.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (c == '\r' && i + 1 < cps.size() && cps[i + 1] == '\n') continue;
    if (c == '\r' || c == '\n') c = multiline ? U'\n' : U' ';
    if (c == '\t') c = U' ';
    if ((c < 0x20 && c != '\n') || c == 0x7F) continue;
    out.push_back(c);
  }
  size_t b = 0, e = out.size();
  while (b < e && IsSpace(out[b])) ++b;
  while (e > b && IsSpace(out[e - 1])) --e;
  return text::EncodeUtf8(std::u32string_view(out).substr(b, e - b));
}

// Formats a number as a Vietnamese reader expects ("1.500.000", "2,5") and as English does.
Text NumberText(double x) {
  char buf[64];
  if (std::fabs(x) < 1e15 && x == std::floor(x)) {
    std::snprintf(buf, sizeof buf, "%.0f", std::fabs(x));
    std::string digits = buf, vi, en;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) {
        vi += '.';
        en += ',';
      }
      vi += digits[i];
      en += digits[i];
    }
    std::string sign = x < 0 ? "-" : "";
    return Text{sign + vi, sign + en};
  }
  std::snprintf(buf, sizeof buf, "%.10g", x);
  std::string en = buf, vi = en;
  std::replace(vi.begin(), vi.end(), '.', ',');
  return Text{vi, en};
}

Text PlainText(const std::string& s) { return Text{s, s}; }

FieldCheck Error(const Field& f, MessageId id, std::initializer_list<MessageArg> args = {}) {
  FieldCheck c;
  c.error = FieldMessage{f.id, id, FormatMessage(id, f.label, args)};
  return c;
}

FieldCheck Value(json v) {
  FieldCheck c;
  c.value = std::move(v);
  return c;
}

MessageId RequiredMessage(FieldType type) {
  switch (type) {
    case FieldType::kChoice:
      return MessageId::kRequiredChoice;
    case FieldType::kAttachment:
      return MessageId::kRequiredAttachment;
    case FieldType::kCheckbox:
      return MessageId::kRequiredCheckbox;
    default:
      return MessageId::kRequired;
  }
}

bool IsEmptyValue(const json& v) {
  if (v.is_null()) return true;
  if (v.is_string()) return CleanText(v.get_ref<const std::string&>(), false).empty();
  if (v.is_array()) return v.empty();
  if (v.is_object()) {
    for (const char* key : {"commune", "detail"}) {
      auto it = v.find(key);
      if (it != v.end() && !IsEmptyValue(*it)) return false;
    }
    // An object with other keys is not "empty": it is malformed, let the checker say so.
    return std::all_of(v.items().begin(), v.items().end(), [](const auto& kv) {
      return kv.key() == "commune" || kv.key() == "detail";
    });
  }
  return false;
}

// Parses "12", "-3", "2.5" or "2,5" (Vietnamese decimal comma).
std::optional<double> ParseNumberText(const std::string& s) {
  if (s.empty() || s.size() > 30) return std::nullopt;
  std::string t;
  bool digit = false, point = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digit = true;
      t += c;
    } else if ((c == '.' || c == ',') && !point && digit) {
      point = true;
      t += '.';
    } else if (c == '-' && i == 0) {
      t += c;
    } else {
      return std::nullopt;
    }
  }
  if (!digit || t.back() == '.') return std::nullopt;
  return std::strtod(t.c_str(), nullptr);
}

// --- per-type checkers (value is never "empty" here) -------------------------

FieldCheck CheckText(const Field& f, const json& v, const ValidationContext&) {
  if (!v.is_string()) return Error(f, MessageId::kWrongType);
  std::string s = CleanText(v.get_ref<const std::string&>(), f.multiline);
  int64_t length = static_cast<int64_t>(text::CodePointCount(s));
  int64_t max =
      f.max_length.value_or(f.multiline ? kDefaultMaxMultilineLength : kDefaultMaxLineLength);
  if (f.min_length && length < *f.min_length) {
    return Error(f, MessageId::kTooShort,
                 {{"{n}", NumberText(static_cast<double>(*f.min_length))}});
  }
  if (length > max)
    return Error(f, MessageId::kTooLong, {{"{n}", NumberText(static_cast<double>(max))}});
  if (f.pattern && !MatchesPattern(*f.pattern, s)) {
    if (f.pattern_message) {
      FieldCheck c;
      c.error = FieldMessage{f.id, MessageId::kPatternMismatch, *f.pattern_message};
      return c;
    }
    return Error(f, MessageId::kPatternMismatch);
  }
  return Value(s);
}

FieldCheck CheckNumber(const Field& f, const json& v, const ValidationContext&) {
  std::optional<double> x;
  if (v.is_number()) x = v.get<double>();
  if (v.is_string()) x = ParseNumberText(CleanText(v.get_ref<const std::string&>(), false));
  if (!x || !std::isfinite(*x)) return Error(f, MessageId::kNotANumber);
  bool integral = *x == std::floor(*x);
  if (f.integer && !integral) return Error(f, MessageId::kNotAnInteger);
  if (f.min_number && *x < *f.min_number)
    return Error(f, MessageId::kNumberTooSmall, {{"{min}", NumberText(*f.min_number)}});
  if (f.max_number && *x > *f.max_number)
    return Error(f, MessageId::kNumberTooLarge, {{"{max}", NumberText(*f.max_number)}});
  if (integral && std::fabs(*x) < 9e15) return Value(static_cast<int64_t>(*x));
  return Value(*x);
}

FieldCheck CheckDate(const Field& f, const json& v, const ValidationContext& ctx) {
  if (!v.is_string()) return Error(f, MessageId::kBadDate);
  // The parser's own message is English, for logs; residents get kBadDate.
  Result<calendar::Date> d =
      calendar::Date::ParseTyped(CleanText(v.get_ref<const std::string&>(), false));
  if (!d.ok()) return Error(f, MessageId::kBadDate);
  if (f.min_date) {
    calendar::Date min = f.min_date->today ? ctx.today : f.min_date->date;
    if (*d < min) {
      if (f.min_date->today) return Error(f, MessageId::kDateInPast);
      return Error(f, MessageId::kDateTooEarly, {{"{min}", PlainText(min.ToVietnamese())}});
    }
  }
  if (f.max_date) {
    calendar::Date max = f.max_date->today ? ctx.today : f.max_date->date;
    if (*d > max) {
      if (f.max_date->today) return Error(f, MessageId::kDateInFuture);
      return Error(f, MessageId::kDateTooLate, {{"{max}", PlainText(max.ToVietnamese())}});
    }
  }
  return Value(d->ToIso());
}

FieldCheck CheckChoice(const Field& f, const json& v, const ValidationContext&) {
  auto option_index = [&](const json& e) -> std::optional<size_t> {
    if (!e.is_string()) return std::nullopt;
    std::string s = CleanText(e.get_ref<const std::string&>(), false);
    for (size_t i = 0; i < f.options.size(); ++i) {
      if (f.options[i].value == s) return i;
    }
    return std::nullopt;
  };
  if (!f.multiple) {
    if (!v.is_string()) return Error(f, MessageId::kWrongType);
    std::optional<size_t> i = option_index(v);
    if (!i) return Error(f, MessageId::kUnknownOption);
    return Value(f.options[*i].value);
  }
  json items = v.is_array() ? v : json::array({v});
  std::set<size_t> chosen;
  for (const json& e : items) {
    std::optional<size_t> i = option_index(e);
    if (!i) return Error(f, MessageId::kUnknownOption);
    if (!chosen.insert(*i).second) return Error(f, MessageId::kDuplicateOption);
  }
  json out = json::array();
  for (size_t i : chosen) out.push_back(f.options[i].value);  // in the form's option order
  return Value(out);
}

FieldCheck CheckCheckbox(const Field& f, const json& v, const ValidationContext&) {
  if (!v.is_boolean()) return Error(f, MessageId::kWrongType);
  if (f.required && !v.get<bool>()) return Error(f, MessageId::kRequiredCheckbox);
  return Value(v);
}

FieldCheck CheckCitizenIdField(const Field& f, const json& v, const ValidationContext& ctx) {
  if (!v.is_string()) return Error(f, MessageId::kWrongType);
  CitizenIdCheck check =
      CheckCitizenId(CleanText(v.get_ref<const std::string&>(), false), *ctx.reference, ctx.today);
  if (check.value) return Value(check.value->digits);
  static constexpr std::pair<CitizenIdProblem, MessageId> kMessages[] = {
      {CitizenIdProblem::kNotDigits, MessageId::kCitizenIdNotDigits},
      {CitizenIdProblem::kWrongLength, MessageId::kCitizenIdLength},
      {CitizenIdProblem::kUnknownProvince, MessageId::kCitizenIdProvince},
      {CitizenIdProblem::kImplausibleBirthYear, MessageId::kCitizenIdBirthYear},
  };
  for (const auto& [problem, message] : kMessages) {
    if (problem == *check.problem) return Error(f, message);
  }
  return Error(f, MessageId::kWrongType);
}

FieldCheck CheckPhoneField(const Field& f, const json& v, const ValidationContext& ctx) {
  if (!v.is_string()) return Error(f, MessageId::kWrongType);
  PhoneCheck check =
      CheckMobilePhone(CleanText(v.get_ref<const std::string&>(), false), *ctx.reference);
  if (check.value) return Value(check.value->e164);
  static constexpr std::pair<PhoneProblem, MessageId> kMessages[] = {
      {PhoneProblem::kMalformed, MessageId::kPhoneMalformed},
      {PhoneProblem::kOldElevenDigit, MessageId::kPhoneOldNumber},
      {PhoneProblem::kNotMobile, MessageId::kPhoneNotMobile},
  };
  for (const auto& [problem, message] : kMessages) {
    if (problem == *check.problem) return Error(f, message);
  }
  return Error(f, MessageId::kWrongType);
}

bool CommuneKnown(const std::string& code, const ValidationContext& ctx) {
  if (code.size() != 5 ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  if (ctx.units == nullptr) return true;
  const Unit* unit = ctx.units->UnitAt(code, ctx.today);
  if (unit == nullptr || unit->level != UnitLevel::kCommune) return false;
  return ctx.province_code.empty() || ctx.units->ProvinceOf(*unit) == ctx.province_code;
}

FieldCheck CheckAddress(const Field& f, const json& v, const ValidationContext& ctx) {
  if (!v.is_object()) return Error(f, MessageId::kWrongType);
  for (const auto& kv : v.items()) {
    if (kv.key() != "commune" && kv.key() != "detail") return Error(f, MessageId::kWrongType);
  }
  auto part = [&](const char* key) -> std::optional<std::string> {
    auto it = v.find(key);
    if (it == v.end() || it->is_null()) return std::string();
    if (!it->is_string()) return std::nullopt;
    return CleanText(it->get_ref<const std::string&>(), false);
  };
  std::optional<std::string> commune = part("commune"), detail = part("detail");
  if (!commune || !detail) return Error(f, MessageId::kWrongType);
  if (commune->empty()) return Error(f, MessageId::kAddressCommuneMissing);
  if (!CommuneKnown(*commune, ctx)) return Error(f, MessageId::kAddressCommuneUnknown);
  if (detail->empty()) return Error(f, MessageId::kAddressDetailMissing);
  if (static_cast<int64_t>(text::CodePointCount(*detail)) > kMaxAddressDetailLength) {
    return Error(f, MessageId::kTooLong,
                 {{"{n}", NumberText(static_cast<double>(kMaxAddressDetailLength))}});
  }
  return Value(json{{"commune", *commune}, {"detail", *detail}});
}

FieldCheck CheckAttachment(const Field& f, const json& v, const ValidationContext&) {
  if (!v.is_array()) return Error(f, MessageId::kWrongType);
  json out = json::array();
  std::set<std::string> seen;
  for (const json& e : v) {
    if (!e.is_string()) return Error(f, MessageId::kAttachmentInvalid);
    std::string h = e.get<std::string>();
    std::transform(h.begin(), h.end(), h.begin(), [](char c) {
      return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    if (!core::IsSha256Hex(h) || !seen.insert(h).second) return Error(f, MessageId::kAttachmentInvalid);
    out.push_back(h);
  }
  int64_t n = static_cast<int64_t>(out.size());
  if (f.min_files && n < *f.min_files) {
    return Error(f, MessageId::kAttachmentTooFew,
                 {{"{n}", NumberText(static_cast<double>(*f.min_files))}});
  }
  int64_t max = f.max_files.value_or(kDefaultMaxFiles);
  if (n > max)
    return Error(f, MessageId::kAttachmentTooMany, {{"{n}", NumberText(static_cast<double>(max))}});
  return Value(out);
}

using Checker = FieldCheck (*)(const Field&, const json&, const ValidationContext&);
constexpr std::pair<FieldType, Checker> kCheckers[] = {
    {FieldType::kText, CheckText},
    {FieldType::kNumber, CheckNumber},
    {FieldType::kDate, CheckDate},
    {FieldType::kChoice, CheckChoice},
    {FieldType::kCitizenId, CheckCitizenIdField},
    {FieldType::kPhone, CheckPhoneField},
    {FieldType::kAddress, CheckAddress},
    {FieldType::kCheckbox, CheckCheckbox},
    {FieldType::kAttachment, CheckAttachment},
};

// --- whole-form walk -----------------------------------------------------------

const json& Lookup(const json& answers, const std::string& id) {
  static const json kNull;
  if (!answers.is_object()) return kNull;
  auto it = answers.find(id);
  return it == answers.end() ? kNull : *it;
}

bool ConditionHolds(const VisibleIf& cond, const Field& target, const json& value) {
  json v = value;
  if (v.is_null() && target.type == FieldType::kCheckbox) v = false;
  if (v.is_null()) return false;
  auto equal = [](const json& a, const json& b) {
    if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
    return a == b;
  };
  std::vector<json> present =
      v.is_array() ? std::vector<json>(v.begin(), v.end()) : std::vector<json>{v};
  for (const json& p : present) {
    for (const json& want : cond.values) {
      if (equal(p, want)) return true;
    }
  }
  return false;
}

struct Walk {
  std::vector<std::optional<bool>> visible;
  std::vector<FieldCheck> checks;  // meaningful where visible == true
};

Walk WalkForm(const Form& form, const json& answers, const ValidationContext& ctx) {
  Walk w;
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < form.fields.size(); ++i) {
    const Field& f = form.fields[i];
    std::optional<bool> vis = true;
    if (f.visible_if) {
      // The loader guarantees the referenced field comes earlier.
      size_t ref = index.at(f.visible_if->field);
      if (!w.visible[ref].has_value()) {
        vis = std::nullopt;
      } else if (!*w.visible[ref]) {
        vis = false;
      } else if (!w.checks[ref].ok()) {
        vis = std::nullopt;
      } else {
        vis = ConditionHolds(*f.visible_if, form.fields[ref], w.checks[ref].value);
      }
    }
    w.visible.push_back(vis);
    w.checks.push_back(vis == true ? ValidateField(f, Lookup(answers, f.id), ctx) : FieldCheck{});
    index.emplace(f.id, i);
  }
  return w;
}

int BirthYearOf(const std::string& digits) {
  return 1900 + 100 * ((digits[3] - '0') / 2) + (digits[4] - '0') * 10 + (digits[5] - '0');
}

}  // namespace

FieldCheck ValidateField(const Field& field, const json& value, const ValidationContext& ctx) {
  if (ctx.reference == nullptr) std::abort();  // REQUIRES
  if (IsEmptyValue(value)) {
    if (field.required) return Error(field, RequiredMessage(field.type));
    return FieldCheck{};
  }
  for (const auto& [type, checker] : kCheckers) {
    if (type == field.type) return checker(field, value, ctx);
  }
  std::abort();  // every FieldType has a checker
}

const FieldMessage* ValidationResult::ErrorFor(std::string_view field_id) const {
  for (const FieldMessage& m : errors) {
    if (m.field_id == field_id) return &m;
  }
  return nullptr;
}

std::vector<std::optional<bool>> EvaluateVisibility(const Form& form, const json& answers,
                                                    const ValidationContext& ctx) {
  return WalkForm(form, answers, ctx).visible;
}

ValidationResult ValidateAnswers(const Form& form, const json& answers,
                                 const ValidationContext& ctx) {
  ValidationResult result;
  if (!answers.is_object()) {
    result.errors.push_back(FieldMessage{"", MessageId::kAnswersNotObject,
                                         FormatMessage(MessageId::kAnswersNotObject, Text{})});
    return result;
  }
  Walk w = WalkForm(form, answers, ctx);
  for (size_t i = 0; i < form.fields.size(); ++i) {
    const Field& f = form.fields[i];
    if (w.visible[i] == false && !IsEmptyValue(Lookup(answers, f.id))) {
      result.errors.push_back(FieldMessage{f.id, MessageId::kHiddenField,
                                           FormatMessage(MessageId::kHiddenField, f.label)});
    }
    if (w.visible[i] != true) continue;
    FieldCheck& c = w.checks[i];
    if (c.error) {
      result.errors.push_back(std::move(*c.error));
    } else if (!c.value.is_null()) {
      result.answers[f.id] = c.value;
    }
  }
  // Cross-check: the birth year a citizen ID encodes against the date field it names.
  for (const Field& f : form.fields) {
    if (f.type != FieldType::kCitizenId || f.birth_date_field.empty()) continue;
    if (!result.answers.contains(f.id) || !result.answers.contains(f.birth_date_field)) continue;
    Result<calendar::Date> birth =
        calendar::Date::ParseIso(result.answers[f.birth_date_field].get<std::string>());
    int year = BirthYearOf(result.answers[f.id].get<std::string>());
    if (birth.ok() && birth->year() != year) {
      result.errors.push_back(
          FieldMessage{f.id, MessageId::kCitizenIdBirthMismatch,
                       FormatMessage(MessageId::kCitizenIdBirthMismatch, f.label,
                                     {{"{year}", PlainText(std::to_string(birth->year()))}})});
    }
  }
  for (const auto& kv : answers.items()) {
    if (form.FindField(kv.key()) == nullptr) {
      std::string key = text::SanitizeUtf8(kv.key());
      result.errors.push_back(FieldMessage{
          key, MessageId::kUnknownField, FormatMessage(MessageId::kUnknownField, PlainText(key))});
    }
  }
  // Keep errors in form order (the cross-check above appended out of order).
  std::map<std::string, size_t> order;
  for (size_t i = 0; i < form.fields.size(); ++i) order.emplace(form.fields[i].id, i);
  std::stable_sort(result.errors.begin(), result.errors.end(),
                   [&](const FieldMessage& a, const FieldMessage& b) {
                     auto ia = order.find(a.field_id), ib = order.find(b.field_id);
                     size_t ka = ia == order.end() ? form.fields.size() : ia->second;
                     size_t kb = ib == order.end() ? form.fields.size() : ib->second;
                     return ka < kb;
                   });
  return result;
}

}  // namespace dvc::catalog
