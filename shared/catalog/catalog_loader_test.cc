#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "catalog/catalog.h"
#include "catalog/catalog_test_support.h"
#include "core/file_util.h"

namespace dvc::catalog {
namespace {

using nlohmann::json;
using testing::Fixture;
using ::testing::HasSubstr;
using testing::TestData;

json FixtureJson(const std::string& relative) {
  Result<std::string> text = core::ReadFile(TestData("catalog/" + relative));
  EXPECT_TRUE(text.ok());
  return json::parse(*text);
}

// Parses the fixture service `id` after `mutate` and returns the error message ("" when it loads).
std::string ServiceError(const std::string& id, const std::function<void(json&)>& mutate) {
  json doc = FixtureJson("services/" + id + ".json");
  mutate(doc);
  Result<Service> s = ParseService(doc.dump(2), "services/" + id + ".json");
  if (s.ok()) return "";
  EXPECT_EQ(s.status().code(), ErrorCode::kInvalidInput);
  return s.status().message();
}

std::string BuildingError(const std::function<void(json&)>& mutate) {
  return ServiceError("cap-giay-phep-xay-dung", mutate);
}
std::string RichError(const std::function<void(json&)>& mutate) {
  return ServiceError("dang-ky-khai-sinh", mutate);
}

TEST(CatalogLoader, LoadsTheFixtureSortedWithLookups) {
  const Catalog& c = Fixture();
  EXPECT_EQ(c.version(), "test.1");
  EXPECT_EQ(c.header().province_name.vi, "Hưng Yên");
  ASSERT_EQ(c.services().size(), 10u);
  for (size_t i = 1; i < c.services().size(); ++i)
    EXPECT_LT(c.services()[i - 1].id, c.services()[i].id);
  const Service* s = c.FindService("cap-giay-phep-xay-dung");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->name.vi, "Cấp giấy phép xây dựng");
  EXPECT_EQ(s->form.fields.size(), 3u);
  EXPECT_EQ(c.FindService("khong-co"), nullptr);
  EXPECT_EQ(c.FindAgency("tb-so-tttt")->name.vi, "Sở Thông tin và Truyền thông tỉnh Thái Bình");
  EXPECT_EQ(c.FindField("dat-dai")->name.en, "Land");
  const Service* rich = c.FindService("dang-ky-khai-sinh");
  ASSERT_NE(rich, nullptr);
  EXPECT_EQ(rich->origin, Origin::kAddition);
  EXPECT_EQ(rich->form.version, 3);
  const Field* relation_other = rich->form.FindField("relation_other");
  ASSERT_NE(relation_other, nullptr);
  ASSERT_TRUE(relation_other->visible_if);
  EXPECT_EQ(relation_other->visible_if->field, "relation");
}

TEST(CatalogLoader, NamesFileAndPathForAnUnknownFieldType) {
  EXPECT_EQ(
      BuildingError([](json& d) { d["form"]["fields"][2]["type"] = "txt"; }),
      "services/cap-giay-phep-xay-dung.json: $.form.fields[2].type: unknown field type \"txt\"");
}

TEST(CatalogLoader, ReportsSyntaxErrorsWithLineColumnAndByte) {
  Result<Service> s = ParseService("{\n  \"id\": \"x\",\n  \"name\" {}\n}", "services/x.json");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.status().message(),
              HasSubstr("services/x.json: line 3, column 10 (byte 24): JSON syntax error"));
  Result<Service> empty = ParseService("", "services/x.json");
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("services/x.json: line 1, column 1"));
}

TEST(CatalogLoader, RefusesDuplicateKeysWithTheirPath) {
  Result<Service> s =
      ParseService(R"({"form": {"fields": [{"id": "a"}, {"id": "b", "id": "c"}]}})", "s.json");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "s.json: $.form.fields[1]: duplicate key \"id\"");
}

TEST(CatalogLoader, RefusesDeepNesting) {
  std::string deep(100, '[');
  Result<Service> s = ParseService(deep, "d.json");
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.status().message(), HasSubstr("nested more than 64 levels deep"));
}

