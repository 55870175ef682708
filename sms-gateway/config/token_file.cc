#include "config/token_file.h"

#include <sodium.h>
#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "core/file_util.h"
#include "core/hex.h"

namespace dvc::gateway {

namespace {

constexpr size_t kTokenBytes = 32;
constexpr size_t kTokenHexDigits = 2 * kTokenBytes;

bool IsTokenText(std::string_view s) {
  if (s.size() != kTokenHexDigits) return false;
  for (char c : s) {
    if (!core::IsLowerHexDigit(c)) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  const size_t end = s.find_last_not_of(kSpace);
  return s.substr(begin, end - begin + 1);
}

}  // namespace

Result<std::string> CreateTokenFile(const std::string& path) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  std::array<uint8_t, kTokenBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string token = core::HexOf(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  Status written = core::WriteFileAtomically(path, token + "\n", 0600, core::IfExists::kKeepOld);
  if (!written.ok()) {
    if (written.code() == ErrorCode::kConflict) {
      return Status::Conflict(path +
                              ": a token exists already; it is kept (delete the file "
                              "first to make a new one)");
    }
    return written;
  }
  return token;
}

Result<std::string> LoadTokenFile(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return Status::Io(path + ": cannot read the token: " + std::strerror(errno) +
                      " (run `sms-gateway keys init`)");
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Status::Conflict(path +
                            ": the token file is readable by other users; run "
                            "`chmod 600 " +
                            path + "`");
  }
  Result<std::string> text = core::ReadFile(path, 4096);
  if (!text.ok()) return text.status();
  const std::string_view token = Trim(*text);
  if (!IsTokenText(token)) {
    return Status::Corrupt(path + ": expected a token of 64 lower-case hex digits");
  }
  return std::string(token);
}

std::string_view BearerToken(std::string_view header) {
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size()) return {};
  // The scheme is case-insensitive (RFC 9110 section 11.1).
  for (size_t i = 0; i < kScheme.size(); ++i) {
    const char c = header[i];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const char want = kScheme[i];
    const char want_lower =
        (want >= 'A' && want <= 'Z') ? static_cast<char>(want - 'A' + 'a') : want;
    if (lower != want_lower) return {};
  }
  return Trim(header.substr(kScheme.size()));
}

bool TokenMatches(std::string_view expected, std::string_view presented) {
  // The length of a token is public (64); comparing it first leaks nothing.
  if (expected.empty() || expected.size() != presented.size()) return false;
  return sodium_memcmp(expected.data(), presented.data(), expected.size()) == 0;
}

}  // namespace dvc::gateway
