// Kiosk request signatures (docs/sync-api.md, "Kiosk request signatures").
//
// The kiosk signs DVC-SYNC-1 / method / path+query / timestamp / nonce /
// hex SHA-256 of the uncompressed body (+ extra lines for attachment chunks)
// with its Ed25519 key; the gateway rebuilds the same text and verifies it.
// Replayed nonces and unknown or revoked kiosks are the gateway's store's
// business; this file checks shape, clock skew and the signature.
//
// Thread-safety: pure functions (SignRequest draws a random nonce).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sync/messages.h"

namespace dvc::sync {

inline constexpr std::string_view kHeaderKiosk = "X-DVC-Kiosk";
inline constexpr std::string_view kHeaderTimestamp = "X-DVC-Timestamp";
inline constexpr std::string_view kHeaderNonce = "X-DVC-Nonce";
inline constexpr std::string_view kHeaderSignature = "X-DVC-Signature";
inline constexpr std::string_view kHeaderTime = "X-DVC-Time";  // gateway clock, ms

// The four headers as sent.
struct SignatureHeaders {
  std::string kiosk;      // decimal kiosk id
  std::string timestamp;  // decimal Unix seconds
  std::string nonce;      // 32 lower-case hex
  std::string signature;  // 128 lower-case hex
};

// The exact text that is signed (no trailing newline).
std::string CanonicalRequest(std::string_view method, std::string_view path_and_query,
                             int64_t timestamp_s, std::string_view nonce, std::string_view body,
                             const std::vector<std::string>& extra_lines = {});

// Signs a request with a fresh random nonce. `secret_key` is libsodium's 64-byte
// Ed25519 secret key.
SignatureHeaders SignRequest(std::span<const uint8_t, 64> secret_key, int64_t kiosk_id,
                             std::string_view method, std::string_view path_and_query,
                             int64_t timestamp_s, std::string_view body,
                             const std::vector<std::string>& extra_lines = {});

// Reads the headers' shapes. Errors: ApiError 401 "missing_signature" naming
// the header that is absent or malformed.
struct ParsedSignature {
  int64_t kiosk_id = 0;
  int64_t timestamp_s = 0;
  std::string nonce;
  std::string signature;  // hex
};
std::optional<ApiError> ParseSignatureHeaders(const SignatureHeaders& headers,
                                              ParsedSignature& out);

// Checks skew (|timestamp - now| <= kMaxClockSkewSeconds, else 401
// "stale_timestamp") and the signature against `public_key` (32 bytes; else 401
// "bad_signature"). nullopt when the request is good.
std::optional<ApiError> VerifyRequest(std::span<const uint8_t, 32> public_key,
                                      const ParsedSignature& signature, std::string_view method,
                                      std::string_view path_and_query, std::string_view body,
                                      int64_t now_s,
                                      const std::vector<std::string>& extra_lines = {});

// Enrolment proof: "DVC-ENROLL-1\n<code>\n<public key hex>".
std::string EnrolmentProofMessage(std::string_view code, std::string_view public_key_hex);
std::string SignEnrolmentProof(std::span<const uint8_t, 64> secret_key, std::string_view code,
                               std::string_view public_key_hex);  // 128 hex
bool VerifyEnrolmentProof(std::string_view code, std::string_view public_key_hex,
                          std::string_view proof_hex);

}  // namespace dvc::sync
