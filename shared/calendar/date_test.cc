#include "calendar/date.h"

#include <gtest/gtest.h>

#include "calendar/local_time.h"

namespace dvc::calendar {
namespace {

TEST(DateTest, DayNumbersOfKnownDates) {
  EXPECT_EQ(Date::Ymd(1970, 1, 1).DayNumber(), 0);
  EXPECT_EQ(Date::Ymd(2000, 3, 1).DayNumber(), 11017);
  EXPECT_EQ(Date::Ymd(1969, 12, 31).DayNumber(), -1);
  EXPECT_EQ(Date::FromDayNumber(20117), Date::Ymd(2025, 1, 29));
  EXPECT_EQ(Date::FromDayNumber(-25567), Date::Ymd(1900, 1, 1));
}

TEST(DateTest, RoundTripsEveryDayOfFourCenturies) {
  Date expected = Date::Ymd(1800, 1, 1);
  for (int64_t n = expected.DayNumber(); n < Date::Ymd(2200, 1, 1).DayNumber(); ++n) {
    const Date d = Date::FromDayNumber(n);
    ASSERT_EQ(d, expected);
    ASSERT_EQ(d.DayNumber(), n);
    // Next day by the calendar rules, independently of the algorithm.
    if (expected.day() < DaysInMonth(expected.year(), expected.month())) {
      expected = Date::Ymd(expected.year(), expected.month(), expected.day() + 1);
    } else if (expected.month() < 12) {
      expected = Date::Ymd(expected.year(), expected.month() + 1, 1);
    } else {
      expected = Date::Ymd(expected.year() + 1, 1, 1);
    }
  }
}

TEST(DateTest, Weekdays) {
  EXPECT_EQ(Date::Ymd(2025, 1, 29).GetWeekday(), Weekday::kWednesday);
  EXPECT_EQ(Date::Ymd(1970, 1, 1).GetWeekday(), Weekday::kThursday);
  EXPECT_EQ(Date::Ymd(1900, 1, 1).GetWeekday(), Weekday::kMonday);
  EXPECT_EQ(Date::Ymd(2026, 2, 14).GetWeekday(), Weekday::kSaturday);
  EXPECT_TRUE(Date::Ymd(2026, 2, 15).IsWeekend());
  EXPECT_FALSE(Date::Ymd(2026, 2, 16).IsWeekend());
  EXPECT_EQ(VietnameseWeekdayName(Date::Ymd(2026, 2, 15).GetWeekday()), "Chủ nhật");
  EXPECT_EQ(VietnameseWeekdayName(Weekday::kMonday), "Thứ Hai");
}

TEST(DateTest, LeapYears) {
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(2025));
  EXPECT_TRUE(Date::FromYmd(2024, 2, 29).ok());
  EXPECT_FALSE(Date::FromYmd(2100, 2, 29).ok());
}

TEST(DateTest, ParsesAndFormatsIso) {
  Result<Date> d = Date::ParseIso("2026-02-17");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, Date::Ymd(2026, 2, 17));
  EXPECT_EQ(d->ToIso(), "2026-02-17");
  EXPECT_EQ(d->ToVietnamese(), "17/02/2026");
  EXPECT_EQ(Date::Ymd(5, 3, 9).ToIso(), "0005-03-09");
}

TEST(DateTest, RejectsMalformedIsoWithClearMessages) {
  EXPECT_EQ(Date::ParseIso("2025-02-30").status().message(),
            "\"2025-02-30\": day 30 does not exist: February 2025 has 28 days");
  EXPECT_EQ(Date::ParseIso("2025-13-01").status().message(),
            "\"2025-13-01\": month 13 is not between 1 and 12");
  EXPECT_EQ(Date::ParseIso("17/02/2026").status().message(),
            "\"17/02/2026\": expected a date YYYY-MM-DD");
  for (const char* bad :
       {"", "2025-1-01", "2025-01-1", "+025-01-01", "2025-01-01 ", "２０２５-01-01", "2025/01/01",
        "0000-01-01", "2025-00-10", "2025-01-00"}) {
    EXPECT_FALSE(Date::ParseIso(bad).ok()) << bad;
  }
}

TEST(DateTest, IsoRefusesImpossibleDays) {
  EXPECT_EQ(*Date::ParseIso("2024-02-29"), Date::Ymd(2024, 2, 29));
  EXPECT_TRUE(Date::ParseIso("2000-02-29").ok());   // divisible by 400: leap
  EXPECT_FALSE(Date::ParseIso("1900-02-29").ok());  // by 100 only: not leap
  EXPECT_FALSE(Date::ParseIso("2023-02-29").ok());
  EXPECT_FALSE(Date::ParseIso("2025-07-01x").ok());
}

TEST(DateTest, ParsesWhatResidentsType) {
  EXPECT_EQ(*Date::ParseTyped("25/12/1990"), Date::Ymd(1990, 12, 25));
  EXPECT_EQ(*Date::ParseTyped("5/3/1990"), Date::Ymd(1990, 3, 5));
  EXPECT_EQ(*Date::ParseTyped(" 05-03-1990 "), Date::Ymd(1990, 3, 5));
  EXPECT_EQ(*Date::ParseTyped("05.03.1990"), Date::Ymd(1990, 3, 5));
  EXPECT_EQ(*Date::ParseTyped("\t1990-03-05 "), Date::Ymd(1990, 3, 5));
  for (const char* bad : {"31/02/2024", "29/02/2023", "5/3/90", "5/3-1990", "123/3/1990", "ngày 5",
                          "", " ", "5/3/19900", "5//1990", "1990/03/05", "2025-7-1", "05/03/1990x",
                          "5 /3/1990", "+5/3/1990"}) {
    Result<Date> d = Date::ParseTyped(bad);
    EXPECT_FALSE(d.ok()) << bad;
    if (!d.ok()) {
      EXPECT_EQ(d.status().code(), ErrorCode::kInvalidInput) << bad;
    }
  }
}

