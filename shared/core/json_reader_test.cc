#include "core/json_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace dvc::core {
namespace {

using nlohmann::json;

std::string ParseError(std::string_view text, int max_depth = kMaxJsonDepth) {
  Result<json> r = ParseJsonText(text, "f.json", max_depth);
  return r.ok() ? "(parsed)" : r.status().message();
}

TEST(JsonReaderTest, DepthLimitIsTheCallersChoice) {
  EXPECT_EQ(ParseError("[[1]]", 2), "(parsed)");
  EXPECT_EQ(ParseError("[[[1]]]", 2),
            "f.json: line 1, column 3 (byte 2): nested more than 2 levels deep");
  // Brackets inside strings do not count.
  EXPECT_EQ(ParseError(R"(["[[[[", "\"[[["])", 1), "(parsed)");
}

TEST(JsonReaderTest, DuplicateKeysAreNamedByPath) {
  EXPECT_EQ(ParseError(R"({"a": [{}, {"b": 1, "b": 2}]})"), "f.json: $.a[1]: duplicate key \"b\"");
  EXPECT_EQ(ParseError(R"({"a": 1, "a": 1})"), "f.json: $: duplicate key \"a\"");
}

TEST(JsonReaderTest, LibraryMessagesLoseTheirTag) {
  EXPECT_EQ(ParseError("[1e400]"), "f.json: number overflow parsing '1e400'");
  const std::string syntax = ParseError("{\n  \"a\": }");
  EXPECT_EQ(syntax.rfind("f.json: line 2, column 8 (byte 9): JSON syntax error: ", 0), 0u)
      << syntax;
  EXPECT_EQ(syntax.find("[json.exception"), std::string::npos) << syntax;
}

TEST(JsonReaderTest, UnknownKeysListTheAllowedOnes) {
  const std::string file = "f.json";
  const json doc = json::parse(R"({"name": "x", "nmae": "y"})");
  Status s = JsonNode(doc, file).ExpectObject({"name", "note"});
  EXPECT_EQ(s.message(), "f.json: $.nmae: unknown key (expected one of: name, note)");
  EXPECT_EQ(JsonNode(json::array(), file).ExpectObject({"a"}).message(),
            "f.json: $: expected an object, found an array");
}

TEST(JsonReaderTest, DocumentsWithoutAFileAreNamedByTheirRoot) {
  const std::string no_file;
  const json doc = json::parse(R"({"n": 2.5, "list": [true, "x"]})");
  JsonNode root(doc, no_file, "dossier");
  int64_t n = 0;
  EXPECT_EQ(root.ReadInt("n", &n, Need::kRequired, 0, 9).message(),
            "dossier.n: expected a whole number, found a fractional number");
  std::string text;
  EXPECT_EQ(root.ReadString("missing", &text, Need::kRequired).message(),
            "dossier.missing: missing required value");
  std::vector<bool> seen;
  Status s = root.ForEach("list", Need::kRequired, [&](const JsonNode& e, size_t) {
    if (!e.value().is_boolean()) return e.Fail("not a flag");
    seen.push_back(e.value().get<bool>());
    return Status::Ok();
  });
  EXPECT_EQ(s.message(), "dossier.list[1]: not a flag");
  EXPECT_EQ(seen, std::vector<bool>{true});
}

TEST(JsonReaderTest, ForEachMemberVisitsEveryKeyWithItsPath) {
  const std::string file = "f.json";
  const json doc = json::parse(R"({"years": {"2025": 1, "x y": 2}})");
  std::vector<std::string> paths;
  Status s = JsonNode(doc, file).ForEachMember("years", Need::kRequired,
                                               [&](const JsonNode& m, const std::string& key) {
                                                 paths.push_back(key + "=" + m.path());
                                                 return Status::Ok();
                                               });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(paths, (std::vector<std::string>{"2025=$.years.2025", "x y=$.years[\"x y\"]"}));
  EXPECT_EQ(JsonNode(doc, file).ForEachMember("nope", Need::kRequired, nullptr).message(),
            "f.json: $.nope: missing required value");
}

}  // namespace
}  // namespace dvc::core
