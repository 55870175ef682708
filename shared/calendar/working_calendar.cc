#include "calendar/working_calendar.h"

#include <cstdlib>

namespace dvc::calendar {

WorkingCalendar::WorkingCalendar(const HolidayData& declared, const LunarCalendar& lunar) {
  const int64_t first = FirstDate().DayNumber();
  const int64_t count = LastDate().DayNumber() - first + 1;
  days_.resize(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    days_[static_cast<size_t>(i)] =
        Date::FromDayNumber(first + i).IsWeekend() ? DayKind::kWeekend : DayKind::kWorking;
  }
  for (int year = LunarCalendar::kFirstYear; year <= LunarCalendar::kLastYear; ++year) {
    std::vector<Holiday> days_off;
    std::vector<Holiday> makeup;
    if (const DeclaredYear* y = declared.FindYear(year)) {
      declared_years_.insert(year);
      days_off = y->days_off;
      makeup = y->makeup_working_days;
    } else {
      Result<std::vector<Holiday>> computed = ComputeStatutoryHolidays(year, lunar);
      // Every covered year is computable: the lunar table spans them all.
      if (!computed.ok()) std::abort();
      days_off = *std::move(computed);
    }
    for (Holiday& h : days_off) {
      days_[Index(h.date)] = DayKind::kHoliday;
      special_[h.date] = std::move(h);
    }
    for (Holiday& h : makeup) {
      days_[Index(h.date)] = DayKind::kMakeupWorking;
      special_[h.date] = std::move(h);
    }
  }
}

size_t WorkingCalendar::Index(Date d) const {
  if (!Covers(d)) std::abort();
  return static_cast<size_t>(d.DayNumber() - FirstDate().DayNumber());
}

bool WorkingCalendar::IsWorkingDay(Date date) const {
  const DayKind k = days_[Index(date)];
  return k == DayKind::kWorking || k == DayKind::kMakeupWorking;
}

std::optional<std::string> WorkingCalendar::DayOffReason(Date date) const {
  switch (days_[Index(date)]) {
    case DayKind::kWorking:
    case DayKind::kMakeupWorking:
      return std::nullopt;
    case DayKind::kWeekend:
      return std::string(VietnameseWeekdayName(date.GetWeekday()));
    case DayKind::kHoliday:
      return special_.at(date).name;
  }
  std::abort();
}

Result<Date> WorkingCalendar::NextWorkingDay(Date date) const { return AddWorkingDays(date, 1); }

Result<Date> WorkingCalendar::AddWorkingDays(Date start, int n) const {
  if (n < 0) {
    return Status::InvalidInput("a number of working days cannot be negative (" +
                                std::to_string(n) + ")");
  }
  if (!Covers(start)) {
    return Status::InvalidInput("the working calendar covers " + FirstDate().ToVietnamese() +
                                " to " + LastDate().ToVietnamese() + ", not " +
                                start.ToVietnamese());
  }
  size_t i = Index(start);
  for (int left = n; left > 0;) {
    if (++i >= days_.size()) {
      return Status::InvalidInput(std::to_string(n) + " working days after " +
                                  start.ToVietnamese() + " is past the end of the calendar (" +
                                  LastDate().ToVietnamese() + ")");
    }
    if (days_[i] == DayKind::kWorking || days_[i] == DayKind::kMakeupWorking) --left;
  }
  return FirstDate().AddDays(static_cast<int64_t>(i));
}

WorkingCalendar::YearSummary WorkingCalendar::Summary(int year) const {
  YearSummary s;
  s.declared = declared_years_.count(year) != 0;
  for (auto it = special_.lower_bound(Date::Ymd(year, 1, 1));
       it != special_.end() && it->first.year() == year; ++it) {
    if (days_[Index(it->first)] == DayKind::kHoliday) {
      s.days_off.push_back(it->second);
    } else {
      s.makeup_working_days.push_back(it->second);
    }
  }
  return s;
}

}  // namespace dvc::calendar
