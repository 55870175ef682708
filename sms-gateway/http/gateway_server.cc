#include "http/gateway_server.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <utility>

#include "config/token_file.h"
#include "http/http_response.h"
#include "http/routes.h"
#include "sync/request_signature.h"

namespace dvc::gateway {

namespace {

using Clock = std::chrono::steady_clock;

// When the request being served on this thread started (set by the
// pre-routing handler, read by the logger). Each request is served start to
// end on one pool thread, so a thread-local needs no lock.
thread_local std::optional<Clock::time_point> request_started;

// Encodings cpp-httplib decodes (built with zlib and brotli); anything else
// would reach a handler still encoded.
constexpr std::string_view kDecodedEncodings[] = {"", "identity", "gzip", "deflate", "br"};

// Network timeouts per read or write call (not per request): a commune's 2G
// link can stall for a few seconds and still deliver.
constexpr time_t kSocketTimeoutS = 30;

// The message of a 5xx's JSON error body (written by WriteError, never a
// request body), with control characters replaced so it stays on one log line.
std::string InternalErrorOf(const httplib::Response& response) {
  if (response.status < 500) return "";
  std::string message;
  try {
    const nlohmann::json body = nlohmann::json::parse(response.body);
    if (auto error = sync::ApiErrorFromJson(body, response.status); error.ok()) {
      message = error->message;
    }
  } catch (const nlohmann::json::exception&) {
  }
  if (message.empty()) return "no error message";
  for (char& c : message) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return message;
}

bool IsDecodedEncoding(const std::string& encoding) {
  for (std::string_view known : kDecodedEncodings) {
    if (encoding == known) return true;
  }
  return false;
}

// The audit log's name for an operator: "operator", or "operator:<name>" when
// the CLI says who runs it (X-DVC-Actor, restricted to a login-name alphabet).
std::string OperatorActor(const httplib::Request& request, std::string_view base) {
  const std::string claimed = request.get_header_value("X-DVC-Actor");
  std::string actor(base);
  if (claimed.empty() || claimed.size() > 32) return actor;
  for (char c : claimed) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return actor;
  }
  return actor + ":" + claimed;
}

std::string AllowedMethods(std::string_view path) {
  std::string allow;
  std::vector<std::string> params;
  for (const Route& route : Routes()) {
    if (!MatchRoute(route.pattern, path, params)) continue;
    if (!allow.empty()) allow += ", ";
    allow += route.method;
    if (route.method == "GET") allow += ", HEAD";
  }
  return allow;
}

// The request's context and route, found and read; or the error already written.
class Dispatcher {
 public:
  Dispatcher(GatewayService& service, const GatewayServerOptions& options)
      : service_(service), options_(options) {}

  void Serve(const httplib::Request& request, httplib::Response& response,
             const httplib::ContentReader* reader) {
    std::vector<std::string> params;
    const Route* route = Find(request, params);
    if (!IsDecodedEncoding(request.get_header_value("Content-Encoding"))) {
      response.set_header("Connection", "close");
      return WriteError(response, MakeApiError(415, "unsupported_encoding",
                                               "Content-Encoding must be gzip (or none)"));
    }
    std::string body;
    // A request without Content-Length or chunked encoding has no body
    // (RFC 9112 section 6.3); cpp-httplib would wait for the peer to close.
    const bool has_body =
        request.has_header("Content-Length") || request.has_header("Transfer-Encoding");
    if (reader != nullptr && has_body) {
      // Unknown routes still have their body drained (counted, not kept) so
      // the connection stays in step.
      const size_t limit = route != nullptr ? route->max_body : sync::kMaxBodyBytes;
      const std::string_view too_large =
          route != nullptr ? route->too_large_code : "body_too_large";
      if (!ReadBody(*reader, limit, route != nullptr, too_large, body, response)) return;
    }
    if (route == nullptr) return RefuseRoute(request, response);

    RouteContext context{service_, request, response, std::move(params), std::move(body), {}, {}};
    if (!Authorize(*route, context)) return;
    route->handle(context);
  }

 private:
  const Route* Find(const httplib::Request& request, std::vector<std::string>& params) const {
    for (const Route& route : Routes()) {
      const bool method_fits =
          route.method == request.method || (request.method == "HEAD" && route.method == "GET");
      if (method_fits && MatchRoute(route.pattern, request.path, params)) return &route;
    }
    return nullptr;
  }