TEST(CatalogLoader, EveryServiceErrorNamesTheJsonPath) {
  const std::string f = "services/cap-giay-phep-xay-dung.json: ";
  const std::string r = "services/dang-ky-khai-sinh.json: ";
  struct Case {
    std::string expected;
    std::function<std::string()> run;
  };
  std::vector<Case> cases = {
      {f + "$.id: \"khac\" differs from the file name (expected \"cap-giay-phep-xay-dung\")",
       [] { return BuildingError([](json& d) { d["id"] = "khac"; }); }},
      {f + "$.id: \"Cap\" is not a lowercase ASCII slug ([a-z0-9-])",
       [] { return BuildingError([](json& d) { d["id"] = "Cap"; }); }},
      {f + "$.colour: unknown key (expected one of: id, national_code, origin, name, field, "
             "lead_agency, co_agencies, roadmap, current_level, target, online_label, "
             "documents, fee, processing_days, collect_at, example_values, form)",
       [] { return BuildingError([](json& d) { d["colour"] = 1; }); }},
      {f + "$.name: missing required value",
       [] { return BuildingError([](json& d) { d.erase("name"); }); }},
      {f + "$.name.vi: missing required value",
       [] { return BuildingError([](json& d) {
              d["name"] = {{"en", "x"}};
            }); }},
      {f + "$.name.vi: must not be empty",
       [] { return BuildingError([](json& d) { d["name"]["vi"] = " "; }); }},
      {f + "$.name: expected {\"vi\": \"...\", \"en\": \"...\"}",
       [] { return BuildingError([](json& d) { d["name"] = "Cấp"; }); }},
      {f + "$.origin: unknown origin \"other\"",
       [] { return BuildingError([](json& d) { d["origin"] = "other"; }); }},
      {f + "$.current_level: expected a whole number from 2 to 4",
       [] { return BuildingError([](json& d) { d["current_level"] = 5; }); }},
      {f + "$.processing_days: expected a whole number, found a fractional number",
       [] { return BuildingError([](json& d) { d["processing_days"] = 1.5; }); }},
      {f + "$.fee.amount_vnd: missing required value",
       [] { return BuildingError([](json& d) { d["fee"] = json::object(); }); }},
      {f + "$.roadmap[0].table: unknown roadmap table \"2016\" (2012, 2013, 2014, 2015 or 2020)",
       [] { return BuildingError([](json& d) { d["roadmap"][0]["table"] = "2016"; }); }},
      {f + "$.roadmap: must be empty for an addition",
       [] { return BuildingError([](json& d) { d["origin"] = "addition"; }); }},
      {f + "$.co_agencies[0]: \"tb-bql-kcn\" is already the lead agency",
       [] { return BuildingError([](json& d) { d["co_agencies"] = {"tb-bql-kcn"}; }); }},
      {f + "$.example_values[0]: \"gia\" is not a key of a service",
       [] { return BuildingError([](json& d) { d["example_values"] = {"gia"}; }); }},
      {f + "$.form.fields[1].id: duplicate field id \"full_name\"",
       [] { return BuildingError([](json& d) { d["form"]["fields"][1]["id"] = "full_name"; }); }},
      {f + "$.form.fields[0].id: \"Full Name\" is not a field id (a-z, 0-9, _; starting with a "
           "letter)",
       [] { return BuildingError([](json& d) { d["form"]["fields"][0]["id"] = "Full Name"; }); }},
      {f + "$.form.fields[0].min_length: is greater than max_length",
       [] { return BuildingError([](json& d) { d["form"]["fields"][0]["min_length"] = 200; }); }},
      {f + "$.form.fields[0].options: does not apply to a text field",
       [] {
         return BuildingError([](json& d) { d["form"]["fields"][0]["options"] = json::array(); });
       }},
      {f + "$.form.fields[0].requried: unknown key",
       [] { return BuildingError([](json& d) { d["form"]["fields"][0]["requried"] = true; }); }},
      {f + "$.form.fields[2]: field \"phone\" is on no page",
       [] { return BuildingError([](json& d) { d["form"]["pages"][0]["fields"].erase(2); }); }},
      {f + "$.form.pages[1].fields[0]: field \"phone\" is already on $.form.pages[0]",
       [] {
         return BuildingError([](json& d) {
           d["form"]["pages"].push_back({{"title", {{"vi", "Trang 2"}}}, {"fields", {"phone"}}});
         });
       }},
      {f + "$.form.pages[0].fields[3]: no field \"email\" in this form",
       [] {
         return BuildingError([](json& d) { d["form"]["pages"][0]["fields"].push_back("email"); });
       }},
      {f + "$.form.pages: a form needs at least one page",
       [] { return BuildingError([](json& d) { d["form"]["pages"] = json::array(); }); }},
      {f + "$.form.fields[0].pattern: not a valid regular expression",
       [] { return BuildingError([](json& d) { d["form"]["fields"][0]["pattern"] = "([a-z"; }); }},
      {f + "$.form.fields[0].pattern: repetition counts multiplying to more than 10000",
       [] {
         return BuildingError(
             [](json& d) { d["form"]["fields"][0]["pattern"] = "((a{100}){100}){2}"; });
       }},
      {f + "$.form.version: expected a whole number from 1 to 1000000",
       [] { return BuildingError([](json& d) { d["form"]["version"] = 0; }); }},
      {r + "$.form.fields[8].visible_if.field: \"agree\" is not a field earlier in the form",
       [] {
         return RichError([](json& d) { d["form"]["fields"][8]["visible_if"]["field"] = "agree"; });
       }},
      {r + "$.form.fields[8].visible_if.field: \"nobody\" is not a field earlier in the form",
       [] {
         return RichError(
             [](json& d) { d["form"]["fields"][8]["visible_if"]["field"] = "nobody"; });
       }},
      {r + "$.form.fields[8].visible_if.equals: not a possible value of the choice field "
           "\"relation\"",
       [] {
         return RichError([](json& d) { d["form"]["fields"][8]["visible_if"]["equals"] = "ong"; });
       }},
      {r + "$.form.fields[14].visible_if.in[1]: not a possible value of the choice field "
           "\"languages\"",
       [] {
         return RichError([](json& d) { d["form"]["fields"][14]["visible_if"]["in"][1] = 3; });
       }},
      {r + "$.form.fields[13].visible_if: needs exactly one of \"equals\" or \"in\"",
       [] {
         return RichError([](json& d) { d["form"]["fields"][13]["visible_if"]["in"] = {true}; });
       }},
      {r + "$.form.fields[8].visible_if.field: \"phone\" is a phone field; visible_if can refer "
           "only to a choice, "
           "checkbox, number or text field",
       [] {
         return RichError([](json& d) {
           d["form"]["fields"][8]["visible_if"] = {{"field", "phone"}, {"equals", "x"}};
         });
       }},
      {r + "$.form.fields[7].options[2].value: duplicate option \"cha\"",
       [] {
         return RichError([](json& d) { d["form"]["fields"][7]["options"][2]["value"] = "cha"; });
       }},
      {r + "$.form.fields[7].options: a choice needs at least one option",
       [] {
         return RichError([](json& d) { d["form"]["fields"][7]["options"] = json::array(); });
       }},
      {r + "$.form.fields[10].min: is greater than max",
       [] { return RichError([](json& d) { d["form"]["fields"][10]["min"] = 30; }); }},
      {r + "$.form.fields[6].min: is later than max",
       [] { return RichError([](json& d) { d["form"]["fields"][6]["max"] = "2019-12-31"; }); }},
      {r + "$.form.fields[6].max: expected \"today\" or a real date as YYYY-MM-DD, got "
           "\"2025-02-30\"",
       [] { return RichError([](json& d) { d["form"]["fields"][6]["max"] = "2025-02-30"; }); }},
      {r + "$.form.fields[13].min_files: is greater than max_files",
       [] { return RichError([](json& d) { d["form"]["fields"][13]["min_files"] = 3; }); }},
      {r + "$.form.fields[13].accept[0]: expected a MIME type such as \"image/jpeg\"",
       [] { return RichError([](json& d) { d["form"]["fields"][13]["accept"] = {"jpeg"}; }); }},
      {r + "$.form.fields[1].birth_date_field: \"phone\" is not a date field of this form",
       [] {
         return RichError([](json& d) { d["form"]["fields"][1]["birth_date_field"] = "phone"; });
       }},
      {r + "$.form.fields[11].pattern_message: needs a pattern",
       [] { return RichError([](json& d) { d["form"]["fields"][11].erase("pattern"); }); }},
  };
  for (const Case& c : cases) {
    std::string got = c.run();
    if (c.expected.find("not a valid regular expression") != std::string::npos) {
      EXPECT_THAT(got, HasSubstr(c.expected));
    } else {
      EXPECT_EQ(got, c.expected);
    }
  }
}

