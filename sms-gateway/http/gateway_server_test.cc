// GatewayServer over loopback: a real GatewayService on a scratch data
// directory, a real cpp-httplib client, every request through the wire.
#include "http/gateway_server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <sodium.h>

#include <array>
#include <regex>

#include "core/file_util.h"
#include "core/hex.h"
#include "dossier/dossier_code.h"
#include "service/service_test_support.h"
#include "store/scratch_dir.h"
#include "sync/request_signature.h"
#include "sync/sealing.h"

namespace dvc::gateway {
namespace {

using nlohmann::json;
using test_support::kOperatorToken;
const std::string kEventsToken(64, 'b');
using test_support::kService;

// A small catalog published through the operator API: the repository's
// catalog header and agencies plus one two-field service with an optional
// attachment field.
json TestCatalogBody() {
  const json service = test_support::TestServiceJson(kService);
  json files = test_support::TestCatalogFiles("", service);
  // The service as a JSON value, the others as text: the API takes both.
  files[std::string("services/") + kService + ".json"] = service;
  return {{"files", files}};
}

struct Kiosk {
  int64_t id = 0;
  std::string commune;
  uint32_t issuer = 0;
  std::array<uint8_t, 64> sk{};
  uint32_t next = 1;
};

class GatewayServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    service_ = test_support::OpenTestService(dir_, keys_, [this] { return now_ms_; });
    GatewayServerOptions options;
    options.threads = 4;
    options.operator_token = kOperatorToken;
    options.events_token = kEventsToken;
    auto server = GatewayServer::Create(*service_, options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(server).value();
    auto port = server_->Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().message();
    ASSERT_GT(*port, 0);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", *port);
    client_->set_read_timeout(30);
    auto published = OperatorPost("/v1/admin/catalog", TestCatalogBody().dump());
    ASSERT_EQ(published->status, 200) << published->body;
    version_ = json::parse(published->body)["version"];
  }
  void TearDown() override {
    if (server_) server_->Stop();
  }

  httplib::Result OperatorPost(const std::string& path, const std::string& body,
                               const std::string& token = kOperatorToken) {
    return client_->Post(path, {{"Authorization", "Bearer " + token}}, body, "application/json");
  }
  httplib::Result OperatorGet(const std::string& path, const std::string& token = kOperatorToken) {
    return client_->Get(path, {{"Authorization", "Bearer " + token}});
  }

  // A signed kiosk request; `timestamp_s` defaults to the gateway's clock.
  httplib::Headers Signed(const Kiosk& k, const std::string& method, const std::string& path,
                          const std::string& body, std::optional<int64_t> timestamp_s = {},
                          const std::vector<std::string>& extra = {}) {
    const sync::SignatureHeaders h = sync::SignRequest(
        k.sk, k.id, method, path, timestamp_s.value_or(now_ms_ / 1000), body, extra);
    return {{"X-DVC-Kiosk", h.kiosk},
            {"X-DVC-Timestamp", h.timestamp},
            {"X-DVC-Nonce", h.nonce},
            {"X-DVC-Signature", h.signature}};
  }
  httplib::Result KioskPost(const Kiosk& k, const std::string& path, const std::string& body) {
    return client_->Post(path, Signed(k, "POST", path, body), body, "application/json");
  }
  httplib::Result KioskGet(const Kiosk& k, const std::string& path) {
    return client_->Get(path, Signed(k, "GET", path, ""));
  }

  // Enrols a kiosk through the operator API and POST /v1/enroll.
  Kiosk Enroll() {
    Kiosk k;
    auto ticket = OperatorPost("/v1/admin/enrolments",
                               json{{"commune_code", "12430"}, {"name", "Kiosk 1"}}.dump());
    EXPECT_EQ(ticket->status, 200) << ticket->body;
    const std::string code = json::parse(ticket->body)["code"];
    std::array<uint8_t, 32> pk{};
    crypto_sign_keypair(pk.data(), k.sk.data());
    const json request = sync::ToJson(test_support::MakeEnrollRequest(code, pk, k.sk));
    auto enrolled = client_->Post("/v1/enroll", request.dump(), "application/json");
    EXPECT_EQ(enrolled->status, 200) << enrolled->body;
    const json answer = json::parse(enrolled->body);
    k.id = answer["kiosk_id"];
    k.commune = answer["commune_code"];
    k.issuer = answer["issuer"];
    EXPECT_EQ(answer["province"]["sealing_key"], keys_->PublicKeys().sealing_key);
    return k;
  }

