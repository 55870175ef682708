// The catalog's JSON reading on top of core/json_reader.h: every string and
// key in NFC (search and display compare Vietnamese text byte for byte), and
// the catalog's own value kinds (bilingual texts, ISO dates).
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "calendar/date.h"
#include "catalog/bilingual.h"
#include "core/json_reader.h"
#include "core/status.h"

namespace dvc::catalog {

using core::JsonNode;
using core::Need;

// core::ParseJsonText (default depth limit), then every string and key
// normalised to NFC. Errors as ParseJsonText's, and kInvalidInput when two
// keys of one object differ only in their Unicode normalisation.
Result<nlohmann::json> ParseCatalogJson(std::string_view text, std::string_view file_name);

// A bilingual object {"vi": "...", "en": "..."} with a non-empty vi.
Status ReadText(const JsonNode& node, std::string_view key, Text* out, Need need);
// As ReadText, optional: `out` is left untouched when the key is absent.
Status ReadOptionalText(const JsonNode& node, std::string_view key, std::optional<Text>* out);
// An ISO date "YYYY-MM-DD" that is a real date.
Status ReadDate(const JsonNode& node, std::string_view key, std::optional<calendar::Date>* out,
                Need need);

}  // namespace dvc::catalog
