// The appointment date and time printed on the receipt (Form 01, "giấy tiếp
// nhận hồ sơ và hẹn trả kết quả"): when the resident comes back for the result.
//
// Rules:
//  1. Counting starts when the office could start work on the dossier:
//     - received inside a session on a working day: at the receipt time;
//     - received on a working day before a session opens (early morning,
//       lunch break): at that session's opening, the same day;
//     - received after the last session closes, or on a day off: at the
//       first opening of the next working day.
//  2. The appointment falls N working days after the day counting starts
//     (weekends, holidays and declared days off skipped; make-up Saturdays
//     count).
//  3. Its time of day is the time counting started. A processing time of N
//     working days is N whole office days, so the result is due at the same
//     office-clock time N working days on. That time is always inside office
//     hours (rule 1 put it there), and it is the exact time Form 01 asks the
//     clerk to write ("Vào hồi ... giờ ... phút, ngày ... tháng ... năm").
//     The alternatives are worse: the closing time sends residents to a desk
//     that is shutting; a fixed afternoon opening would promise a dossier
//     received in the afternoon half a day before its time is up.
//  4. N = 0 (same-day procedures): the close of the last session of the day
//     counting started — "later that day", whatever time it was received.
//
// Thread-safety: a pure function.
#pragma once

#include "calendar/local_time.h"
#include "calendar/office_hours.h"
#include "calendar/working_calendar.h"
#include "core/status.h"

namespace dvc::calendar {

struct Appointment {
  LocalDateTime counted_from;  // when the processing time started (rule 1)
  LocalDateTime due;           // the appointment (rules 2–4)

  friend bool operator==(const Appointment&, const Appointment&) = default;
};

// Longest processing time accepted, in working days (about ten years): a
// larger number is a data error, not a procedure.
inline constexpr int kMaxProcessingWorkingDays = 2500;

// Computes the appointment for a dossier received at `received` (Vietnam
// wall-clock time) with a processing time of `processing_working_days`.
// Errors: kInvalidInput if the number of days is negative or above
// kMaxProcessingWorkingDays, or if a date falls outside the calendar.
Result<Appointment> ComputeAppointment(const LocalDateTime& received, int processing_working_days,
                                       const OfficeHours& office_hours,
                                       const WorkingCalendar& calendar);

}  // namespace dvc::calendar
