// Wall-clock time in Vietnam, which has one time zone, UTC+7 (Indochina
// Time), and no daylight saving. Because the offset is fixed, the
// conversion from Unix seconds is arithmetic: no TZ database is involved, so
// a kiosk with a mis-set TZ variable still prints the right local time.
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "calendar/date.h"
#include "core/status.h"

namespace dvc::calendar {

// UTC+7, in seconds.
inline constexpr int64_t kVietnamUtcOffsetSeconds = 7 * 3600;
// The widest offset from UTC accepted (RFC 3339 allows up to 23:59).
inline constexpr int64_t kMaxUtcOffsetSeconds = 24 * 3600 - 60;

// A time of day, to the second: 00:00:00 ... 23:59:59.
struct TimeOfDay {
  int hour = 0;
  int minute = 0;
  int second = 0;

  // The time `seconds` after midnight. REQUIRES: 0 <= seconds < 86400.
  static TimeOfDay FromSeconds(int seconds);
  // Errors: kInvalidInput if a field is out of range.
  static Result<TimeOfDay> FromHms(int hour, int minute, int second = 0);
  // Parses "HH:MM" or "HH:MM:SS" (24-hour, two digits each).
  // Errors: kInvalidInput (`"7h30": expected a time HH:MM`).
  static Result<TimeOfDay> Parse(std::string_view text);

  int SecondsSinceMidnight() const { return hour * 3600 + minute * 60 + second; }
  // "07:30" (seconds are dropped: forms show minutes).
  std::string ToHhMm() const;

  friend bool operator==(const TimeOfDay&, const TimeOfDay&) = default;
  friend auto operator<=>(const TimeOfDay&, const TimeOfDay&) = default;
};

// A date and time of day on a wall clock: Vietnam's unless another offset
// from UTC is given (0 gives UTC itself, as the sync API writes instants).
struct LocalDateTime {
  Date date;
  TimeOfDay time;

  // The wall-clock time of a Unix timestamp (seconds since
  // 1970-01-01T00:00:00Z) at `offset_seconds` east of UTC. Errors:
  // kInvalidInput if the result would fall outside years 1–9999.
  // REQUIRES: |offset_seconds| <= kMaxUtcOffsetSeconds.
  static Result<LocalDateTime> FromUnixSeconds(int64_t unix_seconds,
                                               int64_t offset_seconds = kVietnamUtcOffsetSeconds);
  // Parses "YYYY-MM-DDTHH:MM[:SS]" (a space may replace the T); no offset
  // suffix, since the time is already Vietnam's. Errors: kInvalidInput.
  static Result<LocalDateTime> ParseIso(std::string_view text);

  // The Unix timestamp of this wall-clock time at `offset_seconds` east of UTC.
  int64_t ToUnixSeconds(int64_t offset_seconds = kVietnamUtcOffsetSeconds) const;
  // "2025-01-29T08:30:00".
  std::string ToIso() const;
  // As on Vietnamese forms: "08:30, 29/01/2025".
  std::string ToVietnamese() const;

  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
  friend auto operator<=>(const LocalDateTime&, const LocalDateTime&) = default;
};

// Prints "2025-01-29T08:30:00" (for test failure messages).
void PrintTo(const LocalDateTime& t, std::ostream* os);

}  // namespace dvc::calendar