TEST(CatalogLoader, ApplicantFieldsAreAlwaysShownTextAndPhone) {
  const std::string r = "services/dang-ky-khai-sinh.json: $.form.";
  EXPECT_EQ(RichError([](json& d) { d["form"].erase("applicant_name_field"); }),
            r + "applicant_name_field: missing required value");
  EXPECT_EQ(RichError([](json& d) { d["form"]["applicant_name_field"] = "nobody"; }),
            r + "applicant_name_field: \"nobody\" is not a text field of this form");
  EXPECT_EQ(RichError([](json& d) { d["form"]["applicant_name_field"] = "phone"; }),
            r + "applicant_name_field: \"phone\" is not a text field of this form");
  EXPECT_EQ(RichError([](json& d) { d["form"]["applicant_name_field"] = "relation_other"; }),
            r + "applicant_name_field: \"relation_other\" has visible_if; the applicant's "
                "field must always be shown");
  EXPECT_EQ(RichError([](json& d) { d["form"]["applicant_phone_field"] = "full_name"; }),
            r + "applicant_phone_field: \"full_name\" is not a phone field of this form");
  EXPECT_EQ(RichError([](json& d) {
              for (json& f : d["form"]["fields"]) {
                if (f["id"] == "full_name") f["required"] = false;
              }
            }),
            r + "applicant_name_field: \"full_name\" is not required");
  EXPECT_EQ(RichError([](json& d) { d["form"]["applicant_name_field"] = "child_name"; }), "");
}

