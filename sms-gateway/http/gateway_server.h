// GatewayServer: the gateway's HTTP(S) front (docs/sync-api.md) over a
// GatewayService. It owns one cpp-httplib server and its thread pool; every
// request goes through one dispatcher that finds the route in the table of
// routes.h, reads the body under the route's limit (after decompression),
// checks the caller (kiosk signature, operator or events token), calls one
// service operation and writes its result as JSON.
//
// Every response, errors and unknown routes included, carries X-DVC-Time (the
// service's clock in ms) and, when it is an error, the body
// {"error": {"code", "message"}}. No exception escapes a handler (500
// "internal"). Handlers block on nothing but the service.
//
// Thread-safety: Start and Stop from one controlling thread; requests are
// served concurrently on the pool's threads. Ownership: the service must
// outlive the server.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "core/status.h"
#include "service/gateway_service.h"

namespace httplib {
class Server;
}

namespace dvc::gateway {

// One served request, for the log.
struct RequestLogEntry {
  std::string method;
  std::string path;  // without the query (which may hold nothing secret, but is noise)
  int status = 0;
  double ms = 0;  // from the request line read to the response written
  // For a 5xx: the internal error's message as the client got it (what
  // failed: a store statement, a file), on one line; empty otherwise. Never
  // a request body, so no personal data.
  std::string error;
};

struct GatewayServerOptions {
  // Worker threads (cpp-httplib's pool).
  int threads = 8;
  // PEM files; both empty: plain HTTP.
  std::string tls_cert;
  std::string tls_key;
  // Bearer tokens (64 hex). An empty token refuses every request of that API.
  std::string operator_token;
  std::string events_token;
  // Called once per request on the serving thread; must be thread-safe and
  // quick (a line to stderr). Empty: no log.
  std::function<void(const RequestLogEntry&)> log;
};

class GatewayServer {
 public:
  // Builds the server (loads the TLS certificate and key when given).
  // Errors: kInvalidInput when the certificate or key cannot be loaded.
  static Result<std::unique_ptr<GatewayServer>> Create(GatewayService& service,
                                                       GatewayServerOptions options);
  ~GatewayServer();  // stops the server if running
  GatewayServer(const GatewayServer&) = delete;
  GatewayServer& operator=(const GatewayServer&) = delete;

  // Binds `host`:`port` (0: any free port) and serves on a background thread;
  // returns once the server accepts connections, with the bound port.
  // Errors: kIo when the address cannot be bound (in use, not local);
  // kConflict when already started.
  Result<int> Start(const std::string& host, int port);

  // Stops accepting, finishes the requests in progress and joins the
  // serving thread. Idempotent.
  void Stop();

  // The bound port (0 before Start).
  int port() const { return port_; }
  bool uses_tls() const { return uses_tls_; }

 private:
  GatewayServer(GatewayService& service, GatewayServerOptions options,
                std::unique_ptr<httplib::Server> server, bool uses_tls);
  void Install();

  GatewayService& service_;
  GatewayServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  bool uses_tls_ = false;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace dvc::gateway
