// The host of an http(s) URL and whether it names this machine: the one rule
// that lets the kiosk use plain http:// and lets the operator CLI skip
// certificate checks. String rules only; no name is resolved.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace dvc::core {

// The host of "scheme://[user@]host[:port][/path...]": "gw.example",
// "127.0.0.1", "[::1]" (brackets kept). Empty when there is no "://" or no host.
std::string_view UrlHost(std::string_view url);

// True for "localhost" (any case), 127.0.0.0/8 in dotted decimal and ::1
// (bracketed or not); false for anything else, "localhost.example.org" and
// "127.0.0.1.nip.io" included.
bool IsLoopbackHost(std::string_view host);

}  // namespace dvc::core
