#include "calendar/local_time.h"

#include <cstdio>
#include <cstdlib>
#include <ostream>

namespace dvc::calendar {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

int TwoDigits(std::string_view text, size_t pos) {
  const char a = text[pos];
  const char b = text[pos + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
  return (a - '0') * 10 + (b - '0');
}

// Floor division, so that times before 1970 land on the right day.
int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

TimeOfDay TimeOfDay::FromSeconds(int seconds) {
  if (seconds < 0 || seconds >= kSecondsPerDay) std::abort();
  return TimeOfDay{seconds / 3600, seconds / 60 % 60, seconds % 60};
}

Result<TimeOfDay> TimeOfDay::FromHms(int hour, int minute, int second) {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return Status::InvalidInput("time " + std::to_string(hour) + ":" + std::to_string(minute) +
                                ":" + std::to_string(second) + " does not exist");
  }
  return TimeOfDay{hour, minute, second};
}

Result<TimeOfDay> TimeOfDay::Parse(std::string_view text) {
  const bool hm = text.size() == 5 && text[2] == ':';
  const bool hms = text.size() == 8 && text[2] == ':' && text[5] == ':';
  if (!hm && !hms) return Status::InvalidInput(Quote(text) + ": expected a time HH:MM");
  const int h = TwoDigits(text, 0);
  const int m = TwoDigits(text, 3);
  const int s = hms ? TwoDigits(text, 6) : 0;
  if (h < 0 || m < 0 || s < 0) {
    return Status::InvalidInput(Quote(text) + ": expected a time HH:MM");
  }
  Result<TimeOfDay> t = FromHms(h, m, s);
  if (!t.ok()) return t.status().WithContext(Quote(text));
  return t;
}

std::string TimeOfDay::ToHhMm() const {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", hour, minute);
  return buf;
}

Result<LocalDateTime> LocalDateTime::FromUnixSeconds(int64_t unix_seconds,
                                                     int64_t offset_seconds) {
  if (offset_seconds < -kMaxUtcOffsetSeconds || offset_seconds > kMaxUtcOffsetSeconds) std::abort();
  // Bound first so the addition below cannot overflow.
  const int64_t min = DaysFromCivil(kMinYear, 1, 1) * kSecondsPerDay - offset_seconds;
  const int64_t max =
      (DaysFromCivil(kMaxYear, 12, 31) + 1) * kSecondsPerDay - 1 - offset_seconds;
  if (unix_seconds < min || unix_seconds > max) {
    return Status::InvalidInput("timestamp " + std::to_string(unix_seconds) +
                                " is outside years 1–9999");
  }
  const int64_t local = unix_seconds + offset_seconds;
  const int64_t day = FloorDiv(local, kSecondsPerDay);
  const int64_t second_of_day = local - day * kSecondsPerDay;
  return LocalDateTime{Date::FromDayNumber(day),
                       TimeOfDay::FromSeconds(static_cast<int>(second_of_day))};
}

Result<LocalDateTime> LocalDateTime::ParseIso(std::string_view text) {
  const auto fail = [&] {
    return Status::InvalidInput(Quote(text) + ": expected a date and time YYYY-MM-DDTHH:MM");
  };
  if (text.size() < 16 || (text[10] != 'T' && text[10] != ' ')) return fail();
  Result<Date> date = Date::ParseIso(text.substr(0, 10));
  if (!date.ok()) return date.status();
  Result<TimeOfDay> time = TimeOfDay::Parse(text.substr(11));
  if (!time.ok()) return time.status().WithContext(Quote(text));
  return LocalDateTime{*date, *time};
}

int64_t LocalDateTime::ToUnixSeconds(int64_t offset_seconds) const {
  return date.DayNumber() * kSecondsPerDay + time.SecondsSinceMidnight() - offset_seconds;
}

std::string LocalDateTime::ToIso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", time.hour, time.minute, time.second);
  return date.ToIso() + buf;
}

std::string LocalDateTime::ToVietnamese() const {
  return time.ToHhMm() + ", " + date.ToVietnamese();
}

void PrintTo(const LocalDateTime& t, std::ostream* os) { *os << t.ToIso(); }

}  // namespace dvc::calendar
