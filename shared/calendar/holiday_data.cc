#include "calendar/holiday_data.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::calendar {
namespace {

using nlohmann::json;

constexpr size_t kMaxNameBytes = 200;   // a holiday's name
constexpr size_t kMaxNoteBytes = 2000;  // a note or a source reference

// Keys each object may hold; anything else is a typo worth refusing
// ("day_off" silently ignored would drop a year's Tết).
constexpr std::array<std::string_view, 3> kTopKeys = {"format", "note", "years"};
constexpr std::array<std::string_view, 4> kYearKeys = {"days_off", "makeup_working_days", "note",
                                                       "source"};
constexpr std::array<std::string_view, 3> kEntryKeys = {"date", "example", "name"};

std::string Printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 40)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f) ? c : '?';
  }
  return s.size() > 40 ? out + "..." : out;
}

std::string_view TypeName(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::binary:
      return "binary data";
    case json::value_t::discarded:
      return "nothing";
    default:
      return "a number";
  }
}

// Walks the document, turning each problem into a Status that names the
// file and the JSON path.
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  Status Fail(const std::string& path, const std::string& what) const {
    return Status::InvalidInput(source_ + ": " + path + ": " + what);
  }

  template <size_t N>
  Status CheckObject(const json& j, const std::string& path,
                     const std::array<std::string_view, N>& allowed) const {
    if (!j.is_object()) return Fail(path, "expected an object, found " + std::string(TypeName(j)));
    for (const auto& [key, value] : j.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        return Fail(path, "unknown key \"" + Printable(key) + "\" (expected one of: " + list + ")");
      }
    }
    return Status::Ok();
  }

  Result<std::string> Text(const json& j, const std::string& path,
                           size_t max_bytes = kMaxNameBytes) const {
    if (!j.is_string()) return Fail(path, "expected a string, found " + std::string(TypeName(j)));
    const std::string& s = j.get_ref<const std::string&>();
    if (!text::IsValidUtf8(s)) return Fail(path, "not valid UTF-8");
    if (s.size() > max_bytes) {
      return Fail(path, "longer than " + std::to_string(max_bytes) + " bytes");
    }
    return text::ToNfc(s);
  }

  // One entry: "YYYY-MM-DD" or {"date": ..., "name": ..., "example": bool}.
  Result<Holiday> Entry(const json& j, const std::string& path, int year,
                        const char* default_name) const {
    Holiday h{Date(), default_name, false};
    const json* date = &j;
    std::string date_path = path;
    if (j.is_object()) {
      DVC_RETURN_IF_ERROR(CheckObject(j, path, kEntryKeys));
      if (!j.contains("date")) return Fail(path, "missing \"date\"");
      date = &j.at("date");
      date_path = path + ".date";
      if (j.contains("name")) {
        Result<std::string> name = Text(j.at("name"), path + ".name");
        if (!name.ok()) return name.status();
        h.name = *name;
      }
      if (j.contains("example")) {
        if (!j.at("example").is_boolean()) return Fail(path + ".example", "expected true or false");
        h.example = j.at("example").get<bool>();
      }
    }
    if (!date->is_string()) return Fail(date_path, "expected a date YYYY-MM-DD");
    Result<Date> d = Date::ParseIso(date->get_ref<const std::string&>());
    if (!d.ok())
      return Fail(date_path, "expected a date YYYY-MM-DD (" + d.status().message() + ")");
    if (d->year() != year) {
      return Fail(date_path, d->ToIso() + " is not in " + std::to_string(year) +
                                 "; list it under its own year");
    }
    h.date = *d;
    return h;
  }

  // A list of entries. `weekend_only`: each date must be a Saturday or
  // Sunday; `forbidden`: dates already used by the other list.
  Result<std::vector<Holiday>> List(const json& j, const std::string& path, int year,
                                    const char* default_name, bool weekend_only,
                                    const std::vector<Holiday>& forbidden) const {
    if (!j.is_array()) return Fail(path, "expected an array, found " + std::string(TypeName(j)));
    std::vector<Holiday> out;
    std::set<Date> seen;
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      Result<Holiday> h = Entry(j.at(i), item_path, year, default_name);
      if (!h.ok()) return h.status();
      const std::string iso = h->date.ToIso();
      if (!seen.insert(h->date).second) return Fail(item_path, iso + " is listed twice");
      if (weekend_only && !h->date.IsWeekend()) {
        return Fail(item_path, iso + " is a " +
                                   kWeekdayEnglish[static_cast<int>(h->date.GetWeekday()) - 1] +
                                   ", already a working day; a make-up working day must be a "
                                   "Saturday or Sunday");
      }
      for (const Holiday& f : forbidden) {
        if (f.date == h->date) return Fail(item_path, iso + " is also listed in days_off");
      }
      out.push_back(*std::move(h));
    }
    std::sort(out.begin(), out.end(),
              [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    return out;
  }

  Result<DeclaredYear> Year(const json& j, const std::string& path, int year) const {
    DVC_RETURN_IF_ERROR(CheckObject(j, path, kYearKeys));
    DeclaredYear y;
    y.year = year;
    if (j.contains("source")) {
      Result<std::string> s = Text(j.at("source"), path + ".source", kMaxNoteBytes);
      if (!s.ok()) return s.status();
      y.source = *s;
    }
    if (j.contains("note")) {
      Result<std::string> s = Text(j.at("note"), path + ".note", kMaxNoteBytes);
      if (!s.ok()) return s.status();
    }
    if (!j.contains("days_off")) return Fail(path, "missing \"days_off\"");
    Result<std::vector<Holiday>> off =
        List(j.at("days_off"), path + ".days_off", year, "Ngày nghỉ", false, {});
    if (!off.ok()) return off.status();
    y.days_off = *std::move(off);
    if (j.contains("makeup_working_days")) {
      Result<std::vector<Holiday>> work =
          List(j.at("makeup_working_days"), path + ".makeup_working_days", year, "Ngày làm bù",
               true, y.days_off);
      if (!work.ok()) return work.status();
      y.makeup_working_days = *std::move(work);
    }
    return y;
  }

 private:
  static constexpr std::array<const char*, 7> kWeekdayEnglish = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  std::string source_;
};

