// UniqueFd: owns a POSIX file descriptor and closes it on every path.
//
// Thread-safety: like an int; one owner at a time. Not copyable; movable.
#pragma once

#include <unistd.h>

#include <utility>

namespace dvc::core {

class UniqueFd {
 public:
  // Takes `fd` (may be negative: owns nothing).
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      if (fd_ >= 0) ::close(fd_);
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Closes now and returns what close() returned (it can report a failed
  // write-back on some file systems); the descriptor is given up either way.
  int Close() { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_;
};

}  // namespace dvc::core
