#include "calendar/holidays.h"

#include <algorithm>
#include <array>
#include <set>

namespace dvc::calendar {
namespace {

// The fixed-date holidays of art. 112(1): month, day, name.
struct FixedHoliday {
  int month;
  int day;
  const char* name;
};

constexpr std::array<FixedHoliday, 5> kFixedHolidays = {{
    {1, 1, "Tết Dương lịch"},
    {4, 30, "Ngày Chiến thắng"},
    {5, 1, "Ngày Quốc tế Lao động"},
    {9, 1, "Quốc khánh"},  // the adjacent day; default choice
    {9, 2, "Quốc khánh"},
}};

constexpr char kTet[] = "Tết Nguyên đán";
constexpr char kHungKings[] = "Giỗ Tổ Hùng Vương";
constexpr int kTetDaysAfterNewYear = 4;  // lunar 1/1 .. 1/4, plus the eve

}  // namespace

Result<std::vector<Holiday>> ComputeStatutoryHolidays(int year, const LunarCalendar& lunar) {
  if (year < LunarCalendar::kFirstYear || year > LunarCalendar::kLastYear) {
    return Status::InvalidInput(
        "public holidays are computed for " + std::to_string(LunarCalendar::kFirstYear) + "–" +
        std::to_string(LunarCalendar::kLastYear) + ", not " + std::to_string(year));
  }
  std::vector<Holiday> days;
  for (const FixedHoliday& f : kFixedHolidays) {
    days.push_back(Holiday{Date::Ymd(year, f.month, f.day), f.name});
  }
  // Tết of lunar year `year` always starts between 21 January and 20
  // February, so its five days fall within Gregorian `year`.
  Result<Date> tet = lunar.NewYear(year);
  if (!tet.ok()) return tet.status();
  for (int i = -1; i <= kTetDaysAfterNewYear - 1; ++i) {
    days.push_back(Holiday{tet->AddDays(i), kTet});
  }
  Result<Date> hung_kings = lunar.ToSolar(LunarDate{year, 3, 10, false});
  if (!hung_kings.ok()) return hung_kings.status();
  days.push_back(Holiday{*hung_kings, kHungKings});
  std::stable_sort(days.begin(), days.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  // Two holidays on one day (Hùng Kings' day on 30/4, once in 1900–2199:
  // 1947) make one day off; the law grants no extra day for it.
  std::vector<Holiday> merged;
  for (Holiday& h : days) {
    if (!merged.empty() && merged.back().date == h.date) {
      merged.back().name += ", " + h.name;
    } else {
      merged.push_back(std::move(h));
    }
  }
  days = std::move(merged);

  // Art. 112(3): each holiday on a weekend moves to the next weekday that is
  // neither a holiday nor already taken by an earlier compensation.
  std::set<Date> taken;
  for (const Holiday& h : days) taken.insert(h.date);
  std::vector<Holiday> compensations;
  for (const Holiday& h : days) {
    if (!h.date.IsWeekend()) continue;
    Date c = h.date.AddDays(1);
    while (c.IsWeekend() || taken.count(c) != 0) c = c.AddDays(1);
    taken.insert(c);
    compensations.push_back(Holiday{c, "Nghỉ bù " + h.name});
  }
  days.insert(days.end(), compensations.begin(), compensations.end());
  std::stable_sort(days.begin(), days.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return days;
}

}  // namespace dvc::calendar
