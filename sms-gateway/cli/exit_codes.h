// Exit codes of every sms-gateway command (docs/gateway.md).
#pragma once

namespace dvc::gateway {

inline constexpr int kExitOk = 0;
// The gateway refused (an API error, a conflict such as keys that exist), or
// no daemon answered.
inline constexpr int kExitRefused = 1;
// Bad command line, configuration or local file.
inline constexpr int kExitUsage = 2;

}  // namespace dvc::gateway
