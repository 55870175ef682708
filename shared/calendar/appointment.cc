#include "calendar/appointment.h"

namespace dvc::calendar {
namespace {

// Rule 1: the first moment at or after `received` when the office works.
Result<LocalDateTime> CountingStart(const LocalDateTime& received, const OfficeHours& hours,
                                    const WorkingCalendar& calendar) {
  if (!WorkingCalendar::Covers(received.date)) {
    return Status::InvalidInput(
        "the working calendar covers " + WorkingCalendar::FirstDate().ToVietnamese() + " to " +
        WorkingCalendar::LastDate().ToVietnamese() + ", not " + received.date.ToVietnamese());
  }
  if (calendar.IsWorkingDay(received.date)) {
    for (const OfficeSession& s : hours.sessions()) {
      if (received.time < s.open) return LocalDateTime{received.date, s.open};
      if (received.time < s.close) return received;
    }
  }
  Result<Date> next = calendar.NextWorkingDay(received.date);
  if (!next.ok()) return next.status();
  return LocalDateTime{*next, hours.sessions().front().open};
}

}  // namespace

Result<Appointment> ComputeAppointment(const LocalDateTime& received, int processing_working_days,
                                       const OfficeHours& office_hours,
                                       const WorkingCalendar& calendar) {
  if (processing_working_days < 0 || processing_working_days > kMaxProcessingWorkingDays) {
    return Status::InvalidInput("processing time of " + std::to_string(processing_working_days) +
                                " working days is not between 0 and " +
                                std::to_string(kMaxProcessingWorkingDays));
  }
  Result<LocalDateTime> start = CountingStart(received, office_hours, calendar);
  if (!start.ok()) return start.status();
  Result<Date> due_date = calendar.AddWorkingDays(start->date, processing_working_days);
  if (!due_date.ok()) return due_date.status();
  const TimeOfDay due_time =
      processing_working_days == 0 ? office_hours.sessions().back().close : start->time;
  return Appointment{*start, LocalDateTime{*due_date, due_time}};
}

}  // namespace dvc::calendar
