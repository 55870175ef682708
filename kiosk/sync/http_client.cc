#include "sync/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>

#include "core/url_host.h"

namespace dvc::kiosk {
namespace {

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Never cleaned up: other threads may still hold handles at exit, and
    // the process ending frees everything.
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) std::abort();
  });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

struct Exchange {
  HttpResponse response;
  const std::atomic<bool>* stop = nullptr;
  uint64_t max_body = 0;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  const size_t n = size * count;
  if (exchange->response.body.size() + n > exchange->max_body) {
    exchange->too_large = true;
    return 0;  // libcurl ends the transfer (CURLE_WRITE_ERROR)
  }
  exchange->response.body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    // A new response (after a 100 Continue or a redirect): forget the last one's headers.
    exchange->response.headers.clear();
    return size * count;
  }
  const size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    exchange->response.headers.emplace_back(Lower(Trim(line.substr(0, colon))),
                                            std::string(Trim(line.substr(colon + 1))));
  }
  return size * count;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* exchange = static_cast<const Exchange*>(user);
  return exchange->stop != nullptr && exchange->stop->load() ? 1 : 0;
}

TransportFailure Classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
      return TransportFailure::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return TransportFailure::kStalled;
    case CURLE_ABORTED_BY_CALLBACK:
      return TransportFailure::kStopped;
    default:
      return TransportFailure::kOther;
  }
}

// The host part of an absolute URL ("https://[::1]:8443/x" → "[::1]").
}  // namespace

struct CurlHttpClient::Handle {
  CURL* curl = nullptr;
  ~Handle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

std::optional<std::string> HttpResponse::Header(std::string_view name) const {
  const std::string key = Lower(name);
  for (const auto& [k, v] : headers) {
    if (k == key) return v;
  }
  return std::nullopt;
}

CurlHttpClient::CurlHttpClient(HttpOptions options)
    : options_(std::move(options)), handle_(std::make_unique<Handle>()) {
  InitCurlOnce();
  handle_->curl = curl_easy_init();
  if (handle_->curl == nullptr) std::abort();  // out of memory
}

CurlHttpClient::~CurlHttpClient() = default;

HttpOutcome CurlHttpClient::Send(const HttpRequest& request) {
  CURL* curl = handle_->curl;
  // Reset drops the previous request's options but keeps the connection
  // cache, so the next request reuses the open connection.
  curl_easy_reset(curl);
  Exchange exchange;
  exchange.stop = options_.stop;
  exchange.max_body = options_.max_response_bytes;
  if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());

  curl_slist* raw_headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    raw_headers = curl_slist_append(raw_headers, (name + ": " + value).c_str());
  }
  // libcurl adds "Expect: 100-continue" to large bodies, one more round trip
  // on a slow link for nothing: the gateway reads every body it is sent.
  raw_headers = curl_slist_append(raw_headers, "Expect:");
  const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(
      raw_headers, &curl_slist_free_all);

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl decodes
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(options_.stall_bytes_per_s));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.stall_s));
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &exchange);

  if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (request.method != "GET" || !request.body.empty()) {
    if (request.method != "POST") {
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  }

  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    TransportError error{Classify(code), curl_easy_strerror(code)};
    if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE) {
      error.message = "the gateway's TLS certificate is not trusted (" + error.message +
                      "); if the province signs it with its own CA, set [sync] ca_file to "
                      "that CA's PEM file" +
                      (options_.ca_file.empty() ? "" : " (now " + options_.ca_file + ")");
    }
    if (exchange.too_large) {
      error = {TransportFailure::kTooLarge,
               "the answer is larger than " + std::to_string(options_.max_response_bytes) +
                   " bytes, more than any gateway answer (a proxy or a misconfigured server?): "
                   "not read further"};
    }
    if (options_.stop != nullptr && options_.stop->load()) error.kind = TransportFailure::kStopped;
    return error;
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  exchange.response.status = static_cast<int>(status);
  return std::move(exchange.response);
}

Status CheckGatewayUrl(std::string_view url, bool allow_plain_http) {
  const std::string text(url);
  if (url.starts_with("https://")) {
    if (core::UrlHost(url).empty()) return Status::InvalidInput("gateway URL has no host: " + text);
    return Status::Ok();
  }
  if (!url.starts_with("http://")) {
    return Status::InvalidInput(
        "gateway URL must start with https:// (or http:// for a test "
        "gateway on this machine): " +
        text);
  }
  const std::string_view host = core::UrlHost(url);
  if (host.empty()) return Status::InvalidInput("gateway URL has no host: " + text);
  if (allow_plain_http || core::IsLoopbackHost(host)) return Status::Ok();
  return Status::InvalidInput("refusing plain http:// to " + std::string(host) +
                              ": dossiers would cross the network unencrypted; use https:// or set "
                              "[sync] allow_plain_http = true for a test network");
}

}  // namespace dvc::kiosk
