#include "calendar/appointment.h"

#include <gtest/gtest.h>

#include <string>

#include "calendar/office_hours.h"

namespace dvc::calendar {
namespace {

const WorkingCalendar& Calendar() {
  static const WorkingCalendar kCalendar(
      HolidayData::LoadFile(std::string(DVC_SOURCE_DIR) + "/assets/holidays/vn.json").value());
  return kCalendar;
}

LocalDateTime At(const char* iso) { return LocalDateTime::ParseIso(iso).value(); }

Appointment Compute(const char* received, int days,
                    const OfficeHours& hours = OfficeHours::Default()) {
  Result<Appointment> a = ComputeAppointment(At(received), days, hours, Calendar());
  EXPECT_TRUE(a.ok()) << a.status().message();
  return a.ok() ? *a : Appointment{};
}

// ------------------------------------------------------------ hours ----

TEST(OfficeHoursTest, DefaultIsTheCommuneSchedule) {
  const OfficeHours h = OfficeHours::Default();
  EXPECT_EQ(h.ToString(), "07:30-11:30,13:30-17:00");
  EXPECT_TRUE(h.IsOpenAt({7, 30, 0}));
  EXPECT_FALSE(h.IsOpenAt({7, 29, 59}));
  EXPECT_FALSE(h.IsOpenAt({11, 30, 0}));
  EXPECT_FALSE(h.IsOpenAt({12, 15, 0}));
  EXPECT_TRUE(h.IsOpenAt({16, 59, 59}));
  EXPECT_FALSE(h.IsOpenAt({17, 0, 0}));
}

TEST(OfficeHoursTest, ParsesConfiguration) {
  Result<OfficeHours> h = OfficeHours::Parse(" 08:00 - 12:00 , 13:00-16:30 ");
  ASSERT_TRUE(h.ok()) << h.status().message();
  EXPECT_EQ(h->ToString(), "08:00-12:00,13:00-16:30");
  EXPECT_EQ(OfficeHours::Parse(h->ToString())->sessions(), h->sessions());
}

TEST(OfficeHoursTest, RefusesNonsense) {
  EXPECT_EQ(OfficeHours::Parse("11:30-07:30").status().message(),
            "office session 11:30-07:30 does not open before it closes");
  EXPECT_EQ(OfficeHours::Parse("07:30-11:30,11:00-17:00").status().message(),
            "office session 11:00-17:00 overlaps or comes before 07:30-11:30; list sessions "
            "in order");
  EXPECT_EQ(OfficeHours::Parse("7h30-11h30").status().message(),
            "office hours: \"7h30\": expected a time HH:MM");
  EXPECT_FALSE(OfficeHours::Parse("").ok());
  EXPECT_FALSE(OfficeHours::Parse("07:30-11:30,").ok());
  EXPECT_FALSE(OfficeHours::Create({}).ok());
}

// ------------------------------------------------------ appointment ----

TEST(AppointmentTest, DuringOfficeHoursCountsFromReceipt) {
  const Appointment a = Compute("2026-03-02T09:15", 5);  // Monday
  EXPECT_EQ(a.counted_from, At("2026-03-02T09:15"));
  EXPECT_EQ(a.due, At("2026-03-09T09:15"));  // next Monday, same time
  EXPECT_EQ(a.due.ToVietnamese(), "09:15, 09/03/2026");
}

TEST(AppointmentTest, SkipsTheWeekend) {
  EXPECT_EQ(Compute("2026-03-05T10:00", 2).due, At("2026-03-09T10:00"));  // Thu → Mon
}

TEST(AppointmentTest, AfterHoursCountsFromNextOpening) {
  const Appointment a = Compute("2026-03-06T17:00", 1);  // Friday, at closing time
  EXPECT_EQ(a.counted_from, At("2026-03-09T07:30"));
  EXPECT_EQ(a.due, At("2026-03-10T07:30"));
  EXPECT_EQ(Compute("2026-03-04T21:40", 1).due, At("2026-03-06T07:30"));
}

TEST(AppointmentTest, WeekendSubmissionCountsFromMonday) {
  const Appointment a = Compute("2026-03-07T10:00", 3);  // Saturday
  EXPECT_EQ(a.counted_from, At("2026-03-09T07:30"));
  EXPECT_EQ(a.due, At("2026-03-12T07:30"));
}

TEST(AppointmentTest, BeforeOpeningAndLunchBreakMoveToTheNextSession) {
  EXPECT_EQ(Compute("2026-03-02T06:45", 1).counted_from, At("2026-03-02T07:30"));
  EXPECT_EQ(Compute("2026-03-02T11:30", 1).counted_from, At("2026-03-02T13:30"));
  EXPECT_EQ(Compute("2026-03-02T12:10", 2).due, At("2026-03-04T13:30"));
}

TEST(AppointmentTest, SkipsTet) {
  // Friday before Tết 2026: the office is closed 14–22 February.
  const Appointment a = Compute("2026-02-13T15:00", 3);
  EXPECT_EQ(a.due, At("2026-02-25T15:00"));
  // Submitted at a kiosk during Tết itself.
  const Appointment b = Compute("2026-02-17T08:00", 1);
  EXPECT_EQ(b.counted_from, At("2026-02-23T07:30"));
  EXPECT_EQ(b.due, At("2026-02-24T07:30"));
}

TEST(AppointmentTest, SkipsTetInAComputedYear) {
  // 2027 is not in the data file: Tết days off 5–11 February by the law.
  EXPECT_EQ(Compute("2027-02-04T09:00", 1).due, At("2027-02-12T09:00"));
}

TEST(AppointmentTest, MakeupSaturdayIsAWorkingDay) {
  EXPECT_EQ(Compute("2026-01-09T14:00", 1).due, At("2026-01-10T14:00"));
  // Received on the make-up Saturday itself, during hours.
  const Appointment a = Compute("2026-01-10T08:00", 1);
  EXPECT_EQ(a.counted_from, At("2026-01-10T08:00"));
  EXPECT_EQ(a.due, At("2026-01-12T08:00"));
  // Received on the swapped Friday, a day off.
  EXPECT_EQ(Compute("2026-01-02T09:00", 0).counted_from, At("2026-01-05T07:30"));
}

TEST(AppointmentTest, ZeroDaysIsLaterTheSameWorkingDay) {
  const Appointment a = Compute("2026-03-02T09:15", 0);
  EXPECT_EQ(a.due, At("2026-03-02T17:00"));
  EXPECT_EQ(Compute("2026-03-02T16:59", 0).due, At("2026-03-02T17:00"));
  // After hours: the next working day, by its closing time.
  EXPECT_EQ(Compute("2026-03-06T18:00", 0).due, At("2026-03-09T17:00"));
}

TEST(AppointmentTest, UsesConfiguredHours) {
  const OfficeHours hours = OfficeHours::Parse("08:00-16:00").value();
  EXPECT_EQ(Compute("2026-03-02T07:00", 1, hours).due, At("2026-03-03T08:00"));
  EXPECT_EQ(Compute("2026-03-02T16:30", 1, hours).due, At("2026-03-04T08:00"));
  EXPECT_EQ(Compute("2026-03-02T09:00", 0, hours).due, At("2026-03-02T16:00"));
}

TEST(AppointmentTest, FromAKioskTimestamp) {
  // 2026-03-02T02:15:00Z is 09:15 in Vietnam.
  const LocalDateTime received = LocalDateTime::FromUnixSeconds(1772417700).value();
  Result<Appointment> a = ComputeAppointment(received, 5, OfficeHours::Default(), Calendar());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->due, At("2026-03-09T09:15"));
}

TEST(AppointmentTest, RefusesBadInput) {
  const OfficeHours h = OfficeHours::Default();
  EXPECT_EQ(ComputeAppointment(At("2026-03-02T09:15"), -1, h, Calendar()).status().message(),
            "processing time of -1 working days is not between 0 and 2500");
  EXPECT_FALSE(ComputeAppointment(At("2026-03-02T09:15"), 2501, h, Calendar()).ok());
  EXPECT_FALSE(ComputeAppointment(At("2250-03-02T09:15"), 1, h, Calendar()).ok());
  EXPECT_FALSE(ComputeAppointment(At("2199-12-30T09:15"), 10, h, Calendar()).ok());
}

}  // namespace
}  // namespace dvc::calendar
