// Helpers shared by the receipt tests (header only, not part of the library).
#pragma once

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <string>

#include "dossier/dossier_code.h"
#include "receipt/receipt.h"

namespace dvc::receipt::testing {

inline std::string SourceDir() { return DVC_SOURCE_DIR; }

// A deterministic Ed25519 key pair from a one-byte seed.
struct KeyPair {
  PublicKey public_key{};
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> secret_key{};
};

inline KeyPair KeysFromSeed(uint8_t seed_byte) {
  if (sodium_init() < 0) std::abort();
  std::array<uint8_t, crypto_sign_SEEDBYTES> seed{};
  seed.fill(seed_byte);
  KeyPair k;
  crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), seed.data());
  return k;
}

inline std::string Code(uint32_t issuer, uint32_t scrambled) {
  Result<dossier::DossierCode> code = dossier::DossierCode::FromParts("12345", issuer, scrambled);
  if (!code.ok()) std::abort();
  return code->compact();
}

// A typical receipt: birth registration at a commune kiosk, unsigned.
inline ReceiptData SampleData() {
  ReceiptData d;
  d.dossier_code = Code(7, 0x12345);
  d.procedure_id = "dang-ky-khai-sinh";
  d.national_code = "1.001193";
  d.procedure_name = "Đăng ký khai sinh";
  d.applicant_name = "Nguyễn Thị Hồng Nhung";
  d.applicant_phone = "0912 345 678";
  d.documents = {"Tờ khai đăng ký khai sinh (theo mẫu) (bản chính)", "Giấy chứng sinh (bản chính)",
                 "Giấy tờ tùy thân của người đi đăng ký (bản sao)"};
  d.processing_working_days = 3;
  d.received = calendar::LocalDateTime{calendar::Date::Ymd(2026, 11, 27), {8, 30, 15}};
  d.appointment = calendar::LocalDateTime{calendar::Date::Ymd(2026, 12, 2), {8, 30, 0}};
  d.collect_at = "Bộ phận Một cửa của Ủy ban nhân dân xã, phường nơi nộp hồ sơ";
  d.commune_name = "Xã Tân Hòa";
  d.kiosk_name = "Kiosk 1, nhà văn hóa thôn Đông";
  d.status_instruction = StatusCheckInstruction(d.dossier_code, "8079");
  d.signer_id = KioskSignerId(KeysFromSeed(1).public_key);
  return d;
}

// One renderer for every test of a binary (opening fonts once, as a kiosk does).
inline ReceiptRenderer& Renderer() {
  static const std::unique_ptr<ReceiptRenderer> renderer = [] {
    Result<std::unique_ptr<ReceiptRenderer>> r = ReceiptRenderer::Open(FontPaths{});
    if (!r.ok()) {
      ADD_FAILURE() << r.status().message();
      std::abort();
    }
    return std::move(*r);
  }();
  return *renderer;
}

inline ReceiptData SignedSampleData(const KeyPair& keys) {
  ReceiptData d = SampleData();
  Status s = SignReceipt(d, keys.secret_key);
  if (!s.ok()) ADD_FAILURE() << s.message();
  return d;
}

}  // namespace dvc::receipt::testing
