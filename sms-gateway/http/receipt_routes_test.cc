// The receipt routes over loopback: a real GatewayService and GatewayServer,
// a real cpp-httplib client.
#include "http/receipt_routes.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include "dossier/dossier_code.h"
#include "http/gateway_server.h"
#include "service/receipts.h"
#include "service/receipts_png.h"
#include "service/receipts_verify.h"
#include "service/service_test_support.h"
#include "store/scratch_dir.h"
#include "sync/sealing.h"

namespace dvc::gateway {
namespace {

using nlohmann::json;
using test_support::kOperatorToken;
using test_support::kService;

class ReceiptRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    service_ = test_support::OpenTestService(dir_, keys_, [this] { return now_ms_; });
    auto published = service_->PublishCatalog(
        test_support::TestCatalogFiles("2026.11.1", test_support::TestServiceJson(kService)),
        "test");
    ASSERT_TRUE(published.ok()) << published.error().message;
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

  httplib::Result OperatorGet(const std::string& path) {
    return client_->Get(path, {{"Authorization", "Bearer " + kOperatorToken}});
  }

  std::string AddCounterDossier() {
    auto added =
        client_->Post("/v1/admin/dossiers", {{"Authorization", "Bearer " + kOperatorToken}},
                      json{{"service_id", kService},
                           {"phone", "0912345678"},
                           {"commune_code", "12430"},
                           {"applicant_name", "Trần Thị Bình"}}
                          .dump(),
                      "application/json");
    EXPECT_EQ(added->status, 200) << added->body;
    return json::parse(added->body)["code"];
  }

  static void ExpectPrivate(const httplib::Result& r) {
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store, private");
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer");
    EXPECT_NE(r->get_header_value("X-Robots-Tag").find("noindex"), std::string::npos);
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  int64_t now_ms_ =
      (dossier::ParseTimestamp("2026-11-03T02:00:00Z")->time_since_epoch().count()) * 1000;
  std::unique_ptr<GatewayService> service_;
  std::unique_ptr<GatewayServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ReceiptRoutesTest, OperatorGetsTheLinkAndThePublicPagesServeTheReceipt) {
  const std::string code = AddCounterDossier();
  auto answer = OperatorGet("/v1/admin/dossiers/" + code + "/receipt");
  ASSERT_EQ(answer->status, 200) << answer->body;
  const json body = json::parse(answer->body);
  const std::string token = body["token"];
  ASSERT_TRUE(IsReceiptToken(token));
  const std::string png = sync::Base64Decode(body["png_base64"].get<std::string>()).value();
  // The same token on a second call.
  EXPECT_EQ(json::parse(OperatorGet("/v1/admin/dossiers/" + code + "/receipt")->body)["token"],
            token);

  auto image = client_->Get("/r/" + token + ".png");
  ASSERT_EQ(image->status, 200);
  EXPECT_EQ(image->get_header_value("Content-Type"), "image/png");
  ExpectPrivate(image);
  EXPECT_EQ(image->body, png);
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(png.data()), png.size());
  std::optional<std::string> payload = FindPngText(bytes, kQrPayloadPngKeyword);
  ASSERT_TRUE(payload.has_value());
  auto kiosks = ReadKioskKeys(OperatorGet("/v1/admin/kiosk-keys")->body, keys_->signing_public());
  ASSERT_TRUE(kiosks.ok()) << kiosks.status().message();
  auto proof = VerifyReceiptPayload(*payload, keys_->signing_public(), *kiosks);
  ASSERT_TRUE(proof.ok()) << proof.status().message();
  EXPECT_EQ(proof->fields.dossier_code, code);

  auto page = client_->Get("/r/" + token);
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  ExpectPrivate(page);
  EXPECT_NE(page->body.find("<html lang=\"vi\">"), std::string::npos);
  EXPECT_NE(page->body.find("data:image/png;base64," + sync::Base64Encode(png) + "\""),
            std::string::npos);
  EXPECT_NE(page->body.find("@media print"), std::string::npos);
  // Nothing from elsewhere, no script, and the code is not in the page's text.
  EXPECT_EQ(page->body.find("http"), std::string::npos);
  EXPECT_EQ(page->body.find("<script"), std::string::npos);
  EXPECT_EQ(page->body.find(code), std::string::npos);
}

TEST_F(ReceiptRoutesTest, UnknownTokensCodesAndListingsAnswerTheSame404Page) {
  const std::string code = AddCounterDossier();
  const std::vector<std::string> paths = {"/r/abcdefghijklmnopqr27",
                                          "/r/abcdefghijklmnopqr27.png",
                                          "/r/" + code,
                                          "/r/" + code + ".png",
                                          "/r/ABCDEFGHIJKLMNOPQR27",
                                          "/r/.png",
                                          "/r/x"};
  for (const std::string& path : paths) {
    auto r = client_->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
    EXPECT_NE(r->body.find("Không tìm thấy biên nhận"), std::string::npos) << path;
    ExpectPrivate(r);
  }
  // No listing: /r and /r/ match no route.
  EXPECT_EQ(client_->Get("/r")->status, 404);
  EXPECT_EQ(client_->Get("/r/")->status, 404);
}

TEST_F(ReceiptRoutesTest, OperatorRoutesNeedTheOperatorToken) {
  const std::string code = AddCounterDossier();
  EXPECT_EQ(client_->Get("/v1/admin/dossiers/" + code + "/receipt")->status, 401);
  EXPECT_EQ(client_->Get("/v1/admin/kiosk-keys")->status, 401);
  const std::string absent = dossier::DossierCode::FromParts("12430", 900, 5)->compact();
  EXPECT_EQ(OperatorGet("/v1/admin/dossiers/" + absent + "/receipt")->status, 404);
  EXPECT_EQ(OperatorGet("/v1/admin/dossiers/123457K4HQ2M9X/receipt")->status, 400);  // mistyped
}

}  // namespace
}  // namespace dvc::gateway
