#include "core/file_util.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace dvc::core {
namespace {

// Owns a POSIX file descriptor.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Closes now and reports the error close() gives (it can report a failed
  // write-back on some file systems).
  int Close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

Status ErrnoStatus(const std::string& path, const char* what, int err) {
  return Status::Io(path + ": " + what + ": " + std::strerror(err));
}

std::string ParentDir(const std::string& path) {
  std::string parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

Status FsyncDirectory(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return ErrnoStatus(dir, "open directory", errno);
  if (::fsync(fd.get()) != 0) return ErrnoStatus(dir, "fsync directory", errno);
  return Status::Ok();
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
  char hex[2 * sizeof random + 1];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  return path + ".tmp-" + hex;
}

Status WriteTempAndRename(const std::string& path, const std::string& temp, const uint8_t* data,
                          size_t size) {
  Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!fd.valid()) return ErrnoStatus(temp, "create", errno);
  DVC_RETURN_IF_ERROR(WriteAll(fd.get(), data, size, temp));
  if (::fsync(fd.get()) != 0) return ErrnoStatus(temp, "fsync", errno);
  if (fd.Close() != 0) return ErrnoStatus(temp, "close", errno);
  if (::rename(temp.c_str(), path.c_str()) != 0) return ErrnoStatus(path, "rename", errno);
  return Status::Ok();
}

}  // namespace

Status WriteFileAtomically(const std::string& path, std::span<const uint8_t> bytes) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  const std::string temp = TempNameFor(path);
  Status written = WriteTempAndRename(path, temp, bytes.data(), bytes.size());
  if (!written.ok()) {
    ::unlink(temp.c_str());  // best effort; the target is untouched either way
    return written;
  }
  return FsyncDirectory(ParentDir(path));
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  return WriteFileAtomically(
      path, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

Status CreateDirectoriesDurably(const std::string& path) {
  std::error_code ec;
  const bool created = std::filesystem::create_directories(path, ec);
  if (ec) return Status::Io(path + ": create directory: " + ec.message());
  if (!std::filesystem::is_directory(path, ec)) {
    return Status::Io(path + ": exists and is not a directory");
  }
  if (!created) return Status::Ok();
  std::string normalized = std::filesystem::path(path).lexically_normal().string();
  while (!normalized.empty() && normalized.back() == '/') normalized.pop_back();
  return FsyncDirectory(ParentDir(normalized.empty() ? "/" : normalized));
}

}  // namespace dvc::core
