// Administrative units (province, district, commune) with validity dates, as
// imported from units.csv (docs/catalog-format.md, "units.csv"), and the
// queries the kiosk's commune picker and the address check need.
//
// Thread-safety: a loaded UnitTable is immutable; concurrent reads are safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.h"
#include "catalog/validity.h"
#include "core/status.h"

namespace dvc::catalog {

enum class UnitLevel { kProvince, kDistrict, kCommune };

// A row of units.csv; ValidAt(date) tells whether the row was in force then.
struct Unit : ValidityPeriod {
  std::string code;  // 2 digits (province), 3 (district), 5 (commune)
  std::string name;  // NFC, e.g. "Xã Đông Hưng"
  UnitLevel level = UnitLevel::kCommune;
  std::string parent;  // code of the unit it belonged to at valid_from; empty for a province
  // The code of the province the row belongs to (its own for a province),
  // following parents as they were at each row's valid_from (a parent code
  // with no row then: its latest row). Empty when the chain does not reach
  // a province.
  std::string province;
  std::string note;
  bool example = false;    // note == "example"
  std::string search_key;  // text::SearchKey(name)
  // search_key without the unit kind ("xa ", "phuong ", ...): pickers sort by it.
  std::string sort_key;
};

class UnitTable {
 public:
  UnitTable() = default;

  // Rows in file order.
  const std::vector<Unit>& units() const { return units_; }

  // The row of `code` in force on `date`, or nullptr.
  const Unit* UnitAt(std::string_view code, const calendar::Date& date) const;
  // Every row of `code`, oldest first (a code may be reused after a gap).
  std::vector<const Unit*> Rows(std::string_view code) const;
  // Units in force on `date` whose parent is `code`, sorted by name without
  // its kind ("Xã Đông Hợp" sorts as "Đông Hợp").
  std::vector<const Unit*> ChildrenAt(std::string_view code, const calendar::Date& date) const;
  // Communes in force on `date` within province `province_code` (directly or
  // through a district), sorted by name: the commune picker's list.
  std::vector<const Unit*> CommunesOf(std::string_view province_code,
                                      const calendar::Date& date) const;
  // The communes of CommunesOf whose name matches `query` diacritic- and
  // case-insensitively: every word of SearchKey(query) is a prefix of a word
  // of the name ("dong hu" finds "Xã Đông Hưng"). An empty query matches all.
  std::vector<const Unit*> SearchCommunes(std::string_view province_code,
                                          const calendar::Date& date, std::string_view query) const;

 private:
  friend Result<UnitTable> ParseUnits(std::string_view csv_text, std::string_view file_name);
  // Follows `unit`'s parents to its province (see Unit::province).
  std::string ProvinceCodeOf(const Unit& unit) const;
  std::vector<Unit> units_;
  std::multimap<std::string, size_t, std::less<>> by_code_;
};

// Parses units.csv. Errors (kInvalidInput) read "`file_name`: line N: what".
// Checks: the header, 7 columns, code digits matching the level, known
// level, parents that exist and sit at a higher level (none for a province),
// ISO dates with valid_to >= valid_from, no overlapping rows of one code.
// Names are NFC-normalised; each row's province and search keys are computed
// here, once.
Result<UnitTable> ParseUnits(std::string_view csv_text, std::string_view file_name);

// Reads and parses the file at `csv_path` (kIo when unreadable).
Result<UnitTable> LoadUnits(const std::string& csv_path);

}  // namespace dvc::catalog
