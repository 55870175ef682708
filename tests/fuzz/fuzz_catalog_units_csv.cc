// Fuzzes the RFC 4180 reader and the units.csv parser on arbitrary bytes:
// a value or an error, never a crash; the picker queries run on any table
// that parses.
#include <cstdint>
#include <string_view>

#include "catalog/csv_reader.h"
#include "catalog/units.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto records = dvc::catalog::ParseCsv(text);
  if (records.ok()) {
    for (const auto& r : *records) {
      if (r.fields.empty() || r.line < 1) __builtin_trap();
    }
  }
  auto units = dvc::catalog::ParseUnits(text, "units.csv");
  if (units.ok()) {
    const auto day = dvc::calendar::Date::Ymd(2026, 1, 1);
    for (const auto& u : units->units()) {
      if (u.level == dvc::catalog::UnitLevel::kProvince && u.province != u.code) __builtin_trap();
      (void)units->ChildrenAt(u.code, day);
    }
    (void)units->SearchCommunes("33", day, "dong");
  }
  return 0;
}
