#include "catalog/units.h"

#include <algorithm>

#include "catalog/csv_reader.h"
#include "catalog/digits.h"
#include "core/file_util.h"
#include "text/normalize.h"

namespace dvc::catalog {
namespace {

constexpr std::string_view kHeader[] = {"code",       "name",     "level", "parent",
                                        "valid_from", "valid_to", "note"};

struct LevelInfo {
  std::string_view name;
  UnitLevel level;
  size_t code_length;
};
constexpr LevelInfo kLevels[] = {
    {"province", UnitLevel::kProvince, 2},
    {"district", UnitLevel::kDistrict, 3},
    {"commune", UnitLevel::kCommune, 5},
};

// Kinds of unit that start names, longest first; stripped for sorting.
constexpr std::string_view kKindPrefixes[] = {
    "thanh pho ", "thi tran ", "thi xa ", "phuong ", "huyen ", "quan ", "tinh ", "xa ", "dac khu "};

std::string SortKey(const std::string& search_key) {
  for (std::string_view p : kKindPrefixes) {
    if (search_key.size() > p.size() && search_key.compare(0, p.size(), p) == 0)
      return search_key.substr(p.size());
  }
  return search_key;
}

void SortByName(std::vector<const Unit*>* units) {
  std::sort(units->begin(), units->end(), [](const Unit* a, const Unit* b) {
    if (a->sort_key != b->sort_key) return a->sort_key < b->sort_key;
    if (a->name != b->name) return a->name < b->name;
    return a->code < b->code;
  });
}

// True when every word of `query_key` is a prefix of some word of `name_key`.
bool WordsPrefixMatch(std::string_view query_key, std::string_view name_key) {
  size_t q = 0;
  while (q < query_key.size()) {
    size_t q_end = query_key.find(' ', q);
    if (q_end == std::string_view::npos) q_end = query_key.size();
    std::string_view word = query_key.substr(q, q_end - q);
    bool found = false;
    for (size_t n = 0; n < name_key.size() && !found;) {
      size_t n_end = name_key.find(' ', n);
      if (n_end == std::string_view::npos) n_end = name_key.size();
      found = name_key.substr(n, n_end - n).substr(0, word.size()) == word;
      n = n_end + 1;
    }
    if (!found) return false;
    q = q_end + 1;
  }
  return true;
}

}  // namespace

const Unit* UnitTable::UnitAt(std::string_view code, const calendar::Date& date) const {
  auto [lo, hi] = by_code_.equal_range(code);
  for (auto it = lo; it != hi; ++it) {
    if (units_[it->second].ValidAt(date)) return &units_[it->second];
  }
  return nullptr;
}

std::vector<const Unit*> UnitTable::Rows(std::string_view code) const {
  std::vector<const Unit*> out;
  auto [lo, hi] = by_code_.equal_range(code);
  for (auto it = lo; it != hi; ++it) out.push_back(&units_[it->second]);
  std::sort(out.begin(), out.end(),
            [](const Unit* a, const Unit* b) { return a->valid_from < b->valid_from; });
  return out;
}

std::vector<const Unit*> UnitTable::ChildrenAt(std::string_view code,
                                               const calendar::Date& date) const {
  std::vector<const Unit*> out;
  for (const Unit& u : units_) {
    if (u.parent == code && u.ValidAt(date)) out.push_back(&u);
  }
  SortByName(&out);
  return out;
}

std::string UnitTable::ProvinceCodeOf(const Unit& unit) const {
  const Unit* cur = &unit;
  // Parents sit at a strictly higher level (checked at parse), so at most two steps.
  for (int step = 0; step < 3 && cur->level != UnitLevel::kProvince; ++step) {
    const Unit* parent = UnitAt(cur->parent, cur->valid_from);
    if (parent == nullptr) {
      std::vector<const Unit*> rows = Rows(cur->parent);
      if (rows.empty()) return std::string();
      parent = rows.back();
    }
    cur = parent;
  }
  return cur->level == UnitLevel::kProvince ? cur->code : std::string();
}

std::vector<const Unit*> UnitTable::CommunesOf(std::string_view province_code,
                                               const calendar::Date& date) const {
  return SearchCommunes(province_code, date, "");
}

std::vector<const Unit*> UnitTable::SearchCommunes(std::string_view province_code,
                                                   const calendar::Date& date,
                                                   std::string_view query) const {
  std::string key = text::SearchKey(query);
  std::vector<const Unit*> out;
  for (const Unit& u : units_) {
    if (u.level == UnitLevel::kCommune && u.province == province_code && u.ValidAt(date) &&
        WordsPrefixMatch(key, u.search_key)) {
      out.push_back(&u);
    }
  }
  SortByName(&out);
  return out;
}

Result<UnitTable> ParseUnits(std::string_view csv_text, std::string_view file_name) {
  std::string file(file_name);
  Result<std::vector<CsvRecord>> records = ParseCsv(csv_text);
  if (!records.ok()) return records.status().WithContext(file);
  if (records->empty()) return Status::InvalidInput(file + ": empty file (expected a header line)");
  const CsvRecord& header = records->front();
  std::vector<std::string_view> expected(std::begin(kHeader), std::end(kHeader));
  if (header.fields.size() != expected.size() ||
      !std::equal(header.fields.begin(), header.fields.end(), expected.begin())) {
    return Status::InvalidInput(
        file + ": line " + std::to_string(header.line) +
        ": the header must be \"code,name,level,parent,valid_from,valid_to,note\"");
  }
  UnitTable table;
  for (size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& rec = (*records)[r];
    auto fail = [&](std::string_view column, const std::string& what) {
      return Status::InvalidInput(file + ": line " + std::to_string(rec.line) + ": " +
                                  std::string(column) + ": " + what);
    };
    if (rec.fields.size() != expected.size()) {
      return Status::InvalidInput(file + ": line " + std::to_string(rec.line) +
                                  ": expected 7 columns, found " +
                                  std::to_string(rec.fields.size()));
    }
    Unit u;
    u.code = rec.fields[0];
    u.name = text::ToNfc(rec.fields[1]);
    const LevelInfo* level = nullptr;
    for (const LevelInfo& l : kLevels) {
      if (l.name == rec.fields[2]) level = &l;
    }
    if (level == nullptr)
      return fail("level",
                  "unknown level \"" + rec.fields[2] + "\" (province, district or commune)");
    u.level = level->level;
    if (!IsDigitCode(u.code, level->code_length)) {
      return fail("code", "\"" + u.code + "\" is not a " + std::to_string(level->code_length) +
                              "-digit " + std::string(level->name) + " code");
    }
    u.search_key = text::SearchKey(u.name);
    if (u.search_key.empty()) return fail("name", "must not be empty");
    u.parent = rec.fields[3];
    if (u.level == UnitLevel::kProvince && !u.parent.empty())
      return fail("parent", "a province has no parent");
    if (u.level != UnitLevel::kProvince && u.parent.empty())
      return fail("parent", "missing parent code");
    Result<calendar::Date> from = calendar::Date::ParseIso(rec.fields[4]);
    if (!from.ok())
      return fail("valid_from",
                  "expected a real date as YYYY-MM-DD, got \"" + rec.fields[4] + "\"");
    u.valid_from = *from;
    if (!rec.fields[5].empty()) {
      Result<calendar::Date> to = calendar::Date::ParseIso(rec.fields[5]);
      if (!to.ok())
        return fail("valid_to",
                    "expected a real date as YYYY-MM-DD or empty, got \"" + rec.fields[5] + "\"");
      u.valid_to = *to;
      if (*u.valid_to < u.valid_from) return fail("valid_to", "is before valid_from");
    }
    u.note = text::ToNfc(rec.fields[6]);
    u.example = u.note == "example";
    u.sort_key = SortKey(u.search_key);
    for (const Unit* other : table.Rows(u.code)) {
      bool overlap = (!other->valid_to || u.valid_from <= *other->valid_to) &&
                     (!u.valid_to || other->valid_from <= *u.valid_to);
      if (overlap)
        return fail("code", "\"" + u.code + "\" already has a row in force during this period");
    }
    table.by_code_.emplace(u.code, table.units_.size());
    table.units_.push_back(std::move(u));
  }
  // Parents may come later in the file, so check them once all rows are in.
  for (size_t i = 0; i < table.units_.size(); ++i) {
    const Unit& u = table.units_[i];
    if (u.parent.empty()) continue;
    std::vector<const Unit*> parents = table.Rows(u.parent);
    int line = (*records)[i + 1].line;
    if (parents.empty()) {
      return Status::InvalidInput(file + ": line " + std::to_string(line) + ": parent: no unit \"" +
                                  u.parent + "\"");
    }
    if (parents.front()->level >= u.level) {
      return Status::InvalidInput(file + ": line " + std::to_string(line) + ": parent: \"" +
                                  u.parent + "\" is not at a higher level than \"" + u.code + "\"");
    }
  }
  for (Unit& u : table.units_) u.province = table.ProvinceCodeOf(u);
  return table;
}

Result<UnitTable> LoadUnits(const std::string& csv_path) {
  Result<std::string> text = core::ReadFile(csv_path);
  if (!text.ok()) return text.status();
  return ParseUnits(*text, csv_path);
}

}  // namespace dvc::catalog
