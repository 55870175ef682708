#include "service/receipts_verify.h"

#include <sodium.h>

#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "sync/sealing.h"

namespace dvc::gateway {

namespace {

// 64 hex digits (either case) as a 32-byte key; nullopt otherwise.
std::optional<receipt::PublicKey> KeyFromHex(std::string_view hex) {
  receipt::PublicKey key{};
  if (hex.size() != key.size() * 2) return std::nullopt;
  for (char c : hex) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  size_t written = 0;
  if (sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &written, nullptr) !=
          0 ||
      written != key.size()) {
    return std::nullopt;
  }
  return key;
}

std::string_view Trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

Result<KioskKeyEntry> EntryFromJson(const nlohmann::json& entry, size_t index) {
  const std::string where = "kiosk_keys[" + std::to_string(index) + "]";
  if (!entry.is_object() || !entry.contains("signer_id") || !entry["signer_id"].is_string() ||
      !entry.contains("public_key") || !entry["public_key"].is_string() ||
      !entry.contains("revoked") || !entry["revoked"].is_boolean()) {
    return Status::InvalidInput(where + ": needs signer_id, public_key and revoked");
  }
  std::optional<receipt::PublicKey> key = KeyFromHex(entry["public_key"].get<std::string>());
  if (!key) return Status::InvalidInput(where + ": public_key is not 64 hex digits");
  KioskKeyEntry out;
  out.signer_id = entry["signer_id"].get<std::string>();
  out.public_key = *key;
  out.revoked = entry["revoked"].get<bool>();
  // The id follows from the key: a list that pairs them otherwise is wrong,
  // whoever signed it.
  if (out.signer_id != receipt::KioskSignerId(out.public_key)) {
    return Status::InvalidInput(where + ": signer_id " + out.signer_id +
                                " does not belong to its public_key");
  }
  return out;
}

}  // namespace

Result<receipt::PublicKey> ParseProvinceKey(std::string_view text) {
  std::optional<receipt::PublicKey> key = KeyFromHex(Trim(text));
  if (!key) {
    return Status::InvalidInput(
        "the province key file must hold the signing key as 64 hex digits (as printed by "
        "`sms-gateway keys init`)");
  }
  return *key;
}

Result<std::vector<KioskKeyEntry>> ReadKioskKeys(std::string_view document_text,
                                                 const receipt::PublicKey& province_key) {
  nlohmann::json doc = nlohmann::json::parse(document_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::InvalidInput("the kiosk key list is not a JSON object");
  }
  if (!doc.contains("kiosk_keys") || !doc["kiosk_keys"].is_array()) {
    return Status::InvalidInput("the kiosk key list has no kiosk_keys array");
  }
  if (!doc.contains("signature") || !doc["signature"].is_string()) {
    return Status::InvalidInput("the kiosk key list is not signed (no signature)");
  }
  if (!sync::VerifyJsonDocument(province_key, doc)) {
    return Status::Corrupt(
        "the kiosk key list is not signed by this province key (altered, or another "
        "province's)");
  }
  std::vector<KioskKeyEntry> entries;
  const nlohmann::json& list = doc["kiosk_keys"];
  for (size_t i = 0; i < list.size(); ++i) {
    Result<KioskKeyEntry> entry = EntryFromJson(list[i], i);
    if (!entry.ok()) return entry.status();
    entries.push_back(std::move(*entry));
  }
  return entries;
}

Result<ReceiptProof> VerifyReceiptPayload(std::string_view payload,
                                          const receipt::PublicKey& province_key,
                                          const std::vector<KioskKeyEntry>& kiosks) {
  const receipt::PublicKeyLookup lookup =
      [&](std::string_view signer_id) -> std::optional<receipt::PublicKey> {
    if (signer_id == receipt::kProvinceSignerId) return province_key;
    for (const KioskKeyEntry& k : kiosks) {
      if (k.signer_id == signer_id) {
        if (k.revoked) return std::nullopt;
        return k.public_key;
      }
    }
    return std::nullopt;
  };
  Result<receipt::QrFields> fields = receipt::VerifyQrPayload(payload, lookup);
  if (!fields.ok()) {
    if (fields.status().code() == ErrorCode::kNotFound) {
      return Status::NotFound(fields.status().message() +
                              " (not in the province's kiosk list, or revoked)");
    }
    return fields.status();
  }
  ReceiptProof proof;
  proof.signed_by_province = fields->signer_id == receipt::kProvinceSignerId;
  proof.fields = std::move(*fields);
  return proof;
}

std::string DescribeProof(const ReceiptProof& proof) {
  const receipt::QrFields& f = proof.fields;
  const std::string signer =
      proof.signed_by_province ? std::string("Tỉnh (P)") : "kiosk " + f.signer_id;
  char received[32];
  std::snprintf(received, sizeof received, "%02d:%02d %s", f.received.time.hour,
                f.received.time.minute, f.received.date.ToIso().c_str());
  std::string out;
  out += "Biên nhận HỢP LỆ / receipt VALID\n";
  out += "  Mã hồ sơ / dossier code: " + f.dossier_code + "\n";
  out += "  Thủ tục / procedure:     " + f.procedure_code + "\n";
  out += "  Tiếp nhận / received:    " + std::string(received) + "\n";
  out += "  Hẹn trả / appointment:   " + f.appointment.ToIso() + "\n";
  out += "  Ký bởi / signed by:      " + signer + "\n";
  out += proof.signed_by_province
             ? "Chữ ký của tỉnh: nội dung trên do tỉnh xác nhận.\n"
               "The province's signature: the province vouches for these fields.\n"
             : "Chữ ký của kiosk đã đăng ký với tỉnh (danh sách khóa do tỉnh ký): nội dung trên "
               "do kiosk đó cấp.\n"
               "Signed by a kiosk enrolled with the province (key list signed by the province): "
               "that kiosk issued these fields.\n";
  out +=
      "Không chứng minh trạng thái hiện tại của hồ sơ. / It does not prove the dossier's "
      "current status.\n";
  return out;
}

}  // namespace dvc::gateway
