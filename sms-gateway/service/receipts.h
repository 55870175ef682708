// Receipt links and what the gateway's receipts share with their verifiers
// (docs/gateway.md, "Receipts"; issue 5 item 6).
//
// A resident's SMS carries `<public base URL>/r/<token>`: the token is the
// only key to the receipt page, so it is random (kReceiptTokenChars base32
// characters, 100 bits from libsodium's randombytes), never derived from the
// dossier code, and the code never appears in the URL. Tokens live in the
// receipt_links table (one per dossier, created on first use).
//
// The gateway's receipt is the kiosk's Form 01 layout. For a kiosk dossier
// its QR is the text the kiosk signed and printed (the push's receipt_qr,
// verified against that kiosk's key at ingest), so the resident's paper and
// the gateway's copy carry the same QR; a counter dossier, or a kiosk dossier
// pushed by a kiosk too old to send its text, gets a QR signed by the province
// ("P"). Name and phone are masked as on a kiosk's reprint: the page is public
// to whoever holds the link.
//
// Thread-safety: pure functions (NewReceiptToken uses libsodium's
// thread-safe generator).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dvc::gateway {

// RFC 4648 base32 letters, lower case: URL-safe, no look-alike 0/1/8/9, and
// case-insensitive for a resident who types the link.
inline constexpr std::string_view kReceiptTokenAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
// 20 characters x 5 bits = 100 bits (at least 96: unguessable by brute force
// over HTTP).
inline constexpr size_t kReceiptTokenChars = 20;

// A fresh token: kReceiptTokenChars characters of kReceiptTokenAlphabet,
// each uniform (randombytes_uniform). Calls sodium_init (aborts if libsodium
// cannot start).
std::string NewReceiptToken();

// True when `text` has a token's shape (length and alphabet, lower case only).
bool IsReceiptToken(std::string_view text);

// "<base>/r/<token>": `base` is the configured public URL ("https://dvc.example.vn"
// or with a path); trailing slashes of `base` are dropped. The token is
// inserted as is (the caller passes one from ReceiptLink).
std::string ReceiptUrl(std::string_view base, std::string_view token);

}  // namespace dvc::gateway
