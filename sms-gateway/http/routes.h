// The gateway's HTTP routes as one table (STYLE.md: routes are data): method,
// path pattern, who may call it, how large a body it takes, and the handler
// that maps it to one GatewayService operation (docs/sync-api.md).
//
// GatewayServer matches a request against this table, reads and
// authenticates it, fills a RouteContext and calls the handler. Handlers
// only parse, call the service and write the result.
//
// Thread-safety: the table is constant; handlers run concurrently, each on
// its own context.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "service/gateway_service.h"

namespace dvc::gateway {

enum class RouteAuth {
  kNone,      // enrolment, health, metrics
  kKiosk,     // X-DVC-* signature headers
  kOperator,  // Authorization: Bearer <operator token>
  kEvents,    // Authorization: Bearer <events token>
};

// What a handler works on.
struct RouteContext {
  GatewayService& service;
  const httplib::Request& request;
  httplib::Response& response;
  std::vector<std::string> params;  // the pattern's {} segments, in order
  std::string body;                 // uncompressed
  KioskRef kiosk;                   // kRouteAuth::kKiosk: the signed caller
  std::string actor;                // kOperator / kEvents: the audit log's actor
};

struct Route {
  std::string_view method;   // "GET" (also answers HEAD), "HEAD", "POST", "PATCH"
  std::string_view pattern;  // "/v1/admin/kiosks/{}/revoke": {} is one path segment
  RouteAuth auth = RouteAuth::kNone;
  // Largest body accepted after decompression, and the 413 code beyond it.
  size_t max_body = 0;
  std::string_view too_large_code = "body_too_large";
  void (*handle)(RouteContext& context) = nullptr;
};

// Every route of docs/sync-api.md.
std::span<const Route> Routes();

// True when `path` matches `pattern`; the {} segments go to `params`
// (cleared first). A {} matches one non-empty segment without "/".
bool MatchRoute(std::string_view pattern, std::string_view path, std::vector<std::string>& params);

}  // namespace dvc::gateway