TEST(CatalogLoader, NormalisesTextToNfc) {
  json doc = FixtureJson("services/cap-giay-phep-xay-dung.json");
  doc["name"]["vi"] =
      "Ca\xCC\x82\xCC\x81p gia\xCC\x82\xCC\x81y phe\xCC\x81p";  // NFD "Cấp giấy phép"
  Result<Service> s = ParseService(doc.dump(), "services/cap-giay-phep-xay-dung.json");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->name.vi, "Cấp giấy phép");
}

TEST(CatalogLoader, RefusesUnknownFormatAndBadHeader) {
  json header = FixtureJson("catalog.json");
  header["format"] = 2;
  Result<CatalogHeader> h = ParseCatalogHeader(header.dump(), "catalog.json");
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().message(),
            "catalog.json: $.format: format 2 is not supported (this program reads format 1)");
  header["format"] = 1;
  header["fields"][1]["id"] = "xay-dung";
  h = ParseCatalogHeader(header.dump(), "catalog.json");
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().message(), "catalog.json: $.fields[1].id: duplicate field id \"xay-dung\"");
  h = ParseCatalogHeader("[1]", "catalog.json");
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.status().message(), "catalog.json: $: expected an object");
}

// Assembles the fixture after mutating agencies.json (as JSON) or the parsed services.
std::string AssembleError(const std::function<void(json&)>& mutate_agencies,
                          const std::function<void(std::vector<Service>&)>& mutate_services = {}) {
  json agencies = FixtureJson("agencies.json");
  mutate_agencies(agencies);
  Result<std::vector<Agency>> parsed = ParseAgencies(agencies.dump(), "agencies.json");
  if (!parsed.ok()) return parsed.status().message();
  std::vector<Service> services = Fixture().services();
  if (mutate_services) mutate_services(services);
  Result<Catalog> c =
      AssembleCatalog(Fixture().header(), std::move(parsed).value(), std::move(services));
  return c.ok() ? "" : c.status().message();
}

