#include "catalog/civil_date.h"

#include <cstdio>

namespace dvc::catalog {
namespace {

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_digits digits from `text` at `*pos`; false when none.
bool ReadNumber(std::string_view text, size_t* pos, size_t min_digits, size_t max_digits,
                int* out) {
  size_t start = *pos;
  int value = 0;
  while (*pos < text.size() && IsDigit(text[*pos]) && *pos - start < max_digits) {
    value = value * 10 + (text[*pos] - '0');
    ++*pos;
  }
  size_t n = *pos - start;
  if (n < min_digits || (*pos < text.size() && IsDigit(text[*pos]))) return false;
  *out = value;
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool IsRealDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t CivilDate::ToDays() const {
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::FromDays(int64_t days) {
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  CivilDate d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

std::string CivilDate::ToIso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string CivilDate::ToDisplay() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", day, month, year);
  return buf;
}

std::optional<CivilDate> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  size_t pos = 0;
  CivilDate d;
  if (!ReadNumber(text, &pos, 4, 4, &d.year)) return std::nullopt;
  ++pos;
  if (!ReadNumber(text, &pos, 2, 2, &d.month)) return std::nullopt;
  ++pos;
  if (!ReadNumber(text, &pos, 2, 2, &d.day) || pos != text.size()) return std::nullopt;
  if (!IsRealDate(d.year, d.month, d.day)) return std::nullopt;
  return d;
}

std::optional<CivilDate> ParseUserDate(std::string_view text) {
  text = Trim(text);
  if (auto iso = ParseIsoDate(text)) return iso;
  size_t pos = 0;
  CivilDate d;
  if (!ReadNumber(text, &pos, 1, 2, &d.day)) return std::nullopt;
  if (pos >= text.size()) return std::nullopt;
  char sep = text[pos];
  if (sep != '/' && sep != '-' && sep != '.') return std::nullopt;
  ++pos;
  if (!ReadNumber(text, &pos, 1, 2, &d.month)) return std::nullopt;
  if (pos >= text.size() || text[pos] != sep) return std::nullopt;
  ++pos;
  if (!ReadNumber(text, &pos, 4, 4, &d.year) || pos != text.size()) return std::nullopt;
  if (!IsRealDate(d.year, d.month, d.day)) return std::nullopt;
  return d;
}

}  // namespace dvc::catalog
