#include "calendar/working_calendar.h"

#include <gtest/gtest.h>

#include <string>

#include "calendar/calendar_test_support.h"

namespace dvc::calendar {
namespace {

using test_support::D;

const WorkingCalendar& Shipped() {
  static const WorkingCalendar kCalendar(
      HolidayData::LoadFile(std::string(DVC_SOURCE_DIR) + "/assets/holidays/vn.json").value());
  return kCalendar;
}

TEST(WorkingCalendarTest, WeekdaysWorkWeekendsDoNot) {
  const WorkingCalendar& cal = Shipped();
  EXPECT_TRUE(cal.IsWorkingDay(D(2026, 3, 4)));   // Wednesday
  EXPECT_FALSE(cal.IsWorkingDay(D(2026, 3, 7)));  // Saturday
  EXPECT_FALSE(cal.IsWorkingDay(D(2026, 3, 8)));  // Sunday
  EXPECT_EQ(cal.DayOffReason(D(2026, 3, 7)), "Thứ Bảy");
  EXPECT_EQ(cal.DayOffReason(D(2026, 3, 4)), std::nullopt);
}

TEST(WorkingCalendarTest, DeclaredYearUsesTheFile) {
  const WorkingCalendar& cal = Shipped();
  // Tết 2026: Monday 16 to Friday 20 February.
  for (int d = 16; d <= 20; ++d) EXPECT_FALSE(cal.IsWorkingDay(D(2026, 2, d))) << d;
  EXPECT_EQ(cal.DayOffReason(D(2026, 2, 17)), "Tết Nguyên đán");
  EXPECT_TRUE(cal.IsWorkingDay(D(2026, 2, 23)));
  // 1/1/2026 was a Thursday; Friday 2/1 was swapped with Saturday 10/1.
  EXPECT_FALSE(cal.IsWorkingDay(D(2026, 1, 2)));
  EXPECT_TRUE(cal.IsWorkingDay(D(2026, 1, 10)));
  // 2025: Friday 2/5 swapped with Saturday 26/4.
  EXPECT_FALSE(cal.IsWorkingDay(D(2025, 5, 2)));
  EXPECT_TRUE(cal.IsWorkingDay(D(2025, 4, 26)));
  EXPECT_TRUE(cal.Summary(2026).declared);
}

TEST(WorkingCalendarTest, ADeclaredYearReplacesTheComputedOneEntirely) {
  Result<HolidayData> data = HolidayData::Parse(
      R"({"format": 1, "years": {"2026": {"days_off": ["2026-01-01"]}}})", "test.json");
  ASSERT_TRUE(data.ok());
  const WorkingCalendar cal(*data);
  EXPECT_FALSE(cal.IsWorkingDay(D(2026, 1, 1)));
  EXPECT_TRUE(cal.IsWorkingDay(D(2026, 2, 17)));  // Tết not listed, so a working day
  EXPECT_FALSE(cal.IsWorkingDay(D(2027, 2, 8)));  // other years still computed
}

TEST(WorkingCalendarTest, UndeclaredYearUsesTheLaw) {
  const WorkingCalendar& cal = Shipped();
  // 2027: Tết is Saturday 6/2. Days off: Friday 5/2 (last day of the year)
  // to Tuesday 9/2, plus two compensatory days for the weekend: 10 and 11/2.
  for (int d = 5; d <= 11; ++d) EXPECT_FALSE(cal.IsWorkingDay(D(2027, 2, d))) << d;
  EXPECT_TRUE(cal.IsWorkingDay(D(2027, 2, 4)));
  EXPECT_TRUE(cal.IsWorkingDay(D(2027, 2, 12)));
  EXPECT_EQ(cal.DayOffReason(D(2027, 2, 10)), "Nghỉ bù Tết Nguyên đán");
  const WorkingCalendar::YearSummary s = cal.Summary(2027);
  EXPECT_FALSE(s.declared);
  EXPECT_TRUE(s.makeup_working_days.empty());
  EXPECT_EQ(s.days_off.front().date, D(2027, 1, 1));
}

TEST(WorkingCalendarTest, NextWorkingDaySkipsTet) {
  const WorkingCalendar& cal = Shipped();
  EXPECT_EQ(cal.NextWorkingDay(D(2025, 1, 24)).value(), D(2025, 2, 3));
  EXPECT_EQ(cal.NextWorkingDay(D(2026, 1, 9)).value(), D(2026, 1, 10));  // make-up Saturday
  EXPECT_EQ(cal.NextWorkingDay(D(2026, 3, 6)).value(), D(2026, 3, 9));
}

TEST(WorkingCalendarTest, AddWorkingDays) {
  const WorkingCalendar& cal = Shipped();
  EXPECT_EQ(cal.AddWorkingDays(D(2026, 3, 4), 0).value(), D(2026, 3, 4));
  EXPECT_EQ(cal.AddWorkingDays(D(2026, 3, 7), 0).value(), D(2026, 3, 7));  // unchanged
  EXPECT_EQ(cal.AddWorkingDays(D(2026, 3, 4), 3).value(), D(2026, 3, 9));
  EXPECT_EQ(cal.AddWorkingDays(D(2026, 2, 13), 1).value(), D(2026, 2, 23));
  // 2026 has 365 days - 104 weekend days - 13 weekday days off (shipped
  // file) + 1 make-up Saturday = 249 working days; 31/12/2026 is one.
  EXPECT_EQ(cal.AddWorkingDays(D(2025, 12, 31), 249).value(), D(2026, 12, 31));
}

TEST(WorkingCalendarTest, AddWorkingDaysErrors) {
  const WorkingCalendar& cal = Shipped();
  EXPECT_FALSE(cal.AddWorkingDays(D(2026, 3, 4), -1).ok());
  EXPECT_FALSE(cal.AddWorkingDays(D(2199, 12, 20), 30).ok());
  EXPECT_FALSE(cal.AddWorkingDays(D(2200, 1, 1), 1).ok());
  EXPECT_FALSE(cal.NextWorkingDay(D(2199, 12, 31)).ok());
  EXPECT_TRUE(cal.NextWorkingDay(D(1900, 1, 1)).ok());
}

}  // namespace
}  // namespace dvc::calendar
