#include "catalog/csv_reader.h"

#include <gtest/gtest.h>

namespace dvc::catalog {
namespace {

std::vector<std::vector<std::string>> Fields(std::string_view text) {
  Result<std::vector<CsvRecord>> r = ParseCsv(text);
  EXPECT_TRUE(r.ok()) << r.status().message();
  std::vector<std::vector<std::string>> out;
  if (r.ok()) {
    for (const CsvRecord& rec : *r) out.push_back(rec.fields);
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, ReadsPlainAndQuotedFields) {
  EXPECT_EQ(Fields("a,b,c\n1,,3\n"), (Rows{{"a", "b", "c"}, {"1", "", "3"}}));
  EXPECT_EQ(Fields("\"Thị trấn, cũ\",\"say \"\"hi\"\"\",x"),
            (Rows{{"Thị trấn, cũ", "say \"hi\"", "x"}}));
  EXPECT_EQ(Fields("a,\"line1\r\nline2\",c\r\nd,e,f\r\n"),
            (Rows{{"a", "line1\r\nline2", "c"}, {"d", "e", "f"}}));
  EXPECT_EQ(Fields("a,\"\"\n"), (Rows{{"a", ""}}));
  EXPECT_EQ(Fields("a,b,\n"), (Rows{{"a", "b", ""}}));
}

TEST(CsvReader, AcceptsCrlfBomBlankLinesAndNoFinalNewline) {
  EXPECT_EQ(Fields("\xEF\xBB\xBFh1,h2\r\n\r\nv1,v2"), (Rows{{"h1", "h2"}, {"v1", "v2"}}));
  EXPECT_EQ(Fields("x\ry\n"), (Rows{{"x"}, {"y"}}));
  EXPECT_TRUE(Fields("").empty());
}

TEST(CsvReader, RecordsStartLines) {
  Result<std::vector<CsvRecord>> r = ParseCsv("a\n\"b\nc\"\nd\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].line, 1);
  EXPECT_EQ((*r)[1].line, 2);
  EXPECT_EQ((*r)[2].line, 4);
}

TEST(CsvReader, RefusesMalformedQuotingWithTheLine) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"a,b\nc,\"open\n", "line 2: a quoted field is not closed"},
      {"a,b\nc,d\"e\n", "line 2: a quote inside an unquoted field"},
      {"a\n\"x\"y,z\n", "line 2: text after a closing quote"},
  };
  for (const Case& c : cases) {
    Result<std::vector<CsvRecord>> r = ParseCsv(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().message(), c.message);
  }
  EXPECT_FALSE(ParseCsv("a,\xC3\n").ok());  // invalid UTF-8
}

}  // namespace
}  // namespace dvc::catalog
