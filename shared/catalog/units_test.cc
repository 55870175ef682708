#include "catalog/units.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/catalog_test_support.h"

namespace dvc::catalog {
namespace {

using testing::D;
using testing::FixtureUnits;

std::vector<std::string> Codes(const std::vector<const Unit*>& units) {
  std::vector<std::string> out;
  for (const Unit* u : units) out.push_back(u->code);
  return out;
}

TEST(Units, LoadsRowsWithQuotedNamesAndExamples) {
  const UnitTable& t = FixtureUnits();
  EXPECT_EQ(t.units().size(), 11u);
  const Unit* u = t.UnitAt("12347", D(2020, 1, 1));
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->name, "Thị trấn Đông Hưng, cũ");
  EXPECT_TRUE(u->example);
  EXPECT_EQ(u->level, UnitLevel::kCommune);
  EXPECT_EQ(u->search_key, "thi tran dong hung cu");
  Result<UnitTable> crlf = LoadUnits(testing::TestData("units_crlf.csv"));
  ASSERT_TRUE(crlf.ok()) << crlf.status().message();
  EXPECT_EQ(crlf->units().size(), 1u);
  EXPECT_FALSE(crlf->units()[0].example);
}

TEST(Units, AnswersByDate) {
  const UnitTable& t = FixtureUnits();
  EXPECT_NE(t.UnitAt("34", D(2025, 6, 30)), nullptr);  // valid_to is inclusive
  EXPECT_EQ(t.UnitAt("34", D(2025, 7, 1)), nullptr);
  EXPECT_EQ(t.UnitAt("12350", D(2025, 6, 30)), nullptr);
  EXPECT_NE(t.UnitAt("12350", D(2025, 7, 1)), nullptr);
  EXPECT_EQ(Codes(t.ChildrenAt("336", D(2020, 1, 1))),
            (std::vector<std::string>{"12345", "12346", "12347"}));
  EXPECT_TRUE(t.ChildrenAt("336", D(2026, 1, 1)).empty());
  // Before the 2025 merger the Đông Hưng communes were Thái Bình's; after it, Hưng Yên has new
  // ones.
  EXPECT_EQ(Codes(t.CommunesOf("34", D(2024, 1, 1))),
            (std::vector<std::string>{"12345", "12346", "12347"}));
  EXPECT_TRUE(t.CommunesOf("33", D(2024, 1, 1)).empty());
  EXPECT_EQ(Codes(t.CommunesOf("33", D(2026, 1, 1))),
            (std::vector<std::string>{"12351", "12350", "12352"}));
  EXPECT_EQ(t.UnitAt("12345", D(2020, 1, 1))->province, "34");
  EXPECT_EQ(t.UnitAt("01001", D(2026, 1, 1))->province, "01");
}

TEST(Units, CommunePickerSearchIgnoresDiacriticsAndCase) {
  const UnitTable& t = FixtureUnits();
  EXPECT_EQ(Codes(t.SearchCommunes("33", D(2026, 1, 1), "dong hu")),
            (std::vector<std::string>{"12351", "12350"}));
  EXPECT_EQ(Codes(t.SearchCommunes("33", D(2026, 1, 1), "BẮC")),
            (std::vector<std::string>{"12351"}));
  EXPECT_EQ(Codes(t.SearchCommunes("33", D(2026, 1, 1), "thai")),
            (std::vector<std::string>{"12352"}));
  EXPECT_EQ(t.SearchCommunes("33", D(2026, 1, 1), "").size(), 3u);
  EXPECT_TRUE(t.SearchCommunes("33", D(2026, 1, 1), "ha noi").empty());
}

TEST(Units, RefusesBadRowsNamingTheLine) {
  const std::string header = "code,name,level,parent,valid_from,valid_to,note\n";
  struct Case {
    std::string body;
    std::string message;
  } cases[] = {
      {"33,Tỉnh Hưng Yên,province,,1997-01-01,\n", "u.csv: line 2: expected 7 columns, found 6"},
      {"333,Tỉnh Hưng Yên,province,,1997-01-01,,\n",
       "u.csv: line 2: code: \"333\" is not a 2-digit province code"},
      {"33,Tỉnh Hưng Yên,tinh,,1997-01-01,,\n",
       "u.csv: line 2: level: unknown level \"tinh\" (province, district or commune)"},
      {"33,,province,,1997-01-01,,\n", "u.csv: line 2: name: must not be empty"},
      {"33,Hưng Yên,province,01,1997-01-01,,\n", "u.csv: line 2: parent: a province has no parent"},
      {"12345,Xã A,commune,,1997-01-01,,\n", "u.csv: line 2: parent: missing parent code"},
      {"33,Hưng Yên,province,,1997-02-30,,\n",
       "u.csv: line 2: valid_from: expected a real date as YYYY-MM-DD, got \"1997-02-30\""},
      {"33,Hưng Yên,province,,1997-01-01,1996-01-01,\n",
       "u.csv: line 2: valid_to: is before valid_from"},
      {"33,Hưng Yên,province,,1997-01-01,,\n33,Hưng Yên,province,,2000-01-01,,\n",
       "u.csv: line 3: code: \"33\" already has a row in force during this period"},
      {"33,Hưng Yên,province,,1997-01-01,,\n12345,Xã A,commune,99,1997-01-01,,\n",
       "u.csv: line 3: parent: no unit \"99\""},
      {"33,Hưng Yên,province,,1997-01-01,,\n12345,Xã A,commune,33,1997-01-01,,\n12346,Xã "
       "B,commune,12345,1997-01-01,,\n",
       "u.csv: line 4: parent: \"12345\" is not at a higher level than \"12346\""},
      {"33,\"Hưng Yên,province,,1997-01-01,,\n", "u.csv: line 2: a quoted field is not closed"},
  };
  for (const Case& c : cases) {
    Result<UnitTable> t = ParseUnits(header + c.body, "u.csv");
    ASSERT_FALSE(t.ok()) << c.body;
    EXPECT_EQ(t.status().message(), c.message);
  }
  Result<UnitTable> t = ParseUnits("code,name\n", "u.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), ::testing::HasSubstr("u.csv: line 1: the header must be"));
  EXPECT_FALSE(ParseUnits("", "u.csv").ok());
  EXPECT_EQ(LoadUnits("/nonexistent/units.csv").status().code(), ErrorCode::kIo);
  // A code reused after a gap is fine.
  EXPECT_TRUE(
      ParseUnits(header + "33,A,province,,1997-01-01,1999-12-31,\n33,B,province,,2000-01-01,,\n",
                 "u.csv")
          .ok());
}

}  // namespace
}  // namespace dvc::catalog
