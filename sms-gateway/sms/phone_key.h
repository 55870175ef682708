// Phone numbers of MO senders and dossiers in one comparable form, and the
// keyed hash that stands for a number where it must be stored (opt-outs).
//
// SMSCs give the sender as "84912345678" or "0912345678" (sometimes "+84..."),
// kiosks store what the resident typed ("0912 345 678"). NormalizePhone maps
// all of them to the international form without '+' ("84912345678"), the
// form CheckMobilePhone's e164 has, without needing the reference tables:
// comparing two numbers only needs the same form, not a valid range.
//
// PhoneKeyer: BLAKE2b (crypto_generichash) of the normalised number, keyed
// with a subkey derived (crypto_kdf, context "dvcphone", id 1) from the
// province's sealing secret. Without the province's keys the table of
// opt-outs says nothing about who opted out, and a phone number's small
// space (10^9) cannot be enumerated against it.
//
// Thread-safety: NormalizePhone is pure; a PhoneKeyer is immutable.
#pragma once

#include <sodium.h>

#include <array>
#include <string>
#include <string_view>

#include "sync/sealing.h"

namespace dvc::gateway {

// Digits only, international form without '+': "0912 345 678", "+84912345678",
// "0084912345678" and "84912345678" all give "84912345678" (a number
// NormalizeVietnamesePhone accepts gives its result). Anything it refuses
// still gives its digits with InternationalDigits' prefix rule: "8079" stays
// "8079", "+1 415 555 0100" gives "14155550100". "" when `phone` holds no
// digit. The output must never change for a number: opt-outs are stored as
// keys of it.
std::string NormalizePhone(std::string_view phone);

class PhoneKeyer {
 public:
  // Derives the subkey from `keys`; `keys` need not outlive the keyer.
  explicit PhoneKeyer(const sync::ProvinceKeys& keys);
  ~PhoneKeyer();
  PhoneKeyer(const PhoneKeyer&) = delete;
  PhoneKeyer& operator=(const PhoneKeyer&) = delete;

  // 64 lower-case hex characters: the keyed hash of NormalizePhone(phone).
  std::string KeyOf(std::string_view phone) const;

 private:
  std::array<uint8_t, crypto_generichash_KEYBYTES> key_{};
};

}  // namespace dvc::gateway
