// Verifies arbitrary bytes as a scanned receipt QR payload (what a phone or
// the gateway reads from a receipt someone hands in), and signs them as if
// they were the unsigned fields. Must never crash; a payload that verifies
// must re-serialise to the exact bytes that were signed, and anything
// SignQrPayload accepts must verify to the same fields.
//
// The key list knows one kiosk (key from seed bytes 0x01, signer id
// KioskSignerId of it: "kc5e21ab1c9f6022d") and the province ("P", seed
// 0x02); the seed corpus holds payloads signed by both.
#include <sodium.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "receipt/qr_payload.h"

namespace {

using dvc::receipt::PublicKey;

struct Keys {
  PublicKey public_key{};
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> secret_key{};
};

Keys FromSeed(uint8_t byte) {
  std::array<uint8_t, crypto_sign_SEEDBYTES> seed{};
  seed.fill(byte);
  Keys k;
  crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), seed.data());
  return k;
}

const Keys& Kiosk() {
  static const Keys k = (sodium_init() < 0 ? std::abort() : void(), FromSeed(1));
  return k;
}
const Keys& Province() {
  static const Keys k = FromSeed(2);
  return k;
}

const std::string& KioskId() {
  static const std::string id = dvc::receipt::KioskSignerId(Kiosk().public_key);
  return id;
}

std::optional<PublicKey> Lookup(std::string_view id) {
  if (id == KioskId()) return Kiosk().public_key;
  if (id == "P") return Province().public_key;
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dvc::receipt;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  dvc::Result<QrFields> verified = VerifyQrPayload(text, Lookup);
  if (!verified.ok()) {
    if (verified.status().message().empty()) std::abort();
  } else {
    dvc::Result<std::string> fields = QrPayloadFields(*verified);
    if (!fields.ok()) std::abort();
    const std::string signed_part = *fields + "|" + verified->signer_id + "|";
    if (text.substr(0, signed_part.size()) != signed_part) std::abort();
  }

  dvc::Result<SignedQr> signed_qr = SignQrPayload(text, Kiosk().secret_key, KioskId());
  if (signed_qr.ok()) {
    if (signed_qr->text.size() > kMaxQrPayloadBytes) std::abort();
    dvc::Result<QrFields> again = VerifyQrPayload(signed_qr->text, Lookup);
    if (!again.ok()) std::abort();
    dvc::Result<std::string> fields = QrPayloadFields(*again);
    if (!fields.ok() || *fields != text) std::abort();
  }
  return 0;
}