  sync::PushDossier Dossier(Kiosk& k, const std::string& service = kService,
                            const std::string& attachment_sha = "") {
    sync::PushDossier d;
    d.id = dossier::NewDossierId();
    d.code = dossier::DossierCode::FromParts(k.commune, k.issuer, k.next++)->compact();
    d.service_id = service;
    d.catalog_version = version_;
    d.form_version = 1;
    d.created_at = dossier::Timestamp(std::chrono::seconds(now_ms_ / 1000));
    json answers = {{"org_name", "Công ty Bình An"}, {"phone", "0912345678"}};
    if (!attachment_sha.empty()) answers["related_rules"] = {attachment_sha};
    d.sealed = test_support::SealedPart(*keys_, std::move(answers), "");
    return d;
  }
  static std::string PushBody(const std::vector<sync::PushDossier>& dossiers) {
    return sync::ToJson(sync::PushRequest{dossiers}).dump();
  }

  static std::string ErrorCode(const httplib::Result& r) {
    const json body = json::parse(r->body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) return "(no JSON error: " + r->body + ")";
    return body["error"]["code"];
  }
  void ExpectError(const httplib::Result& r, int status, const std::string& code) {
    ASSERT_TRUE(r) << "transport error " << httplib::to_string(r.error());
    EXPECT_EQ(r->status, status) << r->body;
    EXPECT_EQ(ErrorCode(r), code);
    EXPECT_EQ(r->get_header_value("X-DVC-Time"), std::to_string(now_ms_));
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  // 2026-11-03 09:00 in Vietnam (a Tuesday).
  int64_t now_ms_ =
      (dossier::ParseTimestamp("2026-11-03T02:00:00Z")->time_since_epoch().count()) * 1000;
  std::unique_ptr<GatewayService> service_;
  std::unique_ptr<GatewayServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::string version_;
};

TEST_F(GatewayServerTest, EnrolPushDuplicateRefusalPullAndLookUp) {
  Kiosk k = Enroll();
  const sync::PushDossier good = Dossier(k);
  sync::PushDossier unknown = Dossier(k, "khong-co");
  auto pushed = KioskPost(k, "/v1/dossiers", PushBody({good, unknown}));
  ASSERT_EQ(pushed->status, 200) << pushed->body;
  EXPECT_EQ(pushed->get_header_value("X-DVC-Time"), std::to_string(now_ms_));
  auto results = sync::PushResponseFromJson(json::parse(pushed->body));
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_EQ(results->results.size(), 2u);
  EXPECT_EQ(results->results[0].result, sync::PushOutcome::kStored);
  EXPECT_EQ(results->results[1].result, sync::PushOutcome::kRefused);
  EXPECT_EQ(results->results[1].error->code, "unknown_service");

  // Sent again (a lost acknowledgement): stored once, the same answer.
  auto again = KioskPost(k, "/v1/dossiers", PushBody({good}));
  ASSERT_EQ(again->status, 200);
  auto repeated = sync::PushResponseFromJson(json::parse(again->body));
  EXPECT_EQ(repeated->results.at(0).result, sync::PushOutcome::kDuplicate);
  EXPECT_EQ(repeated->results.at(0).received_at, results->results[0].received_at);

  // The operator moves it; the kiosk pulls the change and looks it up.
  auto moved = OperatorPost("/v1/admin/dossiers/" + good.code + "/status",
                            json{{"status", "accepted"}, {"note", "đủ hồ sơ"}}.dump());
  ASSERT_EQ(moved->status, 200) << moved->body;
  auto changes = KioskGet(k, "/v1/changes?after=0&limit=10");
  ASSERT_EQ(changes->status, 200) << changes->body;
  auto page = sync::ChangesPageFromJson(json::parse(changes->body));
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_FALSE(page->changes.empty());
  EXPECT_EQ(page->changes.back().code, good.code);
  EXPECT_EQ(page->changes.back().status, dossier::DossierStatus::kAccepted);
  auto lookup = KioskGet(k, "/v1/lookup/" + good.code);
  ASSERT_EQ(lookup->status, 200) << lookup->body;
  EXPECT_EQ(json::parse(lookup->body)["status"], "accepted");
  EXPECT_FALSE(json::parse(lookup->body).contains("answers"));
  ExpectError(KioskGet(k, "/v1/lookup/12430223FYQ8VQ"), 400, "code_mistyped");

  // The operator sees it, answers opened.
  auto shown = OperatorGet("/v1/admin/dossiers/" + good.code);
  ASSERT_EQ(shown->status, 200);
  EXPECT_EQ(json::parse(shown->body)["answers"]["org_name"], "Công ty Bình An");
  auto listed = OperatorGet("/v1/admin/dossiers?status=accepted");
  ASSERT_EQ(listed->status, 200);
  EXPECT_EQ(json::parse(listed->body)["dossiers"].size(), 1u);
}

TEST_F(GatewayServerTest, EnrolmentCodeWorksOnce) {
  auto ticket =
      OperatorPost("/v1/admin/enrolments", json{{"commune_code", "12430"}, {"name", "K"}}.dump());
  const std::string code = json::parse(ticket->body)["code"];
  auto enrol = [&] {
    std::array<uint8_t, 32> pk{};
    std::array<uint8_t, 64> sk{};
    crypto_sign_keypair(pk.data(), sk.data());
    return client_->Post("/v1/enroll",
                         sync::ToJson(test_support::MakeEnrollRequest(code, pk, sk)).dump(),
                         "application/json");
  };
  EXPECT_EQ(enrol()->status, 200);
  ExpectError(enrol(), 403, "enrolment_code_used");
}

TEST_F(GatewayServerTest, EveryUnauthorisedRequestIsA401WithItsCode) {
  Kiosk k = Enroll();
  // Operator and events tokens.
  ExpectError(client_->Get("/v1/admin/kiosks"), 401, "bad_token");
  ExpectError(OperatorGet("/v1/admin/kiosks", std::string(64, 'c')), 401, "bad_token");
  ExpectError(OperatorGet("/v1/admin/kiosks", kEventsToken), 401, "bad_token");
  ExpectError(OperatorGet("/v1/admin/kiosks", "short"), 401, "bad_token");
  ExpectError(OperatorPost("/v1/events", json{{"code", "x"}, {"status", "accepted"}}.dump()), 401,
              "bad_token");
  // Kiosk signatures.
  ExpectError(client_->Get("/v1/changes"), 401, "missing_signature");
  httplib::Headers forged = Signed(k, "GET", "/v1/changes?after=1", "");
  ExpectError(client_->Get("/v1/changes", forged), 401, "bad_signature");
  httplib::Headers stale = Signed(k, "GET", "/v1/changes", "", now_ms_ / 1000 - 301);
  ExpectError(client_->Get("/v1/changes", stale), 401, "stale_timestamp");
  httplib::Headers once = Signed(k, "GET", "/v1/changes", "");
  EXPECT_EQ(client_->Get("/v1/changes", once)->status, 200);
  ExpectError(client_->Get("/v1/changes", once), 401, "replayed_nonce");
  Kiosk stranger = k;
  stranger.id = 999;
  ExpectError(KioskGet(stranger, "/v1/changes"), 401, "unknown_kiosk");
  auto revoked = OperatorPost("/v1/admin/kiosks/" + std::to_string(k.id) + "/revoke", "{}");
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  EXPECT_FALSE(json::parse(revoked->body)["revoked_at"].is_null());
  ExpectError(KioskGet(k, "/v1/changes"), 401, "revoked_kiosk");
}

TEST_F(GatewayServerTest, BadBodiesAreRefusedWithJsonErrors) {
  Kiosk k = Enroll();
  ExpectError(KioskPost(k, "/v1/dossiers", "{\"dossiers\": [}"), 400, "bad_json");
  ExpectError(KioskPost(k, "/v1/dossiers", "{\"dossiers\": 3}"), 400, "bad_json");
  ExpectError(OperatorPost("/v1/admin/enrolments", "not json"), 400, "bad_request");
  ExpectError(OperatorPost("/v1/admin/enrolments", json{{"commune_code", 12430}}.dump()), 400,
              "bad_request");
  ExpectError(OperatorPost("/v1/admin/dossiers/x/status", json{{"status", "done"}}.dump()), 400,
              "bad_request");
  std::vector<sync::PushDossier> many;
  for (int i = 0; i < 101; ++i) many.push_back(Dossier(k));
  ExpectError(KioskPost(k, "/v1/dossiers", PushBody(many)), 413, "batch_too_large");
}

TEST_F(GatewayServerTest, OversizeBodiesAre413EvenWhenCompressed) {
  Kiosk k = Enroll();
  const std::string huge(sync::kMaxBodyBytes + 1, ' ');
  ExpectError(KioskPost(k, "/v1/dossiers", huge), 413, "body_too_large");
  // Small on the wire, too large once decompressed.
  client_->set_compress(true);
  ExpectError(KioskPost(k, "/v1/dossiers", huge), 413, "body_too_large");
  ExpectError(OperatorPost("/v1/admin/catalog", huge), 413, "body_too_large");
  client_->set_compress(false);
  // The server still answers on a fresh connection.
  EXPECT_EQ(client_->Get("/healthz")->status, 200);
}

TEST_F(GatewayServerTest, GzipRequestBodiesAreAcceptedAndResponsesCompressed) {
  Kiosk k = Enroll();
  client_->set_compress(true);
  auto pushed = KioskPost(k, "/v1/dossiers", PushBody({Dossier(k)}));
  client_->set_compress(false);
  ASSERT_EQ(pushed->status, 200) << pushed->body;
  EXPECT_EQ(json::parse(pushed->body)["results"][0]["result"], "stored");
  // Responses are gzip'd when asked (the client decompresses them).
  auto bundle = client_->Get("/v1/catalog/" + version_, [&] {
    httplib::Headers h = Signed(k, "GET", "/v1/catalog/" + version_, "");
    h.emplace("Accept-Encoding", "gzip");
    return h;
  }());
  ASSERT_EQ(bundle->status, 200) << bundle->body;
  EXPECT_EQ(bundle->get_header_value("Content-Encoding"), "gzip");
  const json parsed = json::parse(bundle->body);
  EXPECT_EQ(parsed["version"], version_);
  EXPECT_TRUE(sync::VerifyJsonDocument(keys_->signing_public(), parsed));
}

TEST_F(GatewayServerTest, UnknownRoutesAndMethodsAnswerJsonWithTheClock) {
  ExpectError(client_->Get("/nowhere"), 404, "not_found");
  ExpectError(client_->Post("/v1/nowhere", "{}", "application/json"), 404, "not_found");
  auto wrong = client_->Put("/healthz", "", "application/json");
  ExpectError(wrong, 405, "method_not_allowed");
  EXPECT_EQ(wrong->get_header_value("Allow"), "GET, HEAD");
  ExpectError(
      client_->Get("/v1/catalog/9999.1.1", Signed(Enroll(), "GET", "/v1/catalog/9999.1.1", "")),
      404, "unknown_catalog_version");
  auto health = client_->Get("/healthz");
  ASSERT_EQ(health->status, 200);
  EXPECT_EQ(json::parse(health->body)["ok"], true);
  EXPECT_EQ(health->get_header_value("X-DVC-Time"), std::to_string(now_ms_));
}

TEST_F(GatewayServerTest, AttachmentChunksResumeOverHttp) {
  Kiosk k = Enroll();
  const std::string bytes(3000, 'x');
  std::array<uint8_t, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  const std::string sha = core::HexOf(digest);
  sync::PushDossier d = Dossier(k, kService, sha);
  d.attachments.push_back({"related_rules", sha, bytes.size()});
  auto pushed = KioskPost(k, "/v1/dossiers", PushBody({d}));
  ASSERT_EQ(pushed->status, 200);
  ASSERT_EQ(json::parse(pushed->body)["results"][0]["result"], "stored") << pushed->body;
  const std::string path = "/v1/attachments/" + sha;
  auto head = client_->Head(path, Signed(k, "HEAD", path, ""));
  ASSERT_EQ(head->status, 200);
  EXPECT_EQ(head->get_header_value("Upload-Offset"), "0");
  EXPECT_EQ(head->get_header_value("Upload-Length"), "3000");
  auto patch = [&](size_t offset, const std::string& chunk) {
    const std::vector<std::string> extra = {std::to_string(offset), "3000"};
    httplib::Headers h = Signed(k, "PATCH", path, chunk, std::nullopt, extra);
    h.emplace("Upload-Offset", extra[0]);
    h.emplace("Upload-Length", extra[1]);
    return client_->Patch(path, h, chunk, "application/offset+octet-stream");
  };
  auto first = patch(0, bytes.substr(0, 1000));
  ASSERT_EQ(first->status, 204) << first->body;
  EXPECT_EQ(first->get_header_value("Upload-Offset"), "1000");
  auto misplaced = patch(500, bytes.substr(500, 100));
  ExpectError(misplaced, 409, "offset_mismatch");
  EXPECT_EQ(misplaced->get_header_value("Upload-Offset"), "1000");
  auto last = patch(1000, bytes.substr(1000));
  ASSERT_EQ(last->status, 204) << last->body;
  EXPECT_EQ(last->get_header_value("Upload-Complete"), "1");
  // A chunk signed for another place is refused: the offset is signed.
  httplib::Headers moved = Signed(k, "PATCH", path, "x", std::nullopt, {"0", "3000"});
  moved.emplace("Upload-Offset", "1");
  moved.emplace("Upload-Length", "3000");
  ExpectError(client_->Patch(path, moved, "x", "application/offset+octet-stream"), 401,
              "bad_signature");
}

TEST_F(GatewayServerTest, MetricsAreValidPrometheusText) {
  Kiosk k = Enroll();
  ASSERT_EQ(KioskPost(k, "/v1/dossiers", PushBody({Dossier(k)}))->status, 200);
  ASSERT_EQ(KioskGet(k, "/v1/changes")->status, 200);
  auto metrics = client_->Get("/metrics");
  ASSERT_EQ(metrics->status, 200);
  EXPECT_EQ(metrics->get_header_value("Content-Type").rfind("text/plain", 0), 0u);
  const std::regex sample(R"(^([a-z_]+)(\{[a-z_]+="[^"]*"\})? (-?[0-9.e+]+)$)");
  std::map<std::string, double> values;
  std::istringstream lines(metrics->body);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, sample)) << line;
    values[m[1].str() + m[2].str()] = std::stod(m[3].str());
  }
  EXPECT_EQ(values["dvc_dossiers{status=\"received\"}"], 1);
  EXPECT_GE(values["dvc_push_requests_total"], 1);
  EXPECT_EQ(values["dvc_push_dossiers_total{result=\"stored\"}"], 1);
  const std::string kiosk = "{kiosk=\"" + std::to_string(k.id) + "\"}";
  EXPECT_TRUE(values.count("dvc_pull_lag_seconds" + kiosk)) << metrics->body;
  EXPECT_TRUE(values.count("dvc_kiosk_last_seen_seconds" + kiosk)) << metrics->body;
}

