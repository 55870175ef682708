// Parses arbitrary bytes as the gateway's TOML configuration (a file an
// administrator edits by hand). Must never crash or throw; an error must name
// the file; a configuration that parses must satisfy the key table's rules.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/gateway_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A configuration file is small; toml++ is recursive, so bound the input.
  if (size > 64 * 1024) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = dvc::gateway::ParseGatewayConfig(text, "gateway.toml");
  if (!parsed.ok()) {
    if (parsed.status().message().rfind("gateway.toml", 0) != 0) std::abort();
    return 0;
  }
  const dvc::gateway::GatewayConfig& config = *parsed;
  if (config.http_port < 0 || config.http_port > 65535) std::abort();
  if (config.http_threads < 1 || config.http_threads > 256) std::abort();
  if (config.enrolment_code_ttl_h < 1 || config.enrolment_code_ttl_h > 720) std::abort();
  if (config.tls_cert.empty() != config.tls_key.empty()) std::abort();
  if (config.data_dir.empty() || config.http_listen.empty()) std::abort();
  if (config.OperatorTokenPath().empty() || config.LocalUrl().empty()) std::abort();
  return 0;
}
