// Durable file writes: a file either keeps its old contents or has the new
// ones, never a torn mix, even across a power cut.
//
// WriteFileAtomically writes to a temporary file beside the target, fsyncs
// it, renames it over the target and fsyncs the directory, so the rename
// itself survives a crash (STYLE.md: "persistent state never rewritten in
// place").
//
// Thread-safety: safe to call from several threads for different paths; two
// concurrent writes of the same path leave one of the two complete files.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::core {

// Replaces (or creates) `path` with `bytes`, durably. The directory must
// exist. The file gets mode 0644 (before umask).
// Errors: kIo naming the path and the system's reason ("receipts/x.png:
// write: No space left on device"); on error the old file, if any, is
// untouched and no temporary file is left behind.
Status WriteFileAtomically(const std::string& path, std::span<const uint8_t> bytes);
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// Creates directory `path` (and missing parents) and fsyncs its parent so
// the new entry is durable. Succeeds if it already exists as a directory.
// Errors: kIo naming the path.
Status CreateDirectoriesDurably(const std::string& path);

}  // namespace dvc::core