TEST_F(GatewayServerTest, EventsApiMovesADossierWithItsOwnToken) {
  auto added = OperatorPost("/v1/admin/dossiers", json{{"service_id", kService},
                                                       {"phone", "0912345678"},
                                                       {"commune_code", "12430"},
                                                       {"applicant_name", "Trần Thị Bình"}}
                                                      .dump());
  ASSERT_EQ(added->status, 200) << added->body;
  const std::string code = json::parse(added->body)["code"];
  auto event =
      client_->Post("/v1/events", {{"Authorization", "Bearer " + kEventsToken}},
                    json{{"code", code}, {"status", "accepted"}, {"note", "tiếp nhận"}}.dump(),
                    "application/json");
  ASSERT_EQ(event->status, 200) << event->body;
  EXPECT_EQ(json::parse(event->body)["status"], "accepted");
  ExpectError(
      client_->Post("/v1/events", {{"Authorization", "Bearer " + kEventsToken}},
                    json{{"code", code}, {"status", "received"}}.dump(), "application/json"),
      409, "illegal_transition");
}

TEST_F(GatewayServerTest, StopsAndRefusesASecondStart) {
  EXPECT_EQ(server_->Start("127.0.0.1", 0).status().code(), ErrorCode::kConflict);
  server_->Stop();
  server_->Stop();  // idempotent
  auto after = client_->Get("/healthz");
  EXPECT_FALSE(after);
}

}  // namespace
}  // namespace dvc::gateway
