// Which days a Vietnamese state office works: Monday to Friday, minus public
// holidays and declared days off, plus weekend days declared as make-up
// working days. Years listed in the holiday data file use the file's lists;
// other years use the statutory rules (holidays.h).
//
// The calendar is a precomputed table of every day from 1900-01-01 to
// 2199-12-31 (about 110 KB), so queries are O(1) per day and the object is
// immutable: build it once (a few milliseconds) and share it between threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "calendar/date.h"
#include "calendar/holiday_data.h"
#include "calendar/holidays.h"
#include "calendar/lunar.h"
#include "core/status.h"

namespace dvc::calendar {

class WorkingCalendar {
 public:
  // Builds the table from the statutory rules (computed with `lunar`) and
  // the declared years in `declared`. `lunar` is only used during
  // construction. Cannot fail: `declared` was validated when parsed.
  explicit WorkingCalendar(const HolidayData& declared = HolidayData(),
                           const LunarCalendar& lunar = LunarCalendar::Vietnam());

  // The span the table covers.
  static Date FirstDate() { return Date::Ymd(LunarCalendar::kFirstYear, 1, 1); }
  static Date LastDate() { return Date::Ymd(LunarCalendar::kLastYear, 12, 31); }
  static bool Covers(Date d) { return d >= FirstDate() && d <= LastDate(); }

  // True if offices work on `date`. REQUIRES: Covers(date) (aborts
  // otherwise: callers validate dates from outside first).
  bool IsWorkingDay(Date date) const;

  // Why the office is closed on `date` ("Tết Nguyên đán", "Nghỉ bù Quốc
  // khánh", "Thứ Bảy", "Chủ nhật"), or nullopt on a working day.
  // REQUIRES: Covers(date).
  std::optional<std::string> DayOffReason(Date date) const;

  // The first working day strictly after `date`. Errors: kInvalidInput if
  // `date` or the answer is outside the covered span.
  Result<Date> NextWorkingDay(Date date) const;

  // The `n`-th working day after `start` (`start` itself not counted;
  // n = 0 returns `start` unchanged). Errors: kInvalidInput if n < 0 or the
  // answer is outside the covered span.
  Result<Date> AddWorkingDays(Date start, int n) const;

  // The days off (other than ordinary weekends) and the make-up working days
  // in force in `year`, each sorted by date; and whether they come from the
  // data file. REQUIRES: `year` covered.
  struct YearSummary {
    bool declared = false;
    std::vector<Holiday> days_off;
    std::vector<Holiday> makeup_working_days;
  };
  YearSummary Summary(int year) const;

 private:
  enum class DayKind : uint8_t { kWorking, kWeekend, kHoliday, kMakeupWorking };

  size_t Index(Date d) const;

  std::vector<DayKind> days_;        // one per covered day, from FirstDate()
  std::map<Date, Holiday> special_;  // holidays on any day, and make-up working days
  std::set<int> declared_years_;     // years that came from the data file
};

}  // namespace dvc::calendar