TEST(CatalogLoader, CrossChecksAgenciesAndReferences) {
  auto none = [](json&) {};
  EXPECT_EQ(AssembleError(none), "");
  EXPECT_EQ(AssembleError([](json& a) { a["agencies"][0]["successor"] = "khong-co"; }),
            "agencies.json: $.agencies[0].successor: no agency \"khong-co\"");
  EXPECT_EQ(AssembleError([](json& a) {
              a["agencies"][2]["successor"] = "tb-so-tnmt";
              a["agencies"][2]["valid_to"] = "2030-01-01";
            }),
            "agencies.json: $.agencies[0].successor: the successor chain loops (tb-so-tnmt → "
            "tb-so-nnmt → hy-so-nnmt → "
            "tb-so-tnmt)");
  EXPECT_EQ(AssembleError([](json& a) { a["agencies"][2]["valid_to"] = "2030-01-01"; }),
            "agencies.json: $.agencies[0].successor: the successor chain tb-so-tnmt → tb-so-nnmt → "
            "hy-so-nnmt ends at an "
            "agency no longer in force (valid_to 2030-01-01)");
  EXPECT_EQ(AssembleError([](json& a) { a["agencies"][1]["id"] = "tb-so-tnmt"; }),
            "agencies.json: $.agencies[1].id: duplicate agency id \"tb-so-tnmt\"");
  EXPECT_EQ(AssembleError([](json& a) { a["agencies"][0]["valid_to"] = "2000-01-01"; }),
            "agencies.json: $.agencies[0].valid_to: is before valid_from");
  EXPECT_EQ(
      AssembleError([](json& a) { a["agencies"][0].erase("valid_to"); }),
      "agencies.json: $.agencies[0].successor: an agency with a successor needs a valid_to date");
  EXPECT_EQ(AssembleError([](json& a) { a["agencies"][0]["level"] = "ward"; }),
            "agencies.json: $.agencies[0].level: unknown agency level \"ward\"");
  EXPECT_EQ(AssembleError(none, [](std::vector<Service>& s) { s[0].field = "thue"; }),
            "services/cap-chung-chi-ky-su-xay-dung.json: $.field: unknown field \"thue\" (not in "
            "catalog.json)");
  EXPECT_EQ(AssembleError(none, [](std::vector<Service>& s) { s[0].lead_agency = "so-x"; }),
            "services/cap-chung-chi-ky-su-xay-dung.json: $.lead_agency: unknown agency \"so-x\"");
  EXPECT_EQ(
      AssembleError(none,
                    [](std::vector<Service>& s) {
                      s[0].co_agencies = {"ubnd-xa", "so-y"};
                    }),
      "services/cap-chung-chi-ky-su-xay-dung.json: $.co_agencies[1]: unknown agency \"so-y\"");
  EXPECT_EQ(AssembleError(none, [](std::vector<Service>& s) { s.push_back(s[0]); }),
            "services/cap-chung-chi-ky-su-xay-dung.json: $.id: duplicate service id "
            "\"cap-chung-chi-ky-su-xay-dung\"");
}

TEST(CatalogLoader, LoadCatalogNamesTheFileInTheFolder) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("dvc-catalog-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(TestData("catalog"), dir, fs::copy_options::recursive);
  std::ofstream(dir / "services" / "gia-han-giay-phep-xay-dung.json") << "{\"id\": 5}";
  Result<Catalog> c = LoadCatalog(dir.string());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(),
            dir.string() + "/services/gia-han-giay-phep-xay-dung.json: $.id: expected a string, found a number");
  fs::remove(dir / "agencies.json");
  c = LoadCatalog(dir.string());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kIo);
  EXPECT_THAT(c.status().message(), HasSubstr("agencies.json: cannot open the file"));
  fs::remove_all(dir);
  EXPECT_EQ(LoadCatalog(dir.string()).status().code(), ErrorCode::kIo);
}

TEST(Agencies, FollowSuccessorLinksByDate) {
  const Catalog& c = Fixture();
  Result<const Agency*> a = c.AgencyAt("tb-so-tttt", testing::D(2013, 5, 4));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->id, "tb-so-tttt");
  a = c.AgencyAt("tb-so-tttt", testing::D(2026, 11, 27));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->name.vi, "Sở Khoa học và Công nghệ tỉnh Hưng Yên");
  a = c.AgencyAt("tb-so-tnmt", testing::D(2025, 5, 1));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->id, "tb-so-nnmt");
  a = c.AgencyAt("tb-so-tnmt", testing::D(2025, 7, 1));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->id, "hy-so-nnmt");
  EXPECT_EQ(c.AgencyAt("tb-so-tnmt", testing::D(2000, 1, 1)).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(c.AgencyAt("khong-co", testing::D(2020, 1, 1)).status().code(), ErrorCode::kNotFound);
  std::vector<const Agency*> former = c.Predecessors("hy-so-nnmt");
  ASSERT_EQ(former.size(), 2u);
  EXPECT_EQ(former[0]->id, "tb-so-nnmt");
  EXPECT_EQ(former[1]->id, "tb-so-tnmt");
  EXPECT_EQ(c.SuccessorChain("tb-so-tnmt").size(), 3u);
}

}  // namespace
}  // namespace dvc::catalog
