// SHA-256 of bytes in memory (libsodium's crypto_hash_sha256): the digest
// that names sealed attachments, hashes request bodies for signatures and
// keys stored enrolment codes. Files: Sha256OfFile in core/file_util.h.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace dvc::core {

inline constexpr size_t kSha256Bytes = 32;

std::array<uint8_t, kSha256Bytes> Sha256(std::string_view bytes);
// The same digest as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

}  // namespace dvc::core
