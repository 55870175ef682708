// Fuzzes the holiday data file parser (assets/holidays/vn.json, received by
// kiosks on sync and edited by hand every year) and, on the same bytes, the
// small date/time/office-hours parsers that read configuration. Nothing may
// crash; whatever parses must satisfy the documented invariants.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.h"
#include "calendar/holiday_data.h"
#include "calendar/local_time.h"
#include "calendar/office_hours.h"

namespace {

using dvc::calendar::Date;
using dvc::calendar::Holiday;
using dvc::calendar::HolidayData;

void Check(bool condition) {
  if (!condition) std::abort();
}

void CheckSortedInYear(const std::vector<Holiday>& days, int year) {
  for (size_t i = 0; i < days.size(); ++i) {
    Check(days[i].date.year() == year);
    if (i > 0) Check(days[i - 1].date < days[i].date);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  dvc::Result<HolidayData> parsed = HolidayData::Parse(bytes, "fuzz.json");
  if (parsed.ok()) {
    for (const auto& [year, declared] : parsed->years()) {
      Check(declared.year == year);
      CheckSortedInYear(declared.days_off, year);
      CheckSortedInYear(declared.makeup_working_days, year);
      for (const Holiday& h : declared.makeup_working_days) Check(h.date.IsWeekend());
    }
  } else {
    Check(!parsed.status().message().empty());
  }

  if (dvc::Result<Date> d = Date::ParseIso(bytes); d.ok()) {
    Check(d->ToIso() == bytes);
    Check(Date::FromDayNumber(d->DayNumber()) == *d);
  }
  if (auto t = dvc::calendar::LocalDateTime::ParseIso(bytes); t.ok()) {
    Check(dvc::calendar::LocalDateTime::FromUnixSeconds(t->ToUnixSeconds()).value() == *t);
  }
  if (auto h = dvc::calendar::OfficeHours::Parse(bytes); h.ok()) {
    // The serialised form is a fixed point: it parses back to the same text.
    const std::string text = h->ToString();
    auto again = dvc::calendar::OfficeHours::Parse(text);
    Check(again.ok() && again->ToString() == text);
  }
  return 0;
}
