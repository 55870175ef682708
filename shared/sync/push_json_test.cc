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
using testing::kId1;
using testing::kId2;
using testing::SamplePushDossier;

PushRequest SampleRequest() {
  PushRequest r;
  r.dossiers.push_back(SamplePushDossier(kId1, 1));
  PushDossier second = SamplePushDossier(kId2, 2);
  second.kiosk_appointment.reset();
  second.attachments.clear();
  second.receipt_qr.clear();  // a kiosk that sends no receipt text
  r.dossiers.push_back(second);
  return r;
}

TEST(PushRequestTest, RoundTrips) {
  const PushRequest r = SampleRequest();
  auto back = PushRequestFromJson(ToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, r);
  auto one = PushDossierFromJson(ToJson(r.dossiers[0]));
  ASSERT_TRUE(one.ok()) << one.status().message();
  EXPECT_EQ(*one, r.dossiers[0]);
}

TEST(PushRequestTest, WritesTheDocumentedShape) {
  const json j = ToJson(SampleRequest());
  const json& d = j["dossiers"][0];
  EXPECT_EQ(d["created_at"], "2026-11-03T02:15:00Z");
  EXPECT_EQ(d["kiosk_appointment"], "2026-11-05");
  EXPECT_EQ(d["attachments"][0]["size"], 153600);
  EXPECT_FALSE(j["dossiers"][1].contains("kiosk_appointment"));
  EXPECT_EQ(d["receipt_qr"], SampleRequest().dossiers[0].receipt_qr);
  EXPECT_FALSE(j["dossiers"][1].contains("receipt_qr"));
}

TEST(PushRequestTest, ReceiptQrIsOptionalAndCheckedForShape) {
  // Absent (a kiosk not yet upgraded) or null: empty.
  json j = ToJson(SampleRequest());
  j["dossiers"][0].erase("receipt_qr");
  auto absent = PushRequestFromJson(j);
  ASSERT_TRUE(absent.ok()) << absent.status().message();
  EXPECT_EQ(absent->dossiers[0].receipt_qr, "");
  j["dossiers"][0]["receipt_qr"] = nullptr;
  ASSERT_TRUE(PushRequestFromJson(j).ok());
  EXPECT_EQ(PushRequestFromJson(j)->dossiers[0].receipt_qr, "");
  // The longest QR payload fits; one byte more does not.
  j["dossiers"][0]["receipt_qr"] = std::string(213, 'x');
  EXPECT_EQ(PushRequestFromJson(j)->dossiers[0].receipt_qr, std::string(213, 'x'));
  const std::string expected =
      "$.dossiers[0].receipt_qr: expected 1 to 213 bytes of printable ASCII (a receipt's QR "
      "text)";
  for (const json& bad : {json(std::string(214, 'x')), json(""), json("DVC1|\n"),
                          json("DVC1|\u00e9"), json(std::string("DVC1|\x7f"))}) {
    json k = ToJson(SampleRequest());
    k["dossiers"][0]["receipt_qr"] = bad;
    EXPECT_EQ(ErrorOf(PushRequestFromJson(k)), expected) << bad.dump();
  }
  j["dossiers"][0]["receipt_qr"] = 7;
  EXPECT_EQ(ErrorOf(PushRequestFromJson(j)),
            "$.dossiers[0].receipt_qr: expected a string, found a number");
}

TEST(PushRequestTest, RefusesEmptyAndOversizedBatches) {
  EXPECT_EQ(ErrorOf(PushRequestFromJson(json::parse(R"({"dossiers": []})"))),
            "$.dossiers: an empty batch: push at least one dossier");
  PushRequest big;
  for (size_t i = 0; i < kMaxDossiersPerPush + 1; ++i) {
    big.dossiers.push_back(SamplePushDossier(kId1, static_cast<uint32_t>(i)));
  }
  EXPECT_EQ(ErrorOf(PushRequestFromJson(ToJson(big))),
            "$.dossiers: 101 dossiers, at most 100 per push");
  big.dossiers.pop_back();
  EXPECT_TRUE(PushRequestFromJson(ToJson(big)).ok());
  EXPECT_EQ(ErrorOf(PushRequestFromJson(json::parse(R"({"dossiers": {}})"))),
            "$.dossiers: expected an array, found an object");
}

