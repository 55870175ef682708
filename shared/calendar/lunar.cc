#include "calendar/lunar.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ostream>
#include <tuple>

#include "calendar/astronomy.h"

namespace dvc::calendar {
namespace {

namespace astro = astronomy;

constexpr double kSynodicMonth = 29.530588861;
constexpr double kNewMoonEpochJde = 2451550.09766;  // k = 0

// Astronomy for one time zone: local days of new moons and solar terms.
class Sky {
 public:
  explicit Sky(double utc_offset_hours) : offset_(utc_offset_hours) {}

  // Local day number of the new moon with lunation number k.
  int64_t NewMoonDay(int64_t k) const {
    return astro::LocalDayNumberOfJd(astro::TtToUt(astro::NewMoonJde(k)), offset_);
  }

  // Which 30° sector of the ecliptic the Sun is in at the local midnight
  // starting `day`. A month [d1, d2) contains a major solar term exactly when
  // the sector at d1 differs from the sector at d2 (the Sun moves ~30.6° at
  // most in a 30-day month, far below the 360° that would fool this test).
  int SunSectorAtMidnight(int64_t day) const {
    const double jde = astro::UtToTt(astro::JdOfLocalMidnight(day, offset_));
    return static_cast<int>(std::floor(astro::SunApparentLongitude(jde) / 30.0));
  }

  // Lunation number of the month 11 of Gregorian year `year`: the month whose
  // first day is the last new-moon day on or before the local day of that
  // year's winter solstice.
  int64_t Month11(int year) const {
    // Solstice: solve λ(jde) = 270°, starting from December 21 (Meeus ch. 27).
    double jde = 2451545.0 + (DaysFromCivil(year, 12, 21) - DaysFromCivil(2000, 1, 1));
    for (int i = 0; i < 50; ++i) {
      const double correction =
          58.0 * std::sin((270.0 - astro::SunApparentLongitude(jde)) * 3.14159265358979 / 180.0);
      jde += correction;
      if (std::abs(correction) < 1e-7) break;
    }
    const int64_t solstice_day = astro::LocalDayNumberOfJd(astro::TtToUt(jde), offset_);
    int64_t k = static_cast<int64_t>(std::floor((jde - kNewMoonEpochJde) / kSynodicMonth)) + 1;
    while (NewMoonDay(k) > solstice_day) --k;
    return k;
  }

 private:
  double offset_;
};

}  // namespace

std::string LunarDate::ToVietnamese() const {
  return std::to_string(day) + "/" + std::to_string(month) + (leap ? " nhuận" : "") + "/" +
         std::to_string(year);
}

void PrintTo(const LunarDate& d, std::ostream* os) { *os << d.ToVietnamese(); }

LunarCalendar::LunarCalendar(double utc_offset_hours) : utc_offset_hours_(utc_offset_hours) {
  const Sky sky(utc_offset_hours);
  // Sui Y runs from Month11(Y - 1) to Month11(Y). Y = kFirstYear covers
  // January 1 of kFirstYear; Y = kLastYear + 1 covers December 31 of kLastYear.
  int64_t ka = sky.Month11(kFirstYear - 1);
  int64_t day_a = sky.NewMoonDay(ka);
  for (int y = kFirstYear; y <= kLastYear + 1; ++y) {
    const int64_t kb = sky.Month11(y);
    const int count = static_cast<int>(kb - ka);
    if (count != 12 && count != 13) std::abort();  // astronomy broken
    std::vector<int64_t> starts;
    std::vector<bool> has_term;
    starts.reserve(14);
    starts.push_back(day_a);
    for (int i = 1; i <= count; ++i) starts.push_back(sky.NewMoonDay(ka + i));
    int leap_index = -1;
    if (count == 13) {
      int sector = sky.SunSectorAtMidnight(starts[1]);
      for (int i = 1; i < count && leap_index < 0; ++i) {
        const int next_sector = sky.SunSectorAtMidnight(starts[i + 1]);
        if (next_sector == sector) leap_index = i;
        sector = next_sector;
      }
      if (leap_index < 0) std::abort();  // 13 months cannot all hold a term
    }
    int number = 10;  // the month before month 11
    int year = y - 1;
    for (int i = 0; i < count; ++i) {
      const bool leap = i == leap_index;
      if (!leap) {
        number = number % 12 + 1;
        if (number == 1) year = y;
      }
      months_.push_back(
          LunarMonth{starts[i], static_cast<int>(starts[i + 1] - starts[i]), year, number, leap});
    }
    ka = kb;
    day_a = starts[count];
  }
}

const LunarCalendar& LunarCalendar::Vietnam() {
  static const LunarCalendar kVietnam(7.0);
  return kVietnam;
}

Date LunarCalendar::first_date() const { return Date::FromDayNumber(months_.front().first_day); }

Date LunarCalendar::last_date() const {
  return Date::FromDayNumber(months_.back().first_day + months_.back().length - 1);
}

Result<LunarDate> LunarCalendar::FromSolar(Date date) const {
  const int64_t n = date.DayNumber();
  if (n < months_.front().first_day || date > last_date()) {
    return Status::InvalidInput("the lunar calendar covers " + first_date().ToVietnamese() +
                                " to " + last_date().ToVietnamese() + ", not " +
                                date.ToVietnamese());
  }
  auto it = std::upper_bound(months_.begin(), months_.end(), n,
                             [](int64_t v, const LunarMonth& m) { return v < m.first_day; });
  const LunarMonth& m = *std::prev(it);
  return LunarDate{m.year, m.month, static_cast<int>(n - m.first_day) + 1, m.leap};
}

Result<Date> LunarCalendar::ToSolar(const LunarDate& lunar) const {
  const auto key = [](const LunarMonth& m) { return std::make_tuple(m.year, m.month, m.leap); };
  const auto wanted = std::make_tuple(lunar.year, lunar.month, lunar.leap);
  auto it = std::lower_bound(months_.begin(), months_.end(), wanted,
                             [&](const LunarMonth& m, const auto& w) { return key(m) < w; });
  const std::string name = std::string(lunar.leap ? "leap month " : "month ") +
                           std::to_string(lunar.month) + " of lunar year " +
                           std::to_string(lunar.year);
  if (it == months_.end() || key(*it) != wanted) {
    if (lunar.year < months_.front().year || lunar.year > months_.back().year) {
      return Status::InvalidInput(name + " is outside the computed calendar (" +
                                  std::to_string(kFirstYear) + "–" + std::to_string(kLastYear) +
                                  ")");
    }
    if (lunar.month < 1 || lunar.month > 12) {
      return Status::InvalidInput("lunar month " + std::to_string(lunar.month) +
                                  " is not between 1 and 12");
    }
    return Status::InvalidInput(name + " does not exist");
  }
  if (lunar.day < 1 || lunar.day > it->length) {
    return Status::InvalidInput("day " + std::to_string(lunar.day) + " does not exist: " + name +
                                " has " + std::to_string(it->length) + " days");
  }
  return Date::FromDayNumber(it->first_day + lunar.day - 1);
}

Result<Date> LunarCalendar::NewYear(int lunar_year) const {
  return ToSolar(LunarDate{lunar_year, 1, 1, false});
}

std::optional<int> LunarCalendar::LeapMonth(int lunar_year) const {
  for (const LunarMonth& m : months_) {
    if (m.year == lunar_year && m.leap) return m.month;
    if (m.year > lunar_year) break;
  }
  return std::nullopt;
}

}  // namespace dvc::calendar
