// Parsing and checking the "form" object of a service file.
// Thread-safety: pure function.
#pragma once

#include "catalog/form.h"
#include "catalog/catalog_json.h"
#include "core/status.h"

namespace dvc::catalog {

// Longest text value (in characters) a pattern is matched against; longer
// values fail the pattern. Bounds the work and recursion of std::regex.
inline constexpr size_t kMaxPatternInput = 1000;

// Reads `node` (a "form" object) into `out`, checking: field ids unique and
// well-formed, every field on exactly one page and pages naming only known
// fields, type-specific keys only on their type, min <= max, options
// unique, patterns compile, visible_if refers to an earlier field with
// values of the right kind, birth_date_field names a date field,
// applicant_name_field names a required text field and applicant_phone_field
// a phone field, neither with visible_if.
Status ParseForm(const JsonNode& node, Form* out);

// Matches `value` (NFC) against `pattern` over code points.
bool MatchesPattern(const CompiledPattern& pattern, std::string_view value);

}  // namespace dvc::catalog
