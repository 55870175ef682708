// Durable file writes: a file either keeps its old contents or has the new
// ones, never a torn mix, even across a power cut.
//
// Every writer here puts the bytes in a uniquely named temporary file beside
// the target, fsyncs it, renames (or links) it into place and fsyncs the
// directory, so the new name itself survives a crash (STYLE.md: persistent
// state is never rewritten in place). The one implementation used by the
// kiosk (keys, attachments) and by receipts.
//
// Thread-safety: safe to call from several threads and processes; two
// concurrent writes of the same path leave one of the two complete files.
// Errors: kIo naming the path and the system's reason ("receipts/x.png:
// write: No space left on device"); on error the old file, if any, is
// untouched and no temporary file is left behind.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/hex.h"  // HexOf, for callers naming files by hash
#include "core/status.h"

namespace dvc::core {

// What a write does when the target name already exists.
enum class IfExists {
  kReplace,  // rename over it (atomic replacement)
  kKeepOld,  // leave it and return kConflict ("already exists"); the new bytes are dropped
};

// Reads the whole of `path`. Errors: kIo naming the path and the system's
// reason ("vn.json: cannot open the file: No such file or directory");
// kInvalidInput when the file is larger than `max_bytes` (checked while
// reading, so a file growing meanwhile cannot exhaust memory).
Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes = UINT64_MAX);

// Replaces (or creates) `path` with `bytes`, durably, with permission bits
// `mode` (before umask). The directory must exist.
Status WriteFileAtomically(const std::string& path, std::span<const uint8_t> bytes,
                           unsigned mode = 0644, IfExists if_exists = IfExists::kReplace);
Status WriteFileAtomically(const std::string& path, std::string_view bytes, unsigned mode = 0644,
                           IfExists if_exists = IfExists::kReplace);

// Copies `source` into the content-addressed folder `dir` under the name of
// its SHA-256 (64 lower-case hex digits), reading the source once, durably,
// with permission bits `mode`; returns that hash. When a file of that name
// already exists (same content) it is kept and the copy dropped. The hash is
// of the bytes actually copied, so a source still being written cannot put a
// file under the wrong name. Errors: kInvalidInput when the source is larger
// than `max_bytes`; kIo.
Result<std::string> CopyIntoContentStore(const std::string& source, const std::string& dir,
                                         unsigned mode, uint64_t max_bytes);

// SHA-256 of a whole file as 64 lower-case hex digits, reading at most
// `max_bytes` (kInvalidInput when larger). Errors: kIo.
Result<std::string> Sha256OfFile(const std::string& path, uint64_t max_bytes);

// fsyncs directory `dir`, making the names created in it durable.
Status FsyncDirectory(const std::string& dir);

// Creates directory `path` (and missing parents) and fsyncs its parent so
// the new entry is durable. Succeeds if it already exists as a directory.
// Errors: kIo naming the path.
Status CreateDirectoriesDurably(const std::string& path);

}  // namespace dvc::core
