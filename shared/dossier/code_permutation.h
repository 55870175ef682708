// CounterPermutation: a keyed bijection on [0, 2^30) that makes consecutive
// counters look unrelated.
//
// An issuer numbers its codes 0, 1, 2, ...; publishing those numbers would let
// anyone who holds one code guess its neighbours. The counter is therefore passed
// through a balanced Feistel network (two 15-bit halves, kRounds rounds) whose
// round function is SipHash-2-4 (libsodium crypto_shorthash) keyed with a subkey
// derived from the issuer's 32-byte secret (crypto_kdf). A Feistel network is a
// permutation whatever the round function, and its domain is exactly the 30 bits
// the code has room for, so no cycle-walking is needed and Inverse undoes Forward.
//
// Thread-safety: immutable after construction; share freely.
#pragma once

#include <array>
#include <cstdint>

namespace dvc::dossier {

// The per-issuer secret: 32 random bytes made once when the issuer is set up,
// kept on the kiosk (the gateway never needs it: codes are compared, not decoded).
using IssuerSecret = std::array<uint8_t, 32>;

class CounterPermutation {
 public:
  static constexpr uint32_t kDomain = 1u << 30;  // counters 0 .. 2^30 - 1
  static constexpr int kRounds = 10;

  explicit CounterPermutation(const IssuerSecret& secret);

  // REQUIRES: value < kDomain (aborts otherwise). The result is < kDomain.
  uint32_t Forward(uint32_t value) const;
  uint32_t Inverse(uint32_t value) const;

 private:
  uint32_t Round(int round, uint32_t half) const;
  std::array<uint8_t, 16> key_;  // crypto_shorthash_KEYBYTES
};

// 32 fresh random bytes from libsodium.
IssuerSecret NewIssuerSecret();

}  // namespace dvc::dossier
