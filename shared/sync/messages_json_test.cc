#include <gtest/gtest.h>

#include <string>

#include "sync/messages.h"
#include "sync/sync_test_support.h"

namespace dvc::sync {
namespace {

using nlohmann::json;
using testing::At;
using testing::CodeFor;
using testing::ErrorOf;
using testing::kHex128;
using testing::kHex64;
using testing::kId1;
using testing::kId2;

// ---- ParseBody ------------------------------------------------------------

TEST(ParseBodyTest, ParsesAnObject) {
  auto body = ParseBody(R"({"a": [1, 2, {"b": "c"}]})");
  ASSERT_TRUE(body.ok()) << body.status().message();
  EXPECT_EQ((*body)["a"][2]["b"], "c");
}

TEST(ParseBodyTest, SyntaxErrorSaysWhere) {
  auto body = ParseBody(R"({"a": )");
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().code(), ErrorCode::kInvalidInput);
  EXPECT_TRUE(body.status().message().starts_with("body is not JSON: line 1, column"))
      << body.status().message();
}

TEST(ParseBodyTest, RefusesNestingDeeperThan64) {
  const std::string ok = std::string(64, '[') + std::string(64, ']');
  EXPECT_TRUE(ParseBody(ok).ok());
  const std::string deep = std::string(65, '[') + std::string(65, ']');
  auto body = ParseBody(deep);
  ASSERT_FALSE(body.ok());
  EXPECT_NE(body.status().message().find("nested more than 64"), std::string::npos);
  // Far deeper than any stack would survive with a recursive parser.
  EXPECT_FALSE(ParseBody(std::string(1'000'000, '[')).ok());
}

TEST(ParseBodyTest, RefusesOversizedBody) {
  std::string big = "\"" + std::string(kMaxBodyBytes, 'x') + "\"";
  auto body = ParseBody(big);
  ASSERT_FALSE(body.ok());
  EXPECT_NE(body.status().message().find("at most 8388608"), std::string::npos);
}

TEST(ParseBodyTest, RefusesInvalidUtf8AndDuplicateKeysWithoutThrowing) {
  EXPECT_FALSE(ParseBody("{\"a\": \"\xff\"}").ok());
  EXPECT_FALSE(ParseBody(R"({"a": 1, "a": 2})").ok());
  EXPECT_FALSE(ParseBody("").ok());
  EXPECT_FALSE(ParseBody("1e999999").ok());
}

// ---- errors ---------------------------------------------------------------

TEST(ApiErrorTest, RoundTripsAndKeepsHttpStatus) {
  const ApiError error{401, "bad_signature", "the signature does not match the request"};
  const json body = ApiErrorToJson(error);
  EXPECT_EQ(
      body.dump(),
      R"({"error":{"code":"bad_signature","message":"the signature does not match the request"}})");
  auto back = ApiErrorFromJson(body, 401);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, error);
}

TEST(ApiErrorTest, RefusesBadShapesNamingThePath) {
  EXPECT_EQ(ErrorOf(ApiErrorFromJson(json::parse(R"({"code": "x"})"), 400)),
            "$.error: missing required value");
  EXPECT_EQ(ErrorOf(ApiErrorFromJson(json::parse(R"({"error": {"code": "Bad Code"}})"), 400)),
            "$.error.code: expected an error code of [a-z0-9_], 1 to 64 bytes");
  EXPECT_EQ(ErrorOf(ApiErrorFromJson(json::parse(R"({"error": {"code": 7}})"), 400)),
            "$.error.code: expected a string, found a number");
  EXPECT_FALSE(ApiErrorFromJson(json::parse("[]"), 400).ok());
}

TEST(ApiErrorTest, IgnoresUnknownMembers) {
  auto e = ApiErrorFromJson(
      json::parse(R"({"error": {"code": "not_found", "message": "m", "hint": 3}, "x": 1})"), 404);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->code, "not_found");
  EXPECT_EQ(e->http_status, 404);
}

// ---- enrolment ------------------------------------------------------------

EnrollRequest SampleEnrollRequest() {
  EnrollRequest r;
  r.code = "ABCDEFGHJK";
  r.public_key = kHex64;
  r.proof = kHex128;
  r.software = "dvc-kiosk 0.3";
  return r;
}

