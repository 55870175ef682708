#include "link_proxy_options.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <vector>

namespace dvc::linkproxy {
namespace {

Status ParseUnsigned(std::string_view text, uint64_t max, uint64_t* out) {
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return Status::InvalidInput("'" + std::string(text) + "' is not a whole number");
  }
  if (value > max) {
    return Status::InvalidInput(std::string(text) + " is above the limit " + std::to_string(max));
  }
  *out = value;
  return Status::Ok();
}

Status ParseEndpoint(std::string_view text, Endpoint* out) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Status::InvalidInput("'" + std::string(text) + "' is not HOST:PORT");
  }
  uint64_t port = 0;
  DVC_RETURN_IF_ERROR(ParseUnsigned(text.substr(colon + 1), 65535, &port));
  std::string host(text.substr(0, colon));
  out->host = host == "localhost" ? "127.0.0.1" : host;
  out->port = static_cast<uint16_t>(port);
  return Status::Ok();
}

Status ParseProbability(std::string_view text, double* out) {
  // std::from_chars for double is missing from clang 14's libc++ and some
  // libstdc++ builds; strtod on a NUL-terminated copy is enough here.
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || !(value >= 0.0 && value <= 1.0)) {
    return Status::InvalidInput("'" + copy + "' is not a probability between 0 and 1");
  }
  *out = value;
  return Status::Ok();
}

using Setter = std::function<Status(std::string_view, ProxyOptions&)>;

Setter Number(uint64_t ProxyOptions::*field, uint64_t max) {
  return [field, max](std::string_view v, ProxyOptions& o) {
    return ParseUnsigned(v, max, &(o.*field));
  };
}

Setter Text(std::string ProxyOptions::*field) {
  return [field](std::string_view v, ProxyOptions& o) {
    if (v.empty()) return Status::InvalidInput("needs a non-empty value");
    o.*field = std::string(v);
    return Status::Ok();
  };
}

struct OptionSpec {
  std::string_view name;
  std::string_view value_hint;
  std::string_view help;
  Setter set;
};

constexpr uint64_t kMaxMs = 3'600'000;  // an hour: anything longer is a typo

const std::vector<OptionSpec>& Table() {
  static const std::vector<OptionSpec> table = {
      {"listen", "HOST:PORT", "address to accept clients on; port 0 picks a free port",
       [](std::string_view v, ProxyOptions& o) { return ParseEndpoint(v, &o.listen); }},
      {"upstream", "HOST:PORT", "server every connection is forwarded to (required)",
       [](std::string_view v, ProxyOptions& o) { return ParseEndpoint(v, &o.upstream); }},
      {"rate-kbit", "N", "link rate per direction in kbit/s (1000 bit/s), shared; 0 = unlimited",
       Number(&ProxyOptions::rate_kbit, 10'000'000)},
      {"delay-ms", "N", "one-way delay added to every byte",
       Number(&ProxyOptions::delay_ms, kMaxMs)},
      {"cut-mean-bytes", "N",
       "reset a connection after an exponential random number of bytes with this mean "
       "(both directions counted); 0 = never",
       Number(&ProxyOptions::cut_mean_bytes, uint64_t{1} << 50)},
      {"stall-prob", "P", "probability, per packet sent, that the link then stalls",
       [](std::string_view v, ProxyOptions& o) { return ParseProbability(v, &o.stall_prob); }},
      {"stall-ms", "N", "how long a stall stops the link (both directions)",
       Number(&ProxyOptions::stall_ms, kMaxMs)},
      {"seed", "N", "seed of the one random generator (replay a run with the same seed)",
       Number(&ProxyOptions::seed, UINT64_MAX)},
      {"queue-bytes", "N", "bottleneck queue per connection and direction (default 65536)",
       Number(&ProxyOptions::queue_bytes, uint64_t{1} << 30)},
      {"port-file", "FILE", "write the listening port here (temp file + rename)",
       Text(&ProxyOptions::port_file)},
      {"log", "FILE", "append the log here instead of stderr", Text(&ProxyOptions::log_file)},
  };
  return table;
}

}  // namespace

Result<ProxyOptions> ParseProxyOptions(std::span<const std::string> args) {
  ProxyOptions options;
  bool have_upstream = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (!arg.starts_with("--")) {
      return Status::InvalidInput("unexpected argument '" + std::string(arg) + "'");
    }
    arg.remove_prefix(2);
    std::string_view name = arg;
    std::string value;
    const size_t equals = arg.find('=');
    if (equals != std::string_view::npos) {
      name = arg.substr(0, equals);
      value = std::string(arg.substr(equals + 1));
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return Status::InvalidInput("--" + std::string(name) + " needs a value");
    }
    const auto& table = Table();
    const auto spec = std::find_if(table.begin(), table.end(),
                                   [&](const OptionSpec& s) { return s.name == name; });
    if (spec == table.end()) {
      return Status::InvalidInput("unknown option --" + std::string(name) + " (see --help)");
    }
    DVC_RETURN_IF_ERROR(spec->set(value, options).WithContext("--" + std::string(name)));
    if (name == "upstream") have_upstream = true;
  }
  if (!have_upstream) return Status::InvalidInput("--upstream HOST:PORT is required");
  if (options.upstream.port == 0) return Status::InvalidInput("--upstream: port 0 is not a server");
  if (options.queue_bytes == 0) return Status::InvalidInput("--queue-bytes: must be at least 1");
  return options;
}

std::string ProxyUsage() {
  std::string text =
      "usage: dvc-link-proxy --upstream HOST:PORT [options]\n"
      "A TCP proxy that carries every connection over an emulated slow, lossy link.\n";
  for (const OptionSpec& spec : Table()) {
    std::string head = "  --" + std::string(spec.name) + " " + std::string(spec.value_hint);
    head.resize(std::max<size_t>(head.size() + 1, 28), ' ');
    text += head + std::string(spec.help) + "\n";
  }
  return text;
}

LinkParams LinkParamsFrom(const ProxyOptions& options) {
  LinkParams params;
  params.bytes_per_second = options.rate_kbit * 1000 / 8;
  if (options.rate_kbit > 0 && params.bytes_per_second == 0) params.bytes_per_second = 1;
  params.delay = std::chrono::milliseconds(options.delay_ms);
  // Two packets, or 10 ms of line time on fast links: enough to absorb the
  // event loop's wake-up jitter without letting a burst beat the rate.
  params.burst_bytes = std::max<uint64_t>(2 * params.mss, params.bytes_per_second / 100);
  params.stall_probability = options.stall_prob;
  params.stall = std::chrono::milliseconds(options.stall_ms);
  return params;
}

}  // namespace dvc::linkproxy
