#include "receipt/qr_payload.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/hex.h"
#include "core/sodium_init.h"
#include "dossier/dossier_code.h"

namespace dvc::receipt {
namespace {

// Field positions in the signed text.
enum FieldIndex : size_t {
  kTag = 0,
  kCode,
  kProcedure,
  kReceived,
  kAppointment,
  kSigner,
  kSignature,
  kFieldCount
};
constexpr size_t kUnsignedFieldCount = kSigner;

constexpr size_t kSignatureChars = 86;  // base64url, no padding, of 64 bytes

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsProcedureChar(char c) { return IsAlnum(c) || c == '.' || c == '_' || c == '-'; }

Status CheckProcedure(std::string_view v) {
  if (v.empty()) return Status::InvalidInput("procedure code is empty");
  if (v.size() > kMaxProcedureCodeBytes) {
    return Status::InvalidInput("procedure code is longer than " +
                                std::to_string(kMaxProcedureCodeBytes) + " bytes");
  }
  if (!std::all_of(v.begin(), v.end(), IsProcedureChar)) {
    return Status::InvalidInput(
        "procedure code may contain only letters, digits, '.', '_' and '-'");
  }
  return Status::Ok();
}

Status CheckSigner(std::string_view v) {
  if (IsSignerId(v)) return Status::Ok();
  return Status::InvalidInput(
      "signer id must be \"P\" (the province) or \"k\" and 16 hex digits "
      "(a kiosk)");
}

Status CheckDossierCode(std::string_view v) {
  Result<dossier::DossierCode> code = dossier::ParseDossierCode(v);
  if (!code.ok()) return code.status().WithContext("dossier code");
  if (code->compact() != v) {
    return Status::InvalidInput("dossier code must be in its compact form (" + code->compact() +
                                ")");
  }
  return Status::Ok();
}

// Splits on '|'; an empty field stays (so "a||b" has three fields).
std::vector<std::string_view> Split(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t bar = text.find('|', start);
    if (bar == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, bar - start));
    start = bar + 1;
  }
}

int Digits(std::string_view s, size_t pos, size_t n) {
  int value = 0;
  for (size_t i = pos; i < pos + n; ++i) value = value * 10 + (s[i] - '0');
  return value;
}

Status CheckDigits(std::string_view s, size_t n, const char* name, const char* shape) {
  if (s.size() != n || !std::all_of(s.begin(), s.end(), IsDigit)) {
    return Status::InvalidInput(std::string(name) + " must be " + shape);
  }
  return Status::Ok();
}

Result<calendar::LocalDateTime> ParseReceived(std::string_view s) {
  DVC_RETURN_IF_ERROR(CheckDigits(s, 12, "receipt time", "12 digits YYYYMMDDHHMM"));
  Result<calendar::Date> date =
      calendar::Date::FromYmd(Digits(s, 0, 4), Digits(s, 4, 2), Digits(s, 6, 2));
  if (!date.ok()) return date.status().WithContext("receipt time");
  Result<calendar::TimeOfDay> time =
      calendar::TimeOfDay::FromHms(Digits(s, 8, 2), Digits(s, 10, 2));
  if (!time.ok()) return time.status().WithContext("receipt time");
  return calendar::LocalDateTime{*date, *time};
}

Result<calendar::Date> ParseAppointment(std::string_view s) {
  DVC_RETURN_IF_ERROR(CheckDigits(s, 8, "appointment date", "8 digits YYYYMMDD"));
  Result<calendar::Date> date =
      calendar::Date::FromYmd(Digits(s, 0, 4), Digits(s, 4, 2), Digits(s, 6, 2));
  if (!date.ok()) return date.status().WithContext("appointment date");
  return date;
}

std::string FormatReceived(const calendar::LocalDateTime& t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d", t.date.year(), t.date.month(),
                t.date.day(), t.time.hour, t.time.minute);
  return buf;
}

std::string FormatDate(const calendar::Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year(), d.month(), d.day());
  return buf;
}

// Parses the unsigned fields (tag .. appointment) of `parts`.
Result<QrFields> ParseUnsigned(const std::vector<std::string_view>& parts) {
  if (parts[kTag] != kQrFormatTag) {
    return Status::InvalidInput("not a receipt QR code: it must start with \"" +
                                std::string(kQrFormatTag) + "|\"");
  }
  QrFields fields;
  DVC_RETURN_IF_ERROR(CheckDossierCode(parts[kCode]));
  fields.dossier_code = std::string(parts[kCode]);
  DVC_RETURN_IF_ERROR(CheckProcedure(parts[kProcedure]));
  fields.procedure_code = std::string(parts[kProcedure]);
  Result<calendar::LocalDateTime> received = ParseReceived(parts[kReceived]);
  if (!received.ok()) return received.status();
  fields.received = *received;
  Result<calendar::Date> appointment = ParseAppointment(parts[kAppointment]);
  if (!appointment.ok()) return appointment.status();
  fields.appointment = *appointment;
  return fields;
}

