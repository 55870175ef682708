#include "calendar/holiday_data.h"

#include <gtest/gtest.h>

#include <string>

namespace dvc::calendar {
namespace {

constexpr char kFile[] = "assets/holidays/vn.json";

std::string Error(std::string_view json) {
  Result<HolidayData> r = HolidayData::Parse(json, kFile);
  return r.ok() ? "(parsed)" : r.status().message();
}

std::string WithYear(const std::string& year_body) {
  return R"({"format": 1, "years": {"2026": )" + year_body + "}}";
}

TEST(HolidayDataTest, ShippedFileLoadsAndCoversTwoYears) {
  Result<HolidayData> data =
      HolidayData::LoadFile(std::string(DVC_SOURCE_DIR) + "/assets/holidays/vn.json");
  ASSERT_TRUE(data.ok()) << data.status().message();
  const DeclaredYear* y2025 = data->FindYear(2025);
  ASSERT_NE(y2025, nullptr);
  EXPECT_EQ(y2025->days_off.front().date, Date::Ymd(2025, 1, 1));
  EXPECT_EQ(y2025->days_off.front().name, "Tết Dương lịch");
  ASSERT_EQ(y2025->makeup_working_days.size(), 1u);
  EXPECT_EQ(y2025->makeup_working_days[0].date, Date::Ymd(2025, 4, 26));
  const DeclaredYear* y2026 = data->FindYear(2026);
  ASSERT_NE(y2026, nullptr);
  // The entries not verified against an official text are marked.
  int examples = 0;
  for (const Holiday& h : y2026->days_off) examples += h.example ? 1 : 0;
  EXPECT_EQ(examples, 2);
  EXPECT_EQ(data->FindYear(2027), nullptr);
}

TEST(HolidayDataTest, AcceptsPlainDatesAndObjects) {
  Result<HolidayData> data = HolidayData::Parse(
      WithYear(R"({"days_off": ["2026-01-02", {"date": "2026-01-01", "name": "Tết Dương lịch"}],
                   "makeup_working_days": ["2026-01-10"]})"),
      kFile);
  ASSERT_TRUE(data.ok()) << data.status().message();
  const DeclaredYear* y = data->FindYear(2026);
  ASSERT_NE(y, nullptr);
  ASSERT_EQ(y->days_off.size(), 2u);
  EXPECT_EQ(y->days_off[0].date, Date::Ymd(2026, 1, 1));  // sorted
  EXPECT_EQ(y->days_off[1].name, "Ngày nghỉ");            // default name
  EXPECT_EQ(y->makeup_working_days[0].name, "Ngày làm bù");
}

TEST(HolidayDataTest, NamesAreStoredInNfc) {
  // "Tết" with the e-circumflex-acute decomposed (NFD).
  Result<HolidayData> data = HolidayData::Parse(
      WithYear(R"({"days_off": [{"date": "2026-02-16", "name": "Te\u0302\u0301t"}]})"), kFile);
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(data->FindYear(2026)->days_off[0].name, "Tết");
}

TEST(HolidayDataTest, ErrorsNameFileAndJsonPath) {
  EXPECT_EQ(
      Error(WithYear(R"({"days_off": ["2026-01-01", "2026-01-02", "2026-02-16", "16/02/2026"]})")),
      "assets/holidays/vn.json: $.years.2026.days_off[3]: expected a date YYYY-MM-DD "
      "(\"16/02/2026\": expected a date YYYY-MM-DD)");
  EXPECT_EQ(Error(WithYear(R"({"days_off": [{"date": "2026-02-30"}]})")),
            "assets/holidays/vn.json: $.years.2026.days_off[0].date: expected a date YYYY-MM-DD "
            "(\"2026-02-30\": day 30 does not exist: February 2026 has 28 days)");
  EXPECT_EQ(Error(WithYear(R"({"days_off": [42]})")),
            "assets/holidays/vn.json: $.years.2026.days_off[0]: expected a date YYYY-MM-DD");
  EXPECT_EQ(Error(WithYear(R"({"days_off": ["2025-12-31"]})")),
            "assets/holidays/vn.json: $.years.2026.days_off[0]: 2025-12-31 is not in 2026; list "
            "it under its own year");
  EXPECT_EQ(Error(WithYear(R"({"days_off": ["2026-01-01", "2026-01-01"]})")),
            "assets/holidays/vn.json: $.years.2026.days_off[1]: 2026-01-01 is listed twice");
  EXPECT_EQ(Error(WithYear(R"({"day_off": []})")),
            "assets/holidays/vn.json: $.years.2026.day_off: unknown key (expected one of: "
            "days_off, makeup_working_days, note, source)");
  EXPECT_EQ(Error(WithYear(R"({"source": "x"})")),
            "assets/holidays/vn.json: $.years.2026: missing \"days_off\"");
  EXPECT_EQ(Error(WithYear(R"({"days_off": [], "makeup_working_days": ["2026-01-12"]})")),
            "assets/holidays/vn.json: $.years.2026.makeup_working_days[0]: 2026-01-12 is a "
            "Monday, already a working day; a make-up working day must be a Saturday or Sunday");
  EXPECT_EQ(
      Error(WithYear(R"({"days_off": ["2026-01-10"], "makeup_working_days": ["2026-01-10"]})")),
      "assets/holidays/vn.json: $.years.2026.makeup_working_days[0]: 2026-01-10 is also "
      "listed in days_off");
  EXPECT_EQ(Error(WithYear(R"({"days_off": [{"date": "2026-01-01", "example": "yes"}]})")),
            "assets/holidays/vn.json: $.years.2026.days_off[0].example: expected true or false, "
            "found a string");
  EXPECT_EQ(Error(R"({"format": 1, "years": {"26": {"days_off": []}}})"),
            "assets/holidays/vn.json: $.years.26: expected a year between 1900 and 2199");
  EXPECT_EQ(Error(R"({"format": 2, "years": {}})"),
            "assets/holidays/vn.json: $.format: expected 1 (the only version this program reads)");
  EXPECT_EQ(Error(R"({"years": {}})"), "assets/holidays/vn.json: $: missing \"format\"");
  EXPECT_EQ(Error("[]"), "assets/holidays/vn.json: $: expected an object, found an array");
}

TEST(HolidayDataTest, BadJsonIsRefusedWithItsPosition) {
  const std::string e = Error(R"({"format": 1, "years": {)");
  EXPECT_EQ(e.rfind("assets/holidays/vn.json: line 1, column 25 (byte 24): JSON syntax error", 0),
            0u)
      << e;
  EXPECT_NE(Error("\xff\xfe").find("JSON syntax error"), std::string::npos);
  EXPECT_NE(Error("").find("JSON syntax error"), std::string::npos);
  EXPECT_EQ(Error(WithYear(R"({"days_off": [[[[[["2026-01-01"]]]]]]})")),
            "assets/holidays/vn.json: line 1, column 51 (byte 50): nested more than 8 levels deep");
}

// With a plain JSON parser the second key silently wins, dropping a whole
// year or a list of days off without a word.
TEST(HolidayDataTest, DuplicatedKeysAreRefused) {
  Result<HolidayData> year = HolidayData::Parse(
      R"({"format": 1, "years": {"2026": {"days_off": ["2026-01-01"]},
                                "2026": {"days_off": ["2026-09-02"]}}})",
      kFile);
  ASSERT_FALSE(year.ok());
  EXPECT_EQ(year.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(year.status().message(), "assets/holidays/vn.json: $.years: duplicate key \"2026\"");

  Result<HolidayData> list = HolidayData::Parse(
      WithYear(R"({"days_off": ["2026-01-01"], "source": "x", "days_off": ["2026-09-02"]})"),
      kFile);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(list.status().message(),
            "assets/holidays/vn.json: $.years.2026: duplicate key \"days_off\"");
}

TEST(HolidayDataTest, RefusesHugeInput) {
  const std::string big(HolidayData::kMaxBytes + 1, ' ');
  EXPECT_EQ(Error(big), "assets/holidays/vn.json: larger than 1 MiB; not a holiday data file");
}

TEST(HolidayDataTest, MissingFileIsAnIoError) {
  Result<HolidayData> r = HolidayData::LoadFile("/nonexistent/vn.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kIo);
  EXPECT_EQ(r.status().message(),
            "/nonexistent/vn.json: cannot open the file: No such file or directory");
}

}  // namespace
}  // namespace dvc::calendar
