// The aggregator's USSD callback, POST /v1/ussd (docs/ussd.md): the request
// body (form-encoded or JSON: sessionId, serviceCode, phoneNumber, text), the
// shared-secret check (X-Ussd-Token, compared in constant time) and the
// text/plain answer "CON ..." / "END ...".
//
// The HTTP route (http/routes.cc) finds the endpoint of the GatewayService it
// serves through BindUssdRoute/FindUssdEndpoint: the daemon binds one when
// the USSD token is configured; without one (or with an empty token) the
// route answers 404 like an unknown endpoint.
//
// Thread-safety: ParseUssdCallback is pure; UssdEndpoint::Handle may be
// called concurrently; the binding registry is guarded by a mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "ussd/ussd_service.h"

namespace dvc::gateway {

// The body limit of POST /v1/ussd.
inline constexpr size_t kMaxUssdBodyBytes = 2048;
// The header carrying the shared secret.
inline constexpr std::string_view kUssdTokenHeader = "X-Ussd-Token";

struct UssdCallbackRequest {
  std::string session_id;
  std::string service_code;
  std::string phone_number;
  std::string text;  // steps so far joined by "*"; "" at the dial
};

// Reads the body: JSON when `content_type` is application/json (or, with no
// content type, the body starts with "{"), else
// application/x-www-form-urlencoded. Errors (kInvalidInput, naming the
// field): not parseable, sessionId missing or empty, a field not a string
// or longer than its limit (sessionId 128, serviceCode and phoneNumber 32,
// text 1024 bytes), a body over kMaxUssdBodyBytes.
Result<UssdCallbackRequest> ParseUssdCallback(std::string_view content_type, std::string_view body);

// What the route answers.
struct UssdHttpAnswer {
  int status = 200;
  std::string error_code;  // for status != 200: the JSON error's code
  std::string body;        // status 200: "CON ..." / "END ..."; else the error message
};

struct UssdEndpointOptions {
  // The aggregator's shared secret; empty disables the route (404).
  std::string token;
};

class UssdEndpoint {
 public:
  // `ussd` must outlive the endpoint.
  UssdEndpoint(UssdService& ussd, UssdEndpointOptions options)
      : ussd_(ussd), options_(std::move(options)) {}

  // One callback. 404 not_found when disabled, 401 bad_token for a missing
  // or wrong token, 400 bad_request for a body ParseUssdCallback refuses;
  // otherwise 200 with the screen.
  UssdHttpAnswer Handle(std::string_view token, std::string_view content_type,
                        std::string_view body, int64_t now_ms);

 private:
  UssdService& ussd_;
  UssdEndpointOptions options_;
};

// While the returned binding lives, FindUssdEndpoint(service) gives
// `endpoint` (a later binding for the same service replaces it).
class UssdRouteBinding {
 public:
  UssdRouteBinding(const GatewayService& service, std::shared_ptr<UssdEndpoint> endpoint);
  ~UssdRouteBinding();
  UssdRouteBinding(const UssdRouteBinding&) = delete;
  UssdRouteBinding& operator=(const UssdRouteBinding&) = delete;

 private:
  const GatewayService* service_;
  std::shared_ptr<UssdEndpoint> endpoint_;
};

// The endpoint bound for `service`; nullptr when none.
std::shared_ptr<UssdEndpoint> FindUssdEndpoint(const GatewayService& service);

// "CON <text>" / "END <text>".
std::string UssdCallbackBody(const UssdAnswer& answer);

}  // namespace dvc::gateway