TEST(DateTest, TypedDatesExplainWhatIsWrong) {
  EXPECT_EQ(Date::ParseTyped("31/02/2024").status().message(),
            "\"31/02/2024\": day 31 does not exist: February 2024 has 29 days");
  EXPECT_EQ(Date::ParseTyped("2025-02-31").status().message(),
            "\"2025-02-31\": day 31 does not exist: February 2025 has 28 days");
  EXPECT_EQ(Date::ParseTyped(" 5/3/90 ").status().message(),
            "\"5/3/90\": expected a date dd/mm/yyyy");
}

TEST(DateTest, DayArithmeticAcrossTheWholeRange) {
  EXPECT_EQ(Date::Ymd(2024, 3, 1).DayNumber() - Date::Ymd(2024, 2, 28).DayNumber(), 2);
  for (int64_t days = -719162; days <= 2932896; days += 997) {  // 0001-01-01 .. 9999-12-31
    EXPECT_EQ(Date::FromDayNumber(days).DayNumber(), days);
  }
  EXPECT_EQ(Date::FromDayNumber(-719162), Date::Ymd(1, 1, 1));
  EXPECT_EQ(Date::FromDayNumber(2932896), Date::Ymd(9999, 12, 31));
}

TEST(DateTest, OrderingIsChronological) {
  EXPECT_LT(Date::Ymd(2025, 12, 31), Date::Ymd(2026, 1, 1));
  EXPECT_LT(Date::Ymd(2026, 1, 31), Date::Ymd(2026, 2, 1));
  EXPECT_EQ(Date::Ymd(2026, 1, 31).AddDays(1), Date::Ymd(2026, 2, 1));
  EXPECT_EQ(Date::Ymd(2024, 3, 1).AddDays(-1), Date::Ymd(2024, 2, 29));
}

TEST(LocalTimeTest, UnixSecondsToVietnamTime) {
  // 2025-01-28T17:00:00Z is midnight of Tết 2025 in Vietnam.
  Result<LocalDateTime> t = LocalDateTime::FromUnixSeconds(1738083600);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->date, Date::Ymd(2025, 1, 29));
  EXPECT_EQ(t->time, (TimeOfDay{0, 0, 0}));
  EXPECT_EQ(t->ToUnixSeconds(), 1738083600);
  // One second earlier is still the last day of the lunar year.
  EXPECT_EQ(LocalDateTime::FromUnixSeconds(1738083599)->ToIso(), "2025-01-28T23:59:59");
  // Before 1970: floor, not truncation.
  EXPECT_EQ(LocalDateTime::FromUnixSeconds(-25201)->ToIso(), "1969-12-31T23:59:59");
  EXPECT_EQ(LocalDateTime::FromUnixSeconds(0)->ToIso(), "1970-01-01T07:00:00");
}

TEST(LocalTimeTest, RoundTripsAcrossDays) {
  for (int64_t s = 1700000000; s < 1700000000 + 3 * 86400; s += 997) {
    Result<LocalDateTime> t = LocalDateTime::FromUnixSeconds(s);
    ASSERT_TRUE(t.ok());
    ASSERT_EQ(t->ToUnixSeconds(), s);
  }
}

TEST(LocalTimeTest, RejectsTimestampsOutsideYears1To9999) {
  EXPECT_FALSE(LocalDateTime::FromUnixSeconds(INT64_MAX).ok());
  EXPECT_FALSE(LocalDateTime::FromUnixSeconds(INT64_MIN).ok());
  EXPECT_TRUE(LocalDateTime::FromUnixSeconds(253402300799 - 7 * 3600).ok());  // 9999-12-31T23:59:59
  EXPECT_FALSE(LocalDateTime::FromUnixSeconds(253402300800 - 7 * 3600).ok());
}

TEST(LocalTimeTest, ParsesAndFormats) {
  Result<LocalDateTime> t = LocalDateTime::ParseIso("2026-02-13T16:45");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->ToVietnamese(), "16:45, 13/02/2026");
  EXPECT_EQ(LocalDateTime::ParseIso("2026-02-13 16:45:30")->time, (TimeOfDay{16, 45, 30}));
  EXPECT_FALSE(LocalDateTime::ParseIso("2026-02-13T24:00").ok());
  EXPECT_FALSE(LocalDateTime::ParseIso("2026-02-13T16:45Z").ok());
  EXPECT_FALSE(LocalDateTime::ParseIso("2026-02-13").ok());
  EXPECT_EQ(TimeOfDay::Parse("7h30").status().message(), "\"7h30\": expected a time HH:MM");
  EXPECT_EQ(TimeOfDay::Parse("07:60").status().message(), "\"07:60\": time 7:60:0 does not exist");
}

}  // namespace
}  // namespace dvc::calendar