  static void RefuseRoute(const httplib::Request& request, httplib::Response& response) {
    const std::string allow = AllowedMethods(request.path);
    if (!allow.empty()) {
      response.set_header("Allow", allow);
      return WriteError(response, MakeApiError(405, "method_not_allowed",
                                               request.method + " is not allowed on " +
                                                   request.path + " (allowed: " + allow + ")"));
    }
    WriteError(response, MakeApiError(404, "not_found",
                                      "no such endpoint: " + request.method + " " + request.path));
  }

  // Reads the (decompressed) body under `limit`. False after writing the
  // error (413, or 400 for a truncated or undecodable body).
  static bool ReadBody(const httplib::ContentReader& reader, size_t limit, bool keep,
                       std::string_view too_large_code, std::string& body,
                       httplib::Response& response) {
    bool too_large = false;
    size_t total = 0;
    const bool read = reader([&](const char* data, size_t length) {
      if (length > limit || total > limit - length) {
        too_large = true;
        return false;
      }
      total += length;
      if (keep) body.append(data, length);
      return true;
    });
    if (read) return true;
    // The rest of the body is still on the socket: this connection is done.
    response.set_header("Connection", "close");
    // cpp-httplib sets 413 itself when Content-Length exceeds payload_max_length.
    if (too_large || response.status == 413) {
      WriteError(response, MakeApiError(413, std::string(too_large_code),
                                        "the body is larger than " + std::to_string(limit) +
                                            " bytes (after decompression)"));
    } else {
      WriteError(response, MakeApiError(400, "bad_request",
                                        "the body could not be read (cut short, or not valid "
                                        "for its Content-Encoding)"));
    }
    return false;
  }

  bool Authorize(const Route& route, RouteContext& context) const {
    const httplib::Request& request = context.request;
    switch (route.auth) {
      case RouteAuth::kNone:
        return true;
      case RouteAuth::kOperator:
      case RouteAuth::kEvents: {
        const bool is_operator = route.auth == RouteAuth::kOperator;
        const std::string& expected = is_operator ? options_.operator_token : options_.events_token;
        if (!TokenMatches(expected, BearerToken(request.get_header_value("Authorization")))) {
          WriteError(context.response,
                     MakeApiError(401, "bad_token",
                                  std::string("the ") + (is_operator ? "operator" : "events") +
                                      " token is missing or wrong (Authorization: Bearer ...)"));
          return false;
        }
        context.actor = OperatorActor(request, is_operator ? "operator" : "one-stop");
        return true;
      }
      case RouteAuth::kKiosk: {
        std::vector<std::string> extra_lines;
        if (route.method == "PATCH") {
          // Attachment chunks sign their place in the file too.
          if (!request.has_header("Upload-Offset") || !request.has_header("Upload-Length")) {
            WriteError(context.response,
                       MakeApiError(400, "bad_request",
                                    "an attachment chunk needs Upload-Offset and Upload-Length"));
            return false;
          }
          extra_lines = {request.get_header_value("Upload-Offset"),
                         request.get_header_value("Upload-Length")};
        }
        const sync::SignatureHeaders headers{
            request.get_header_value(std::string(sync::kHeaderKiosk)),
            request.get_header_value(std::string(sync::kHeaderTimestamp)),
            request.get_header_value(std::string(sync::kHeaderNonce)),
            request.get_header_value(std::string(sync::kHeaderSignature))};
        ApiResult<KioskRef> kiosk = service_.Authenticate(request.method, request.target, headers,
                                                          context.body, extra_lines);
        if (!kiosk.ok()) {
          CopyHeaders(kiosk, context.response);
          WriteError(context.response, kiosk.error());
          return false;
        }
        context.kiosk = std::move(kiosk).value();
        return true;
      }
    }
    std::abort();  // every RouteAuth is handled above
  }

  GatewayService& service_;
  const GatewayServerOptions& options_;
};

}  // namespace

Result<std::unique_ptr<GatewayServer>> GatewayServer::Create(GatewayService& service,
                                                             GatewayServerOptions options) {
  std::unique_ptr<httplib::Server> server;
  bool tls = false;
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    auto ssl =
        std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    if (!ssl->is_valid()) {
      return Status::InvalidInput("cannot load the TLS certificate " + options.tls_cert +
                                  " and key " + options.tls_key +
                                  " (PEM files, the key matching the certificate)");
    }
    server = std::move(ssl);
    tls = true;
  } else {
    server = std::make_unique<httplib::Server>();
  }
  std::unique_ptr<GatewayServer> gateway(
      new GatewayServer(service, std::move(options), std::move(server), tls));
  gateway->Install();
  return gateway;
}

