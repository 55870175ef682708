#include "http/operator_requests.h"

#include <gtest/gtest.h>

#include "http/routes.h"

namespace dvc::gateway {
namespace {

TEST(OperatorRequestsTest, ReadsEachBodyAndNamesTheFaultyMember) {
  auto enrolment = ReadEnrolmentRequest(R"({"commune_code": "12430", "name": "Kiosk 1"})");
  ASSERT_TRUE(enrolment.ok());
  EXPECT_EQ(enrolment->commune_code, "12430");
  auto typo = ReadEnrolmentRequest(R"({"commune": "12430", "name": "K"})");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("commune"), std::string::npos);
  EXPECT_FALSE(ReadEnrolmentRequest("[]").ok());
  EXPECT_FALSE(ReadEnrolmentRequest("{").ok());

  auto status = ReadStatusChangeRequest(R"({"status": "accepted"})");
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->note, "");

  auto event = ReadStatusEvent(R"({"province_number": "H12.3", "status": "accepted",
                                  "at": "2026-11-04T03:00:00Z", "official_appointment": "2026-11-05"})");
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_TRUE(event->at.has_value());
  EXPECT_TRUE(event->official_appointment.has_value());
  EXPECT_FALSE(ReadStatusEvent(R"({"status": "accepted"})").ok());
  EXPECT_FALSE(ReadStatusEvent(R"({"code": "x", "status": "accepted", "at": "yesterday"})").ok());
}

TEST(OperatorRequestsTest, CatalogFilesAreTextOrJsonUnderRelativePaths) {
  auto files = ReadCatalogFiles(R"({"files": {"catalog.json": "{\"v\": 1}",
                                              "services/a.json": {"id": "a"}}})");
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(files->at("catalog.json"), "{\"v\": 1}");
  EXPECT_EQ(files->at("services/a.json"), "{\"id\":\"a\"}");
  for (const char* bad :
       {R"({"files": {"../etc/passwd": "x"}})", R"({"files": {"/abs": "x"}})",
        R"({"files": {"a//b": "x"}})", R"({"files": {"a": 3}})", R"({"files": {}})"}) {
    EXPECT_FALSE(ReadCatalogFiles(bad).ok()) << bad;
  }
}

TEST(RoutesTest, PatternsMatchWholeSegments) {
  std::vector<std::string> params;
  EXPECT_TRUE(MatchRoute("/v1/admin/kiosks/{}/revoke", "/v1/admin/kiosks/17/revoke", params));
  EXPECT_EQ(params, std::vector<std::string>{"17"});
  EXPECT_FALSE(MatchRoute("/v1/admin/kiosks/{}/revoke", "/v1/admin/kiosks//revoke", params));
  EXPECT_FALSE(MatchRoute("/v1/admin/kiosks/{}/revoke", "/v1/admin/kiosks/1/2/revoke", params));
  EXPECT_FALSE(MatchRoute("/v1/changes", "/v1/changes/", params));
  EXPECT_TRUE(MatchRoute("/v1/lookup/{}", "/v1/lookup/12430-22-3FY", params));
  EXPECT_FALSE(MatchRoute("/v1/lookup/{}", "/v1/lookup/", params));
}

}  // namespace
}  // namespace dvc::gateway
