// The validity period shared by agencies and administrative units: both are
// in force from a date until an optional inclusive end date.
// Thread-safety: value type.
#pragma once

#include <optional>

#include "calendar/date.h"

namespace dvc::catalog {

struct ValidityPeriod {
  calendar::Date valid_from;
  std::optional<calendar::Date> valid_to;  // inclusive; nullopt while in force

  // True when `date` is within [valid_from, valid_to].
  bool ValidAt(const calendar::Date& date) const {
    return valid_from <= date && (!valid_to || date <= *valid_to);
  }
};

}  // namespace dvc::catalog
