// Offline verification of a receipt's QR (DESIGN.md section 9): the
// province's signing key is the root; the province signs the list of
// enrolled kiosk keys (ExportKioskKeys, or the "kiosk_keys" of any catalog
// bundle); a receipt is signed by a kiosk key of that list or by the
// province itself.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "receipt/qr_payload.h"

namespace dvc::gateway {

// The "format" member of the gateway's kiosk key export.
inline constexpr std::string_view kKioskKeysFormat = "dvc-kiosk-keys-1";

struct KioskKeyEntry {
  std::string signer_id;  // "k" + 16 hex (receipt::KioskSignerId of public_key)
  receipt::PublicKey public_key{};
  bool revoked = false;
};

// The province's Ed25519 public key from a key file's text: 64 hex digits
// (upper or lower case), surrounding white space ignored — what `sms-gateway
// keys init` prints as the signing key. Errors: kInvalidInput otherwise.
Result<receipt::PublicKey> ParseProvinceKey(std::string_view text);

// The kiosk keys of a signed document (an export or a catalog bundle: JSON
// with "kiosk_keys": [{"signer_id", "public_key" (64 hex), "revoked"}] and
// "signature" by sync::SignJsonDocument). Errors: kInvalidInput when it is
// not such JSON or an entry is malformed (an entry whose signer id does not
// follow from its key is malformed); kCorrupt when the province's signature
// does not verify.
Result<std::vector<KioskKeyEntry>> ReadKioskKeys(std::string_view document_text,
                                                 const receipt::PublicKey& province_key);

// What a verified payload proves.
struct ReceiptProof {
  receipt::QrFields fields;
  bool signed_by_province = false;  // else by the enrolled kiosk fields.signer_id
};

// Verifies a scanned payload against the province key and the kiosk list
// (a revoked kiosk counts as unknown). Errors: as receipt::VerifyQrPayload
// (kInvalidInput malformed, kNotFound unknown or revoked signer, kCorrupt
// signature mismatch).
Result<ReceiptProof> VerifyReceiptPayload(std::string_view payload,
                                          const receipt::PublicKey& province_key,
                                          const std::vector<KioskKeyEntry>& kiosks);

// A few lines, Vietnamese then English, saying what `proof` establishes.
std::string DescribeProof(const ReceiptProof& proof);

}  // namespace dvc::gateway
