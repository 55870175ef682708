// HttpClient: one libcurl easy handle, kept for connection reuse (keep-alive,
// TLS session), sending one request at a time for the sync worker.
//
// Responses are decompressed by libcurl (Accept-Encoding: gzip, deflate).
// Request bodies are sent uncompressed: libcurl does not compress requests and
// zlib is not linked into the kiosk (docs/sync-api.md allows either).
//
// A request ends with a response (any HTTP status) or a TransportError: the
// connection could not be made (connect timeout), the link stalled (fewer than
// `stall_bytes_per_s` for `stall_s` seconds), the response body passed
// `max_response_bytes`, or the worker asked to stop (the progress callback
// aborts within about a second, also mid-transfer).
//
// Thread-safety: one thread at a time (the sync worker's). Ownership: owns the
// handle; borrows the stop flag, which must outlive the client.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/status.h"
#include "sync/messages.h"

namespace dvc::kiosk {

struct HttpRequest {
  std::string method = "GET";  // GET, POST, HEAD, PATCH
  std::string url;             // absolute
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  // Header names in lower case, values trimmed, in the order received.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // decompressed

  // The first header named `name` (any case); nullopt when absent.
  std::optional<std::string> Header(std::string_view name) const;
};

enum class TransportFailure {
  kConnect,   // could not resolve or connect (or TLS failed)
  kStalled,   // too slow for too long, or the connection dropped mid-exchange
  kStopped,   // the stop flag was raised
  kTooLarge,  // the response body (decompressed) passed max_response_bytes
  kOther,
};

struct TransportError {
  TransportFailure kind = TransportFailure::kOther;
  std::string message;  // libcurl's text, for the staff screen and logs
};

using HttpOutcome = std::variant<HttpResponse, TransportError>;

// What the sync layer sends requests through: the libcurl client in
// production, a scripted fake in unit tests.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual HttpOutcome Send(const HttpRequest& request) = 0;
};

struct HttpOptions {
  int64_t connect_timeout_ms = 15'000;
  // Stall detection: fewer than this many bytes per second for stall_s seconds.
  int64_t stall_bytes_per_s = 64;
  int64_t stall_s = 60;
  std::string user_agent = "dvc-kiosk";
  // PEM certificate authorities to trust for https:// (CURLOPT_CAINFO);
  // empty: libcurl's default, the system's store.
  std::string ca_file;
  // The most body bytes (after decompression) a response may bring: reading
  // stops there, so a proxy's or a broken gateway's endless or gzip-bombed
  // answer cannot fill the kiosk's memory. Every gateway answer is JSON read
  // under sync::kMaxBodyBytes (8 MiB), so nothing larger could be used anyway.
  uint64_t max_response_bytes = sync::kMaxBodyBytes;
  // Raised by the owner to abort a request in flight; may be null.
  const std::atomic<bool>* stop = nullptr;
};

class CurlHttpClient : public HttpTransport {
 public:
  // Initialises libcurl once per process (thread-safe) and makes a handle.
  // Aborts only if libcurl cannot allocate a handle (out of memory).
  explicit CurlHttpClient(HttpOptions options);
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  HttpOutcome Send(const HttpRequest& request) override;

 private:
  struct Handle;
  HttpOptions options_;
  std::unique_ptr<Handle> handle_;
};

// The gateway URL rule (docs/sync-api.md): https:// always; http:// only for
// a loopback host or when `allow_plain_http`. Errors: kInvalidInput with a
// message for the person configuring the kiosk.
Status CheckGatewayUrl(std::string_view url, bool allow_plain_http);

}  // namespace dvc::kiosk
