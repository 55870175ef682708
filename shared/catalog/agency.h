// Agencies (cơ quan) with validity dates and successor links, as loaded from
// agencies.json. Thread-safety: value type.
#pragma once

#include <optional>
#include <string>

#include "calendar/date.h"
#include "catalog/bilingual.h"
#include "catalog/validity.h"

namespace dvc::catalog {

enum class AgencyLevel { kCentral, kProvince, kDistrict, kCommune, kGroup };

// ValidAt(date): the agency existed on `date` (valid_from <= date <= valid_to).
struct Agency : ValidityPeriod {
  std::string id;
  Text name;
  std::optional<Text> short_name;
  AgencyLevel level = AgencyLevel::kProvince;
  std::string successor;  // empty when none
  std::string note;
  bool example = false;
};

}  // namespace dvc::catalog
