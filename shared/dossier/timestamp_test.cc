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
        "2026-11-03T02:15:07Zjunk", "+2026-11-03T02:15:07Z", "2026-11-03T02:15Z+07:00",
        "2026-11-03T02:15:07+07-00", "2026-11-03T02:15:07\xff" "07:00"}) {
    auto t = ParseTimestamp(bad);
    EXPECT_FALSE(t.ok()) << bad;
    if (!t.ok()) {
      EXPECT_EQ(t.status().code(), ErrorCode::kInvalidInput);
    }
  }
  EXPECT_EQ(ParseTimestamp("2026-11-03T24:00:00Z").status().message(),
            "\"24:00:00\": time 24:0:0 does not exist");
  EXPECT_EQ(ParseTimestamp("2026-11-03T02:15:07+24:00").status().message(),
            "\"2026-11-03T02:15:07+24:00\" has a bad UTC offset");
  EXPECT_EQ(ParseTimestamp("2026-11-03T0x:15:07Z").status().message(),
            "\"0x:15:07\": expected a time HH:MM");
}

TEST(TimestampTest, SaysWhichPartOfTheDateIsWrong) {
  EXPECT_EQ(ParseTimestamp("2026-13-03T02:15:07Z").status().message(),
            "\"2026-13-03\": month 13 is not between 1 and 12");
  EXPECT_EQ(ParseTimestamp("2026-02-29T00:00:00Z").status().message(),
            "\"2026-02-29\": day 29 does not exist: February 2026 has 28 days");
  // Leap days and the last representable second still parse.
  EXPECT_EQ(*ParseTimestamp("2024-02-29T00:00:00Z"), sys_days(year(2024) / 2 / 29));
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("9999-12-31T23:59:59Z")), "9999-12-31T23:59:59Z");
}

}  // namespace
}  // namespace dvc::dossier
