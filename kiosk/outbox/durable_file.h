// Durable file writes: a file appears complete under its final name or not at
// all, and survives a power cut once the call returns.
//
// The bytes go to a uniquely named temporary file in the target's directory,
// which is fsynced, then linked or renamed to the final name, and the directory
// is fsynced so the new name itself is durable.
//
// Thread-safety: safe to call concurrently (temporary names are unique per
// process and call). Errors: kIo naming the path and the OS error.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/status.h"

namespace dvc::kiosk {

// What to do when the final name already exists.
enum class IfExists {
  kReplace,  // rename over it (atomic replacement)
  kKeepOld,  // leave it and report kConflict ("already exists"); the new bytes are dropped
};

// Writes `bytes` to `path` with permission bits `mode` (e.g. 0600).
Status WriteFileDurably(const std::string& path, std::span<const uint8_t> bytes, unsigned mode,
                        IfExists if_exists = IfExists::kReplace);

// Copies the file at `source` to `path` the same way, reading at most
// `max_bytes` (kInvalidInput when the source is larger). Returns the SHA-256
// of the bytes copied, as 64 lower-case hex digits.
Result<std::string> CopyFileDurably(const std::string& source, const std::string& path,
                                    unsigned mode, uint64_t max_bytes);

// fsyncs a directory, making the names created in it durable.
Status SyncDirectory(const std::string& dir);

// SHA-256 of a whole file as 64 lower-case hex digits, reading at most
// `max_bytes` (kInvalidInput when larger). Errors: kIo.
Result<std::string> Sha256OfFile(const std::string& path, uint64_t max_bytes);

// Lower-case hex of `bytes`.
std::string HexOf(std::span<const uint8_t> bytes);

}  // namespace dvc::kiosk
