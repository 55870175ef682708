// The province's key pairs on disk: each file holds a header line and the
// 32-byte seed in hex ("dvc-province-signing-key 1\n<64 hex>\n"), the format
// of the kiosk's own key file (kiosk/outbox/kiosk_identity.cc); the key pairs
// are derived from the seeds.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/file_util.h"
#include "core/hex.h"
#include "core/unique_fd.h"
#include "sync/sealing.h"

namespace dvc::sync {

namespace {

constexpr size_t kSeedBytes = 32;
static_assert(crypto_sign_SEEDBYTES == kSeedBytes && crypto_box_SEEDBYTES == kSeedBytes);

struct KeyFileKind {
  std::string_view file_name;
  std::string_view header;
};
constexpr KeyFileKind kSigningFile{"province-signing.key", "dvc-province-signing-key 1\n"};
constexpr KeyFileKind kSealingFile{"province-sealing.key", "dvc-province-sealing-key 1\n"};

// Longest file either kind has.
constexpr size_t kMaxKeyFileBytes = 27 + kSeedBytes * 2 + 1;
static_assert(kSigningFile.header.size() + kSeedBytes * 2 + 1 <= kMaxKeyFileBytes);
static_assert(kSealingFile.header.size() + kSeedBytes * 2 + 1 <= kMaxKeyFileBytes);

std::string PathOf(const std::string& dir, const KeyFileKind& kind) {
  return dir + "/" + std::string(kind.file_name);
}

// A fixed buffer wiped on every path out of scope: the hex seed is as secret
// as the key.
template <size_t N>
struct SecretBytes {
  std::array<uint8_t, N> bytes{};
  size_t size = 0;
  SecretBytes() = default;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes() { sodium_memzero(bytes.data(), bytes.size()); }
};

// The file's whole text (header, hex seed, newline) into `text`.
void KeyFileText(const KeyFileKind& kind, std::span<const uint8_t, kSeedBytes> seed,
                 SecretBytes<kMaxKeyFileBytes + 1>& text) {
  std::memcpy(text.bytes.data(), kind.header.data(), kind.header.size());
  char* hex = reinterpret_cast<char*>(text.bytes.data()) + kind.header.size();
  sodium_bin2hex(hex, kSeedBytes * 2 + 1, seed.data(), seed.size());
  hex[kSeedBytes * 2] = '\n';
  text.size = kind.header.size() + kSeedBytes * 2 + 1;
}

Status WriteKeyFile(const std::string& dir, const KeyFileKind& kind,
                    std::span<const uint8_t, kSeedBytes> seed) {
  SecretBytes<kMaxKeyFileBytes + 1> text;
  KeyFileText(kind, seed, text);
  const std::string path = PathOf(dir, kind);
  const Status written = core::WriteFileAtomically(
      path, std::span<const uint8_t>(text.bytes.data(), text.size), 0600, core::IfExists::kKeepOld);
  if (written.code() == ErrorCode::kConflict) {
    return Status::Conflict(path + ": a province key exists already; keys are never replaced");
  }
  return written;
}

// Reads the seed of `kind` from `dir` into `seed`.
Status ReadKeyFile(const std::string& dir, const KeyFileKind& kind, SecretBytes<kSeedBytes>& seed) {
  const std::string path = PathOf(dir, kind);
  const core::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  const auto io_error = [&](std::string_view what) {
    return Status::Io(path + ": " + std::string(what) + " (" + std::strerror(errno) + ")");
  };
  if (!fd.valid()) {
    if (errno == ENOENT) {
      return Status::Io(path + ": no province key; run sms-gateway keys init");
    }
    return io_error("cannot read the province key");
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return io_error("cannot read the province key");
  if (!S_ISREG(info.st_mode)) return Status::Corrupt(path + ": not a regular file");
  if ((info.st_mode & 077) != 0) {
    return Status::Conflict(path +
                            ": the province key is readable by other users; run chmod 600 on it");
  }
  SecretBytes<kMaxKeyFileBytes + 1> text;  // one more, to notice a longer file
  while (text.size < text.bytes.size()) {
    const ssize_t n =
        ::read(fd.get(), text.bytes.data() + text.size, text.bytes.size() - text.size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("cannot read the province key");
    if (n == 0) break;
    text.size += static_cast<size_t>(n);
  }
  const std::string_view content(reinterpret_cast<const char*>(text.bytes.data()), text.size);
  const size_t expected = kind.header.size() + kSeedBytes * 2 + 1;
  const Status corrupt = Status::Corrupt(
      path + ": not a province key file (expected \"" +
      std::string(kind.header.substr(0, kind.header.size() - 1)) + "\" and 64 hex digits)");
  if (content.size() != expected || !content.starts_with(kind.header) || content.back() != '\n') {
    return corrupt;
  }
  const std::string_view hex = content.substr(kind.header.size(), kSeedBytes * 2);
  if (!std::all_of(hex.begin(), hex.end(), core::IsLowerHexDigit) ||
      sodium_hex2bin(seed.bytes.data(), seed.bytes.size(), hex.data(), hex.size(), nullptr,
                     &seed.size, nullptr) != 0 ||
      seed.size != kSeedBytes) {
    return corrupt;
  }
  return Status::Ok();
}

}  // namespace

ProvinceKeys::ProvinceKeys(ProvinceKeys&& other) noexcept
    : sign_pk_(other.sign_pk_),
      sign_sk_(other.sign_sk_),
      seal_pk_(other.seal_pk_),
      seal_sk_(other.seal_sk_) {
  sodium_memzero(other.sign_sk_.data(), other.sign_sk_.size());
  sodium_memzero(other.seal_sk_.data(), other.seal_sk_.size());
}

ProvinceKeys& ProvinceKeys::operator=(ProvinceKeys&& other) noexcept {
  if (this != &other) {
    sign_pk_ = other.sign_pk_;
    sign_sk_ = other.sign_sk_;
    seal_pk_ = other.seal_pk_;
    seal_sk_ = other.seal_sk_;
    sodium_memzero(other.sign_sk_.data(), other.sign_sk_.size());
    sodium_memzero(other.seal_sk_.data(), other.seal_sk_.size());
  }
  return *this;
}

ProvinceKeys::~ProvinceKeys() {
  sodium_memzero(sign_sk_.data(), sign_sk_.size());
  sodium_memzero(seal_sk_.data(), seal_sk_.size());
}

Result<ProvinceKeys> ProvinceKeys::Create(const std::string& dir) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  DVC_RETURN_IF_ERROR(core::CreateDirectoriesDurably(dir));
  // Both names are checked before either is written, so a half-present pair
  // is reported rather than completed with a new key.
  for (const KeyFileKind* kind : {&kSigningFile, &kSealingFile}) {
    std::error_code ec;
    if (std::filesystem::symlink_status(PathOf(dir, *kind), ec).type() !=
        std::filesystem::file_type::not_found) {
      return Status::Conflict(PathOf(dir, *kind) +
                              ": a province key exists already; keys are never replaced");
    }
  }
  SecretBytes<kSeedBytes> signing_seed;
  SecretBytes<kSeedBytes> sealing_seed;
  randombytes_buf(signing_seed.bytes.data(), kSeedBytes);
  randombytes_buf(sealing_seed.bytes.data(), kSeedBytes);
  DVC_RETURN_IF_ERROR(WriteKeyFile(dir, kSigningFile, signing_seed.bytes));
  DVC_RETURN_IF_ERROR(WriteKeyFile(dir, kSealingFile, sealing_seed.bytes));
  return Load(dir);
}

Result<ProvinceKeys> ProvinceKeys::Load(const std::string& dir) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  SecretBytes<kSeedBytes> signing_seed;
  SecretBytes<kSeedBytes> sealing_seed;
  DVC_RETURN_IF_ERROR(ReadKeyFile(dir, kSigningFile, signing_seed));
  DVC_RETURN_IF_ERROR(ReadKeyFile(dir, kSealingFile, sealing_seed));
  ProvinceKeys keys;
  crypto_sign_seed_keypair(keys.sign_pk_.data(), keys.sign_sk_.data(), signing_seed.bytes.data());
  crypto_box_seed_keypair(keys.seal_pk_.data(), keys.seal_sk_.data(), sealing_seed.bytes.data());
  return keys;
}

ProvincePublicKeys ProvinceKeys::PublicKeys() const {
  ProvincePublicKeys keys;
  keys.signer_id = "P";
  keys.signing_key = core::HexOf(sign_pk_);
  keys.sealing_key = core::HexOf(seal_pk_);
  return keys;
}

}  // namespace dvc::sync
