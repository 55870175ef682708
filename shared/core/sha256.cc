#include "core/sha256.h"

#include <sodium.h>

#include "core/hex.h"

namespace dvc::core {

static_assert(kSha256Bytes == crypto_hash_sha256_BYTES);

std::array<uint8_t, kSha256Bytes> Sha256(std::string_view bytes) {
  std::array<uint8_t, kSha256Bytes> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  return digest;
}

std::string Sha256Hex(std::string_view bytes) { return HexOf(Sha256(bytes)); }

}  // namespace dvc::core
