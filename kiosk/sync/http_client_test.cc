#include "sync/http_client.h"

#include <gtest/gtest.h>

namespace dvc::kiosk {
namespace {

TEST(GatewayUrlTest, HttpsIsAlwaysAccepted) {
  EXPECT_TRUE(CheckGatewayUrl("https://dvc.thaibinh.gov.vn", false).ok());
  EXPECT_TRUE(CheckGatewayUrl("https://10.0.0.5:8443/", false).ok());
}

TEST(GatewayUrlTest, PlainHttpOnlyToLoopbackUnlessAllowed) {
  for (const char* url : {"http://127.0.0.1:8080", "http://localhost:8080/", "http://[::1]:80",
                          "http://127.1.2.3", "http://LOCALHOST"}) {
    EXPECT_TRUE(CheckGatewayUrl(url, false).ok()) << url;
  }
  for (const char* url : {"http://10.0.0.5:8080", "http://dvc.example.vn",
                          "http://127.0.0.1.evil.example", "http://localhost.evil.example",
                          "http://user@10.0.0.5", "http://128.0.0.1", "http://127.0.0.256"}) {
    const Status s = CheckGatewayUrl(url, false);
    EXPECT_FALSE(s.ok()) << url;
    EXPECT_NE(s.message().find("allow_plain_http"), std::string::npos) << s.message();
    EXPECT_TRUE(CheckGatewayUrl(url, true).ok()) << url;
  }
}

TEST(GatewayUrlTest, OtherSchemesAndNoHostAreRefused) {
  for (const char* url :
       {"ftp://x", "file:///etc/passwd", "127.0.0.1:8080", "", "https://", "http://"}) {
    EXPECT_FALSE(CheckGatewayUrl(url, true).ok()) << url;
  }
}

TEST(GatewayUrlTest, LoopbackHosts) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("[::1]"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.1."));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
}

TEST(HttpResponseTest, HeadersAreFoundInAnyCase) {
  HttpResponse r;
  r.headers = {{"x-dvc-time", "1790000000000"}, {"upload-offset", "42"}};
  EXPECT_EQ(r.Header("X-DVC-Time"), "1790000000000");
  EXPECT_EQ(r.Header("Upload-Offset"), "42");
  EXPECT_FALSE(r.Header("Upload-Length").has_value());
}

TEST(CurlHttpClientTest, AnUnreachableGatewayIsATransportError) {
  // Port 1 on loopback: refused at once, no network needed.
  CurlHttpClient client(HttpOptions{});
  HttpOutcome outcome = client.Send(HttpRequest{"GET", "http://127.0.0.1:1/healthz", {}, ""});
  ASSERT_TRUE(std::holds_alternative<TransportError>(outcome));
  EXPECT_EQ(std::get<TransportError>(outcome).kind, TransportFailure::kConnect);
}

TEST(CurlHttpClientTest, ARaisedStopFlagAbortsTheRequest) {
  std::atomic<bool> stop{true};
  HttpOptions options;
  options.stop = &stop;
  CurlHttpClient client(options);
  HttpOutcome outcome = client.Send(HttpRequest{"GET", "http://127.0.0.1:1/healthz", {}, ""});
  ASSERT_TRUE(std::holds_alternative<TransportError>(outcome));
  EXPECT_EQ(std::get<TransportError>(outcome).kind, TransportFailure::kStopped);
}

}  // namespace
}  // namespace dvc::kiosk
