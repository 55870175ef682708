#include "ussd/ussd_callback.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include "http/gateway_server.h"
#include "service/service_test_support.h"
#include "store/scratch_dir.h"
#include "ussd/ussd_test_support.h"

namespace dvc::gateway {
namespace {

TEST(UssdCallbackParseTest, FormBodiesAreDecoded) {
  auto r = ParseUssdCallback("application/x-www-form-urlencoded",
                             "sessionId=ATU_1&serviceCode=%2A123%23&phoneNumber=%2B84912345678"
                             "&text=1%2A2*3+4");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->session_id, "ATU_1");
  EXPECT_EQ(r->service_code, "*123#");
  EXPECT_EQ(r->phone_number, "+84912345678");
  EXPECT_EQ(r->text, "1*2*3 4");
  r = ParseUssdCallback("application/x-www-form-urlencoded", "sessionId=x&text=");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "");
}

TEST(UssdCallbackParseTest, JsonBodiesAreRead) {
  auto r = ParseUssdCallback("application/json; charset=utf-8",
                             R"({"sessionId":"s","serviceCode":"*123#","text":"2*1","x":1})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->session_id, "s");
  EXPECT_EQ(r->text, "2*1");
  r = ParseUssdCallback("", R"({"sessionId":"s","text":null})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "");
}

TEST(UssdCallbackParseTest, BadBodiesAreRefusedWithTheField) {
  EXPECT_EQ(ParseUssdCallback("application/x-www-form-urlencoded", "text=1").status().message(),
            "sessionId: missing");
  EXPECT_EQ(ParseUssdCallback("application/json", R"({"sessionId":5})").status().message(),
            "sessionId: must be a string");
  EXPECT_FALSE(ParseUssdCallback("application/json", "{").ok());
  EXPECT_FALSE(ParseUssdCallback("application/json", "[[[[[[[[[[]]]]]]]]]]").ok());
  EXPECT_FALSE(ParseUssdCallback("", "sessionId=%G1").ok());
  EXPECT_FALSE(ParseUssdCallback("", "sessionId=a&sessionId=b").ok());
  EXPECT_EQ(ParseUssdCallback("", "sessionId=a&text=" + std::string(1025, '1')).status().message(),
            "text: longer than 1024 bytes");
  EXPECT_FALSE(ParseUssdCallback("", std::string(3000, 'a')).ok());
}

// POST /v1/ussd through the real server on loopback.
class UssdRouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    GatewayServiceOptions options =
        test_support::TestServiceOptions(dir_, keys_, [this] { return now_ms_; });
    options.catalog_dir = ussd_test::kSourceDir + "/assets/catalog";
    auto opened = GatewayService::Open(options);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    service_ = std::move(opened).value();
    ussd_ = std::make_unique<UssdService>(ussd_test::RealMenu(), GatewayUssdBackend(*service_));
    auto server = GatewayServer::Create(*service_, GatewayServerOptions{});
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(server).value();
    auto port = server_->Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().message();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", *port);
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }
  void Bind(std::string token) {
    binding_.reset();
    binding_ = std::make_unique<UssdRouteBinding>(
        *service_, std::make_shared<UssdEndpoint>(*ussd_, UssdEndpointOptions{std::move(token)}));
  }
  httplib::Result Post(const std::string& token, const std::string& body,
                       const char* type = "application/x-www-form-urlencoded") {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("X-Ussd-Token", token);
    return client_->Post("/v1/ussd", headers, body, type);
  }

  const std::string kToken = "ussd-shared-secret-0123456789";
  store::ScratchDir dir_;
  int64_t now_ms_ = 1'795'000'000'000;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  std::unique_ptr<GatewayService> service_;
  std::unique_ptr<UssdService> ussd_;
  std::unique_ptr<GatewayServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::unique_ptr<UssdRouteBinding> binding_;
};

TEST_F(UssdRouteTest, AnswersConAndEndAsPlainText) {
  Bind(kToken);
  auto dial = Post(kToken, "sessionId=abc&serviceCode=%2A123%23&phoneNumber=0912345678&text=");
  ASSERT_TRUE(dial);
  EXPECT_EQ(dial->status, 200);
  EXPECT_EQ(dial->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(dial->body,
            "CON Dich vu cong tinh Hung Yen\n1. Tra cuu ho so\n2. Thu tuc hanh chinh\n"
            "3. Gio lam viec va lien he");
  auto browse = Post(kToken, R"({"sessionId":"abc","text":"2"})", "application/json");
  ASSERT_TRUE(browse);
  EXPECT_EQ(browse->body.rfind("CON Chon linh vuc:\n1. ", 0), 0u) << browse->body;
  now_ms_ += 121'000;
  auto late = Post(kToken, "sessionId=abc&text=2*1");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->body, "END Phien da het han. Vui long quay so lai.");
}

TEST_F(UssdRouteTest, WrongOrMissingTokenIs401) {
  Bind(kToken);
  auto wrong = Post("ussd-shared-secret-0123456780", "sessionId=a&text=");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_NE(wrong->body.find("bad_token"), std::string::npos);
  auto none = Post("", "sessionId=a&text=");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  auto bad = Post(kToken, "text=1");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto big = Post(kToken, "sessionId=a&text=" + std::string(3000, '1'));
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
}

TEST_F(UssdRouteTest, WithoutATokenTheRouteIsNotThere) {
  auto unbound = Post(kToken, "sessionId=a&text=");
  ASSERT_TRUE(unbound);
  EXPECT_EQ(unbound->status, 404);
  Bind("");
  auto disabled = Post("", "sessionId=a&text=");
  ASSERT_TRUE(disabled);
  EXPECT_EQ(disabled->status, 404);
  binding_.reset();
  EXPECT_EQ(FindUssdEndpoint(*service_), nullptr);
}

}  // namespace
}  // namespace dvc::gateway
