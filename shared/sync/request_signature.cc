#include "sync/request_signature.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>

#include "core/hex.h"
#include "core/sha256.h"
#include "core/sodium_init.h"

namespace dvc::sync {

namespace {

constexpr std::string_view kSyncPrefix = "DVC-SYNC-1";
constexpr std::string_view kEnrolPrefix = "DVC-ENROLL-1";
constexpr size_t kNonceBytes = 16;
constexpr size_t kNonceHexDigits = kNonceBytes * 2;
constexpr size_t kSignatureHexDigits = crypto_sign_BYTES * 2;
constexpr size_t kPublicKeyHexDigits = crypto_sign_PUBLICKEYBYTES * 2;

bool IsLowerHex(std::string_view s, size_t digits) {
  return s.size() == digits && std::all_of(s.begin(), s.end(), core::IsLowerHexDigit);
}

// Decimal without sign, leading zeros or spaces, so one value has one spelling
// (the signed text holds the header exactly as sent).
std::optional<int64_t> ParseCanonicalDecimal(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  if (s.size() > 1 && s[0] == '0') return std::nullopt;
  if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::array<uint8_t, crypto_sign_BYTES> SignatureBytes(std::string_view hex) {
  std::array<uint8_t, crypto_sign_BYTES> bytes{};
  size_t length = 0;
  if (sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != bytes.size()) {
    bytes.fill(0);  // an all-zero signature never verifies
  }
  return bytes;
}

std::string SignDetachedHex(std::span<const uint8_t, 64> secret_key, std::string_view message) {
  core::InitSodiumOrAbort();
  std::array<uint8_t, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_key.data());
  return core::HexOf(signature);
}

bool VerifyDetachedHex(std::span<const uint8_t, 32> public_key, std::string_view message,
                       std::string_view signature_hex) {
  core::InitSodiumOrAbort();
  if (!IsLowerHex(signature_hex, kSignatureHexDigits)) return false;
  const auto signature = SignatureBytes(signature_hex);
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key.data()) == 0;
}

// |a - b| <= kMaxClockSkewSeconds, computed in unsigned arithmetic so that no
// pair of int64 values overflows.
bool WithinSkew(int64_t a, int64_t b) {
  const uint64_t distance = a >= b ? static_cast<uint64_t>(a) - static_cast<uint64_t>(b)
                                   : static_cast<uint64_t>(b) - static_cast<uint64_t>(a);
  return distance <= static_cast<uint64_t>(kMaxClockSkewSeconds);
}

ApiError Unauthorized(std::string code, std::string message) {
  return ApiError{401, std::move(code), std::move(message)};
}

}  // namespace

std::string CanonicalRequest(std::string_view method, std::string_view path_and_query,
                             int64_t timestamp_s, std::string_view nonce, std::string_view body,
                             const std::vector<std::string>& extra_lines) {
  std::string text;
  text.reserve(kSyncPrefix.size() + method.size() + path_and_query.size() + nonce.size() + 120);
  text.append(kSyncPrefix).append("\n");
  text.append(method).append("\n");
  text.append(path_and_query).append("\n");
  text.append(std::to_string(timestamp_s)).append("\n");
  text.append(nonce).append("\n");
  text.append(core::Sha256Hex(body));
  for (const std::string& line : extra_lines) text.append("\n").append(line);
  return text;
}

SignatureHeaders SignRequest(std::span<const uint8_t, 64> secret_key, int64_t kiosk_id,
                             std::string_view method, std::string_view path_and_query,
                             int64_t timestamp_s, std::string_view body,
                             const std::vector<std::string>& extra_lines) {
  core::InitSodiumOrAbort();
  std::array<uint8_t, kNonceBytes> nonce_bytes{};
  randombytes_buf(nonce_bytes.data(), nonce_bytes.size());
  SignatureHeaders headers;
  headers.kiosk = std::to_string(kiosk_id);
  headers.timestamp = std::to_string(timestamp_s);
  headers.nonce = core::HexOf(nonce_bytes);
  headers.signature = SignDetachedHex(
      secret_key,
      CanonicalRequest(method, path_and_query, timestamp_s, headers.nonce, body, extra_lines));
  return headers;
}

std::optional<ApiError> ParseSignatureHeaders(const SignatureHeaders& headers,
                                              ParsedSignature& out) {
  const auto missing = [](std::string_view header, std::string_view what) {
    return Unauthorized("missing_signature", std::string(header) + ": " + std::string(what));
  };
  const auto kiosk = ParseCanonicalDecimal(headers.kiosk);
  if (!kiosk || *kiosk < 1) {
    return missing(kHeaderKiosk, headers.kiosk.empty() ? "absent" : "expected a decimal kiosk id");
  }
  const auto timestamp = ParseCanonicalDecimal(headers.timestamp);
  if (!timestamp) {
    return missing(kHeaderTimestamp,
                   headers.timestamp.empty() ? "absent" : "expected decimal Unix seconds");
  }
  if (!IsLowerHex(headers.nonce, kNonceHexDigits)) {
    return missing(kHeaderNonce,
                   headers.nonce.empty() ? "absent" : "expected 32 lower-case hex digits");
  }
  if (!IsLowerHex(headers.signature, kSignatureHexDigits)) {
    return missing(kHeaderSignature,
                   headers.signature.empty() ? "absent" : "expected 128 lower-case hex digits");
  }
  out.kiosk_id = *kiosk;
  out.timestamp_s = *timestamp;
  out.nonce = headers.nonce;
  out.signature = headers.signature;
  return std::nullopt;
}

std::optional<ApiError> VerifyRequest(std::span<const uint8_t, 32> public_key,
                                      const ParsedSignature& signature, std::string_view method,
                                      std::string_view path_and_query, std::string_view body,
                                      int64_t now_s, const std::vector<std::string>& extra_lines) {
  if (!WithinSkew(signature.timestamp_s, now_s)) {
    return Unauthorized("stale_timestamp",
                        "the request's timestamp " + std::to_string(signature.timestamp_s) +
                            " is more than " + std::to_string(kMaxClockSkewSeconds) +
                            " s from the gateway's clock " + std::to_string(now_s));
  }
  const std::string text = CanonicalRequest(method, path_and_query, signature.timestamp_s,
                                            signature.nonce, body, extra_lines);
  if (!VerifyDetachedHex(public_key, text, signature.signature)) {
    return Unauthorized("bad_signature", "the signature does not match the request");
  }
  return std::nullopt;
}

std::string EnrolmentProofMessage(std::string_view code, std::string_view public_key_hex) {
  std::string text(kEnrolPrefix);
  text.append("\n").append(code).append("\n").append(public_key_hex);
  return text;
}

std::string SignEnrolmentProof(std::span<const uint8_t, 64> secret_key, std::string_view code,
                               std::string_view public_key_hex) {
  return SignDetachedHex(secret_key, EnrolmentProofMessage(code, public_key_hex));
}

bool VerifyEnrolmentProof(std::string_view code, std::string_view public_key_hex,
                          std::string_view proof_hex) {
  if (!IsLowerHex(public_key_hex, kPublicKeyHexDigits)) return false;
  std::array<uint8_t, crypto_sign_PUBLICKEYBYTES> key{};
  size_t length = 0;
  if (sodium_hex2bin(key.data(), key.size(), public_key_hex.data(), public_key_hex.size(), nullptr,
                     &length, nullptr) != 0 ||
      length != key.size()) {
    return false;
  }
  return VerifyDetachedHex(key, EnrolmentProofMessage(code, public_key_hex), proof_hex);
}

}  // namespace dvc::sync
