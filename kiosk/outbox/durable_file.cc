#include "outbox/durable_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <vector>

namespace dvc::kiosk {

namespace {

std::string OsError(const std::string& what, const std::string& path) {
  return path + ": " + what + ": " + std::strerror(errno);
}

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting the error (a deferred write error can surface here).
  bool Close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string TempNameFor(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

Status WriteAll(int fd, const uint8_t* data, size_t size, const std::string& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Io(OsError("write failed", path));
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

// Moves the finished temporary file `temp` to `path` and makes the name durable.
Status Publish(const std::string& temp, const std::string& path, IfExists if_exists) {
  if (if_exists == IfExists::kKeepOld) {
    // link() fails if the name exists, so two writers cannot both "win".
    const int rc = ::link(temp.c_str(), path.c_str());
    const int saved = errno;
    ::unlink(temp.c_str());
    if (rc != 0) {
      errno = saved;
      if (saved == EEXIST) return Status::Conflict(path + ": already exists");
      return Status::Io(OsError("cannot create", path));
    }
  } else if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string message = OsError("cannot rename into place", path);
    ::unlink(temp.c_str());
    return Status::Io(message);
  }
  return SyncDirectory(DirectoryOf(path));
}

}  // namespace

std::string HexOf(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

Status SyncDirectory(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return Status::Io(OsError("cannot open directory", dir));
  if (::fsync(fd.get()) != 0) return Status::Io(OsError("fsync failed", dir));
  return Status::Ok();
}

Status WriteFileDurably(const std::string& path, std::span<const uint8_t> bytes, unsigned mode,
                        IfExists if_exists) {
  const std::string temp = TempNameFor(path);
  Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
  if (fd.get() < 0) return Status::Io(OsError("cannot create", temp));
  Status written = WriteAll(fd.get(), bytes.data(), bytes.size(), temp);
  if (written.ok() && ::fsync(fd.get()) != 0) written = Status::Io(OsError("fsync failed", temp));
  if (written.ok() && !fd.Close()) written = Status::Io(OsError("close failed", temp));
  if (!written.ok()) {
    ::unlink(temp.c_str());
    return written;
  }
  return Publish(temp, path, if_exists);
}

Result<std::string> CopyFileDurably(const std::string& source, const std::string& path,
                                    unsigned mode, uint64_t max_bytes) {
  Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return Status::Io(OsError("cannot open", source));
  const std::string temp = TempNameFor(path);
  Fd out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
  if (out.get() < 0) return Status::Io(OsError("cannot create", temp));
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  std::vector<uint8_t> buffer(1 << 16);
  uint64_t total = 0;
  Status copied;
  for (;;) {
    const ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      copied = Status::Io(OsError("read failed", source));
      break;
    }
    if (n == 0) break;
    total += static_cast<uint64_t>(n);
    if (total > max_bytes) {
      copied =
          Status::InvalidInput(source + ": larger than " + std::to_string(max_bytes) + " bytes");
      break;
    }
    crypto_hash_sha256_update(&hash, buffer.data(), static_cast<unsigned long long>(n));
    copied = WriteAll(out.get(), buffer.data(), static_cast<size_t>(n), temp);
    if (!copied.ok()) break;
  }
  if (copied.ok() && ::fsync(out.get()) != 0) copied = Status::Io(OsError("fsync failed", temp));
  if (copied.ok() && !out.Close()) copied = Status::Io(OsError("close failed", temp));
  if (!copied.ok()) {
    ::unlink(temp.c_str());
    return copied;
  }
  uint8_t digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash, digest);
  DVC_RETURN_IF_ERROR(Publish(temp, path, IfExists::kReplace));
  return HexOf(digest);
}

Result<std::string> Sha256OfFile(const std::string& path, uint64_t max_bytes) {
  Fd in(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return Status::Io(OsError("cannot open", path));
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  std::vector<uint8_t> buffer(1 << 16);
  uint64_t total = 0;
  for (;;) {
    const ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Io(OsError("read failed", path));
    }
    if (n == 0) break;
    total += static_cast<uint64_t>(n);
    if (total > max_bytes) {
      return Status::InvalidInput(path + ": larger than " + std::to_string(max_bytes) + " bytes");
    }
    crypto_hash_sha256_update(&hash, buffer.data(), static_cast<unsigned long long>(n));
  }
  uint8_t digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash, digest);
  return HexOf(digest);
}

}  // namespace dvc::kiosk