EnrollResponse SampleEnrollResponse() {
  EnrollResponse r;
  r.kiosk_id = 17;
  r.commune_code = "12430";
  r.name = "Kiosk 1 — Phường Bến Nghé";
  r.issuer = 3;
  r.signer_id = "k0123456789abcdef";
  r.province = ProvincePublicKeys{"P", kHex64, std::string(64, 'd')};
  r.catalog_version = "2026.11.1";
  return r;
}

TEST(EnrollTest, RequestRoundTrips) {
  const EnrollRequest r = SampleEnrollRequest();
  auto back = EnrollRequestFromJson(ToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, r);
}

TEST(EnrollTest, RequestRefusesDashedOrBadCodeAndBadHex) {
  json j = ToJson(SampleEnrollRequest());
  j["code"] = "ABCDE-FGHJK";
  EXPECT_EQ(ErrorOf(EnrollRequestFromJson(j)),
            "$.code: expected the enrolment code without dash: \"ABCDEFGHJK\"");
  j["code"] = "ABCDEFGHJ0";
  EXPECT_TRUE(ErrorOf(EnrollRequestFromJson(j)).starts_with("$.code: an enrolment code has 10"));
  j = ToJson(SampleEnrollRequest());
  j["public_key"] = std::string(64, 'A');
  EXPECT_EQ(ErrorOf(EnrollRequestFromJson(j)), "$.public_key: expected 64 lower-case hex digits");
  j = ToJson(SampleEnrollRequest());
  j["proof"] = std::string(126, 'b');
  EXPECT_EQ(ErrorOf(EnrollRequestFromJson(j)), "$.proof: expected 128 lower-case hex digits");
  j = ToJson(SampleEnrollRequest());
  j["software"] = std::string(65, 's');
  EXPECT_FALSE(EnrollRequestFromJson(j).ok());
  j = ToJson(SampleEnrollRequest());
  j.erase("proof");
  EXPECT_EQ(ErrorOf(EnrollRequestFromJson(j)), "$.proof: missing required value");
}

TEST(EnrollTest, RequestCarriesTheIssuerOfCodesAlreadyHandedOut) {
  EnrollRequest r = SampleEnrollRequest();
  EXPECT_FALSE(ToJson(r).contains("issuer"));
  r.issuer = 1;
  r.issuer_commune = "12430";
  const json j = ToJson(r);
  EXPECT_EQ(j.at("issuer"), 1);
  EXPECT_EQ(j.at("issuer_commune"), "12430");
  auto back = EnrollRequestFromJson(j);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, r);
}

TEST(EnrollTest, RequestRefusesAnIssuerOutOfRangeOrWithoutItsCommune) {
  EnrollRequest r = SampleEnrollRequest();
  r.issuer = 1;
  r.issuer_commune = "12430";
  json j = ToJson(r);
  j["issuer"] = 0;  // the counter desk's
  EXPECT_FALSE(EnrollRequestFromJson(j).ok());
  j["issuer"] = 1024;
  EXPECT_FALSE(EnrollRequestFromJson(j).ok());
  j["issuer"] = 3;
  j.erase("issuer_commune");
  EXPECT_EQ(ErrorOf(EnrollRequestFromJson(j)),
            "$.issuer_commune: missing: issuer and issuer_commune come together");
  j = ToJson(r);
  j.erase("issuer");
  EXPECT_EQ(ErrorOf(EnrollRequestFromJson(j)),
            "$.issuer: missing: issuer and issuer_commune come together");
  j = ToJson(r);
  j["issuer_commune"] = "1243";
  EXPECT_FALSE(EnrollRequestFromJson(j).ok());
}

TEST(EnrollTest, ResponseRoundTripsAlsoWithoutCatalog) {
  EnrollResponse r = SampleEnrollResponse();
  auto back = EnrollResponseFromJson(ToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, r);
  r.catalog_version.clear();
  back = EnrollResponseFromJson(ToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, r);
}

