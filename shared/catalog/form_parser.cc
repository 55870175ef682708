#include "catalog/form_parser.h"

#include <algorithm>
#include <map>
#include <set>

#include "text/utf8.h"

namespace dvc::catalog {
namespace {

using nlohmann::json;

const std::vector<std::pair<std::string_view, FieldType>> kFieldTypes = {
    {"text", FieldType::kText},
    {"number", FieldType::kNumber},
    {"date", FieldType::kDate},
    {"choice", FieldType::kChoice},
    {"citizen_id", FieldType::kCitizenId},
    {"phone", FieldType::kPhone},
    {"address", FieldType::kAddress},
    {"checkbox", FieldType::kCheckbox},
    {"attachment", FieldType::kAttachment},
};

// Keys every field may have.
constexpr std::string_view kCommonKeys[] = {"id",       "type", "label",     "required",
                                            "personal", "help", "visible_if"};

// Keys allowed only on some types: the table that drives the "applies only
// to ..." errors.
struct TypedKey {
  std::string_view key;
  std::vector<FieldType> types;
};
const std::vector<TypedKey> kTypedKeys = {
    {"min_length", {FieldType::kText}},
    {"max_length", {FieldType::kText}},
    {"pattern", {FieldType::kText}},
    {"pattern_message", {FieldType::kText}},
    {"multiline", {FieldType::kText}},
    {"min", {FieldType::kNumber, FieldType::kDate}},
    {"max", {FieldType::kNumber, FieldType::kDate}},
    {"integer", {FieldType::kNumber}},
    {"unit", {FieldType::kNumber}},
    {"options", {FieldType::kChoice}},
    {"multiple", {FieldType::kChoice}},
    {"min_files", {FieldType::kAttachment}},
    {"max_files", {FieldType::kAttachment}},
    {"accept", {FieldType::kAttachment}},
    {"birth_date_field", {FieldType::kCitizenId}},
};

// Types a visible_if may refer to, and the JSON kind of their values.
bool ConditionValueFits(const Field& target, const json& v) {
  switch (target.type) {
    case FieldType::kChoice:
      return v.is_string() &&
             std::any_of(target.options.begin(), target.options.end(),
                         [&](const ChoiceOption& o) { return o.value == v.get<std::string>(); });
    case FieldType::kCheckbox:
      return v.is_boolean();
    case FieldType::kNumber:
      return v.is_number();
    case FieldType::kText:
      return v.is_string();
    default:
      return false;
  }
}

bool IsFieldId(std::string_view id) {
  if (id.empty() || id.size() > 64 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsMimeType(std::string_view m) {
  size_t slash = m.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == m.size()) return false;
  return std::all_of(m.begin(), m.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '.' || c == '+' ||
           c == '-' || c == '*';
  });
}

Status CheckKeys(const JsonNode& node, FieldType type) {
  if (!node.value().is_object()) return node.Fail("expected an object");
  for (auto it = node.value().begin(); it != node.value().end(); ++it) {
    const std::string& key = it.key();
    if (std::find(std::begin(kCommonKeys), std::end(kCommonKeys), key) != std::end(kCommonKeys)) {
      continue;
    }
    auto typed = std::find_if(kTypedKeys.begin(), kTypedKeys.end(),
                              [&](const TypedKey& k) { return k.key == key; });
    if (typed == kTypedKeys.end()) return node.Child(key).Fail("unknown key");
    if (std::find(typed->types.begin(), typed->types.end(), type) == typed->types.end()) {
      return node.Child(key).Fail(std::string("does not apply to a ") + FieldTypeName(type) +
                                  " field");
    }
  }
  return Status::Ok();
}

Status ReadDateBound(const JsonNode& node, std::string_view key, std::optional<DateBound>* out) {
  if (!node.Has(key)) return Status::Ok();
  std::string s;
  DVC_RETURN_IF_ERROR(node.ReadString(key, &s, Need::kRequired));
  DateBound b;
  if (s == "today") {
    b.today = true;
  } else if (Result<calendar::Date> d = calendar::Date::ParseIso(s); d.ok()) {
    b.date = *d;
  } else {
    return node.Child(key).Fail("expected \"today\" or a real date as YYYY-MM-DD, got \"" + s +
                                "\"");
  }
  *out = b;
  return Status::Ok();
}

constexpr size_t kMaxPatternLength = 300;
constexpr long kMaxRepeatProduct = 10000;

// True when the counted repetitions "{n}", "{n,m}" of `pattern`, multiplied
// together as if nested, exceed kMaxRepeatProduct.
bool HasLargeRepeat(std::string_view pattern) {
  long product = 1;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{' || (i > 0 && pattern[i - 1] == '\\')) continue;
    long bound = 0, value = 0;
    for (size_t j = i + 1; j < pattern.size(); ++j) {
      char c = pattern[j];
      if (c == ',') {
        value = 0;
        continue;
      }
      if (c < '0' || c > '9') break;
      value = value * 10 + (c - '0');
      if (value > kMaxRepeatProduct) return true;
      bound = std::max(bound, value);
    }
    product *= std::max(bound, 1L);
    if (product > kMaxRepeatProduct) return true;
  }
  return false;
}

Status ReadPattern(const JsonNode& node, Field* f) {
  if (!node.Has("pattern")) return Status::Ok();
  auto compiled = std::make_shared<CompiledPattern>();
  DVC_RETURN_IF_ERROR(node.ReadString("pattern", &compiled->source, Need::kRequired));
  // std::regex expands counted repetitions into its automaton: "a{99999}"
  // would cost memory and time at load, so bound both.
  if (compiled->source.size() > kMaxPatternLength) {
    return node.Child("pattern").Fail("longer than " + std::to_string(kMaxPatternLength) +
                                      " bytes");
  }
  if (HasLargeRepeat(compiled->source)) {
    return node.Child("pattern").Fail("repetition counts multiplying to more than " +
                                      std::to_string(kMaxRepeatProduct));
  }
  std::u32string cps = text::DecodeUtf8(compiled->source);
  std::wstring wide(cps.begin(), cps.end());
  try {
    compiled->regex = std::wregex(wide, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return node.Child("pattern").Fail(std::string("not a valid regular expression: ") + e.what());
  }
  f->pattern = std::move(compiled);
  return Status::Ok();
}

Status ReadTypeRules(const JsonNode& node, Field* f) {
  DVC_RETURN_IF_ERROR(CheckKeys(node, f->type));
  int64_t n = 0;
  auto read_count = [&](std::string_view key, std::optional<int64_t>* out, int64_t min) {
    if (!node.Has(key)) return Status::Ok();
    DVC_RETURN_IF_ERROR(node.ReadInt(key, &n, Need::kRequired, min, 100000));
    *out = n;
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(read_count("min_length", &f->min_length, 0));
  DVC_RETURN_IF_ERROR(read_count("max_length", &f->max_length, 1));
  if (f->min_length && f->max_length && *f->min_length > *f->max_length) {
    return node.Child("min_length").Fail("is greater than max_length");
  }
  DVC_RETURN_IF_ERROR(ReadPattern(node, f));
  DVC_RETURN_IF_ERROR(ReadOptionalText(node, "pattern_message", &f->pattern_message));
  if (f->pattern_message && !f->pattern) {
    return node.Child("pattern_message").Fail("needs a pattern");
  }
  DVC_RETURN_IF_ERROR(node.ReadBool("multiline", &f->multiline, Need::kOptional));

  if (f->type == FieldType::kNumber) {
    double d = 0;
    if (node.Has("min")) {
      DVC_RETURN_IF_ERROR(node.ReadNumber("min", &d, Need::kRequired));
      f->min_number = d;
    }
    if (node.Has("max")) {
      DVC_RETURN_IF_ERROR(node.ReadNumber("max", &d, Need::kRequired));
      f->max_number = d;
    }
    if (f->min_number && f->max_number && *f->min_number > *f->max_number) {
      return node.Child("min").Fail("is greater than max");
    }
  }
  DVC_RETURN_IF_ERROR(node.ReadBool("integer", &f->integer, Need::kOptional));
  DVC_RETURN_IF_ERROR(ReadOptionalText(node, "unit", &f->unit));

  if (f->type == FieldType::kDate) {
    DVC_RETURN_IF_ERROR(ReadDateBound(node, "min", &f->min_date));
    DVC_RETURN_IF_ERROR(ReadDateBound(node, "max", &f->max_date));
    if (f->min_date && f->max_date && !f->min_date->today && !f->max_date->today &&
        f->min_date->date > f->max_date->date) {
      return node.Child("min").Fail("is later than max");
    }
  }

  if (f->type == FieldType::kChoice) {
    std::set<std::string> seen;
    auto read_options = [&](const JsonNode& o, size_t) {
      DVC_RETURN_IF_ERROR(o.ExpectObject({"value", "label"}));
      ChoiceOption opt;
      DVC_RETURN_IF_ERROR(o.ReadString("value", &opt.value, Need::kRequired));
      if (opt.value.empty()) return o.Child("value").Fail("must not be empty");
      DVC_RETURN_IF_ERROR(ReadText(o, "label", &opt.label, Need::kRequired));
      if (!seen.insert(opt.value).second) {
        return o.Child("value").Fail("duplicate option \"" + opt.value + "\"");
      }
      f->options.push_back(std::move(opt));
      return Status::Ok();
    };
    DVC_RETURN_IF_ERROR(node.ForEach("options", Need::kRequired, read_options));
    if (f->options.empty()) return node.Child("options").Fail("a choice needs at least one option");
  }
  DVC_RETURN_IF_ERROR(node.ReadBool("multiple", &f->multiple, Need::kOptional));

  DVC_RETURN_IF_ERROR(read_count("min_files", &f->min_files, 0));
  DVC_RETURN_IF_ERROR(read_count("max_files", &f->max_files, 1));
  if (f->min_files && f->max_files && *f->min_files > *f->max_files) {
    return node.Child("min_files").Fail("is greater than max_files");
  }
  auto read_accept = [&](const JsonNode& m, size_t) {
    if (!m.value().is_string() || !IsMimeType(m.value().get<std::string>())) {
      return m.Fail("expected a MIME type such as \"image/jpeg\"");
    }
    f->accept.push_back(m.value().get<std::string>());
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(node.ForEach("accept", Need::kOptional, read_accept));
  DVC_RETURN_IF_ERROR(node.ReadString("birth_date_field", &f->birth_date_field, Need::kOptional));
  return Status::Ok();
}

Status ReadVisibleIf(const JsonNode& node, const std::map<std::string, size_t>& earlier,
                     const std::vector<Field>& fields, Field* f) {
  if (!node.Has("visible_if")) return Status::Ok();
  JsonNode v = node.Child("visible_if");
  DVC_RETURN_IF_ERROR(v.ExpectObject({"field", "equals", "in"}));
  VisibleIf cond;
  DVC_RETURN_IF_ERROR(v.ReadString("field", &cond.field, Need::kRequired));
  auto it = earlier.find(cond.field);
  if (it == earlier.end()) {
    return v.Child("field").Fail("\"" + cond.field + "\" is not a field earlier in the form");
  }
  const Field& target = fields[it->second];
  constexpr FieldType kConditionTypes[] = {FieldType::kChoice, FieldType::kCheckbox,
                                           FieldType::kNumber, FieldType::kText};
  if (std::find(std::begin(kConditionTypes), std::end(kConditionTypes), target.type) ==
      std::end(kConditionTypes)) {
    return v.Child("field").Fail(
        "\"" + cond.field + "\" is a " + FieldTypeName(target.type) +
        " field; visible_if can refer only to a choice, checkbox, number or text field");
  }
  bool has_equals = v.value().contains("equals");
  bool has_in = v.value().contains("in");
  if (has_equals == has_in) return v.Fail("needs exactly one of \"equals\" or \"in\"");
  if (has_equals) {
    cond.values.push_back(v.value()["equals"]);
  } else {
    auto read_in = [&](const JsonNode& e, size_t) {
      cond.values.push_back(e.value());
      return Status::Ok();
    };
    DVC_RETURN_IF_ERROR(v.ForEach("in", Need::kRequired, read_in));
    if (cond.values.empty()) return v.Child("in").Fail("must list at least one value");
  }
  for (size_t i = 0; i < cond.values.size(); ++i) {
    if (!ConditionValueFits(target, cond.values[i])) {
      JsonNode at = has_equals ? v.Child("equals")
                               : JsonNode(cond.values[i], v.file(),
                                          v.Child("in").path() + "[" + std::to_string(i) + "]");
      return at.Fail(std::string("not a possible value of the ") + FieldTypeName(target.type) +
                     " field \"" + target.id + "\"");
    }
  }
  f->visible_if = std::move(cond);
  return Status::Ok();
}

// The applicant keys name a field of `type` that every submission answers
// (text: required) and that is always shown, so receipts never show a
// hidden or empty answer.
Status CheckApplicantField(const JsonNode& node, const Form& form, std::string_view key,
                           const std::string& id, FieldType type) {
  const Field* field = form.FindField(id);
  if (field == nullptr || field->type != type) {
    return node.Child(key).Fail("\"" + id + "\" is not a " + FieldTypeName(type) +
                                " field of this form");
  }
  if (field->visible_if) {
    return node.Child(key).Fail("\"" + id +
                                "\" has visible_if; the applicant's field must always be shown");
  }
  if (type == FieldType::kText && !field->required) {
    return node.Child(key).Fail("\"" + id + "\" is not required");
  }
  return Status::Ok();
}

}  // namespace

const char* FieldTypeName(FieldType type) {
  for (const auto& [name, t] : kFieldTypes) {
    if (t == type) return name.data();
  }
  return "?";
}

const Field* Form::FindField(std::string_view id) const {
  for (const Field& f : fields) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

bool MatchesPattern(const CompiledPattern& pattern, std::string_view value) {
  std::u32string cps = text::DecodeUtf8(value);
  if (cps.size() > kMaxPatternInput) return false;
  std::wstring wide(cps.begin(), cps.end());
  try {
    return std::regex_match(wide, pattern.regex);
  } catch (const std::regex_error&) {
    return false;  // complexity limits: treat as not matching
  }
}

Status ParseForm(const JsonNode& node, Form* out) {
  DVC_RETURN_IF_ERROR(node.ExpectObject(
      {"version", "applicant_name_field", "applicant_phone_field", "pages", "fields"}));
  Form form;
  DVC_RETURN_IF_ERROR(node.ReadInt("version", &form.version, Need::kRequired, 1, 1000000));
  DVC_RETURN_IF_ERROR(
      node.ReadString("applicant_name_field", &form.applicant_name_field, Need::kRequired));
  DVC_RETURN_IF_ERROR(
      node.ReadString("applicant_phone_field", &form.applicant_phone_field, Need::kRequired));

  std::map<std::string, size_t> index;
  auto read_fields = [&](const JsonNode& fn, size_t i) {
    if (!fn.value().is_object()) return fn.Fail("expected an object");
    Field f;
    DVC_RETURN_IF_ERROR(fn.ReadString("id", &f.id, Need::kRequired));
    if (!IsFieldId(f.id)) {
      return fn.Child("id").Fail("\"" + f.id +
                                 "\" is not a field id (a-z, 0-9, _; starting with a letter)");
    }
    if (index.count(f.id)) return fn.Child("id").Fail("duplicate field id \"" + f.id + "\"");
    DVC_RETURN_IF_ERROR(fn.ReadEnum("type", kFieldTypes, "field type", &f.type, Need::kRequired));
    DVC_RETURN_IF_ERROR(ReadText(fn, "label", &f.label, Need::kRequired));
    DVC_RETURN_IF_ERROR(fn.ReadBool("required", &f.required, Need::kOptional));
    DVC_RETURN_IF_ERROR(fn.ReadBool("personal", &f.personal, Need::kOptional));
    DVC_RETURN_IF_ERROR(ReadOptionalText(fn, "help", &f.help));
    DVC_RETURN_IF_ERROR(ReadTypeRules(fn, &f));
    DVC_RETURN_IF_ERROR(ReadVisibleIf(fn, index, form.fields, &f));
    index.emplace(f.id, i);
    form.fields.push_back(std::move(f));
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(node.ForEach("fields", Need::kRequired, read_fields));
  if (form.fields.empty()) return node.Child("fields").Fail("a form needs at least one field");

  // birth_date_field may point anywhere in the form, so check it once all are known.
  for (size_t i = 0; i < form.fields.size(); ++i) {
    const Field& f = form.fields[i];
    if (f.birth_date_field.empty()) continue;
    const Field* target = form.FindField(f.birth_date_field);
    if (target == nullptr || target->type != FieldType::kDate) {
      JsonNode fn(node.value()["fields"][i], node.file(),
                  node.path() + ".fields[" + std::to_string(i) + "]");
      return fn.Child("birth_date_field")
          .Fail("\"" + f.birth_date_field + "\" is not a date field of this form");
    }
  }

  DVC_RETURN_IF_ERROR(CheckApplicantField(node, form, "applicant_name_field",
                                          form.applicant_name_field, FieldType::kText));
  DVC_RETURN_IF_ERROR(CheckApplicantField(node, form, "applicant_phone_field",
                                          form.applicant_phone_field, FieldType::kPhone));

  std::map<std::string, std::string> page_of;  // field id -> page path
  auto read_pages = [&](const JsonNode& pn, size_t) {
    DVC_RETURN_IF_ERROR(pn.ExpectObject({"title", "fields"}));
    FormPage page;
    DVC_RETURN_IF_ERROR(ReadText(pn, "title", &page.title, Need::kRequired));
    auto read_page_field = [&](const JsonNode& id, size_t) {
      if (!id.value().is_string()) return id.Fail("expected a field id");
      std::string fid = id.value().get<std::string>();
      if (!index.count(fid)) return id.Fail("no field \"" + fid + "\" in this form");
      auto [it, fresh] = page_of.emplace(fid, pn.path());
      if (!fresh) return id.Fail("field \"" + fid + "\" is already on " + it->second);
      page.field_ids.push_back(fid);
      return Status::Ok();
    };
    DVC_RETURN_IF_ERROR(pn.ForEach("fields", Need::kRequired, read_page_field));
    if (page.field_ids.empty()) return pn.Child("fields").Fail("a page needs at least one field");
    form.pages.push_back(std::move(page));
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(node.ForEach("pages", Need::kRequired, read_pages));
  if (form.pages.empty()) return node.Child("pages").Fail("a form needs at least one page");
  for (size_t i = 0; i < form.fields.size(); ++i) {
    if (!page_of.count(form.fields[i].id)) {
      return JsonNode(node.value()["fields"][i], node.file(),
                      node.path() + ".fields[" + std::to_string(i) + "]")
          .Fail("field \"" + form.fields[i].id + "\" is on no page");
    }
  }
  *out = std::move(form);
  return Status::Ok();
}

}  // namespace dvc::catalog
