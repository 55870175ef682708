#include "calendar/holidays.h"

#include <gtest/gtest.h>

#include <set>

#include "calendar/calendar_test_support.h"

namespace dvc::calendar {
namespace {

using test_support::D;

std::vector<Holiday> Computed(int year) {
  Result<std::vector<Holiday>> days = ComputeStatutoryHolidays(year, LunarCalendar::Vietnam());
  EXPECT_TRUE(days.ok()) << days.status().message();
  return days.ok() ? *days : std::vector<Holiday>{};
}

// 2022 needs every rule: 1/1 on a Saturday, Hùng Kings' day on a Sunday,
// 30/4 and 1/5 on a weekend, Tết on weekdays. The compensations computed
// here are the ones the Government announced that year.
TEST(HolidaysTest, Year2022WithCompensatoryDays) {
  const std::vector<Holiday> expected = {
      {D(2022, 1, 1), "Tết Dương lịch"},
      {D(2022, 1, 3), "Nghỉ bù Tết Dương lịch"},
      {D(2022, 1, 31), "Tết Nguyên đán"},
      {D(2022, 2, 1), "Tết Nguyên đán"},
      {D(2022, 2, 2), "Tết Nguyên đán"},
      {D(2022, 2, 3), "Tết Nguyên đán"},
      {D(2022, 2, 4), "Tết Nguyên đán"},
      {D(2022, 4, 10), "Giỗ Tổ Hùng Vương"},
      {D(2022, 4, 11), "Nghỉ bù Giỗ Tổ Hùng Vương"},
      {D(2022, 4, 30), "Ngày Chiến thắng"},
      {D(2022, 5, 1), "Ngày Quốc tế Lao động"},
      {D(2022, 5, 2), "Nghỉ bù Ngày Chiến thắng"},
      {D(2022, 5, 3), "Nghỉ bù Ngày Quốc tế Lao động"},
      {D(2022, 9, 1), "Quốc khánh"},
      {D(2022, 9, 2), "Quốc khánh"},
  };
  EXPECT_EQ(Computed(2022), expected);
}

TEST(HolidaysTest, TetIsTheLunarYearsLastDayAndFirstFourDays) {
  // 2025: Tết on Wednesday 29/1; the 29-day 12th month ends on 28/1.
  std::vector<Date> tet;
  for (const Holiday& h : Computed(2025)) {
    if (h.name == "Tết Nguyên đán") tet.push_back(h.date);
  }
  EXPECT_EQ(tet, (std::vector<Date>{D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31),
                                    D(2025, 2, 1)}));
}

TEST(HolidaysTest, TetOverAWeekendIsCompensatedAfterTheBlock) {
  // 2024: Tết 10/2 is a Saturday; the five days 9–13/2 include Saturday and
  // Sunday, compensated on the next two weekdays, 14 and 15/2.
  std::set<Date> off;
  for (const Holiday& h : Computed(2024)) off.insert(h.date);
  for (int d = 9; d <= 15; ++d) EXPECT_EQ(off.count(D(2024, 2, d)), 1u) << d;
  EXPECT_EQ(off.count(D(2024, 2, 16)), 0u);
}

TEST(HolidaysTest, NationalDayOnMondayTakesTuesday) {
  // 2/9/2024 was a Monday; the default adjacent day 1/9 is a Sunday, so it
  // moves to Tuesday 3/9, as the Government decided that year.
  std::set<Date> off;
  for (const Holiday& h : Computed(2024)) off.insert(h.date);
  EXPECT_EQ(off.count(D(2024, 9, 2)), 1u);
  EXPECT_EQ(off.count(D(2024, 9, 3)), 1u);
  EXPECT_EQ(off.count(D(2024, 9, 4)), 0u);
}

TEST(HolidaysTest, EveryYearHasElevenHolidaysAndWeekdayCompensations) {
  for (int year = LunarCalendar::kFirstYear; year <= LunarCalendar::kLastYear; ++year) {
    const std::vector<Holiday> days = Computed(year);
    int statutory = 0;
    int weekend_statutory = 0;
    int compensations = 0;
    for (const Holiday& h : days) {
      ASSERT_EQ(h.date.year(), year);
      if (h.name.rfind("Nghỉ bù", 0) == 0) {
        ++compensations;
        ASSERT_FALSE(h.date.IsWeekend()) << h.date.ToIso();
      } else {
        ++statutory;
        weekend_statutory += h.date.IsWeekend() ? 1 : 0;
      }
    }
    ASSERT_EQ(statutory, year == 1947 ? 10 : 11) << year;  // see CoincidingHolidays
    ASSERT_EQ(compensations, weekend_statutory) << year;
    std::set<Date> unique;
    for (const Holiday& h : days) unique.insert(h.date);
    ASSERT_EQ(unique.size(), days.size()) << year << ": two holidays on one day";
  }
}

TEST(HolidaysTest, CoincidingHolidaysMakeOneDayOff) {
  // In 1947 lunar 10/3 fell on 30 April: one day off carrying both names.
  int count = 0;
  for (const Holiday& h : Computed(1947)) {
    if (h.date == D(1947, 4, 30)) {
      ++count;
      EXPECT_EQ(h.name, "Ngày Chiến thắng, Giỗ Tổ Hùng Vương");
    }
  }
  EXPECT_EQ(count, 1);
}

TEST(HolidaysTest, RefusesYearsOutsideTheLunarTable) {
  EXPECT_FALSE(ComputeStatutoryHolidays(1899, LunarCalendar::Vietnam()).ok());
  EXPECT_FALSE(ComputeStatutoryHolidays(2200, LunarCalendar::Vietnam()).ok());
}

}  // namespace
}  // namespace dvc::calendar
