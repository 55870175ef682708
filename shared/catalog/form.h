// The form schema of a procedure (docs/catalog-format.md, "Forms"): typed
// fields, their rules, pages and conditional visibility.
// Thread-safety: value types, immutable once loaded.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "calendar/date.h"
#include "catalog/bilingual.h"

namespace dvc::catalog {

enum class FieldType {
  kText,
  kNumber,
  kDate,
  kChoice,
  kCitizenId,
  kPhone,
  kAddress,
  kCheckbox,
  kAttachment,
};

// The JSON name of `type` ("citizen_id").
const char* FieldTypeName(FieldType type);

// A date bound: a fixed date or "today" (resolved at validation time).
struct DateBound {
  bool today = false;
  calendar::Date date;  // when !today
};

struct ChoiceOption {
  std::string value;
  Text label;
};

// `visible_if`: the field is shown when the earlier field `field` equals one
// of `values` (one value for "equals", several for "in"). Values are strings
// for choice fields, booleans for checkboxes, numbers for number fields.
struct VisibleIf {
  std::string field;
  std::vector<nlohmann::json> values;
};

// A compiled `pattern`, shared so Field stays cheap to copy.
struct CompiledPattern {
  std::string source;
  std::wregex regex;  // over code points (wchar_t is 32-bit here)
};

struct Field {
  std::string id;
  FieldType type = FieldType::kText;
  Text label;
  bool required = false;
  bool personal = false;
  std::optional<Text> help;
  std::optional<VisibleIf> visible_if;

  // text
  std::optional<int64_t> min_length;
  std::optional<int64_t> max_length;
  std::shared_ptr<const CompiledPattern> pattern;
  std::optional<Text> pattern_message;
  bool multiline = false;
  // number
  std::optional<double> min_number;
  std::optional<double> max_number;
  bool integer = false;
  std::optional<Text> unit;
  // date
  std::optional<DateBound> min_date;
  std::optional<DateBound> max_date;
  // choice
  std::vector<ChoiceOption> options;
  bool multiple = false;
  // attachment
  std::optional<int64_t> min_files;
  std::optional<int64_t> max_files;
  std::vector<std::string> accept;  // MIME types; empty = images and PDF
  // citizen_id: optional id of a date field holding the same person's birth
  // date, whose year must match the year encoded in the number.
  std::string birth_date_field;
};

struct FormPage {
  Text title;
  std::vector<std::string> field_ids;
};

struct Form {
  int64_t version = 1;
  // The fields naming the person a receipt and the status SMS are for: a
  // required text field and a phone field, both always shown (no
  // visible_if), so every submitted dossier answers them.
  std::string applicant_name_field;
  std::string applicant_phone_field;
  std::vector<FormPage> pages;
  std::vector<Field> fields;  // in form order

  // The field with `id`, or nullptr.
  const Field* FindField(std::string_view id) const;
};

}  // namespace dvc::catalog
