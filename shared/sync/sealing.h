// Sealing personal data to the province (DESIGN.md section 9): libsodium
// sealed boxes (X25519 + XSalsa20-Poly1305, anonymous sender), so a kiosk can
// seal answers and attachments it can never read back; only the holder of the
// province's sealing secret key opens them.
//
// Also the province's key pairs (signing: Ed25519; sealing: X25519), kept by
// the gateway under its data directory, owner-only (0600), written durably
// (temp file + fsync + rename), never overwritten.
//
// Thread-safety: pure functions; ProvinceKeys is immutable after load and
// wipes its secrets on destruction.
#pragma once

#include <sodium.h>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"
#include "sync/messages.h"

namespace dvc::sync {

using SealingPublicKey = std::array<uint8_t, crypto_box_PUBLICKEYBYTES>;

// Seals `plaintext` (crypto_box_seal). Output is raw bytes, 48 longer.
std::string Seal(const SealingPublicKey& recipient, std::string_view plaintext);
// Errors: kInvalidInput ("sealed data cannot be opened with the province key")
// when the bytes are not a box sealed to this key pair (wrong key, truncated,
// altered).
Result<std::string> OpenSealed(const SealingPublicKey& public_key,
                               std::span<const uint8_t, crypto_box_SECRETKEYBYTES> secret_key,
                               std::string_view sealed);

// Base64 (standard alphabet, padded), libsodium's codec.
std::string Base64Encode(std::string_view bytes);
Result<std::string> Base64Decode(std::string_view text);  // kInvalidInput when not base64

// Hex <-> 32-byte keys. Errors: kInvalidInput ("expected 64 hex digits").
Result<std::array<uint8_t, 32>> Key32FromHex(std::string_view hex);

class ProvinceKeys {
 public:
  // <dir>/province-signing.key and <dir>/province-sealing.key, each
  // "dvc-province-<kind>-key 1\n" and the 32-byte seed in 64 lower-case hex
  // and "\n" (the kiosk key file's format), mode 0600, written durably.
  // Create: makes both (and dir); kConflict if either exists already (keys are
  // never replaced by accident). Load: kIo when absent ("run sms-gateway keys
  // init"), kConflict when readable by group/other, kCorrupt when not ours
  // (wrong header, length or digits; not a regular file). Moving wipes the
  // source's secrets; so does destruction.
  static Result<ProvinceKeys> Create(const std::string& dir);
  static Result<ProvinceKeys> Load(const std::string& dir);

  ProvinceKeys(ProvinceKeys&&) noexcept;
  ProvinceKeys& operator=(ProvinceKeys&&) noexcept;
  ProvinceKeys(const ProvinceKeys&) = delete;
  ProvinceKeys& operator=(const ProvinceKeys&) = delete;
  ~ProvinceKeys();

  ProvincePublicKeys PublicKeys() const;  // hex, signer id "P"
  const std::array<uint8_t, crypto_sign_PUBLICKEYBYTES>& signing_public() const { return sign_pk_; }
  std::span<const uint8_t, crypto_sign_SECRETKEYBYTES> signing_secret() const { return sign_sk_; }
  const SealingPublicKey& sealing_public() const { return seal_pk_; }
  std::span<const uint8_t, crypto_box_SECRETKEYBYTES> sealing_secret() const { return seal_sk_; }

 private:
  ProvinceKeys() = default;
  std::array<uint8_t, crypto_sign_PUBLICKEYBYTES> sign_pk_{};
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> sign_sk_{};
  SealingPublicKey seal_pk_{};
  std::array<uint8_t, crypto_box_SECRETKEYBYTES> seal_sk_{};
};

// Signs / verifies a JSON document (VerifyJsonDocument: false for a missing,
// malformed or wrong signature, and for a document holding invalid UTF-8): the signature (128 hex,
// Ed25519) is over json.dump() of the document without its "signature" member (nlohmann's objects
// keep keys sorted, so the text is canonical).
std::string SignJsonDocument(std::span<const uint8_t, crypto_sign_SECRETKEYBYTES> secret_key,
                             const nlohmann::json& document_without_signature);
bool VerifyJsonDocument(std::span<const uint8_t, crypto_sign_PUBLICKEYBYTES> public_key,
                        const nlohmann::json& document_with_signature);

// A dossier's private part from its sealed bytes (not base64): opened with
// the province keys and read as PrivatePart. Errors: kInvalidInput, as
// OpenSealed, or "sealed part: ..." when the opened bytes are not a private part.
Result<PrivatePart> OpenPrivatePart(const ProvinceKeys& keys, std::string_view sealed);

}  // namespace dvc::sync
