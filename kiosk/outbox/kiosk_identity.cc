#include "outbox/kiosk_identity.h"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "core/file_util.h"

namespace dvc::kiosk {

namespace {

constexpr std::string_view kHeader = "dvc-kiosk-key 1\n";
constexpr size_t kSeedBytes = crypto_sign_SEEDBYTES;
static_assert(crypto_sign_PUBLICKEYBYTES == KioskIdentity::kPublicKeyBytes);
static_assert(crypto_sign_SECRETKEYBYTES == KioskIdentity::kSecretKeyBytes);

std::string KeyFileText(std::span<const uint8_t> seed) {
  return std::string(kHeader) + core::HexOf(seed) + "\n";
}

// Reads the file, refusing one that other users can read: a key others have
// seen cannot vouch for this kiosk's receipts.
Result<std::string> ReadKeyFile(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return Status::NotFound(path + ": no key file");
  if ((info.st_mode & 077) != 0) {
    return Status::Conflict(path +
                            ": the kiosk key is readable by other users; run chmod 600 on it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io(path + ": cannot read the kiosk key");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
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

std::string KioskIdentity::SignerIdOf(std::span<const uint8_t, kPublicKeyBytes> public_key) {
  uint8_t hash[32];
  crypto_generichash(hash, sizeof hash, public_key.data(), public_key.size(), nullptr, 0);
  return "k" + core::HexOf(std::span<const uint8_t>(hash, 8));
}

Result<KioskIdentity> KioskIdentity::LoadOrCreate(const std::string& data_dir) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  const std::string path = data_dir + "/kiosk.key";
  DVC_RETURN_IF_ERROR(core::CreateDirectoriesDurably(data_dir));

  auto text = ReadKeyFile(path);
  if (!text.ok() && text.status().code() == ErrorCode::kNotFound) {
    std::array<uint8_t, kSeedBytes> seed{};
    randombytes_buf(seed.data(), seed.size());
    std::string file = KeyFileText(seed);
    sodium_memzero(seed.data(), seed.size());
    const Status written =
        core::WriteFileAtomically(path, file, 0600, core::IfExists::kKeepOld);
    sodium_memzero(file.data(), file.size());
    // kConflict: another process created it first; use that one.
    if (!written.ok() && written.code() != ErrorCode::kConflict) return written;
    text = ReadKeyFile(path);
  }
  if (!text.ok()) return text.status();

  const std::string& content = *text;
  const size_t hex_size = kSeedBytes * 2;
  if (content.size() != kHeader.size() + hex_size + 1 || !content.starts_with(kHeader) ||
      content.back() != '\n') {
    return Status::Corrupt(path +
                           ": not a kiosk key file (expected \"dvc-kiosk-key 1\" and 64 "
                           "hex digits)");
  }
  std::array<uint8_t, kSeedBytes> seed{};
  size_t seed_size = 0;
  if (sodium_hex2bin(seed.data(), seed.size(), content.data() + kHeader.size(), hex_size, nullptr,
                     &seed_size, nullptr) != 0 ||
      seed_size != kSeedBytes) {
    return Status::Corrupt(path + ": the key is not 64 hex digits");
  }
  KioskIdentity identity;
  crypto_sign_seed_keypair(identity.public_key_.data(), identity.secret_key_.data(), seed.data());
  sodium_memzero(seed.data(), seed.size());
  identity.signer_id_ = SignerIdOf(identity.public_key_);
  return identity;
}

}  // namespace dvc::kiosk
