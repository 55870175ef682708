// `sms-gateway keys init`: creates the data directory (owner-only), the
// province's signing and sealing keys and the operator and events tokens.
// Refuses when the keys exist already (nothing is replaced); a token file
// that exists is kept and said so.
//
// Thread-safety: run from main only.
#pragma once

#include <ostream>

#include "config/gateway_config.h"

namespace dvc::gateway {

// Returns an exit code (exit_codes.h); reports on `out` and `err`.
int InitKeys(const GatewayConfig& config, std::ostream& out, std::ostream& err);

}  // namespace dvc::gateway
