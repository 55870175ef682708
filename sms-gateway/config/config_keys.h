// The one table of the gateway's configuration keys.
//
// Each row names a key as written in TOML (dotted for a key inside a table:
// "http.port" is `port` under `[http]`), its type, default, bounds, the
// GatewayConfig member it fills and the sentence that documents it. The
// shared engine (configfile/key_table.h) reads this table for parsing,
// validation, DefaultGatewayConfig and RenderExampleConfig; nothing else
// lists keys (STYLE.md, "tables as the single source of truth").
//
// Thread-safety: constant data.
#pragma once

#include <span>

#include "config/gateway_config.h"
#include "configfile/config_key.h"

namespace dvc::gateway {

using ConfigKey = configfile::ConfigKey<GatewayConfig>;

// Every key, in the order of the example file: top-level keys, then each table.
std::span<const ConfigKey> ConfigKeys();

}  // namespace dvc::gateway
