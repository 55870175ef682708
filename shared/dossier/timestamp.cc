#include "dossier/timestamp.h"

#include <cstdio>

#include "calendar/date.h"

namespace dvc::dossier {

namespace {

using namespace std::chrono;

// Reads `width` ASCII digits at text[pos]; -1 if any is not a digit.
int Digits(std::string_view text, size_t pos, size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::string FormatTimestamp(Timestamp t) {
  const sys_days days = floor<std::chrono::days>(t);
  const year_month_day date(days);
  const hh_mm_ss<seconds> time(t - days);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(time.hours().count()),
                int(time.minutes().count()), int(time.seconds().count()));
  return buffer;
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  const auto bad = [&](const std::string& why) {
    return Status::InvalidInput("\"" + std::string(text.substr(0, 40)) + "\" " + why);
  };
  if (text.size() < 20 || text.size() > 40) return bad("is not RFC 3339 date-time text");
  const Result<calendar::Date> date = calendar::Date::ParseIso(text.substr(0, 10));
  if (!date.ok()) return date.status();
  const char t = text[10];
  if (t != 'T' && t != 't' && t != ' ') return bad("is not RFC 3339 date-time text");
  const int hh = Digits(text, 11, 2);
  const int mm = Digits(text, 14, 2);
  const int ss = Digits(text, 17, 2);
  if (hh < 0 || mm < 0 || ss < 0 || text[13] != ':' || text[16] != ':') {
    return bad("is not RFC 3339 date-time text");
  }
  if (hh > 23 || mm > 59 || ss > 59) return bad("has a time of day out of range");
  size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    const size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return bad("has an empty fraction of a second");
  }
  int offset_minutes = 0;
  const std::string_view zone = text.substr(pos);
  if (zone == "Z" || zone == "z") {
    offset_minutes = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const int oh = Digits(zone, 1, 2);
    const int om = Digits(zone, 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return bad("has a bad UTC offset");
    offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return bad("needs Z or a UTC offset like +07:00 at the end");
  }
  const Timestamp result(sys_days(days(date->DayNumber())) + hours(hh) + minutes(mm) + seconds(ss) -
                         minutes(offset_minutes));
  // One spelling per instant: keep to what FormatTimestamp writes back.
  constexpr Timestamp kFirst = sys_days(year(1970) / 1 / 1);
  constexpr Timestamp kLast =
      sys_days(year(9999) / 12 / 31) + hours(23) + minutes(59) + seconds(59);
  if (result < kFirst || result > kLast) return bad("is outside the years 1970 to 9999 (UTC)");
  return result;
}

}  // namespace dvc::dossier
