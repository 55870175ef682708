// Helpers for the sync-side outbox tests (header only, not part of the
// library): a province key pair in a scratch folder, an enrolment to it, and
// opening what a sealed push envelope carries.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "outbox/enrolment_store.h"
#include "outbox/outbox_test_support.h"
#include "store/scratch_dir.h"
#include "sync/messages.h"
#include "sync/sealing.h"

namespace dvc::kiosk::testing {

// The province's keys, made once per test in `scratch`/province.
inline sync::ProvinceKeys MakeProvinceKeys(const store::ScratchDir& scratch) {
  auto keys = sync::ProvinceKeys::Create(scratch.File("province"));
  if (!keys.ok()) {
    ADD_FAILURE() << keys.status().message();
    std::abort();
  }
  return std::move(keys).value();
}

// What the gateway would answer to kiosk 17 of commune 12430, issuer 3.
inline Enrolment TestEnrolment(const sync::ProvinceKeys& keys, uint32_t issuer = 3) {
  Enrolment e;
  e.kiosk_id = 17;
  e.commune_code = "12430";
  e.name = "Kiosk 1";
  e.issuer = issuer;
  e.signer_id = "K17";
  e.province = keys.PublicKeys();
  e.gateway_url = "https://gateway.test";
  e.enrolled_at = dossier::Timestamp(std::chrono::seconds(1795000000));
  return e;
}

// Opens a push envelope's sealed part with the province's secret key.
inline Result<sync::PrivatePart> OpenPrivatePart(const sync::ProvinceKeys& keys,
                                                 const std::string& sealed_base64) {
  auto sealed = sync::Base64Decode(sealed_base64);
  if (!sealed.ok()) return sealed.status();
  return sync::OpenPrivatePart(keys, *sealed);
}

// Writes `bytes` to `scratch`/`name` (a scanned document) and returns its path.
inline std::string WriteFileIn(const store::ScratchDir& scratch, const std::string& name,
                               const std::string& bytes) {
  const std::string path = scratch.File(name);
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return path;
}

}  // namespace dvc::kiosk::testing
