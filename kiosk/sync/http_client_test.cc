#include "sync/http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "core/unique_fd.h"

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

TEST(GatewayUrlTest, PlainHttpOnlyToThisMachine) {
  EXPECT_TRUE(CheckGatewayUrl("http://127.0.0.1:8080", false).ok());
  EXPECT_TRUE(CheckGatewayUrl("http://localhost/dvc", false).ok());
  EXPECT_FALSE(CheckGatewayUrl("http://localhost.example.org/", false).ok());
  EXPECT_FALSE(CheckGatewayUrl("http://127.0.0.1.nip.io/", false).ok());
}

TEST(HttpResponseTest, HeadersAreFoundInAnyCase) {
  HttpResponse r;
  r.headers = {{"x-dvc-time", "1790000000000"}, {"upload-offset", "42"}};
  EXPECT_EQ(r.Header("X-DVC-Time"), "1790000000000");
  EXPECT_EQ(r.Header("Upload-Offset"), "42");
  EXPECT_FALSE(r.Header("Upload-Length").has_value());
}

// A one-shot HTTP server on a loopback port: answers the first request with
// 200 and `body`, then closes. No network beyond 127.0.0.1.
class OneAnswerServer {
 public:
  explicit OneAnswerServer(std::string body) : body_(std::move(body)) {
    listener_ = core::UniqueFd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (!listener_.valid() ||
        ::bind(listener_.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listener_.get(), 1) != 0 ||
        ::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      return;
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~OneAnswerServer() {
    if (thread_.joinable()) thread_.join();
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1/changes"; }
  bool ok() const { return port_ != 0; }

 private:
  void Serve() {
    core::UniqueFd client(::accept(listener_.get(), nullptr, nullptr));
    if (!client.valid()) return;
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      const ssize_t n = ::read(client.get(), buffer, sizeof buffer);
      if (n <= 0) return;
      request.append(buffer, static_cast<size_t>(n));
    }
    const std::string answer =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        "Content-Length: " +
        std::to_string(body_.size()) + "\r\nConnection: close\r\n\r\n" + body_;
    // The client may stop reading (too large) and close: a short write is fine.
    for (size_t sent = 0; sent < answer.size();) {
      const ssize_t n =
          ::send(client.get(), answer.data() + sent, answer.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  }

  std::string body_;
  core::UniqueFd listener_;
  int port_ = 0;
  std::thread thread_;
};

TEST(CurlHttpClientTest, AnAnswerUpToTheCapIsReadWhole) {
  const std::string body(1000, 'x');
  OneAnswerServer server(body);
  ASSERT_TRUE(server.ok());
  HttpOptions options;
  options.max_response_bytes = body.size();
  CurlHttpClient client(options);
  HttpOutcome outcome = client.Send(HttpRequest{"GET", server.Url(), {}, ""});
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(outcome))
      << std::get<TransportError>(outcome).message;
  EXPECT_EQ(std::get<HttpResponse>(outcome).status, 200);
  EXPECT_EQ(std::get<HttpResponse>(outcome).body, body);
  EXPECT_EQ(std::get<HttpResponse>(outcome).Header("content-length"), "1000");
}

TEST(CurlHttpClientTest, AnAnswerPastTheCapIsRefusedWithAClearError) {
  OneAnswerServer server(std::string(256 * 1024, 'x'));  // several reads' worth
  ASSERT_TRUE(server.ok());
  HttpOptions options;
  options.max_response_bytes = 1000;
  CurlHttpClient client(options);
  HttpOutcome outcome = client.Send(HttpRequest{"GET", server.Url(), {}, ""});
  ASSERT_TRUE(std::holds_alternative<TransportError>(outcome));
  const TransportError& error = std::get<TransportError>(outcome);
  EXPECT_EQ(error.kind, TransportFailure::kTooLarge);
  EXPECT_NE(error.message.find("larger than 1000 bytes"), std::string::npos) << error.message;
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
