// Validation of a dossier's answers against a service's form: the one
// function the kiosk UI, the gateway and the tests share
// (docs/catalog-format.md, "Answers").
//
// Values are NFC-normalised and trimmed before checking; lengths count
// characters. Each failing field gets one message, in Vietnamese with an
// English variant, worded for a resident ("Vui lòng nhập Họ và tên.").
// Thread-safety: pure functions; the context's tables are only read.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.h"
#include "catalog/bilingual.h"
#include "catalog/form.h"
#include "catalog/messages.h"
#include "catalog/reference_data.h"
#include "catalog/units.h"

namespace dvc::catalog {

// Longest text accepted when a field sets no max_length, in characters.
inline constexpr int64_t kDefaultMaxLineLength = 500;
inline constexpr int64_t kDefaultMaxMultilineLength = 5000;
// Longest address detail (house, street, hamlet), in characters.
inline constexpr int64_t kMaxAddressDetailLength = 200;
// Most attachments a field takes when it sets no max_files.
inline constexpr int64_t kDefaultMaxFiles = 20;

// What validation needs besides the form and the answers. Nothing here is owned.
struct ValidationContext {
  calendar::Date today;                      // for "today" bounds and birth years
  const ReferenceData* reference = nullptr;  // REQUIRED: citizen ID and phone tables
  // Administrative units for the address commune check. When null, a
  // commune is only checked to be a 5-digit code.
  const UnitTable* units = nullptr;
  // When not empty, an address commune must be in this province (2 digits).
  std::string province_code;
};

// One failing field.
struct FieldMessage {
  std::string field_id;  // for kUnknownField the unknown key; empty for kAnswersNotObject
  MessageId id;
  Text text;
};

// The outcome of checking one field's value.
struct FieldCheck {
  std::optional<FieldMessage> error;
  // The normalised value to store when valid (null when the field was left
  // empty): NFC trimmed text, a number, an ISO date, a 12-digit citizen ID,
  // a phone as E.164 without '+' ("84912345678"), lowercase hashes.
  nlohmann::json value;

  bool ok() const { return !error.has_value(); }
};

// Checks `value` for `field` as if the field is shown (the kiosk calls this
// as the resident types). A null value, an empty or blank string, an empty
// array and an address with neither part count as not given. Does not look
// at other fields (no visibility, no cross-field checks).
// REQUIRES: ctx.reference != nullptr.
FieldCheck ValidateField(const Field& field, const nlohmann::json& value,
                         const ValidationContext& ctx);

struct ValidationResult {
  std::vector<FieldMessage> errors;  // form order, then unknown keys
  // The normalised answers of the shown, filled-in fields (complete only when ok()).
  nlohmann::json answers = nlohmann::json::object();

  bool ok() const { return errors.empty(); }
  // The message for `field_id`, or nullptr.
  const FieldMessage* ErrorFor(std::string_view field_id) const;
};

// Visibility of each field given `answers` (a JSON object keyed by field id):
// a field with visible_if is shown when the field it names is shown, valid,
// and its value equals one of the listed values (for a multiple choice: one
// of its selected options does; an absent checkbox counts as false). Index i
// is form.fields[i]; std::nullopt when it cannot be decided because the
// field it depends on is invalid. REQUIRES: ctx.reference != nullptr.
std::vector<std::optional<bool>> EvaluateVisibility(const Form& form, const nlohmann::json& answers,
                                                    const ValidationContext& ctx);

// Validates a whole answer set: every shown field with ValidateField; hidden
// fields and keys that are not fields of the form must be absent; a citizen
// ID with birth_date_field must match that date's year. Fields whose
// visibility depends on an invalid field are skipped (the resident fixes
// that one first). REQUIRES: ctx.reference != nullptr.
ValidationResult ValidateAnswers(const Form& form, const nlohmann::json& answers,
                                 const ValidationContext& ctx);

}  // namespace dvc::catalog
