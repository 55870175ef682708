// Vietnam's statutory public holidays, computed from the law.
//
// Labour Code 2019 (Law 45/2019/QH14), article 112, gives 11 paid days:
//   Tết Dương lịch 1/1; Tết Nguyên đán 5 days; Giỗ Tổ Hùng Vương lunar 10/3;
//   30/4; 1/5; Quốc khánh 2/9 plus one adjacent day (before or after).
// For Tết and 2/9 the Government picks the exact days every year. The
// defaults used here, for years the holiday data file does not list, are:
//   - Tết: the last day of the old lunar year and lunar 1/1 to 1/4;
//   - Quốc khánh: 1/9 and 2/9.
// Art. 112(3): a holiday that falls on a weekly day off (Saturday or Sunday
// for the offices this software serves) is compensated by a day off on the
// next working day; several are compensated on consecutive working days.
//
// The law is applied to every year the lunar calendar covers, including
// years before 2019 when the rules differed: the calendar exists to compute
// appointment dates, which lie in the present and future.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "calendar/date.h"
#include "calendar/lunar.h"
#include "core/status.h"

namespace dvc::calendar {

// A day off work (or, in a declared year, also a swapped working day; see
// holiday_data.h) with the name residents see, in Vietnamese.
struct Holiday {
  Date date;
  std::string name;      // "Tết Nguyên đán", "Nghỉ bù Quốc khánh", ...
  bool example = false;  // from a data file entry marked "example": true

  friend bool operator==(const Holiday&, const Holiday&) = default;
};

// The statutory days off of Gregorian `year`, compensatory days included,
// sorted by date. Errors: kInvalidInput if the lunar calendar does not
// cover `year` (outside LunarCalendar::kFirstYear..kLastYear).
Result<std::vector<Holiday>> ComputeStatutoryHolidays(int year, const LunarCalendar& lunar);

}  // namespace dvc::calendar