TEST(EnrollTest, ResponseChecksIssuerCommuneKeysAndNfc) {
  json j = ToJson(SampleEnrollResponse());
  j["issuer"] = 0;  // the counter desk's, never a kiosk's
  EXPECT_TRUE(ErrorOf(EnrollResponseFromJson(j)).starts_with("$.issuer:"));
  j["issuer"] = 1024;
  EXPECT_TRUE(ErrorOf(EnrollResponseFromJson(j)).starts_with("$.issuer:"));
  j = ToJson(SampleEnrollResponse());
  j["commune_code"] = "1243";
  EXPECT_EQ(ErrorOf(EnrollResponseFromJson(j)),
            "$.commune_code: expected a commune code of 5 digits");
  j = ToJson(SampleEnrollResponse());
  j["province"]["sealing_key"] = "zz";
  EXPECT_EQ(ErrorOf(EnrollResponseFromJson(j)),
            "$.province.sealing_key: expected 64 lower-case hex digits");
  j = ToJson(SampleEnrollResponse());
  j["name"] = "Phu\xCC\x9B\xCC\x80o\xCC\x9B\xCC\x80ng";  // NFD
  EXPECT_EQ(ErrorOf(EnrollResponseFromJson(j)), "$.name: text is not in Unicode NFC");
  j = ToJson(SampleEnrollResponse());
  j.erase("province");
  EXPECT_EQ(ErrorOf(EnrollResponseFromJson(j)), "$.province: missing required value");
  j = ToJson(SampleEnrollResponse());
  j["kiosk_id"] = 1.5;
  EXPECT_FALSE(EnrollResponseFromJson(j).ok());
}

// ---- pull -----------------------------------------------------------------

ChangesPage SamplePage() {
  ChangesPage page;
  page.changes.push_back(Change{41, kId1, CodeFor(7), dossier::DossierStatus::kInProcessing,
                                At(2026, 11, 4, 3, 0, 0), "", calendar::Date::Ymd(2026, 11, 5)});
  page.changes.push_back(Change{42, kId2, CodeFor(8), dossier::DossierStatus::kNeedsSupplement,
                                At(2026, 11, 4, 3, 5, 0), "Bổ sung bản sao giấy khai sinh",
                                std::nullopt});
  page.next = 42;
  page.more = true;
  page.catalog = CatalogPointer{"2026.11.2", kHex128};
  return page;
}

TEST(ChangesPageTest, RoundTripsWithAndWithoutCatalog) {
  ChangesPage page = SamplePage();
  auto back = ChangesPageFromJson(ToJson(page));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, page);
  page.catalog.reset();
  page.changes.clear();
  const json j = ToJson(page);
  EXPECT_TRUE(j["catalog"].is_null());  // as documented: null when none is published
  back = ChangesPageFromJson(j);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, page);
}

TEST(ChangesPageTest, ReadsTheDocumentedExample) {
  const std::string text = R"({"changes": [
    {"seq": 42, "id": ")" + std::string(kId1) +
                           R"(", "code": ")" + CodeFor(9) +
                           R"(", "status": "in_processing",
     "at": "2026-11-04T03:00:00Z", "note": "", "official_appointment": "2026-11-05"}],
    "next": 42, "more": false, "catalog": {"version": "2026.11.2", "signature": ")" +
                           kHex128 + R"("}})";
  auto body = ParseBody(text);
  ASSERT_TRUE(body.ok()) << body.status().message();
  auto page = ChangesPageFromJson(*body);
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_EQ(page->changes.size(), 1u);
  EXPECT_EQ(page->changes[0].status, dossier::DossierStatus::kInProcessing);
  EXPECT_EQ(page->changes[0].official_appointment, calendar::Date::Ymd(2026, 11, 5));
  EXPECT_EQ(page->catalog->version, "2026.11.2");
}

