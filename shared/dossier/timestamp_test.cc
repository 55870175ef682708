#include "dossier/timestamp.h"

#include <gtest/gtest.h>

namespace dvc::dossier {
namespace {

using namespace std::chrono;

TEST(TimestampTest, FormatsUtcToTheSecond) {
  const Timestamp t = sys_days(year(2026) / 11 / 3) + hours(2) + minutes(15) + seconds(7);
  EXPECT_EQ(FormatTimestamp(t), "2026-11-03T02:15:07Z");
  EXPECT_EQ(*ParseTimestamp("2026-11-03T02:15:07Z"), t);
}

TEST(TimestampTest, AcceptsOffsetsAndFractions) {
  const Timestamp t = sys_days(year(2026) / 11 / 3) + hours(2) + minutes(15);
  EXPECT_EQ(*ParseTimestamp("2026-11-03T09:15:00+07:00"), t);
  EXPECT_EQ(*ParseTimestamp("2026-11-03T09:15:00.999+07:00"), t);
  EXPECT_EQ(*ParseTimestamp("2026-11-02t21:45:00-04:30"), t);
  EXPECT_EQ(*ParseTimestamp("2026-11-03 02:15:00z"), t);
}

TEST(TimestampTest, RefusesWhatIsNotRfc3339) {
  for (const char* bad :
       {"", "2026-11-03", "2026-11-03T02:15:07", "2026-13-03T02:15:07Z", "2026-02-29T00:00:00Z",
        "2026-11-03T24:00:00Z", "2026-11-03T02:60:00Z", "2026-11-03T02:15:07+7:00",
        "2026-11-03T02:15:07.Z", "1969-12-31T23:59:59Z", "2026/11/03T02:15:07Z",
        "2026-11-03T02:15:07Zjunk", "+2026-11-03T02:15:07Z"}) {
    auto t = ParseTimestamp(bad);
    EXPECT_FALSE(t.ok()) << bad;
    if (!t.ok()) {
      EXPECT_EQ(t.status().code(), ErrorCode::kInvalidInput);
    }
  }
  EXPECT_EQ(ParseTimestamp("2026-11-03T24:00:00Z").status().message(),
            "\"2026-11-03T24:00:00Z\" has a time of day out of range");
}

TEST(TimestampTest, Dates) {
  EXPECT_EQ(*ParseDate("2024-02-29"), year(2024) / 2 / 29);
  EXPECT_EQ(FormatDate(year(2026) / 1 / 5), "2026-01-05");
  EXPECT_FALSE(ParseDate("2026-02-29").ok());
  EXPECT_FALSE(ParseDate("2026-2-28").ok());
  EXPECT_FALSE(ParseDate("2026-02-28T00:00:00Z").ok());
  EXPECT_EQ(ParseDate("2026-02-30").status().message(), "\"2026-02-30\" is not a real day");
}

}  // namespace
}  // namespace dvc::dossier