Status FieldCountError(size_t got, size_t want) {
  return Status::InvalidInput("a receipt QR code has " + std::to_string(want) +
                              " fields separated by '|', this one has " + std::to_string(got));
}

}  // namespace

std::string KioskSignerId(const PublicKey& public_key) {
  core::InitSodiumOrAbort();
  uint8_t hash[32];  // BLAKE2b-256
  crypto_generichash(hash, sizeof hash, public_key.data(), public_key.size(), nullptr, 0);
  return "k" + core::HexOf(std::span<const uint8_t>(hash, (kKioskSignerIdBytes - 1) / 2));
}

bool IsSignerId(std::string_view signer_id) {
  if (signer_id == kProvinceSignerId) return true;
  return signer_id.size() == kKioskSignerIdBytes && signer_id[0] == 'k' &&
         std::all_of(signer_id.begin() + 1, signer_id.end(), core::IsLowerHexDigit);
}

Result<std::string> QrPayloadFields(const QrFields& fields) {
  DVC_RETURN_IF_ERROR(CheckDossierCode(fields.dossier_code));
  DVC_RETURN_IF_ERROR(CheckProcedure(fields.procedure_code));
  std::string out(kQrFormatTag);
  for (const std::string& part :
       {fields.dossier_code, fields.procedure_code, FormatReceived(fields.received),
        FormatDate(fields.appointment)}) {
    out += '|';
    out += part;
  }
  return out;
}

Result<SignedQr> SignQrPayload(std::string_view unsigned_payload,
                               std::span<const uint8_t> secret_key, std::string_view signer_id) {
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) {
    return Status::InvalidInput("an Ed25519 secret key has " +
                                std::to_string(crypto_sign_SECRETKEYBYTES) + " bytes, not " +
                                std::to_string(secret_key.size()));
  }
  DVC_RETURN_IF_ERROR(CheckSigner(signer_id));
  const std::vector<std::string_view> parts = Split(unsigned_payload);
  if (parts.size() != kUnsignedFieldCount) {
    return FieldCountError(parts.size(), kUnsignedFieldCount);
  }
  Result<QrFields> parsed = ParseUnsigned(parts);
  if (!parsed.ok()) return parsed.status();

  std::string text(unsigned_payload);
  text += '|';
  text += signer_id;
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  std::array<uint8_t, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const uint8_t*>(text.data()),
                       text.size(), secret_key.data());
  char encoded[sodium_base64_ENCODED_LEN(crypto_sign_BYTES,
                                         sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, signature.data(), signature.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text += '|';
  text += encoded;
  if (text.size() > kMaxQrPayloadBytes) {
    return Status::InvalidInput("the QR payload would be " + std::to_string(text.size()) +
                                " bytes; a version-10 QR code at level M holds " +
                                std::to_string(kMaxQrPayloadBytes));
  }
  return SignedQr{std::move(text)};
}

Result<QrFields> VerifyQrPayload(std::string_view text, const PublicKeyLookup& lookup) {
  if (text.size() > kMaxQrPayloadBytes) {
    return Status::InvalidInput("not a receipt QR code: " + std::to_string(text.size()) +
                                " bytes, more than " + std::to_string(kMaxQrPayloadBytes));
  }
  const std::vector<std::string_view> parts = Split(text);
  if (parts.size() != kFieldCount) {
    if (!parts.empty() && parts[kTag] != kQrFormatTag) {
      return Status::InvalidInput("not a receipt QR code: it must start with \"" +
                                  std::string(kQrFormatTag) + "|\"");
    }
    return FieldCountError(parts.size(), kFieldCount);
  }
  Result<QrFields> fields = ParseUnsigned(parts);
  if (!fields.ok()) return fields.status();
  DVC_RETURN_IF_ERROR(CheckSigner(parts[kSigner]));
  fields->signer_id = std::string(parts[kSigner]);

  const std::string_view sig_text = parts[kSignature];
  std::array<uint8_t, crypto_sign_BYTES> signature{};
  size_t decoded = 0;
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  if (sig_text.size() != kSignatureChars ||
      sodium_base642bin(signature.data(), signature.size(), sig_text.data(), sig_text.size(),
                        nullptr, &decoded, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      decoded != signature.size()) {
    return Status::InvalidInput("signature must be " + std::to_string(kSignatureChars) +
                                " base64url characters (64 bytes)");
  }

  std::optional<PublicKey> key = lookup ? lookup(fields->signer_id) : std::nullopt;
  if (!key) {
    return Status::NotFound("unknown signer \"" + fields->signer_id +
                            "\": not an enrolled kiosk or the province (update the key list)");
  }
  const size_t signed_length = text.size() - sig_text.size() - 1;
  if (crypto_sign_verify_detached(signature.data(), reinterpret_cast<const uint8_t*>(text.data()),
                                  signed_length, key->data()) != 0) {
    return Status::Corrupt(
        "the signature does not match: this receipt was altered or was not "
        "signed by " +
        fields->signer_id);
  }
  return fields;
}

}  // namespace dvc::receipt
