#include "core/file_util.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <system_error>
#include <vector>

#include "core/unique_fd.h"

namespace dvc::core {
namespace {

Status ErrnoStatus(const std::string& path, const char* what, int err) {
  return Status::Io(path + ": " + what + ": " + std::strerror(err));
}

std::string ParentDir(const std::string& path) {
  std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

Status WriteAll(int fd, const uint8_t* data, size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(path, "write", errno);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

// A temporary name beside `path`, unique across processes and threads.
std::string TempNameFor(const std::string& path) {
  uint8_t random[8];
  randombytes_buf(random, sizeof random);
  return path + ".tmp-" + HexOf(random);
}

// Reads `path` to its end in chunks, at most `max_bytes`, passing each chunk
// to `sink` (which may fail) and hashing it; returns the SHA-256 hex.
Result<std::string> ReadHashing(const std::string& path, uint64_t max_bytes,
                                const std::function<Status(const uint8_t*, size_t)>& sink) {
  UniqueFd in(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in.valid()) return ErrnoStatus(path, "open", errno);
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  std::vector<uint8_t> buffer(1 << 16);
  uint64_t total = 0;
  for (;;) {
    const ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(path, "read", errno);
    }
    if (n == 0) break;
    total += static_cast<uint64_t>(n);
    if (total > max_bytes) {
      return Status::InvalidInput(path + ": larger than " + std::to_string(max_bytes) + " bytes");
    }
    crypto_hash_sha256_update(&hash, buffer.data(), static_cast<unsigned long long>(n));
    if (sink) DVC_RETURN_IF_ERROR(sink(buffer.data(), static_cast<size_t>(n)));
  }
  uint8_t digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash, digest);
  return HexOf(digest);
}

// Writes a temporary file beside `path` through `fill`, fsyncs and closes it,
// then moves it to `path` (per `if_exists`) and fsyncs the directory. The
// temporary file never outlives the call.
Status WriteThroughTemp(const std::string& path, unsigned mode, IfExists if_exists,
                        const std::function<Status(int fd, const std::string& temp)>& fill) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  const std::string temp = TempNameFor(path);
  UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
  if (!fd.valid()) return ErrnoStatus(temp, "create", errno);
  Status written = fill(fd.get(), temp);
  if (written.ok() && ::fsync(fd.get()) != 0) written = ErrnoStatus(temp, "fsync", errno);
  if (written.ok() && fd.Close() != 0) written = ErrnoStatus(temp, "close", errno);
  if (written.ok()) {
    if (if_exists == IfExists::kKeepOld) {
      // link() fails when the name exists, so two writers cannot both "win".
      if (::link(temp.c_str(), path.c_str()) != 0) {
        written = errno == EEXIST ? Status::Conflict(path + ": already exists")
                                  : ErrnoStatus(path, "link", errno);
      }
    } else if (::rename(temp.c_str(), path.c_str()) != 0) {
      written = ErrnoStatus(path, "rename", errno);
    }
  }
  ::unlink(temp.c_str());  // after link(), or on failure; a no-op after rename()
  DVC_RETURN_IF_ERROR(written);
  return FsyncDirectory(ParentDir(path));
}

}  // namespace

Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return ErrnoStatus(path, "cannot open the file", errno);
  std::string out;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(path, "cannot read the file", errno);
    }
    if (n == 0) break;
    if (out.size() + static_cast<uint64_t>(n) > max_bytes) {
      return Status::InvalidInput(path + ": larger than " + std::to_string(max_bytes) + " bytes");
    }
    out.append(buffer, static_cast<size_t>(n));
  }
  return out;
}

Status FsyncDirectory(const std::string& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return ErrnoStatus(dir, "open directory", errno);
  if (::fsync(fd.get()) != 0) return ErrnoStatus(dir, "fsync directory", errno);
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::span<const uint8_t> bytes, unsigned mode,
                           IfExists if_exists) {
  return WriteThroughTemp(path, mode, if_exists, [&](int fd, const std::string& temp) {
    return WriteAll(fd, bytes.data(), bytes.size(), temp);
  });
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes, unsigned mode,
                           IfExists if_exists) {
  return WriteFileAtomically(
      path, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()),
      mode, if_exists);
}

Result<std::string> CopyIntoContentStore(const std::string& source, const std::string& dir,
                                         unsigned mode, uint64_t max_bytes) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  // Copy under a temporary name while hashing, then link it to its hash.
  const std::string staging = TempNameFor(dir + "/incoming");
  UniqueFd out(::open(staging.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
  if (!out.valid()) return ErrnoStatus(staging, "create", errno);
  Result<std::string> sha = ReadHashing(source, max_bytes, [&](const uint8_t* data, size_t n) {
    return WriteAll(out.get(), data, n, staging);
  });
  Status copied = sha.ok() ? Status::Ok() : sha.status();
  if (copied.ok() && ::fsync(out.get()) != 0) copied = ErrnoStatus(staging, "fsync", errno);
  if (copied.ok() && out.Close() != 0) copied = ErrnoStatus(staging, "close", errno);
  if (copied.ok()) {
    const std::string target = dir + "/" + *sha;
    if (::link(staging.c_str(), target.c_str()) != 0 && errno != EEXIST) {
      copied = ErrnoStatus(target, "link", errno);  // EEXIST: same content already stored
    }
  }
  ::unlink(staging.c_str());
  DVC_RETURN_IF_ERROR(copied);
  DVC_RETURN_IF_ERROR(FsyncDirectory(dir));
  return sha;
}

Result<std::string> Sha256OfFile(const std::string& path, uint64_t max_bytes) {
  return ReadHashing(path, max_bytes, nullptr);
}

Status CreateDirectoriesDurably(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path target = fs::path(path).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "a/b/" -> "a/b"
  // The levels that do not exist yet, outermost first: each new entry must be
  // made durable in its parent.
  std::vector<fs::path> missing;
  for (fs::path p = target; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing.insert(missing.begin(), p);
    if (p == p.parent_path()) break;
  }
  fs::create_directories(target, ec);
  if (ec) return Status::Io(path + ": create directory: " + ec.message());
  if (!fs::is_directory(target, ec)) return Status::Io(path + ": exists and is not a directory");
  for (const fs::path& created : missing) {
    DVC_RETURN_IF_ERROR(FsyncDirectory(ParentDir(created.string())));
  }
  return Status::Ok();
}

}  // namespace dvc::core
