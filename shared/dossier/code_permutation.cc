#include "dossier/code_permutation.h"

#include <sodium.h>

#include <cstdlib>

#include "core/sodium_init.h"

namespace dvc::dossier {

namespace {

constexpr uint32_t kHalfBits = 15;
constexpr uint32_t kHalfMask = (1u << kHalfBits) - 1;
// crypto_kdf context: exactly 8 bytes, names what the subkey is for.
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "dvccode1";

}  // namespace

static_assert(crypto_shorthash_KEYBYTES == 16);
static_assert(crypto_kdf_KEYBYTES == 32);

CounterPermutation::CounterPermutation(const IssuerSecret& secret) : key_() {
  core::InitSodiumOrAbort();
  if (crypto_kdf_derive_from_key(key_.data(), key_.size(), 1, kKdfContext, secret.data()) != 0) {
    std::abort();  // only fails for sizes out of range, which the asserts exclude
  }
}

uint32_t CounterPermutation::Round(int round, uint32_t half) const {
  const uint8_t input[3] = {static_cast<uint8_t>(round), static_cast<uint8_t>(half >> 8),
                            static_cast<uint8_t>(half)};
  uint8_t hash[crypto_shorthash_BYTES];
  crypto_shorthash(hash, input, sizeof input, key_.data());
  return ((static_cast<uint32_t>(hash[0]) << 8) | hash[1]) & kHalfMask;
}

uint32_t CounterPermutation::Forward(uint32_t value) const {
  if (value >= kDomain) std::abort();
  uint32_t left = value >> kHalfBits;
  uint32_t right = value & kHalfMask;
  for (int round = 0; round < kRounds; ++round) {
    const uint32_t next = left ^ Round(round, right);
    left = right;
    right = next;
  }
  return (left << kHalfBits) | right;
}

uint32_t CounterPermutation::Inverse(uint32_t value) const {
  if (value >= kDomain) std::abort();
  uint32_t left = value >> kHalfBits;
  uint32_t right = value & kHalfMask;
  for (int round = kRounds - 1; round >= 0; --round) {
    const uint32_t previous = right ^ Round(round, left);
    right = left;
    left = previous;
  }
  return (left << kHalfBits) | right;
}

IssuerSecret NewIssuerSecret() {
  core::InitSodiumOrAbort();
  IssuerSecret secret;
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

}  // namespace dvc::dossier
