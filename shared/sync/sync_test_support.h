// Values shared by shared/sync's tests: a real dossier code, UUIDs, messages
// filled in as the gateway and the kiosk would. Header-only test support.
#pragma once

#include <cstdlib>
#include <string>

#include "dossier/dossier_code.h"
#include "sync/messages.h"

namespace dvc::sync::testing {

// A valid compact code of commune 12430, issuer 3 (check character included).
inline std::string CodeFor(uint32_t scrambled) {
  auto code = dossier::DossierCode::FromParts("12430", 3, scrambled);
  if (!code.ok()) std::abort();
  return code->compact();
}

inline dossier::Timestamp At(int y, int m, int d, int hh, int mm, int ss) {
  return dossier::Timestamp(std::chrono::sys_days(std::chrono::year(y) / m / d) +
                            std::chrono::hours(hh) + std::chrono::minutes(mm) +
                            std::chrono::seconds(ss));
}

// The error message of a failed read, or "" when it succeeded.
template <typename T>
std::string ErrorOf(const Result<T>& r) {
  return r.ok() ? "" : r.status().message();
}

inline constexpr const char* kId1 = "0b6f2a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
inline constexpr const char* kId2 = "7d1e9c20-5b4a-4f3e-9d2c-1b0a9f8e7d6c";
inline const std::string kHex64(64, 'a');
inline const std::string kHex128(128, 'b');

inline PushDossier SamplePushDossier(const char* id, uint32_t scrambled) {
  PushDossier d;
  d.id = id;
  d.code = CodeFor(scrambled);
  d.service_id = "chung-thuc-ban-sao";
  d.catalog_version = "2026.11.1";
  d.form_version = 1;
  d.created_at = At(2026, 11, 3, 2, 15, 0);
  d.kiosk_appointment = calendar::Date::Ymd(2026, 11, 5);
  d.attachments.push_back({"giay_khai_sinh", std::string(64, 'c'), 153600});
  // 48 bytes: the smallest sealed box (of an empty plaintext), base64.
  d.sealed = std::string(64, 'A');
  // Shaped like a kiosk's signed QR text (docs/receipt.md); the reader checks
  // only its length and characters, the gateway its signature.
  d.receipt_qr = "DVC1|" + d.code + "|chung-thuc-ban-sao|202611030915|20261105|k0123456789abcdef|" +
                 std::string(86, 'Q');
  return d;
}

}  // namespace dvc::sync::testing
