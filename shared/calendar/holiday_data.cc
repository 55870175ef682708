#include "calendar/holiday_data.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>

#include "core/file_util.h"
#include "core/json_reader.h"
#include "text/normalize.h"

namespace dvc::calendar {
namespace {

using core::JsonNode;
using core::Need;
using nlohmann::json;

constexpr size_t kMaxNameBytes = 200;   // a holiday's name
constexpr size_t kMaxNoteBytes = 2000;  // a note or a source reference
// The file is three levels deep ($.years.2026.days_off[i].date is four).
constexpr int kMaxDepth = 8;

// Keys each object may hold; anything else is a typo worth refusing
// ("day_off" silently ignored would drop a year's Tết).
constexpr std::array<std::string_view, 3> kTopKeys = {"format", "note", "years"};
constexpr std::array<std::string_view, 4> kYearKeys = {"days_off", "makeup_working_days", "note",
                                                       "source"};
constexpr std::array<std::string_view, 3> kEntryKeys = {"date", "example", "name"};

constexpr std::array<const char*, 7> kWeekdayEnglish = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// An optional string member of at most `max_bytes`, in NFC.
Status ReadText(const JsonNode& node, std::string_view key, size_t max_bytes, std::string* out) {
  std::string s;
  DVC_RETURN_IF_ERROR(node.ReadString(key, &s, Need::kOptional));
  if (s.size() > max_bytes) {
    return node.Child(key).Fail("longer than " + std::to_string(max_bytes) + " bytes");
  }
  if (!s.empty()) *out = text::ToNfc(s);
  return Status::Ok();
}

// One entry: "YYYY-MM-DD" or {"date": ..., "name": ..., "example": bool}.
Result<Holiday> ReadEntry(const JsonNode& node, int year, const char* default_name) {
  Holiday h{Date(), default_name, false};
  JsonNode date = node;
  if (node.value().is_object()) {
    DVC_RETURN_IF_ERROR(node.ExpectObject(kEntryKeys));
    if (!node.Has("date")) return node.Fail("missing \"date\"");
    date = node.Child("date");
    DVC_RETURN_IF_ERROR(ReadText(node, "name", kMaxNameBytes, &h.name));
    DVC_RETURN_IF_ERROR(node.ReadBool("example", &h.example, Need::kOptional));
  }
  if (!date.value().is_string()) return date.Fail("expected a date YYYY-MM-DD");
  Result<Date> d = Date::ParseIso(date.value().get_ref<const std::string&>());
  if (!d.ok()) return date.Fail("expected a date YYYY-MM-DD (" + d.status().message() + ")");
  if (d->year() != year) {
    return date.Fail(d->ToIso() + " is not in " + std::to_string(year) +
                     "; list it under its own year");
  }
  h.date = *d;
  return h;
}

// The list `key` of `year_node`. `weekend_only`: each date must be a Saturday
// or Sunday; `forbidden`: dates already used by the other list.
Result<std::vector<Holiday>> ReadList(const JsonNode& year_node, std::string_view key, int year,
                                      const char* default_name, bool weekend_only,
                                      const std::vector<Holiday>& forbidden) {
  std::vector<Holiday> out;
  std::set<Date> seen;
  DVC_RETURN_IF_ERROR(
      year_node.ForEach(key, Need::kOptional, [&](const JsonNode& item, size_t) -> Status {
        Result<Holiday> h = ReadEntry(item, year, default_name);
        if (!h.ok()) return h.status();
        const std::string iso = h->date.ToIso();
        if (!seen.insert(h->date).second) return item.Fail(iso + " is listed twice");
        if (weekend_only && !h->date.IsWeekend()) {
          return item.Fail(iso + " is a " +
                           kWeekdayEnglish[static_cast<int>(h->date.GetWeekday()) - 1] +
                           ", already a working day; a make-up working day must be a Saturday "
                           "or Sunday");
        }
        for (const Holiday& f : forbidden) {
          if (f.date == h->date) return item.Fail(iso + " is also listed in days_off");
        }
        out.push_back(*std::move(h));
        return Status::Ok();
      }));
  std::sort(out.begin(), out.end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

Result<DeclaredYear> ReadYear(const JsonNode& node, int year) {
  DVC_RETURN_IF_ERROR(node.ExpectObject(kYearKeys));
  DeclaredYear y;
  y.year = year;
  std::string note;
  DVC_RETURN_IF_ERROR(ReadText(node, "source", kMaxNoteBytes, &y.source));
  DVC_RETURN_IF_ERROR(ReadText(node, "note", kMaxNoteBytes, &note));
  if (!node.Has("days_off")) return node.Fail("missing \"days_off\"");
  Result<std::vector<Holiday>> off = ReadList(node, "days_off", year, "Ngày nghỉ", false, {});
  if (!off.ok()) return off.status();
  y.days_off = *std::move(off);
  Result<std::vector<Holiday>> work =
      ReadList(node, "makeup_working_days", year, "Ngày làm bù", true, y.days_off);
  if (!work.ok()) return work.status();
  y.makeup_working_days = *std::move(work);
  return y;
}

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
  if (bytes.size() > kMaxBytes) {
    return Status::InvalidInput(source + ": larger than 1 MiB; not a holiday data file");
  }
  Result<json> doc = core::ParseJsonText(bytes, source, kMaxDepth);
  if (!doc.ok()) return doc.status();
  const JsonNode root(*doc, source);
  DVC_RETURN_IF_ERROR(root.ExpectObject(kTopKeys));
  if (!root.Has("format")) return root.Fail("missing \"format\"");
  const json& format = root.Child("format").value();
  if (!format.is_number_integer() || format.get<int64_t>() != kFormatVersion) {
    return root.Child("format").Fail("expected 1 (the only version this program reads)");
  }
  std::string note;
  DVC_RETURN_IF_ERROR(ReadText(root, "note", kMaxNoteBytes, &note));
  if (!root.Has("years")) return root.Fail("missing \"years\"");
  if (!root.Child("years").value().is_object()) {
    return root.Child("years").Fail("expected an object keyed by year, found " +
                                    std::string(core::JsonTypeName(root.Child("years").value())));
  }
  HolidayData data;
  DVC_RETURN_IF_ERROR(root.ForEachMember(
      "years", Need::kRequired, [&](const JsonNode& node, const std::string& key) -> Status {
        const int year = ParseYearKey(key);
        if (year < 0) {
          return node.Fail("expected a year between " + std::to_string(LunarCalendar::kFirstYear) +
                           " and " + std::to_string(LunarCalendar::kLastYear));
        }
        Result<DeclaredYear> y = ReadYear(node, year);
        if (!y.ok()) return y.status();
        data.years_.emplace(year, *std::move(y));
        return Status::Ok();
      }));
  return data;
}

Result<HolidayData> HolidayData::LoadFile(const std::string& path) {
  Result<std::string> bytes = core::ReadFile(path, kMaxBytes);
  if (!bytes.ok()) return bytes.status();
  return Parse(*bytes, path);
}

const DeclaredYear* HolidayData::FindYear(int year) const {
  auto it = years_.find(year);
  return it == years_.end() ? nullptr : &it->second;
}

}  // namespace dvc::calendar
