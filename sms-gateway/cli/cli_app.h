// The sms-gateway command line (docs/gateway.md): `serve`, `keys init`, and
// the operator commands (`kiosk ...`, `dossier ...`, `catalog publish`),
// which talk to the running daemon through its operator API.
//
// Thread-safety: call once, from main.
#pragma once

#include <ostream>

namespace dvc::gateway {

// Parses the arguments and runs the command. Returns the process exit code:
// 0 ok, 1 refused (by the gateway, or no daemon answering), 2 usage or
// configuration error (exit_codes.h).
int RunGatewayCli(int argc, char** argv, std::ostream& out, std::ostream& err);

// The configuration file used when --config is not given: $DVC_GATEWAY_CONFIG,
// else /etc/dvc/gateway.toml.
const char* DefaultConfigPath();

}  // namespace dvc::gateway
