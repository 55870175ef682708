#include "sms/phone_key.h"

#include <utility>

#include "core/hex.h"
#include "sms/phone_number.h"

namespace dvc::gateway {

std::string NormalizePhone(std::string_view phone) {
  if (Result<std::string> strict = NormalizeVietnamesePhone(phone); strict.ok()) {
    return std::move(*strict);
  }
  // Refused as a destination, yet still a sender to recognise (a short code,
  // a foreign number, a number typed with letters): its digits, prefix rule
  // applied, which is what the strict form gives for every number it accepts.
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return InternationalDigits(digits);
}

PhoneKeyer::PhoneKeyer(const sync::ProvinceKeys& keys) {
  static_assert(crypto_kdf_KEYBYTES == crypto_box_SECRETKEYBYTES);
  static_assert(crypto_generichash_KEYBYTES >= crypto_kdf_BYTES_MIN &&
                crypto_generichash_KEYBYTES <= crypto_kdf_BYTES_MAX);
  // The context names this use, so the subkey is independent of any other
  // key derived from the same secret.
  crypto_kdf_derive_from_key(key_.data(), key_.size(), 1, "dvcphone", keys.sealing_secret().data());
}

PhoneKeyer::~PhoneKeyer() { sodium_memzero(key_.data(), key_.size()); }

std::string PhoneKeyer::KeyOf(std::string_view phone) const {
  const std::string normal = NormalizePhone(phone);
  std::array<uint8_t, crypto_generichash_BYTES> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const uint8_t*>(normal.data()),
                     normal.size(), key_.data(), key_.size());
  return core::HexOf(hash);
}

}  // namespace dvc::gateway
