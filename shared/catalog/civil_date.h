// A minimal proleptic Gregorian calendar date for the catalog: parsing the
// dates residents type and the ISO dates of the data files, and comparing them.
//
// Kept inside catalog on purpose: the catalog needs only parse / compare /
// format, and must not depend on the holiday calendar (shared/calendar).
// Thread-safety: values and pure functions.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dvc::catalog {

// A calendar date (year 1..9999). Always a real date when built by the parsers
// or FromDays; `{}` is 0000-01-01 and only a placeholder.
struct CivilDate {
  int year = 0;
  int month = 1;
  int day = 1;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;

  // Days since 1970-01-01 (negative before), for date arithmetic.
  int64_t ToDays() const;
  // REQUIRES: the resulting year is within 1..9999.
  static CivilDate FromDays(int64_t days);

  // "2025-07-01".
  std::string ToIso() const;
  // "01/07/2025", the form Vietnamese readers expect.
  std::string ToDisplay() const;
};

// True when year/month/day is a real Gregorian date with year 1..9999.
bool IsRealDate(int year, int month, int day);

// Parses exactly "YYYY-MM-DD" (zero-padded); nullopt when malformed or not a
// real date ("2025-02-31").
std::optional<CivilDate> ParseIsoDate(std::string_view text);

// Parses what a resident types: "YYYY-MM-DD", "dd/mm/yyyy" or "d/m/yyyy"
// (also with '-' or '.' as separator), surrounding spaces ignored. nullopt
// when malformed or not a real date ("31/02/2024").
std::optional<CivilDate> ParseUserDate(std::string_view text);

}  // namespace dvc::catalog
