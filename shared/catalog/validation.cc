#include "catalog/validation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <variant>

#include "catalog/digits.h"
#include "catalog/form_parser.h"
#include "catalog/numbers.h"
#include "catalog/validators.h"
#include "core/hex.h"
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

// `raw` with every string a checker reads cleaned once (CleanText): the
// value itself, a choice's items, an address's parts. Attachment hashes are
// not text and stay as typed.
json Cleaned(const Field& f, const json& raw) {
  bool multiline = f.type == FieldType::kText && f.multiline;
  if (raw.is_string()) return CleanText(raw.get_ref<const std::string&>(), multiline);
  if (raw.is_array() && f.type == FieldType::kChoice) {
    json out = json::array();
    for (const json& e : raw)
      out.push_back(e.is_string() ? json(CleanText(e.get_ref<const std::string&>(), false)) : e);
    return out;
  }
  if (raw.is_object()) {
    json out = raw;
    for (const char* key : {"commune", "detail"}) {
      auto it = out.find(key);
      if (it != out.end() && it->is_string())
        *it = CleanText(it->get_ref<const std::string&>(), false);
    }
    return out;
  }
  return raw;
}

// Whether a cleaned value counts as not given.
bool IsEmptyValue(const json& v) {
  if (v.is_null()) return true;
  if (v.is_string()) return v.get_ref<const std::string&>().empty();
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

// --- per-type checkers (the value is Cleaned and never "empty" here) ---------

FieldCheck CheckText(const Field& f, const json& v, const ValidationContext&) {
  if (!v.is_string()) return Error(f, MessageId::kWrongType);
  const std::string& s = v.get_ref<const std::string&>();
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
  if (v.is_string()) x = ParseVietnameseNumber(v.get_ref<const std::string&>());
  if (!x || !std::isfinite(*x)) {
    // An integer field's example must not suggest a fraction.
    return Error(f, f.integer ? MessageId::kNotAWholeNumber : MessageId::kNotANumber);
  }
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
  Result<calendar::Date> d = calendar::Date::ParseTyped(v.get_ref<const std::string&>());
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
    const std::string& s = e.get_ref<const std::string&>();
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

// -Wswitch (in -Wall, an error here) makes every problem have a case; only
// a value cast from outside the enumeration reaches the end.
MessageId MessageFor(CitizenIdProblem problem) {
  switch (problem) {
    case CitizenIdProblem::kNotDigits:
      return MessageId::kCitizenIdNotDigits;
    case CitizenIdProblem::kWrongLength:
      return MessageId::kCitizenIdLength;
    case CitizenIdProblem::kUnknownProvince:
      return MessageId::kCitizenIdProvince;
    case CitizenIdProblem::kImplausibleBirthYear:
      return MessageId::kCitizenIdBirthYear;
  }
  std::abort();
}

MessageId MessageFor(PhoneProblem problem) {
  switch (problem) {
    case PhoneProblem::kMalformed:
      return MessageId::kPhoneMalformed;
    case PhoneProblem::kOldElevenDigit:
      return MessageId::kPhoneOldNumber;
    case PhoneProblem::kNotMobile:
      return MessageId::kPhoneNotMobile;
  }
  std::abort();
}

FieldCheck CheckCitizenIdField(const Field& f, const json& v, const ValidationContext& ctx) {
  if (!v.is_string()) return Error(f, MessageId::kWrongType);
  CitizenIdCheck check = CheckCitizenId(v.get_ref<const std::string&>(), *ctx.reference, ctx.today);
  if (const CitizenId* id = std::get_if<CitizenId>(&check)) return Value(id->digits);
  return Error(f, MessageFor(std::get<CitizenIdProblem>(check)));
}

FieldCheck CheckPhoneField(const Field& f, const json& v, const ValidationContext& ctx) {
  if (!v.is_string()) return Error(f, MessageId::kWrongType);
  PhoneCheck check = CheckMobilePhone(v.get_ref<const std::string&>(), *ctx.reference);
  if (const MobileNumber* number = std::get_if<MobileNumber>(&check)) return Value(number->e164);
  return Error(f, MessageFor(std::get<PhoneProblem>(check)));
}

bool CommuneKnown(const std::string& code, const ValidationContext& ctx) {
  if (!IsDigitCode(code, 5)) return false;
  if (ctx.units == nullptr) return true;
  const Unit* unit = ctx.units->UnitAt(code, ctx.today);
  if (unit == nullptr || unit->level != UnitLevel::kCommune) return false;
  return ctx.province_code.empty() || unit->province == ctx.province_code;
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
    return it->get<std::string>();
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
    if (!core::IsSha256Hex(h) || !seen.insert(h).second)
      return Error(f, MessageId::kAttachmentInvalid);
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
  std::vector<FieldCheck> checks;  // meaningful where visible == true and validated
};

// Decides each field's visibility in form order. Validates the shown fields
// when `validate_all`; otherwise only those some visible_if names, which is
// all visibility depends on.
Walk WalkForm(const Form& form, const json& answers, const ValidationContext& ctx,
              bool validate_all) {
  std::set<std::string_view> targets;
  if (!validate_all) {
    for (const Field& f : form.fields) {
      if (f.visible_if) targets.insert(f.visible_if->field);
    }
  }
  Walk w;
  std::map<std::string_view, size_t> index;
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
    bool validate = vis == true && (validate_all || targets.count(f.id) > 0);
    w.visible.push_back(vis);
    w.checks.push_back(validate ? ValidateField(f, Lookup(answers, f.id), ctx) : FieldCheck{});
    index.emplace(f.id, i);
  }
  return w;
}

}  // namespace

FieldCheck ValidateField(const Field& field, const json& value, const ValidationContext& ctx) {
  if (ctx.reference == nullptr) std::abort();  // REQUIRES
  json clean = Cleaned(field, value);
  if (IsEmptyValue(clean)) {
    if (field.required) return Error(field, RequiredMessage(field.type));
    return FieldCheck{};
  }
  for (const auto& [type, checker] : kCheckers) {
    if (type == field.type) return checker(field, clean, ctx);
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
  return WalkForm(form, answers, ctx, /*validate_all=*/false).visible;
}

ValidationResult ValidateAnswers(const Form& form, const json& answers,
                                 const ValidationContext& ctx) {
  ValidationResult result;
  if (!answers.is_object()) {
    result.errors.push_back(FieldMessage{"", MessageId::kAnswersNotObject,
                                         FormatMessage(MessageId::kAnswersNotObject, Text{})});
    return result;
  }
  Walk w = WalkForm(form, answers, ctx, /*validate_all=*/true);
  for (size_t i = 0; i < form.fields.size(); ++i) {
    const Field& f = form.fields[i];
    if (w.visible[i] == false && !IsEmptyValue(Cleaned(f, Lookup(answers, f.id)))) {
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
    int year = CitizenIdBirthYear(result.answers[f.id].get_ref<const std::string&>());
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
