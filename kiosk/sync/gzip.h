// Gzip (RFC 1952, zlib) for request bodies the kiosk sends over a slow link.
// The gateway accepts `Content-Encoding: gzip` on every JSON request
// (docs/sync-api.md); the request signature covers the uncompressed body.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dvc::kiosk {

// JSON bodies shorter than this go as they are: a gzip header and trailer
// (18 bytes) and the Content-Encoding line would eat what little they save.
inline constexpr size_t kGzipMinBytes = 1024;

// `bytes` gzip-compressed at zlib's default level; nullopt when zlib fails
// (out of memory), in which case the caller sends the body uncompressed.
std::optional<std::string> Gzip(std::string_view bytes);

// The inverse, for tests and tools: nullopt for anything that is not one
// complete gzip member, or whose output would pass `max_bytes`.
std::optional<std::string> Gunzip(std::string_view bytes, size_t max_bytes);

}  // namespace dvc::kiosk
