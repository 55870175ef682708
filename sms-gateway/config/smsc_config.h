// The SMSC connections of the SMPP transport: one TOML file per connection
// in [sms] smsc_dir ("viettel.toml", "vnpt.toml", ...), each read by the same
// key-table engine as gateway.toml (errors name the file, line and key). The
// file's stem names the connection in logs, in the queue's route column and
// in `sms-gateway sms list`. The example file (`sms-gateway config
// smsc-example`) documents every key.
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "configfile/config_key.h"
#include "core/status.h"

namespace dvc::gateway {

struct SmscFileConfig {
  std::string name;  // the file's stem; not a key
  std::string host;
  int64_t port = 2775;
  std::string system_id;
  std::string password;
  std::string system_type;
  std::string bind_mode;  // "transceiver" or "transmitter_receiver"
  int64_t window = 10;
  int64_t max_per_second = 0;
  int64_t enquire_link_s = 30;
  int64_t response_timeout_s = 10;
  int64_t reconnect_min_s = 1;
  int64_t reconnect_max_s = 60;
  int64_t throttle_pause_ms = 500;
  std::string source_addr;  // "" = [sms] short_code
  int64_t source_ton = 0;
  int64_t source_npi = 0;
  std::vector<std::string> prefixes;  // international, e.g. "8486", "8496"
  bool registered_delivery = true;
};

std::span<const configfile::ConfigKey<SmscFileConfig>> SmscConfigKeys();

// Parses one connection's file; `name` becomes SmscFileConfig::name.
// Errors (kInvalidInput): as the key-table engine's, naming `file_name`.
Result<SmscFileConfig> ParseSmscConfig(std::string_view toml_text, std::string_view file_name,
                                       std::string name);

// Every "*.toml" of `dir`, in name order. Errors: kIo when the directory
// cannot be read; kInvalidInput when it holds no connection file, a name
// that is not [a-z0-9_-]{1,32}, or a file with a problem (the first one).
Result<std::vector<SmscFileConfig>> LoadSmscConfigs(const std::string& dir);

// The documented example of one connection's file.
std::string SmscExampleFile();

}  // namespace dvc::gateway
