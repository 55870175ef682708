// The yearly holiday data file (assets/holidays/vn.json; format in
// docs/calendar.md): for each year, the days off the Government actually
// declared for civil servants (Tết and 2/9 are chosen each year, days are
// swapped to make long weekends) and the weekend days worked in exchange.
// A year present in the file replaces the computed rules for that year
// entirely; a year absent falls back to ComputeStatutoryHolidays().
//
// The parser takes bytes from outside (operators edit the file every year,
// kiosks receive it by sync), so it checks everything and reports the first
// problem with the file name and JSON path:
//   assets/holidays/vn.json: $.years.2026.days_off[3]: expected a date YYYY-MM-DD
//
// Thread-safety: HolidayData is an immutable value once built.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/holidays.h"
#include "core/status.h"

namespace dvc::calendar {

// What the file declares for one Gregorian year.
struct DeclaredYear {
  int year = 0;
  std::string source;                        // e.g. the Government letter's number
  std::vector<Holiday> days_off;             // sorted by date
  std::vector<Holiday> makeup_working_days;  // weekend days worked; sorted
};

class HolidayData {
 public:
  // The version of the format this code reads (`"format": 1`).
  static constexpr int kFormatVersion = 1;
  // Larger inputs are refused: the real file is a few kilobytes.
  static constexpr size_t kMaxBytes = 1 << 20;

  // No declared years: every year uses the computed rules.
  HolidayData() = default;

  // Parses the file's bytes. `source_name` (usually the path) starts every
  // error message. Errors: kInvalidInput for bad JSON, a key written twice in
  // one object, a wrong shape, an unknown key, a bad or duplicate date, a date outside its year, a
  // make-up working day that is not a Saturday or Sunday, or a date that is both.
  static Result<HolidayData> Parse(std::string_view bytes, std::string_view source_name);

  // Reads and parses `path`. Errors: kIo if it cannot be read; kInvalidInput
  // when larger than kMaxBytes; as Parse.
  static Result<HolidayData> LoadFile(const std::string& path);

  // The declared year, or nullptr if the file does not list `year`.
  const DeclaredYear* FindYear(int year) const;
  const std::map<int, DeclaredYear>& years() const { return years_; }

 private:
  std::map<int, DeclaredYear> years_;
};

}  // namespace dvc::calendar
