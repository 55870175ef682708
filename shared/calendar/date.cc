#include "calendar/date.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <ostream>

namespace dvc::calendar {
namespace {

constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

constexpr std::array<const char*, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Day numbers of 0001-01-01 and 9999-12-31.
constexpr int64_t kMinDayNumber = DaysFromCivil(kMinYear, 1, 1);
constexpr int64_t kMaxDayNumber = DaysFromCivil(kMaxYear, 12, 31);

// Parses exactly `width` ASCII digits at `text[pos]`; -1 if any is not one.
int ParseDigits(std::string_view text, size_t pos, size_t width) {
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads min_digits..max_digits ASCII digits at `text[*pos]` and advances past
// them; false when there are fewer, or more digits follow.
bool ReadNumber(std::string_view text, size_t* pos, size_t min_digits, size_t max_digits,
                int* out) {
  const size_t start = *pos;
  int value = 0;
  while (*pos < text.size() && IsDigit(text[*pos]) && *pos - start < max_digits) {
    value = value * 10 + (text[*pos] - '0');
    ++*pos;
  }
  if (*pos - start < min_digits || (*pos < text.size() && IsDigit(text[*pos]))) return false;
  *out = value;
  return true;
}

// True when `text[pos]` exists and is `sep`; advances past it.
bool ReadSeparator(std::string_view text, size_t* pos, char sep) {
  if (*pos >= text.size() || text[*pos] != sep) return false;
  ++*pos;
  return true;
}

}  // namespace

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text.substr(0, 40)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f) ? c : '?';
  }
  if (text.size() > 40) out += "...";
  return out + "\"";
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  if (month < 1 || month > 12) std::abort();
  return month == 2 && IsLeapYear(year) ? 29 : kDaysInMonth[month - 1];
}

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear) {
    return Status::InvalidInput("year " + std::to_string(year) + " is outside 1–9999");
  }
  if (month < 1 || month > 12) {
    return Status::InvalidInput("month " + std::to_string(month) + " is not between 1 and 12");
  }
  const int days = DaysInMonth(year, month);
  if (day < 1 || day > days) {
    return Status::InvalidInput("day " + std::to_string(day) +
                                " does not exist: " + kMonthNames[month - 1] + " " +
                                std::to_string(year) + " has " + std::to_string(days) + " days");
  }
  return Date(year, month, day);
}

Date Date::Ymd(int year, int month, int day) {
  Result<Date> d = FromYmd(year, month, day);
  if (!d.ok()) std::abort();
  return *d;
}

Date Date::FromDayNumber(int64_t days) {
  if (days < kMinDayNumber || days > kMaxDayNumber) std::abort();
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                       // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Date(year, month, day);
}

Result<Date> Date::ParseIso(std::string_view text) {
  const bool shape_ok = text.size() == 10 && text[4] == '-' && text[7] == '-';
  const int year = shape_ok ? ParseDigits(text, 0, 4) : -1;
  const int month = shape_ok ? ParseDigits(text, 5, 2) : -1;
  const int day = shape_ok ? ParseDigits(text, 8, 2) : -1;
  if (year < 0 || month < 0 || day < 0) {
    return Status::InvalidInput(Quote(text) + ": expected a date YYYY-MM-DD");
  }
  Result<Date> d = FromYmd(year, month, day);
  if (!d.ok()) return d.status().WithContext(Quote(text));
  return d;
}

Result<Date> Date::ParseTyped(std::string_view text) {
  text = TrimBlanks(text);
  // Four digits first can only be ISO; its parser gives the precise message.
  size_t year_digits = 0;
  while (year_digits < text.size() && IsDigit(text[year_digits])) ++year_digits;
  if (year_digits == 4) return ParseIso(text);
  // Day first, as Vietnamese forms write it; the separator seen first must
  // repeat, so "5/3-1990" is refused.
  size_t pos = 0;
  int day = 0;
  int month = 0;
  int year = 0;
  const bool day_ok = ReadNumber(text, &pos, 1, 2, &day);
  const char sep = day_ok && pos < text.size() ? text[pos] : '\0';
  const bool shape_ok = (sep == '/' || sep == '-' || sep == '.') &&
                        ReadSeparator(text, &pos, sep) && ReadNumber(text, &pos, 1, 2, &month) &&
                        ReadSeparator(text, &pos, sep) && ReadNumber(text, &pos, 4, 4, &year) &&
                        pos == text.size();
  if (!shape_ok) return Status::InvalidInput(Quote(text) + ": expected a date dd/mm/yyyy");
  Result<Date> d = FromYmd(year, month, day);
  if (!d.ok()) return d.status().WithContext(Quote(text));
  return d;
}

int64_t Date::DayNumber() const { return DaysFromCivil(year_, month_, day_); }

Weekday Date::GetWeekday() const {
  // 1970-01-01 was a Thursday (ISO 4).
  const int64_t n = DayNumber();
  const int64_t from_monday = ((n + 3) % 7 + 7) % 7;
  return static_cast<Weekday>(from_monday + 1);
}

bool Date::IsWeekend() const {
  const Weekday w = GetWeekday();
  return w == Weekday::kSaturday || w == Weekday::kSunday;
}

std::string Date::ToIso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year_, month_, day_);
  return buf;
}

std::string Date::ToVietnamese() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", day_, month_, year_);
  return buf;
}

void PrintTo(const Date& date, std::ostream* os) { *os << date.ToIso(); }

std::string_view VietnameseWeekdayName(Weekday w) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
  return kNames[static_cast<int>(w) - 1];
}

}  // namespace dvc::calendar
