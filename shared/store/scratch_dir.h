// ScratchDir: a fresh, uniquely named directory under the system temp directory,
// removed with everything in it when the object dies. For tests that need real
// database files (WAL needs a file; two connections need a shared path).
//
// Thread-safety: the object is not shared; distinct objects never collide (the
// name carries the process id and a counter). Header-only so the library stays
// free of test code.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>

namespace dvc::store {

class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    std::error_code ec;
    path_ = std::filesystem::temp_directory_path(ec) /
            ("dvc-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_, ec);
    std::filesystem::create_directories(path_, ec);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // The path of `name` inside the directory.
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace dvc::store
