#include "outbox/kiosk_identity.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "core/file_util.h"
#include "core/unique_fd.h"
#include "receipt/qr_payload.h"

namespace dvc::kiosk {

namespace {

constexpr std::string_view kHeader = "dvc-kiosk-key 1\n";
constexpr size_t kSeedBytes = crypto_sign_SEEDBYTES;
static_assert(crypto_sign_PUBLICKEYBYTES == KioskIdentity::kPublicKeyBytes);
static_assert(crypto_sign_SECRETKEYBYTES == KioskIdentity::kSecretKeyBytes);

// The key file's whole text: header, 64 hex digits, newline.
constexpr size_t kKeyFileBytes = kHeader.size() + kSeedBytes * 2 + 1;

// Built in one allocation, with no temporary copies of the hex seed left
// unwiped; the caller wipes the result.
std::string KeyFileText(std::span<const uint8_t, kSeedBytes> seed) {
  std::string text(kKeyFileBytes, '\0');
  std::copy(kHeader.begin(), kHeader.end(), text.begin());
  // Writes the 64 digits and a NUL, which the newline then replaces.
  sodium_bin2hex(text.data() + kHeader.size(), kSeedBytes * 2 + 1, seed.data(), seed.size());
  text.back() = '\n';
  return text;
}

// The key file's text in a fixed buffer that is wiped when it goes out of
// scope, on every path: the hex seed is as secret as the key.
struct KeyText {
  std::array<char, kKeyFileBytes + 1> bytes{};  // one more, to notice a longer file
  size_t size = 0;
  KeyText() = default;
  KeyText(const KeyText&) = delete;
  KeyText& operator=(const KeyText&) = delete;
  ~KeyText() { sodium_memzero(bytes.data(), bytes.size()); }
  std::string_view view() const { return {bytes.data(), size}; }
};

// Reads the file into `text`, refusing one that other users can read: a key
// others have seen cannot vouch for this kiosk's receipts. kNotFound when
// there is none.
Status ReadKeyFile(const std::string& path, KeyText& text) {
  const core::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return Status::NotFound(path + ": no key file");
    return Status::Io(path + ": cannot read the kiosk key (" + std::strerror(errno) + ")");
  }
  // The descriptor closes on every return below.
  const auto read_error = [&] {
    return Status::Io(path + ": cannot read the kiosk key (" + std::strerror(errno) + ")");
  };
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return read_error();
  if ((info.st_mode & 077) != 0) {
    return Status::Conflict(path +
                            ": the kiosk key is readable by other users; run chmod 600 on it");
  }
  text.size = 0;
  while (text.size < text.bytes.size()) {
    const ssize_t n =
        ::read(fd.get(), text.bytes.data() + text.size, text.bytes.size() - text.size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return read_error();
    if (n == 0) break;
    text.size += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace

KioskIdentity::KioskIdentity(KioskIdentity&& other) noexcept
    : public_key_(other.public_key_),
      secret_key_(other.secret_key_),
      signer_id_(std::move(other.signer_id_)) {
  sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
}

KioskIdentity& KioskIdentity::operator=(KioskIdentity&& other) noexcept {
  if (this != &other) {
    public_key_ = other.public_key_;
    secret_key_ = other.secret_key_;
    signer_id_ = std::move(other.signer_id_);
    sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
  }
  return *this;
}

KioskIdentity::~KioskIdentity() { sodium_memzero(secret_key_.data(), secret_key_.size()); }

std::string KioskIdentity::KeyPath(const std::string& data_dir) { return data_dir + "/kiosk.key"; }

Result<KioskIdentity> KioskIdentity::LoadOrCreate(const std::string& data_dir) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  const std::string path = KeyPath(data_dir);
  DVC_RETURN_IF_ERROR(core::CreateDirectoriesDurably(data_dir));

  KeyText text;
  Status read = ReadKeyFile(path, text);
  if (read.code() == ErrorCode::kNotFound) {
    std::array<uint8_t, kSeedBytes> seed{};
    randombytes_buf(seed.data(), seed.size());
    std::string file = KeyFileText(seed);
    sodium_memzero(seed.data(), seed.size());
    const Status written = core::WriteFileAtomically(path, file, 0600, core::IfExists::kKeepOld);
    sodium_memzero(file.data(), file.size());
    // kConflict: another process created it first; use that one.
    if (!written.ok() && written.code() != ErrorCode::kConflict) return written;
    read = ReadKeyFile(path, text);
  }
  if (!read.ok()) return read;

  const std::string_view content = text.view();
  const size_t hex_size = kSeedBytes * 2;
  if (content.size() != kKeyFileBytes || !content.starts_with(kHeader) || content.back() != '\n') {
    return Status::Corrupt(path +
                           ": not a kiosk key file (expected \"dvc-kiosk-key 1\" and 64 "
                           "hex digits)");
  }
  std::array<uint8_t, kSeedBytes> seed{};
  size_t seed_size = 0;
  const bool decoded = sodium_hex2bin(seed.data(), seed.size(), content.data() + kHeader.size(),
                                      hex_size, nullptr, &seed_size, nullptr) == 0 &&
                       seed_size == kSeedBytes;
  if (!decoded) {
    // A partly decoded seed is still secret.
    sodium_memzero(seed.data(), seed.size());
    return Status::Corrupt(path + ": the key is not 64 hex digits");
  }
  KioskIdentity identity;
  crypto_sign_seed_keypair(identity.public_key_.data(), identity.secret_key_.data(), seed.data());
  sodium_memzero(seed.data(), seed.size());
  identity.signer_id_ = receipt::KioskSignerId(identity.public_key_);
  return identity;
}

}  // namespace dvc::kiosk
