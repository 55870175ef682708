// Civil (proleptic Gregorian) dates, independent of any locale or time zone.
//
// A Date is a plain value: year, month, day. It converts to and from a day
// number (days since 1970-01-01, negative before), which is what arithmetic
// and comparisons use. Conversions are Howard Hinnant's "days from civil"
// algorithms, written out here (no <chrono> calendar, no locale).
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::calendar {

// ISO 8601 numbering: Monday = 1 ... Sunday = 7.
enum class Weekday { kMonday = 1, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

// Years a Date accepts: the four-digit years of ISO 8601's basic form.
inline constexpr int kMinYear = 1;
inline constexpr int kMaxYear = 9999;

// A valid calendar date between 0001-01-01 and 9999-12-31.
class Date {
 public:
  // 1970-01-01, so that default-constructed members are still valid dates.
  constexpr Date() = default;

  // The date year-month-day. Errors: kInvalidInput naming the bad part
  // ("31/04/2025 does not exist: April has 30 days").
  static Result<Date> FromYmd(int year, int month, int day);

  // REQUIRES: the three parts form a valid date (aborts otherwise). For
  // constants in code and tests, where a bad date is a programming error.
  static Date Ymd(int year, int month, int day);

  // The date `days` days after 1970-01-01 (negative: before).
  // REQUIRES: the result lies within [kMinYear, kMaxYear] (aborts otherwise).
  static Date FromDayNumber(int64_t days);

  // Parses ISO 8601 "YYYY-MM-DD" (exactly that shape, ASCII digits).
  // Errors: kInvalidInput, e.g. `"2025-02-30": February 2025 has 28 days`.
  static Result<Date> ParseIso(std::string_view text);

  // Parses a date as a resident types it: ISO "YYYY-MM-DD", or day first as
  // "dd/mm/yyyy" or "d/m/yyyy" with '/', '-' or '.' (the same separator both
  // times); surrounding spaces and tabs are ignored. The year always has four
  // digits, so "5/3/90" is refused rather than guessed. Errors: kInvalidInput,
  // e.g. `"31/02/2024": day 31 does not exist: February 2024 has 29 days`
  // (English, for logs: callers show residents their own message).
  static Result<Date> ParseTyped(std::string_view text);

  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }

  // Days since 1970-01-01.
  int64_t DayNumber() const;
  Weekday GetWeekday() const;
  bool IsWeekend() const;

  // `n` days later (earlier when negative). REQUIRES: result in range.
  Date AddDays(int64_t n) const { return FromDayNumber(DayNumber() + n); }

  // "2025-01-29".
  std::string ToIso() const;
  // How Vietnamese forms write a date: "29/01/2025".
  std::string ToVietnamese() const;

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  constexpr Date(int year, int month, int day) : year_(year), month_(month), day_(day) {}

  // Field order makes the defaulted <=> chronological.
  int year_ = 1970;
  int month_ = 1;
  int day_ = 1;
};

// Prints "2025-01-29" (for test failure messages).
void PrintTo(const Date& date, std::ostream* os);

bool IsLeapYear(int year);

// `s` without leading and trailing spaces and tabs.
std::string_view TrimBlanks(std::string_view s);

// `text` in double quotes for an error message, cut to 40 bytes (then "...")
// with every byte outside printable ASCII shown as '?', so a message stays
// short and printable whatever the input was.
std::string Quote(std::string_view text);
// Days in `month` of `year`. REQUIRES: 1 <= month <= 12.
int DaysInMonth(int year, int month);

// Vietnamese weekday name as printed on forms: "Thứ Hai" ... "Chủ nhật".
std::string_view VietnameseWeekdayName(Weekday w);

// Days since 1970-01-01 of a proleptic Gregorian date (no validation; any
// year in ±10^12). Exposed for the astronomy code, which works in day numbers.
constexpr int64_t DaysFromCivil(int64_t year, int month, int day) {
  // Shift the year to start in March so the leap day is the last day of it.
  const int64_t y = month <= 2 ? year - 1 : year;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                          // [0, 399]
  const int64_t mp = (month + 9) % 12;                        // March = 0
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;           // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;                         // 1970-01-01 = 0
}

}  // namespace dvc::calendar
