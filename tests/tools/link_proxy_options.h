// ProxyOptions: the command line of dvc-link-proxy, parsed from one table.
//
// Thread-safety: values; ParseProxyOptions and ProxyUsage are pure.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/status.h"
#include "link_proxy_link.h"

namespace dvc::linkproxy {

struct Endpoint {
  std::string host;  // dotted IPv4 ("localhost" is read as 127.0.0.1)
  uint16_t port = 0;
};

struct ProxyOptions {
  Endpoint listen{"127.0.0.1", 0};  // port 0: any free port
  Endpoint upstream;                // required
  uint64_t rate_kbit = 0;           // per direction, 1 kbit = 1000 bit; 0 = unlimited
  uint64_t delay_ms = 0;            // one way
  uint64_t cut_mean_bytes = 0;      // 0 = never cut
  double stall_prob = 0;            // per packet
  uint64_t stall_ms = 0;
  uint64_t seed = 1;
  uint64_t queue_bytes = 65536;  // bottleneck queue per connection and direction
  std::string port_file;         // empty: none
  std::string log_file;          // empty: stderr
};

// Parses the arguments after the program name ("--name value" or
// "--name=value"). Errors: kInvalidInput naming the option and what is wrong
// (unknown option, missing value, bad number, missing --upstream).
Result<ProxyOptions> ParseProxyOptions(std::span<const std::string> args);

// The --help text: one line per option, from the same table as the parser.
std::string ProxyUsage();

// The link model the options describe (rate in bytes/s, burst, delay, stalls).
LinkParams LinkParamsFrom(const ProxyOptions& options);

}  // namespace dvc::linkproxy
