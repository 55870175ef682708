#include "catalog/civil_date.h"

#include <gtest/gtest.h>

namespace dvc::catalog {
namespace {

TEST(CivilDate, ParsesIsoAndRefusesImpossibleDates) {
  EXPECT_EQ(ParseIsoDate("2025-07-01"), (CivilDate{2025, 7, 1}));
  EXPECT_EQ(ParseIsoDate("2024-02-29"), (CivilDate{2024, 2, 29}));
  EXPECT_FALSE(ParseIsoDate("2023-02-29"));
  EXPECT_FALSE(ParseIsoDate("1900-02-29"));  // not a leap year
  EXPECT_TRUE(ParseIsoDate("2000-02-29"));   // is one
  EXPECT_FALSE(ParseIsoDate("2025-02-31"));
  EXPECT_FALSE(ParseIsoDate("2025-13-01"));
  EXPECT_FALSE(ParseIsoDate("2025-7-1"));
  EXPECT_FALSE(ParseIsoDate("2025-07-01x"));
  EXPECT_FALSE(ParseIsoDate(""));
}

TEST(CivilDate, ParsesWhatResidentsType) {
  EXPECT_EQ(ParseUserDate("25/12/1990"), (CivilDate{1990, 12, 25}));
  EXPECT_EQ(ParseUserDate("5/3/1990"), (CivilDate{1990, 3, 5}));
  EXPECT_EQ(ParseUserDate(" 05-03-1990 "), (CivilDate{1990, 3, 5}));
  EXPECT_EQ(ParseUserDate("05.03.1990"), (CivilDate{1990, 3, 5}));
  EXPECT_EQ(ParseUserDate("1990-03-05"), (CivilDate{1990, 3, 5}));
  EXPECT_FALSE(ParseUserDate("31/02/2024"));
  EXPECT_FALSE(ParseUserDate("29/02/2023"));
  EXPECT_FALSE(ParseUserDate("5/3/90"));
  EXPECT_FALSE(ParseUserDate("5/3-1990"));
  EXPECT_FALSE(ParseUserDate("123/3/1990"));
  EXPECT_FALSE(ParseUserDate("ngày 5"));
}

TEST(CivilDate, FormatsAndCountsDays) {
  CivilDate d{2025, 7, 1};
  EXPECT_EQ(d.ToIso(), "2025-07-01");
  EXPECT_EQ(d.ToDisplay(), "01/07/2025");
  EXPECT_EQ((CivilDate{1970, 1, 1}).ToDays(), 0);
  EXPECT_EQ((CivilDate{2024, 3, 1}).ToDays() - (CivilDate{2024, 2, 28}).ToDays(), 2);
  for (int64_t days = -800000; days < 800000; days += 997) {
    EXPECT_EQ(CivilDate::FromDays(days).ToDays(), days);
  }
  EXPECT_LT((CivilDate{2025, 2, 28}), (CivilDate{2025, 3, 1}));
}

}  // namespace
}  // namespace dvc::catalog