GatewayServer::GatewayServer(GatewayService& service, GatewayServerOptions options,
                             std::unique_ptr<httplib::Server> server, bool uses_tls)
    : service_(service),
      options_(std::move(options)),
      server_(std::move(server)),
      uses_tls_(uses_tls) {}

GatewayServer::~GatewayServer() { Stop(); }

void GatewayServer::Install() {
  httplib::Server& server = *server_;
  const size_t threads = static_cast<size_t>(std::max(1, options_.threads));
  // cpp-httplib takes ownership of the queue it is given (its API).
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Content-Length bound; the limit after decompression is the route's,
  // enforced while reading (Dispatcher::ReadBody).
  server.set_payload_max_length(sync::kMaxBodyBytes);
  server.set_read_timeout(kSocketTimeoutS);
  // Answers are small (a USSD screen, a JSON status): without TCP_NODELAY the
  // kernel holds each one ~40 ms waiting for the client's delayed ACK.
  server.set_tcp_nodelay(true);
  server.set_write_timeout(kSocketTimeoutS);

  auto dispatcher = std::make_shared<Dispatcher>(service_, options_);
  // Every request reaches the one dispatcher, which owns routing (so unknown
  // routes, wrong methods and bodies get the same treatment everywhere).
  // Methods that carry a body use content readers: cpp-httplib would
  // otherwise decompress a body into memory without any bound.
  const std::string kAny = ".*";
  server.Get(kAny, [dispatcher](const httplib::Request& request, httplib::Response& response) {
    dispatcher->Serve(request, response, nullptr);
  });
  server.Options(kAny, [dispatcher](const httplib::Request& request, httplib::Response& response) {
    dispatcher->Serve(request, response, nullptr);
  });
  const auto with_body = [dispatcher](const httplib::Request& request, httplib::Response& response,
                                      const httplib::ContentReader& reader) {
    dispatcher->Serve(request, response, &reader);
  };
  server.Post(kAny, with_body);
  server.Put(kAny, with_body);
  server.Patch(kAny, with_body);
  server.Delete(kAny, with_body);

  // Whatever cpp-httplib refused on its own (a malformed request, a
  // Content-Length over the limit, an unknown method) gets the JSON body too.
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        WriteError(
            response,
            MakeApiError(response.status, std::string(ErrorCodeForStatus(response.status)),
                         "the request was refused (HTTP " + std::to_string(response.status) + ")"));
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
        std::string what = "unexpected failure";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        response.headers.clear();
        WriteError(response, MakeApiError(500, "internal", "internal error: " + what));
      });
  // The gateway's clock on every response (the kiosk corrects its own by it).
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_started = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_post_routing_handler([this](const httplib::Request&, httplib::Response& response) {
    response.set_header(std::string(sync::kHeaderTime), std::to_string(service_.NowMs()));
  });
  if (options_.log) {
    server.set_logger([this](const httplib::Request& request, const httplib::Response& response) {
      double ms = 0;
      if (request_started) {
        ms = std::chrono::duration<double, std::milli>(Clock::now() - *request_started).count();
        request_started.reset();
      }
      options_.log(RequestLogEntry{request.method, request.path, response.status, ms,
                                   InternalErrorOf(response)});
    });
  }
}

Result<int> GatewayServer::Start(const std::string& host, int port) {
  if (thread_.joinable()) return Status::Conflict("the server is already started");
  int bound = port;
  if (port == 0) {
    bound = server_->bind_to_any_port(host);
  } else if (!server_->bind_to_port(host, port)) {
    bound = -1;
  }
  if (bound <= 0) {
    return Status::Io("cannot listen on " + host + ":" + std::to_string(port) +
                      " (address in use, or not an address of this machine)");
  }
  auto finished = std::make_shared<std::atomic<bool>>(false);
  thread_ = std::thread([this, finished] {
    server_->listen_after_bind();
    finished->store(true);
  });
  // cpp-httplib 0.11 has no wait_until_ready: poll until the accept loop runs.
  while (!server_->is_running() && !finished->load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!server_->is_running()) {
    thread_.join();
    return Status::Io("the server stopped as it started on " + host + ":" + std::to_string(bound));
  }
  port_ = bound;
  return bound;
}

void GatewayServer::Stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

}  // namespace dvc::gateway
