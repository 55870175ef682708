// Reference tables the validators read from assets/reference/: the province
// codes of citizen ID numbers and the mobile number prefixes. Data, not code,
// so a change of numbering plan is a file edit.
//
// Thread-safety: immutable after load; concurrent reads are safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::catalog {

class ReferenceData {
 public:
  ReferenceData() = default;

  // The province name for a 3-digit citizen ID province code ("034" →
  // "Thái Bình"), or nullptr when the code is not assigned.
  const std::string* CitizenIdProvince(std::string_view code) const;
  // The carrier of a 3-digit mobile prefix with its 0 ("091" → "VinaPhone"),
  // or nullptr when the prefix is not a mobile range.
  const std::string* MobileCarrier(std::string_view prefix) const;

  size_t citizen_id_province_count() const { return cccd_provinces_.size(); }
  size_t mobile_prefix_count() const { return mobile_prefixes_.size(); }

 private:
  friend Result<ReferenceData> ParseReferenceData(std::string_view cccd_json,
                                                  std::string_view mobile_json,
                                                  const std::string& dir);
  std::map<std::string, std::string, std::less<>> cccd_provinces_;
  std::map<std::string, std::string, std::less<>> mobile_prefixes_;
};

// Parses the contents of cccd-provinces.json and mobile-prefixes.json
// (errors name "`dir`/<file>: $.path"). Codes must be 3 digits, unique,
// and mobile prefixes start with 0.
Result<ReferenceData> ParseReferenceData(std::string_view cccd_json, std::string_view mobile_json,
                                         const std::string& dir);

// Reads `dir`/cccd-provinces.json and `dir`/mobile-prefixes.json.
Result<ReferenceData> LoadReferenceData(const std::string& dir);

}  // namespace dvc::catalog