TEST(PushRequestTest, NamesThePathOfTheFirstProblem) {
  struct Case {
    std::string pointer;
    json value;
    std::string error;  // the whole message, or its start up to the path's colon
  };
  const Case cases[] = {
      {"/dossiers/1/attachments", json::array({{{"field", "f"}, {"sha256", "ABC"}, {"size", 1}}}),
       "$.dossiers[1].attachments[0].sha256: expected 64 lower-case hex digits"},
      {"/dossiers/0/attachments/0/size", 0, "$.dossiers[0].attachments[0].size:"},
      {"/dossiers/0/attachments/0/size", (20 << 20) + 1, "$.dossiers[0].attachments[0].size:"},
      {"/dossiers/0/attachments/0", "x", "$.dossiers[0].attachments[0]: expected an object"},
      {"/dossiers/0/service_id", "",
       "$.dossiers[0].service_id: expected 1 to 64 bytes of text, found 0"},
      {"/dossiers/0/catalog_version", std::string(65, 'v'), "$.dossiers[0].catalog_version:"},
      {"/dossiers/0/form_version", 0, "$.dossiers[0].form_version:"},
      {"/dossiers/0/form_version", "1", "$.dossiers[0].form_version:"},
      {"/dossiers/0/id", "not-a-uuid", "$.dossiers[0].id: expected a UUID"},
      {"/dossiers/1/created_at", "yesterday", "$.dossiers[1].created_at:"},
      {"/dossiers/0/kiosk_appointment", "05/11/2026", "$.dossiers[0].kiosk_appointment:"},
      {"/dossiers/0/sealed", "not base64!",
       "$.dossiers[0].sealed: expected the base64 of a sealed box"},
      {"/dossiers/0/sealed", "AAAA", "$.dossiers[0].sealed: expected the base64 of a sealed box"},
      {"/dossiers/0/code", 12430, "$.dossiers[0].code: expected a string, found a number"},
  };
  for (const Case& c : cases) {
    json j = ToJson(SampleRequest());
    j[json::json_pointer(c.pointer)] = c.value;
    auto r = PushRequestFromJson(j);
    ASSERT_FALSE(r.ok()) << c.pointer << " = " << c.value.dump();
    EXPECT_TRUE(r.status().message().starts_with(c.error))
        << r.status().message() << " / expected " << c.error;
  }
}

TEST(PushRequestTest, IgnoresUnknownMembersAndNullOptionals) {
  json j = ToJson(SampleRequest());
  j["dossiers"][0]["priority"] = "high";
  j["dossiers"][0]["kiosk_appointment"] = nullptr;
  j["client"] = {{"version", 2}};
  auto r = PushRequestFromJson(j);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->dossiers[0].kiosk_appointment.has_value());
}

TEST(PrivatePartTest, RoundTripsAndChecksShapes) {
  PrivatePart p;
  p.answers = {{"ho_ten", "Nguyễn Văn An"}, {"so_ban", 2}};
  p.phone = "0912345678";
  p.applicant_name = "Nguyễn Văn An";
  auto back = PrivatePartFromJson(ToJson(p));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, p);
  json j = ToJson(p);
  j["answers"] = json::array();
  EXPECT_EQ(ErrorOf(PrivatePartFromJson(j)), "$.answers: expected an object, found an array");
  j = ToJson(p);
  j["applicant_name"] = "Nguye\xCC\x82\xCC\x83n";  // NFD
  EXPECT_EQ(ErrorOf(PrivatePartFromJson(j)), "$.applicant_name: text is not in Unicode NFC");
}

PushResponse SampleResponse() {
  PushResponse r;
  PushResult stored;
  stored.id = kId1;
  stored.code = CodeFor(1);
  stored.result = PushOutcome::kStored;
  stored.received_at = At(2026, 11, 3, 2, 15, 4);
  stored.official_appointment = calendar::Date::Ymd(2026, 11, 5);
  stored.status = dossier::DossierStatus::kReceived;
  PushResult duplicate = stored;
  duplicate.result = PushOutcome::kDuplicate;
  duplicate.official_appointment.reset();
  duplicate.status = dossier::DossierStatus::kAccepted;
  PushResult refused;
  refused.id = kId2;
  refused.code = CodeFor(2);
  refused.result = PushOutcome::kRefused;
  refused.error = ApiError{0, "invalid_answers", "ho_ten: cần nhập họ tên"};
  r.results = {stored, duplicate, refused};
  return r;
}

TEST(PushResponseTest, RoundTripsEveryOutcome) {
  const PushResponse r = SampleResponse();
  const json j = ToJson(r);
  EXPECT_EQ(j["results"][0]["result"], "stored");
  EXPECT_EQ(j["results"][1]["result"], "duplicate");
  EXPECT_EQ(j["results"][2]["error"]["code"], "invalid_answers");
  auto back = PushResponseFromJson(j);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, r);
}

TEST(PushResponseTest, RequiresWhatEachOutcomeCarries) {
  json j = ToJson(SampleResponse());
  j["results"][0].erase("received_at");
  EXPECT_EQ(ErrorOf(PushResponseFromJson(j)), "$.results[0].received_at: missing required value");
  j = ToJson(SampleResponse());
  j["results"][1].erase("status");
  EXPECT_EQ(ErrorOf(PushResponseFromJson(j)), "$.results[1].status: missing required value");
  j = ToJson(SampleResponse());
  j["results"][2].erase("error");
  EXPECT_EQ(ErrorOf(PushResponseFromJson(j)), "$.results[2].error: missing required value");
  j = ToJson(SampleResponse());
  j["results"][2]["result"] = "lost";
  EXPECT_EQ(ErrorOf(PushResponseFromJson(j)), "$.results[2].result: unknown push result \"lost\"");
}

TEST(PushResponseTest, KeepsARefusalOfAnUnreadableCode) {
  // bad_dossier: the code echoed may be anything short the kiosk sent.
  PushResponse r = SampleResponse();
  r.results[2].code = "12430-xx";
  r.results[2].error = ApiError{0, "bad_dossier", "$.code: dossier code: ..."};
  auto back = PushResponseFromJson(ToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, r);
}

TEST(PushOutcomeTest, Names) {
  EXPECT_EQ(PushOutcomeName(PushOutcome::kStored), "stored");
  EXPECT_EQ(PushOutcomeName(PushOutcome::kDuplicate), "duplicate");
  EXPECT_EQ(PushOutcomeName(PushOutcome::kRefused), "refused");
}

}  // namespace
}  // namespace dvc::sync