// "2026" → 2026 if it is a four-digit year the calendar covers.
int ParseYearKey(const std::string& key) {
  if (key.size() != 4 ||
      !std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return -1;
  }
  const int y = std::stoi(key);
  return (y >= LunarCalendar::kFirstYear && y <= LunarCalendar::kLastYear) ? y : -1;
}

}  // namespace

Result<HolidayData> HolidayData::Parse(std::string_view bytes, std::string_view source_name) {
  const std::string source(source_name);
  const Reader r(source);
  if (bytes.size() > kMaxBytes) {
    return Status::InvalidInput(source + ": larger than 1 MiB; not a holiday data file");
  }
  json doc;
  try {
    doc = json::parse(bytes.begin(), bytes.end());
  } catch (const json::exception& e) {
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " tag.
    if (const size_t close = what.find("] "); what.rfind("[json.", 0) == 0 && close != what.npos) {
      what = what.substr(close + 2);
    }
    return Status::InvalidInput(source + ": not valid JSON: " + what);
  }
  DVC_RETURN_IF_ERROR(r.CheckObject(doc, "$", kTopKeys));
  if (!doc.contains("format")) return r.Fail("$", "missing \"format\"");
  const json& format = doc.at("format");
  if (!format.is_number_integer() || format.get<int64_t>() != kFormatVersion) {
    return r.Fail("$.format", "expected 1 (the only version this program reads)");
  }
  if (doc.contains("note")) {
    Result<std::string> note = r.Text(doc.at("note"), "$.note", kMaxNoteBytes);
    if (!note.ok()) return note.status();
  }
  if (!doc.contains("years")) return r.Fail("$", "missing \"years\"");
  const json& years = doc.at("years");
  if (!years.is_object()) {
    return r.Fail("$.years",
                  "expected an object keyed by year, found " + std::string(TypeName(years)));
  }
  HolidayData data;
  for (const auto& [key, value] : years.items()) {
    const int year = ParseYearKey(key);
    const std::string path = "$.years." + Printable(key);
    if (year < 0) {
      return r.Fail(path, "expected a year between " + std::to_string(LunarCalendar::kFirstYear) +
                              " and " + std::to_string(LunarCalendar::kLastYear));
    }
    Result<DeclaredYear> y = r.Year(value, path, year);
    if (!y.ok()) return y.status();
    data.years_.emplace(year, *std::move(y));
  }
  return data;
}

Result<HolidayData> HolidayData::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io(path + ": cannot open the holiday data file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::Io(path + ": read error");
  return Parse(buffer.str(), path);
}

const DeclaredYear* HolidayData::FindYear(int year) const {
  auto it = years_.find(year);
  return it == years_.end() ? nullptr : &it->second;
}

}  // namespace dvc::calendar
