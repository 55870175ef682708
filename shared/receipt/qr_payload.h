// The signed text a receipt's QR code carries (docs/receipt.md, byte by byte):
//
//   DVC1|<dossier code>|<procedure>|<received YYYYMMDDHHMM>|<appointment YYYYMMDD>|<signer>|<sig>
//
// e.g. "DVC1|123457K4HQ2M9X|1.001193|202611270830|202612040830..." — plain
// ASCII a phone's QR reader shows legibly, carrying what Circular 01/2023
// asks for (dossier code, procedure code, receipt time, appointment date),
// the signer's id and an Ed25519 signature (libsodium, detached, base64url
// without padding: 86 characters) over every byte before the last '|'.
//
// Key model (DESIGN.md section 9): each kiosk signs with its own Ed25519
// key, the province with its own; signer ids name them: "k" + 16 lowercase
// hex digits derived from the kiosk's public key (KioskSignerId), "P" for the
// province. A kiosk's id follows its key, not its commune or issuer number,
// so re-enrolling a kiosk elsewhere keeps old receipts verifiable. A verifier
// maps an id to a public key through a callback (the gateway's enrolled-kiosk
// list, signed by the province key).
//
// Thread-safety: pure functions; the lookup callback is called on the
// caller's thread, at most once per call.
#pragma once

#include <sodium.h>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "calendar/local_time.h"
#include "core/status.h"

namespace dvc::receipt {

// The format tag; a future layout gets a new tag ("DVC2").
inline constexpr std::string_view kQrFormatTag = "DVC1";
// Bytes a QR symbol of version 10 at error correction M holds in 8-bit
// mode; every payload SignQrPayload makes fits (the longest: tag 4, code 14,
// procedure 48, times 12 + 8, signer 17, signature 86 and six '|': 195).
inline constexpr size_t kMaxQrPayloadBytes = 213;
// Field limits (docs/receipt.md).
inline constexpr size_t kMaxProcedureCodeBytes = 48;
// The province's signer id.
inline constexpr std::string_view kProvinceSignerId = "P";
// Length of a kiosk's signer id: "k" + 16 hex digits.
inline constexpr size_t kKioskSignerIdBytes = 17;

using PublicKey = std::array<uint8_t, crypto_sign_PUBLICKEYBYTES>;
// Maps a signer id to its public key; nullopt when the id is not known
// (not enrolled, or revoked).
using PublicKeyLookup = std::function<std::optional<PublicKey>(std::string_view signer_id)>;

// The fields a QR payload carries.
struct QrFields {
  std::string dossier_code;          // canonical compact code ("123457K4HQ2M9X")
  std::string procedure_code;        // national code, or our procedure id when it has none
  calendar::LocalDateTime received;  // Vietnam time, to the minute (seconds are 0)
  calendar::Date appointment;
  std::string signer_id;

  friend bool operator==(const QrFields&, const QrFields&) = default;
};

// The signed payload, ready for QrModules().
struct SignedQr {
  std::string text;  // the whole payload, ASCII
};

// The signer id of the kiosk whose Ed25519 public key is `public_key`: "k" +
// the first 16 lowercase hex digits of the key's BLAKE2b-256 hash. Stable for
// the key's life, printed in the kiosk's receipts and registered at
// enrolment. Calls sodium_init (safe to repeat; aborts if libsodium cannot
// start).
std::string KioskSignerId(const PublicKey& public_key);

// True for the two signer id shapes: kProvinceSignerId, or "k" + 16 lowercase
// hex digits.
bool IsSignerId(std::string_view signer_id);

// The unsigned part: "DVC1|code|procedure|received|appointment" (no signer,
// no signature). Seconds of `received` are dropped.
// Errors: kInvalidInput naming the field when the dossier code is not a
// canonical compact code, or the procedure code is empty, longer than
// kMaxProcedureCodeBytes or has a byte outside [A-Za-z0-9._-].
Result<std::string> QrPayloadFields(const QrFields& fields);

// Appends "|<signer_id>|<signature>" to `unsigned_payload`, signing every
// byte before the last '|' with `secret_key` (libsodium's 64-byte Ed25519
// secret key). Errors: kInvalidInput if the key is not 64 bytes, the signer
// id is not IsSignerId, the unsigned payload does not parse, or the result
// would exceed kMaxQrPayloadBytes.
Result<SignedQr> SignQrPayload(std::string_view unsigned_payload,
                               std::span<const uint8_t> secret_key, std::string_view signer_id);

// Parses and checks a scanned payload. Errors, by code:
//  - kInvalidInput: malformed (wrong tag, field count, field shape, an
//    impossible date, a bad dossier code check character, a bad signature
//    encoding), with what is wrong;
//  - kNotFound: the signer id is well formed but `lookup` does not know it;
//  - kCorrupt: the signature does not match the fields (altered receipt, or
//    signed by another key).
// Never calls `lookup` for a malformed payload. Any bytes are accepted as
// input (fuzzed).
Result<QrFields> VerifyQrPayload(std::string_view text, const PublicKeyLookup& lookup);

}  // namespace dvc::receipt
