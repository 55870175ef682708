// Bearer tokens of the operator and events APIs (docs/sync-api.md, "Operator
// API"): 32 random bytes written as 64 lower-case hex digits in an owner-only
// file under the data directory, created once by `sms-gateway keys init`,
// read by the daemon (to check requests) and by the operator commands (to
// make them).
//
// Thread-safety: pure functions apart from the file they read or write.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::gateway {

// Makes a fresh token and writes it to `path` durably with mode 0600 (temp
// file, fsync, rename, directory fsync). Returns the token.
// Errors: kConflict when `path` exists already (a token is never replaced by
// accident: kiosks of the one-stop system hold it); kIo naming the path.
Result<std::string> CreateTokenFile(const std::string& path);

// Reads a token file (surrounding whitespace ignored).
// Errors: kIo naming the path when it cannot be read ("... run sms-gateway
// keys init"); kConflict when group or others may read it; kCorrupt when the
// content is not 64 lower-case hex digits.
Result<std::string> LoadTokenFile(const std::string& path);

// The token of an "Authorization: Bearer <token>" header value; empty when the
// header is absent or not of that form.
std::string_view BearerToken(std::string_view authorization_header);

// True when `presented` equals `expected`, compared in time independent of
// where they differ (sodium_memcmp), so the comparison leaks no prefix.
// An empty `expected` never matches.
bool TokenMatches(std::string_view expected, std::string_view presented);

}  // namespace dvc::gateway
