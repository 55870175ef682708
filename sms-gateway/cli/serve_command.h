// `sms-gateway serve`: opens the service on the data directory, serves the
// HTTP API until SIGINT or SIGTERM, then stops cleanly (requests in progress
// are finished, the database closed). One log line per request on stderr.
//
// Signals: SIGINT and SIGTERM are blocked in every thread (the mask is set
// before any thread starts and inherited) and taken by sigwait() on the
// calling thread, so no code runs inside a signal handler.
//
// Thread-safety: call from main, before any other thread exists.
#pragma once

#include <ostream>
#include <string>

#include "config/gateway_config.h"
#include "http/gateway_server.h"

namespace dvc::gateway {

// The stderr line for one request: "POST /v1/dossiers 200 12.5 ms", and for a
// 5xx ": <internal error message>" after it (the entry's error, already on one
// line). Thread-safety: pure.
std::string FormatRequestLogLine(const RequestLogEntry& entry);

// Returns an exit code (exit_codes.h): 0 after a signal-initiated stop,
// 2 when the configuration, keys or tokens are unusable or the port cannot be
// bound.
int RunServe(const GatewayConfig& config, std::ostream& err);

}  // namespace dvc::gateway
