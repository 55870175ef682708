// The SMS queue's operator routes through the real server on loopback: a
// real GatewayService on a scratch data directory, a real cpp-httplib client.
#include "http/sms_admin.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include "dossier/dossier_code.h"
#include "dossier/timestamp.h"
#include "http/gateway_server.h"
#include "service/service_test_support.h"
#include "service/sms_notifications.h"
#include "store/scratch_dir.h"

namespace dvc::gateway {
namespace {

using nlohmann::json;
using test_support::kOperatorToken;
using test_support::kService;

using test_support::MsAt;

class SmsAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    service_ = test_support::OpenTestService(dir_, keys_, [this] { return now_ms_; });
    ASSERT_TRUE(test_support::PublishTestCatalog(*service_, kService));
    GatewayServerOptions options;
    options.threads = 2;
    options.operator_token = kOperatorToken;
    options.events_token = std::string(64, 'b');
    auto server = GatewayServer::Create(*service_, options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(server).value();
    auto port = server_->Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().message();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", *port);
    client_->set_read_timeout(30);
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  httplib::Result Get(const std::string& path, const std::string& token = kOperatorToken) {
    return client_->Get(path, {{"Authorization", "Bearer " + token}});
  }
  httplib::Result Post(const std::string& path, const std::string& body,
                       const std::string& token = kOperatorToken) {
    return client_->Post(path, {{"Authorization", "Bearer " + token}}, body, "application/json");
  }

  // A counter dossier through the operator API; its compact code.
  std::string AddDossier() {
    auto added = Post("/v1/admin/dossiers", json{{"service_id", kService},
                                                 {"phone", "0912345678"},
                                                 {"commune_code", "12430"},
                                                 {"applicant_name", "Trần Thị B"}}
                                                .dump());
    EXPECT_EQ(added->status, 200) << added->body;
    return json::parse(added->body)["code"];
  }

  // Sends what is due through a transport that always fails, one attempt
  // allowed: every due row ends 'failed'.
  void FailEverythingDue() {
    SmsDispatchOptions options = test_support::TestSmsDispatchOptions();
    options.send_hours = calendar::OfficeHours::Default();  // as before: the default hours
    options.max_attempts = 1;
    auto report = service_->DispatchSms(options, [](const OutgoingSms&) -> Result<std::string> {
      return Status::Io("the SMSC does not answer");
    });
    ASSERT_TRUE(report.ok()) << report.status().message();
  }

  json List(const std::string& query = "") {
    auto answer = Get("/v1/admin/sms" + query);
    EXPECT_EQ(answer->status, 200) << answer->body;
    return answer->status == 200 ? json::parse(answer->body) : json::object();
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  int64_t now_ms_ = MsAt("2026-11-03T02:00:00Z");  // 09:00 in Vietnam, a Tuesday
  std::unique_ptr<GatewayService> service_;
  std::unique_ptr<GatewayServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(SmsAdminTest, OnlyTheOperatorSeesOrRequeuesTheQueue) {
  EXPECT_EQ(Get("/v1/admin/sms", std::string(64, 'c'))->status, 401);
  EXPECT_EQ(client_->Get("/v1/admin/sms")->status, 401);
  EXPECT_EQ(Post("/v1/admin/sms/requeue", R"({"failed": true})", std::string(64, 'b'))->status,
            401);
}

TEST_F(SmsAdminTest, AnEmptyQueueListsNothingWithZeroCounts) {
  const json list = List();
  EXPECT_EQ(list["messages"], json::array());
  EXPECT_EQ(list["counts"], (json{{"pending", 0},
                                  {"sending", 0},
                                  {"sent", 0},
                                  {"delivered", 0},
                                  {"failed", 0},
                                  {"skipped", 0}}));
}

TEST_F(SmsAdminTest, ACounterDossiersReceiptIsListedPendingWithItsCode) {
  const std::string code = AddDossier();
  const json list = List();
  ASSERT_EQ(list["messages"].size(), 1u) << list.dump();
  const json& row = list["messages"][0];
  EXPECT_EQ(row["code"], code);
  EXPECT_EQ(row["to"], nullptr);  // a notification's number is never stored
  EXPECT_EQ(row["event"], "received");
  EXPECT_EQ(row["state"], "pending");
  EXPECT_EQ(row["attempts"], 0);
  EXPECT_EQ(row["updated_at"], "2026-11-03T02:00:00Z");
  EXPECT_EQ(list["counts"]["pending"], 1);

  // Filters: by state, by code as displayed (with dashes), by limit.
  EXPECT_EQ(List("?state=pending")["messages"].size(), 1u);
  EXPECT_EQ(List("?state=failed")["messages"].size(), 0u);
  const std::string shown = dossier::ParseDossierCode(code)->Display();
  EXPECT_EQ(List("?code=" + shown)["messages"].size(), 1u);
  AddDossier();
  EXPECT_EQ(List()["messages"].size(), 2u);
  const json one = List("?limit=1");
  ASSERT_EQ(one["messages"].size(), 1u);
  EXPECT_NE(one["messages"][0]["code"], code);  // newest first
  EXPECT_EQ(one["counts"]["pending"], 2);       // counts ignore the filter
}

TEST_F(SmsAdminTest, BadFiltersAreRefusedWithAReason) {
  for (const char* query :
       {"?state=lost", "?limit=0", "?limit=1001", "?limit=x", "?limit=-1", "?code=not-a-code"}) {
    auto answer = Get(std::string("/v1/admin/sms") + query);
    EXPECT_EQ(answer->status, 400) << query;
    EXPECT_EQ(json::parse(answer->body)["error"]["code"], "bad_request") << query;
  }
  auto answer = Get("/v1/admin/sms?state=lost");
  EXPECT_NE(answer->body.find("pending, sending, sent, delivered, failed or skipped"),
            std::string::npos)
      << answer->body;
}

TEST_F(SmsAdminTest, FailedMessagesAreRequeuedAllAtOnceOrById) {
  AddDossier();
  AddDossier();
  FailEverythingDue();
  json list = List("?state=failed");
  ASSERT_EQ(list["messages"].size(), 2u) << list.dump();
  EXPECT_EQ(list["messages"][0]["attempts"], 1);
  EXPECT_EQ(list["messages"][0]["reason"], "the SMSC does not answer");
  EXPECT_EQ(list["counts"]["failed"], 2);
  const int64_t first = list["messages"][1]["id"];
  const int64_t second = list["messages"][0]["id"];

  // By id: only that one; a pending row or an unknown id is not counted.
  auto requeued = Post("/v1/admin/sms/requeue", json{{"ids", {first, 999}}}.dump());
  ASSERT_EQ(requeued->status, 200) << requeued->body;
  EXPECT_EQ(json::parse(requeued->body), (json{{"requeued", 1}}));
  EXPECT_EQ(json::parse(Post("/v1/admin/sms/requeue", json{{"ids", {first}}}.dump())->body),
            (json{{"requeued", 0}}));
  list = List("?state=pending");
  ASSERT_EQ(list["messages"].size(), 1u);
  EXPECT_EQ(list["messages"][0]["id"], first);
  EXPECT_EQ(list["messages"][0]["attempts"], 0);  // the operator starts it afresh
  EXPECT_EQ(list["messages"][0]["reason"], "requeued by the operator");

  // All failed: the other one, then none.
  requeued = Post("/v1/admin/sms/requeue", R"({"failed": true})");
  EXPECT_EQ(json::parse(requeued->body), (json{{"requeued", 1}}));
  EXPECT_EQ(json::parse(Post("/v1/admin/sms/requeue", R"({"failed": true})")->body),
            (json{{"requeued", 0}}));
  list = List();
  EXPECT_EQ(list["counts"]["pending"], 2);
  EXPECT_EQ(list["counts"]["failed"], 0);
  EXPECT_EQ(list["messages"][0]["id"], second);
}

TEST_F(SmsAdminTest, ABadRequeueBodyIsRefusedAndChangesNothing) {
  AddDossier();
  FailEverythingDue();
  for (const char* body : {"", "[]", "{}", R"({"ids": []})", R"({"ids": [0]})", R"({"ids": [-3]})",
                           R"({"ids": [1.5]})", R"({"ids": ["1"]})", R"({"ids": 1})",
                           R"({"failed": false})", R"({"failed": "yes"})",
                           R"({"ids": [1], "failed": true})", R"({"failed": true, "all": 1})"}) {
    auto answer = Post("/v1/admin/sms/requeue", body);
    EXPECT_EQ(answer->status, 400) << body << " → " << answer->body;
  }
  EXPECT_EQ(List()["counts"]["failed"], 1);
}

TEST(ReadSmsRequeueRequestTest, ReadsIdsOrAllFailedAndNamesThePathOfAnError) {
  auto ids = ReadSmsRequeueRequest(R"({"ids": [3, 9223372036854775807]})");
  ASSERT_TRUE(ids.ok()) << ids.status().message();
  EXPECT_EQ(ids->ids, (std::vector<int64_t>{3, INT64_MAX}));
  EXPECT_FALSE(ids->all_failed);
  auto all = ReadSmsRequeueRequest(R"({"failed": true})");
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->ids.empty());
  EXPECT_TRUE(all->all_failed);

  EXPECT_EQ(ReadSmsRequeueRequest(R"({"ids": [1, 2, 0]})").status().message(),
            "$.ids[2]: expected a positive integer (a message id)");
  EXPECT_EQ(ReadSmsRequeueRequest(R"({"ids": [9223372036854775808]})").status().message(),
            "$.ids[0]: expected a positive integer (a message id)");
  EXPECT_EQ(ReadSmsRequeueRequest("{}").status().message(),
            "$: expected either \"ids\": [...] or \"failed\": true");
  json many = {{"ids", json::array()}};
  for (size_t i = 1; i <= kMaxRequeueIds + 1; ++i) many["ids"].push_back(i);
  EXPECT_EQ(ReadSmsRequeueRequest(many.dump()).status().message(),
            "$.ids: at most 10000 ids at once");
}

TEST(SmsQueueJsonTest, EmptyTextsAndTimesAreNull) {
  SmsQueueRow row;
  row.id = 7;
  row.to = "091****678";
  row.event = "reply";
  row.state = "sent";
  row.parts = 2;
  row.route = "smsc-a";
  row.message_id = "m1";
  row.updated_at = 1762135200;  // 2025-11-03T02:00:00Z
  const json j = SmsQueueRowToJson(row);
  EXPECT_EQ(j["code"], nullptr);
  EXPECT_EQ(j["to"], "091****678");
  EXPECT_EQ(j["reason"], nullptr);
  EXPECT_EQ(j["next_attempt_at"], nullptr);
  EXPECT_EQ(j["updated_at"], "2025-11-03T02:00:00Z");
  row.updated_at = INT64_MAX;  // a corrupt row renders, it does not abort
  EXPECT_EQ(SmsQueueRowToJson(row)["updated_at"], nullptr);
}

}  // namespace
}  // namespace dvc::gateway
