// Sealed boxes, Base64, hex keys and signed JSON documents. The province's
// key files are in province_keys.cc.
#include "sync/sealing.h"

#include <algorithm>
#include <cstdlib>

#include "core/hex.h"
#include "core/sodium_init.h"

namespace dvc::sync {

namespace {

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string Seal(const SealingPublicKey& recipient, std::string_view plaintext) {
  core::InitSodiumOrAbort();
  std::string sealed(plaintext.size() + crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), Bytes(plaintext),
                      plaintext.size(), recipient.data()) != 0) {
    std::abort();  // only fails for a message too long for memory
  }
  return sealed;
}

Result<std::string> OpenSealed(const SealingPublicKey& public_key,
                               std::span<const uint8_t, crypto_box_SECRETKEYBYTES> secret_key,
                               std::string_view sealed) {
  core::InitSodiumOrAbort();
  const Status cannot_open =
      Status::InvalidInput("sealed data cannot be opened with the province key");
  if (sealed.size() < crypto_box_SEALBYTES) return cannot_open;
  std::string plain(sealed.size() - crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), Bytes(sealed),
                           sealed.size(), public_key.data(), secret_key.data()) != 0) {
    return cannot_open;
  }
  return plain;
}

std::string Base64Encode(std::string_view bytes) {
  core::InitSodiumOrAbort();
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), Bytes(bytes), bytes.size(), kVariant);
  text.pop_back();  // the encoder's NUL terminator
  return text;
}

Result<std::string> Base64Decode(std::string_view text) {
  core::InitSodiumOrAbort();
  // Padded base64 decodes to at most 3/4 of its length.
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return Status::InvalidInput("not base64 (standard alphabet, padded)");
  }
  bytes.resize(length);
  return bytes;
}

Result<std::array<uint8_t, 32>> Key32FromHex(std::string_view hex) {
  std::array<uint8_t, 32> key{};
  size_t length = 0;
  const bool hex_shaped =
      hex.size() == 64 && std::all_of(hex.begin(), hex.end(), core::IsLowerHexDigit);
  if (!hex_shaped ||
      sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &length, nullptr) !=
          0 ||
      length != key.size()) {
    return Status::InvalidInput("expected 64 hex digits");
  }
  return key;
}

std::string SignJsonDocument(std::span<const uint8_t, crypto_sign_SECRETKEYBYTES> secret_key,
                             const nlohmann::json& document_without_signature) {
  core::InitSodiumOrAbort();
  nlohmann::json document = document_without_signature;
  if (document.is_object()) document.erase("signature");
  // dump() throws on invalid UTF-8; such bytes are replaced here instead, and
  // VerifyJsonDocument refuses any document holding them, so a signature made
  // over a replacement never vouches for either spelling.
  const std::string text = document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::array<uint8_t, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr, Bytes(text), text.size(), secret_key.data());
  return core::HexOf(signature);
}

bool VerifyJsonDocument(std::span<const uint8_t, crypto_sign_PUBLICKEYBYTES> public_key,
                        const nlohmann::json& document_with_signature) {
  core::InitSodiumOrAbort();
  if (!document_with_signature.is_object()) return false;
  const auto it = document_with_signature.find("signature");
  if (it == document_with_signature.end() || !it->is_string()) return false;
  const std::string& hex = it->get_ref<const std::string&>();
  std::array<uint8_t, crypto_sign_BYTES> signature{};
  size_t length = 0;
  if (hex.size() != signature.size() * 2 ||
      !std::all_of(hex.begin(), hex.end(), core::IsLowerHexDigit) ||
      sodium_hex2bin(signature.data(), signature.size(), hex.data(), hex.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != signature.size()) {
    return false;
  }
  nlohmann::json document = document_with_signature;
  document.erase("signature");
  std::string text;
  try {
    text = document.dump();
  } catch (const nlohmann::json::exception&) {
    return false;  // invalid UTF-8 inside: never signed by SignJsonDocument as is
  }
  return crypto_sign_verify_detached(signature.data(), Bytes(text), text.size(),
                                     public_key.data()) == 0;
}

Result<PrivatePart> OpenPrivatePart(const ProvinceKeys& keys, std::string_view sealed) {
  Result<std::string> opened = OpenSealed(keys.sealing_public(), keys.sealing_secret(), sealed);
  if (!opened.ok()) return opened.status();
  Result<nlohmann::json> body = ParseBody(*opened);
  if (!body.ok()) return body.status().WithContext("sealed part");
  Result<PrivatePart> part = PrivatePartFromJson(*body);
  if (!part.ok()) return part.status().WithContext("sealed part");
  return part;
}

}  // namespace dvc::sync
