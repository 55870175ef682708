// KioskIdentity: the kiosk's own Ed25519 key pair (DESIGN.md section 9).
//
// Created on first start in <data_dir>/kiosk.key (owner-only 0600, written
// durably: temp file + fsync + link, so two kiosks starting at once on the same
// directory end up with one key) and loaded afterwards. The file is text:
//   dvc-kiosk-key 1
//   <64 hex digits: the Ed25519 seed>
// The public key is derived from the seed. Its signer id, printed in receipt QR
// codes and registered at enrolment, is receipt::KioskSignerId(public key).
//
// Thread-safety: immutable after load; concurrent reads are safe. Ownership:
// the secret key lives in this object and is wiped when it is destroyed.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "core/status.h"

namespace dvc::kiosk {

class KioskIdentity {
 public:
  static constexpr size_t kPublicKeyBytes = 32;
  static constexpr size_t kSecretKeyBytes = 64;  // libsodium's seed || public key

  // <data_dir>/kiosk.key: the one place the file's name is spelled.
  static std::string KeyPath(const std::string& data_dir);

  // Loads KeyPath(data_dir), creating it (and data_dir) when absent.
  // Errors: kIo (cannot create or read); kConflict if the file can be read by
  // other users (its mode allows group or other access: fix with chmod 600);
  // kCorrupt if the file is not a key this program wrote.
  static Result<KioskIdentity> LoadOrCreate(const std::string& data_dir);

  KioskIdentity(KioskIdentity&& other) noexcept;
  KioskIdentity& operator=(KioskIdentity&& other) noexcept;
  KioskIdentity(const KioskIdentity&) = delete;
  KioskIdentity& operator=(const KioskIdentity&) = delete;
  ~KioskIdentity();

  std::span<const uint8_t, kPublicKeyBytes> public_key() const { return public_key_; }
  // For crypto_sign_detached (the receipt helper's SignQrPayload). Do not copy it
  // anywhere that outlives this object.
  std::span<const uint8_t, kSecretKeyBytes> secret_key() const { return secret_key_; }
  const std::string& signer_id() const { return signer_id_; }

 private:
  KioskIdentity() = default;
  std::array<uint8_t, kPublicKeyBytes> public_key_{};
  std::array<uint8_t, kSecretKeyBytes> secret_key_{};
  std::string signer_id_;
};

}  // namespace dvc::kiosk
