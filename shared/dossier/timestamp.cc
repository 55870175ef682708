#include "dossier/timestamp.h"

#include <cstdlib>

#include "calendar/date.h"
#include "calendar/local_time.h"

namespace dvc::dossier {

namespace {

constexpr std::string_view kNotRfc3339 = "is not RFC 3339 date-time text";

// One spelling per instant: keep to what FormatTimestamp writes back.
constexpr int64_t kFirstSecond = 0;  // 1970-01-01T00:00:00Z
constexpr int64_t kLastSecond = (calendar::DaysFromCivil(9999, 12, 31) + 1) * 86400 - 1;

}  // namespace

std::string FormatTimestamp(Timestamp t) {
  Result<calendar::LocalDateTime> utc =
      calendar::LocalDateTime::FromUnixSeconds(t.time_since_epoch().count(), 0);
  if (!utc.ok()) std::abort();  // outside years 1..9999: see REQUIRES
  return utc->ToIso() + "Z";
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  const auto bad = [&](std::string_view why) {
    return Status::InvalidInput(calendar::Quote(text) + " " + std::string(why));
  };
  if (text.size() < 20 || text.size() > 40) return bad(kNotRfc3339);
  const Result<calendar::Date> date = calendar::Date::ParseIso(text.substr(0, 10));
  if (!date.ok()) return date.status();
  const char t = text[10];
  if (t != 'T' && t != 't' && t != ' ') return bad(kNotRfc3339);
  // Exactly HH:MM:SS: TimeOfDay::Parse also takes HH:MM, which RFC 3339 does not.
  if (text[13] != ':' || text[16] != ':') return bad(kNotRfc3339);
  const Result<calendar::TimeOfDay> time = calendar::TimeOfDay::Parse(text.substr(11, 8));
  if (!time.ok()) return time.status();
  size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    const size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return bad("has an empty fraction of a second");
  }
  int64_t offset_seconds = 0;
  const std::string_view zone = text.substr(pos);
  if (zone == "Z" || zone == "z") {
    offset_seconds = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-')) {
    const Result<calendar::TimeOfDay> offset = calendar::TimeOfDay::Parse(zone.substr(1));
    if (!offset.ok()) return bad("has a bad UTC offset");
    offset_seconds = (zone[0] == '-' ? -1 : 1) * int64_t{offset->SecondsSinceMidnight()};
  } else {
    return bad("needs Z or a UTC offset like +07:00 at the end");
  }
  const int64_t unix_seconds = calendar::LocalDateTime{*date, *time}.ToUnixSeconds(offset_seconds);
  if (unix_seconds < kFirstSecond || unix_seconds > kLastSecond) {
    return bad("is outside the years 1970 to 9999 (UTC)");
  }
  return Timestamp(std::chrono::seconds(unix_seconds));
}

}  // namespace dvc::dossier