TEST(ChangesPageTest, RefusesBadOrderCursorStatusAndFields) {
  json j = ToJson(SamplePage());
  j["changes"][1]["seq"] = 41;
  EXPECT_EQ(ErrorOf(ChangesPageFromJson(j)),
            "$.changes[1].seq: changes are not in ascending seq order");
  j = ToJson(SamplePage());
  j["next"] = 40;
  EXPECT_EQ(ErrorOf(ChangesPageFromJson(j)), "$.next: the cursor is before the last change's seq");
  j = ToJson(SamplePage());
  j["changes"][0]["status"] = "lost";
  EXPECT_EQ(ErrorOf(ChangesPageFromJson(j)),
            "$.changes[0].status: unknown dossier status \"lost\"");
  j = ToJson(SamplePage());
  j["changes"][0]["id"] = "0B6F2A4E-1C3D-4E5F-8A9B-0C1D2E3F4A5B";
  EXPECT_TRUE(ErrorOf(ChangesPageFromJson(j)).starts_with("$.changes[0].id: expected a UUID"));
  j = ToJson(SamplePage());
  j["changes"][0]["at"] = "2026-11-04";
  EXPECT_TRUE(ErrorOf(ChangesPageFromJson(j)).starts_with("$.changes[0].at:"));
  j = ToJson(SamplePage());
  j["changes"][0]["official_appointment"] = "2026-02-30";
  EXPECT_TRUE(ErrorOf(ChangesPageFromJson(j)).starts_with("$.changes[0].official_appointment:"));
  j = ToJson(SamplePage());
  j["more"] = "no";
  EXPECT_TRUE(ErrorOf(ChangesPageFromJson(j)).starts_with("$.more:"));
  j = ToJson(SamplePage());
  j["catalog"]["signature"] = "abc";
  EXPECT_EQ(ErrorOf(ChangesPageFromJson(j)),
            "$.catalog.signature: expected 128 lower-case hex digits");
}

TEST(ChangesPageTest, RefusesMistypedOrNonCompactCodes) {
  const std::string code = CodeFor(7);
  json j = ToJson(SamplePage());
  std::string typo = code;
  typo[8] = typo[8] == 'A' ? 'B' : 'A';
  j["changes"][0]["code"] = typo;
  EXPECT_TRUE(ErrorOf(ChangesPageFromJson(j)).starts_with("$.changes[0].code: dossier code:"));
  j["changes"][0]["code"] = code.substr(0, 5) + "-" + code.substr(5);
  EXPECT_EQ(ErrorOf(ChangesPageFromJson(j)),
            "$.changes[0].code: expected the compact dossier code \"" + code + "\"");
}

TEST(ChangesPageTest, RefusesMoreThanTheLimit) {
  ChangesPage page;
  for (int64_t i = 1; i <= static_cast<int64_t>(kMaxChangesPerPull) + 1; ++i) {
    page.changes.push_back(Change{i, kId1, CodeFor(7), dossier::DossierStatus::kReceived,
                                  At(2026, 1, 1, 0, 0, 0), "", std::nullopt});
  }
  page.next = page.changes.back().seq;
  EXPECT_EQ(ErrorOf(ChangesPageFromJson(ToJson(page))),
            "$.changes: more than 1000 changes in one page");
  page.changes.pop_back();
  page.next = page.changes.back().seq;
  EXPECT_TRUE(ChangesPageFromJson(ToJson(page)).ok());
}

// ---- lookup ---------------------------------------------------------------

TEST(LookupTest, RoundTripsWithAndWithoutDates) {
  LookupAnswer a{CodeFor(11), dossier::DossierStatus::kResultReady, At(2026, 11, 3, 2, 15, 4),
                 calendar::Date::Ymd(2026, 11, 5), At(2026, 11, 6, 1, 0, 0)};
  auto back = LookupAnswerFromJson(ToJson(a));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, a);
  a.received_at.reset();
  a.official_appointment.reset();
  back = LookupAnswerFromJson(ToJson(a));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, a);
}

TEST(LookupTest, AcceptsOffsetsAndNormalisesThemToUtc) {
  json j = ToJson(LookupAnswer{CodeFor(11), dossier::DossierStatus::kReceived, std::nullopt,
                               std::nullopt, At(2026, 11, 6, 1, 0, 0)});
  j["updated_at"] = "2026-11-06T08:00:00+07:00";
  auto a = LookupAnswerFromJson(j);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->updated_at, At(2026, 11, 6, 1, 0, 0));
  EXPECT_EQ(ToJson(*a)["updated_at"], "2026-11-06T01:00:00Z");
  j.erase("updated_at");
  EXPECT_EQ(ErrorOf(LookupAnswerFromJson(j)), "$.updated_at: missing required value");
}

}  // namespace
}  // namespace dvc::sync
