#include "sync/gateway_client.h"

#include <gtest/gtest.h>

#include <deque>

#include "core/hex.h"
#include "store/scratch_dir.h"
#include "sync/gzip.h"
#include "sync/messages.h"
#include "sync/request_signature.h"
#include "sync/sync_test_support.h"

namespace dvc::kiosk {
namespace {

// Answers from a script and keeps every request; the local clock advances
// by `round_trip_ms` during each exchange.
class ScriptedTransport : public HttpTransport {
 public:
  explicit ScriptedTransport(int64_t& local_ms) : local_ms_(local_ms) {}
  std::deque<HttpOutcome> answers;
  std::vector<HttpRequest> requests;
  int64_t round_trip_ms = 200;

  HttpOutcome Send(const HttpRequest& request) override {
    requests.push_back(request);
    local_ms_ += round_trip_ms;
    if (answers.empty()) return TransportError{TransportFailure::kConnect, "no script"};
    HttpOutcome next = std::move(answers.front());
    answers.pop_front();
    return next;
  }

 private:
  int64_t& local_ms_;
};

std::string HeaderOf(const HttpRequest& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

HttpResponse Answer(int status, int64_t gateway_ms, std::string body = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  r.headers.emplace_back("x-dvc-time", std::to_string(gateway_ms));
  return r;
}

class GatewayClientTest : public ::testing::Test {
 protected:
  GatewayClientTest() : identity_(LoadIdentity(scratch_.File("data"))) {}

  static KioskIdentity LoadIdentity(const std::string& dir) {
    Result<KioskIdentity> loaded = KioskIdentity::LoadOrCreate(dir);
    if (!loaded.ok()) std::abort();
    return std::move(*loaded);
  }

  // Verifies a sent request's signature as the gateway does.
  std::optional<sync::ApiError> Verify(const HttpRequest& r, std::string_view path, int64_t now_s,
                                       const std::vector<std::string>& extra = {}) {
    sync::SignatureHeaders h{HeaderOf(r, "X-DVC-Kiosk"), HeaderOf(r, "X-DVC-Timestamp"),
                             HeaderOf(r, "X-DVC-Nonce"), HeaderOf(r, "X-DVC-Signature")};
    sync::ParsedSignature parsed;
    if (auto e = sync::ParseSignatureHeaders(h, parsed)) return e;
    return sync::VerifyRequest(identity_.public_key(), parsed, r.method, path, r.body, now_s,
                               extra);
  }

  store::ScratchDir scratch_;
  KioskIdentity identity_;
  int64_t local_ms_ = 1'000'000'000'000;  // 2001: a kiosk whose clock restarted wrong
  CorrectedClock clock_{[this] { return local_ms_; }};
  ScriptedTransport transport_{local_ms_};
};

TEST(CorrectedClockTest, OffsetIsGatewayTimeMinusTheExchangesMidpoint) {
  EXPECT_EQ(CorrectedClock::OffsetFrom(10'000, 1'000, 3'000), 8'000);
  EXPECT_EQ(CorrectedClock::OffsetFrom(1'000, 5'000, 5'000), -4'000);
  EXPECT_EQ(CorrectedClock::OffsetFrom(2'001, 1'000, 1'001), 1'001);
  int64_t local = 1'000;
  CorrectedClock clock([&] { return local; }, 500);
  EXPECT_EQ(clock.NowMs(), 1'500);
  local = -1;
  clock.set_offset_ms(0);
  EXPECT_EQ(clock.NowSeconds(), -1);  // floor, not truncation
}

TEST_F(GatewayClientTest, EveryResponseCorrectsTheClock) {
  const int64_t gateway_ms = 1'790'000'000'000;
  transport_.answers.push_back(
      Answer(200, gateway_ms, R"({"changes":[],"next":0,"more":false,"catalog":null})"));
  GatewayClient client(transport_, "https://gw.example/", 17, identity_, clock_);
  auto page = client.Changes(0, 500);
  ASSERT_TRUE(page.ok()) << page.error().message;
  // Sent at local 1e12, answered at 1e12+200: midpoint 1e12+100.
  EXPECT_EQ(clock_.offset_ms(), gateway_ms - (1'000'000'000'000 + 100));
  EXPECT_EQ(transport_.requests[0].url, "https://gw.example/v1/changes?after=0&limit=500");
}

TEST_F(GatewayClientTest, AStaleTimestampIsCorrectedAndRetriedOnce) {
  const int64_t gateway_ms = 1'790'000'000'000;
  transport_.answers.push_back(
      Answer(401, gateway_ms,
             R"({"error":{"code":"stale_timestamp","message":"the timestamp is 25 years off"}})"));
  transport_.answers.push_back(Answer(200, gateway_ms + 300, R"({"results":[]})"));
  GatewayClient client(transport_, "https://gw.example", 17, identity_, clock_);
  sync::PushRequest batch;
  auto response = client.Push(batch);
  ASSERT_EQ(transport_.requests.size(), 2u);
  // The first was signed with the wrong clock, the retry with the corrected one.
  EXPECT_EQ(HeaderOf(transport_.requests[0], "X-DVC-Timestamp"), "1000000000");
  const int64_t retried = std::stoll(HeaderOf(transport_.requests[1], "X-DVC-Timestamp"));
  EXPECT_NEAR(retried, gateway_ms / 1000, 1);
  EXPECT_FALSE(Verify(transport_.requests[1], "/v1/dossiers", gateway_ms / 1000).has_value());
  EXPECT_NE(HeaderOf(transport_.requests[0], "X-DVC-Nonce"),
            HeaderOf(transport_.requests[1], "X-DVC-Nonce"));
}

TEST_F(GatewayClientTest, ALargeBatchGoesGzippedSignedAsTheGatewayReadsIt) {
  clock_.set_offset_ms(1'790'000'000'000 - local_ms_);
  transport_.answers.push_back(Answer(200, 1'790'000'000'000, R"({"results":[]})"));
  GatewayClient client(transport_, "https://gw.example", 17, identity_, clock_);
  sync::PushRequest batch;
  for (uint32_t i = 0; i < 10; ++i) {
    batch.dossiers.push_back(sync::testing::SamplePushDossier(sync::testing::kId1, 1000 + i));
  }
  const std::string json = sync::ToJson(batch).dump();
  ASSERT_GE(json.size(), kGzipMinBytes);
  ASSERT_TRUE(client.Push(batch).ok());
  HttpRequest sent = transport_.requests.at(0);
  EXPECT_EQ(HeaderOf(sent, "Content-Encoding"), "gzip");
  EXPECT_LT(sent.body.size(), json.size());
  // Signed over the JSON itself: the compressed bytes do not verify, the
  // decompressed ones do.
  EXPECT_TRUE(Verify(sent, "/v1/dossiers", 1'790'000'000).has_value());
  std::optional<std::string> unpacked = Gunzip(sent.body, json.size());
  ASSERT_TRUE(unpacked.has_value());
  EXPECT_EQ(*unpacked, json);
  sent.body = *unpacked;
  EXPECT_FALSE(Verify(sent, "/v1/dossiers", 1'790'000'000).has_value());
}

TEST_F(GatewayClientTest, ASmallBodyGoesAsItIs) {
  transport_.answers.push_back(Answer(200, 1'790'000'000'000, R"({"results":[]})"));
  GatewayClient client(transport_, "https://gw.example", 17, identity_, clock_);
  ASSERT_TRUE(client.Push(sync::PushRequest{}).ok());
  EXPECT_EQ(HeaderOf(transport_.requests.at(0), "Content-Encoding"), "");
  EXPECT_EQ(transport_.requests.at(0).body, sync::ToJson(sync::PushRequest{}).dump());
}

TEST_F(GatewayClientTest, AStaleTimestampTwiceIsAnAuthRefusal) {
  const std::string body = R"({"error":{"code":"stale_timestamp","message":"off"}})";
  transport_.answers.push_back(Answer(401, 1'790'000'000'000, body));
  transport_.answers.push_back(Answer(401, 1'790'000'000'000, body));
  transport_.answers.push_back(Answer(200, 1'790'000'000'000, "{}"));
  GatewayClient client(transport_, "https://gw.example", 17, identity_, clock_);
  auto state = client.AttachmentOffset(std::string(64, 'a'));
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().kind, GatewayFailure::kAuth);
  EXPECT_EQ(transport_.requests.size(), 2u);
}

TEST_F(GatewayClientTest, ChunksSignTheirOffsetAndLength) {
  clock_.set_offset_ms(1'790'000'000'000 - local_ms_);
  transport_.answers.push_back(
      Answer(204, 1'790'000'000'000, "", {{"upload-offset", "300"}, {"upload-complete", "1"}}));
  GatewayClient client(transport_, "https://gw.example/dvc", 17, identity_, clock_);
  const std::string sha(64, 'b');
  auto state = client.AppendChunk(sha, 256, 300, std::string(44, 'x'));
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(state->offset, 300u);
  EXPECT_TRUE(state->complete);
  const HttpRequest& sent = transport_.requests[0];
  EXPECT_EQ(sent.method, "PATCH");
  EXPECT_EQ(HeaderOf(sent, "Upload-Offset"), "256");
  EXPECT_EQ(HeaderOf(sent, "Upload-Length"), "300");
  const std::string path = "/dvc/v1/attachments/" + sha;
  EXPECT_FALSE(Verify(sent, path, 1'790'000'000, {"256", "300"}).has_value());
  // Without the two extra lines (a relay moving the chunk) it does not verify.
  EXPECT_TRUE(Verify(sent, path, 1'790'000'000).has_value());
}

TEST_F(GatewayClientTest, FailuresAreSorted) {
  GatewayClient client(transport_, "https://gw.example", 17, identity_, clock_);
  transport_.answers.push_back(TransportError{TransportFailure::kStalled, "timeout"});
  EXPECT_EQ(client.Changes(0, 10).error().kind, GatewayFailure::kTransport);
  transport_.answers.push_back(
      Answer(401, 1'790'000'000'000, R"({"error":{"code":"revoked_kiosk","message":"revoked"}})"));
  EXPECT_EQ(client.Changes(0, 10).error().kind, GatewayFailure::kAuth);
  transport_.answers.push_back(Answer(503, 1'790'000'000'000, "<html>"));
  auto server = client.Changes(0, 10);
  EXPECT_EQ(server.error().kind, GatewayFailure::kServer);
  EXPECT_EQ(server.error().message, "HTTP 503");
  transport_.answers.push_back(Answer(200, 1'790'000'000'000, "not json"));
  EXPECT_EQ(client.Changes(0, 10).error().kind, GatewayFailure::kServer);
  transport_.answers.push_back(
      Answer(409, 1'790'000'000'000,
             R"({"error":{"code":"offset_mismatch","message":"the gateway holds 512"}})",
             {{"upload-offset", "512"}}));
  auto mismatch = client.AppendChunk(std::string(64, 'c'), 0, 1000, "x");
  EXPECT_EQ(mismatch.error().kind, GatewayFailure::kRefused);
  EXPECT_EQ(mismatch.error().code, "offset_mismatch");
  EXPECT_EQ(mismatch.error().upload_offset, 512u);
  transport_.answers.push_back(
      Answer(404, 1'790'000'000'000, R"({"error":{"code":"not_found","message":"no"}})"));
  auto lookup = client.Lookup("1243000000000");
  ASSERT_TRUE(lookup.ok());
  EXPECT_FALSE(lookup->has_value());
}

TEST_F(GatewayClientTest, EnrolmentIsUnsignedAndCarriesItsProof) {
  transport_.answers.push_back(
      Answer(403, 1'790'000'000'000,
             R"({"error":{"code":"enrolment_code_used","message":"this code was used"}})"));
  auto answer = Enroll(transport_, "http://127.0.0.1:8080", identity_, "ABCDEFGHJK", clock_);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, "enrolment_code_used");
  const HttpRequest& sent = transport_.requests[0];
  EXPECT_EQ(sent.url, "http://127.0.0.1:8080/v1/enroll");
  EXPECT_EQ(HeaderOf(sent, "X-DVC-Signature"), "");
  const nlohmann::json body = nlohmann::json::parse(sent.body);
  EXPECT_EQ(body["public_key"], core::HexOf(identity_.public_key()));
  EXPECT_TRUE(sync::VerifyEnrolmentProof("ABCDEFGHJK", body["public_key"].get<std::string>(),
                                         body["proof"].get<std::string>()));
}

}  // namespace
}  // namespace dvc::kiosk
