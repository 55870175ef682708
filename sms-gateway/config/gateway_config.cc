#include "config/gateway_config.h"

#include <string>
#include <vector>

#include "config/config_keys.h"
#include "configfile/key_table.h"

namespace dvc::gateway {

namespace {

using configfile::Problem;
using configfile::SeenKeys;

// Rules that involve more than one key, run after every key is assigned:
// HTTPS needs both halves of the TLS pair.
std::vector<Problem> CrossKeyRules(const GatewayConfig& config, const SeenKeys& seen) {
  std::vector<Problem> problems;
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    const char* missing = config.tls_cert.empty() ? "http.tls_cert" : "http.tls_key";
    const char* present = config.tls_cert.empty() ? "http.tls_key" : "http.tls_cert";
    problems.push_back({seen.LineOf(present), std::string(missing) + ": expected a path, since " +
                                                  present + " is set (HTTPS needs both)"});
  }
  if (config.sms_transport == "smpp" && config.sms_smsc_dir.empty()) {
    problems.push_back({seen.LineOf("sms.transport"),
                        "sms.smsc_dir: expected the SMSC connections directory, since "
                        "sms.transport is \"smpp\""});
  }
  return problems;
}

const configfile::KeyTable<GatewayConfig>& Table() {
  static const configfile::KeyTable<GatewayConfig> table(ConfigKeys(), CrossKeyRules);
  return table;
}

}  // namespace

std::string GatewayConfig::OperatorTokenPath() const {
  return operator_token_file.empty() ? data_dir + "/operator.token" : operator_token_file;
}

std::string GatewayConfig::EventsTokenPath() const {
  return events_token_file.empty() ? data_dir + "/events.token" : events_token_file;
}

std::string GatewayConfig::LocalUrl() const {
  std::string host = http_listen;
  if (host == "0.0.0.0" || host.empty()) host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return std::string(UsesTls() ? "https" : "http") + "://" + host + ":" + std::to_string(http_port);
}

GatewayConfig DefaultGatewayConfig() { return Table().Defaults(); }

Result<GatewayConfig> ParseGatewayConfig(std::string_view toml_text, std::string_view file_name) {
  return Table().Parse(toml_text, file_name);
}

Result<GatewayConfig> LoadGatewayConfig(const std::string& path) { return Table().Load(path); }

std::string RenderExampleConfig() {
  return Table().RenderExample(
      "# sms-gateway configuration: every key with its default (docs/gateway.md).\n"
      "# Generated from sms-gateway/config/config_keys.cc; a test keeps the two identical.\n");
}

}  // namespace dvc::gateway
