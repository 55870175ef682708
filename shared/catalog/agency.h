// Agencies (cơ quan) with validity dates and successor links, as loaded from
// agencies.json. Thread-safety: value type.
#pragma once

#include <optional>
#include <string>

#include "calendar/date.h"
#include "catalog/bilingual.h"

namespace dvc::catalog {

enum class AgencyLevel { kCentral, kProvince, kDistrict, kCommune, kGroup };

struct Agency {
  std::string id;
  Text name;
  std::optional<Text> short_name;
  AgencyLevel level = AgencyLevel::kProvince;
  calendar::Date valid_from;
  std::optional<calendar::Date> valid_to;  // inclusive; nullopt while in force
  std::string successor;                   // empty when none
  std::string note;
  bool example = false;

  // True when the agency existed on `date` (valid_from <= date <= valid_to).
  bool ValidAt(const calendar::Date& date) const {
    return valid_from <= date && (!valid_to || date <= *valid_to);
  }
};

}  // namespace dvc::catalog
