// The Vietnamese lunisolar calendar (âm lịch), computed astronomically.
//
// Rules (the same as the Chinese calendar since 1645, applied on Vietnam's
// clock, UTC+7 — which is why Tết sometimes differs from China's, e.g. 1985
// and 2007):
//   - a month starts on the local day (midnight to midnight, UTC+7) that
//     contains a new moon;
//   - month 11 is the month containing the local day of the winter solstice;
//   - a "sui" runs from one month 11 to the next; if it has 13 months, the
//     first month after month 11 that contains no major solar term (zhongqi:
//     the Sun's apparent longitude reaching a multiple of 30°) is a leap
//     month and takes the number of the month before it;
//   - the lunar year starts with month 1 (Tết Nguyên đán) and is numbered by
//     the Gregorian year in which that day falls.
// New moons come from Meeus ch. 49, solar longitudes from Meeus ch. 25 (see
// astronomy.h). Vietnam used China's UTC+8 calendar before 1968; this class
// applies UTC+7 to every year, as today's published Vietnamese calendars do.
//
// Thread-safety: a LunarCalendar is immutable after construction; share it
// freely between threads.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "calendar/date.h"
#include "core/status.h"

namespace dvc::calendar {

// A day of the lunar calendar: day 1–30 of month 1–12 of a lunar year;
// `leap` marks the intercalary month that repeats `month` (tháng nhuận).
struct LunarDate {
  int year = 0;
  int month = 1;
  int day = 1;
  bool leap = false;

  // "10/3/2025" or, in a leap month, "15/4 nhuận/2020" (Vietnamese usage).
  std::string ToVietnamese() const;

  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// Prints "10/3/2025" (for test failure messages).
void PrintTo(const LunarDate& d, std::ostream* os);

// One month of the computed table.
struct LunarMonth {
  int64_t first_day = 0;  // day number (days since 1970-01-01) of day 1
  int length = 0;         // 29 or 30
  int year = 0;           // lunar year
  int month = 0;          // 1–12
  bool leap = false;
};

class LunarCalendar {
 public:
  // Solar dates every LunarCalendar converts (the table covers a little more,
  // from the month 11 before the first to the end of the last month).
  static constexpr int kFirstYear = 1900;
  static constexpr int kLastYear = 2199;

  // Computes the table for a zone `utc_offset_hours` east of Greenwich
  // (7 for Vietnam; 8 reproduces the Chinese calendar, used by tests to
  // show where the two differ). Takes a few milliseconds.
  explicit LunarCalendar(double utc_offset_hours);

  // The Vietnamese calendar (UTC+7), built once on first use and shared;
  // thread-safe (a function-local static of an immutable object).
  static const LunarCalendar& Vietnam();

  // The lunar date of a solar date. Errors: kInvalidInput if `date` is
  // outside the table (before about Dec 1899 or after about Dec 2200).
  Result<LunarDate> FromSolar(Date date) const;

  // The solar date of a lunar date. Errors: kInvalidInput if the month does
  // not exist ("2021 has no leap month 4"), the day is past the month's end
  // ("month 12 of 2024 has 29 days"), or the year is outside the table.
  Result<Date> ToSolar(const LunarDate& lunar) const;

  // Day 1 of month 1 of `lunar_year` (mùng 1 Tết). Errors: as ToSolar.
  Result<Date> NewYear(int lunar_year) const;

  // The month repeated by a leap month in `lunar_year` (e.g. 4 for 2020),
  // or nullopt if the year has none or is outside the table.
  std::optional<int> LeapMonth(int lunar_year) const;

  // The whole table, in chronological order.
  std::span<const LunarMonth> months() const { return months_; }

  // The zone the table was computed for, in hours east of Greenwich.
  double utc_offset_hours() const { return utc_offset_hours_; }

  // First and last solar days the table covers.
  Date first_date() const;
  Date last_date() const;

 private:
  double utc_offset_hours_;
  std::vector<LunarMonth> months_;
};

}  // namespace dvc::calendar
