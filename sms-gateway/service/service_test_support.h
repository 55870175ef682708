// Fixtures shared by the gateway's tests (service/ and http/): a service on
// a scratch data directory with the repository's reference data, a small
// test catalog, enrolment requests and sealed private parts as a kiosk makes
// them. Test-only: included by *_test.cc files, never by the library.
//
// Thread-safety: plain functions of their arguments.
#pragma once

#include <sodium.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/file_util.h"
#include "core/hex.h"
#include "dossier/timestamp.h"
#include "service/gateway_service.h"
#include "service/sms_commands.h"
#include "service/sms_notifications.h"
#include "store/scratch_dir.h"
#include "sync/messages.h"
#include "sync/request_signature.h"
#include "sync/sealing.h"

namespace dvc::gateway::test_support {

// The test province's commune, catalog version and simple procedure, and a
// resident's phone as the SMSC gives it: what most service tests publish and submit.
inline constexpr char kCommune[] = "12430";
inline constexpr char kVersion[] = "2026.11.1";
inline constexpr char kService[] = "test-don-gian";
inline constexpr char kOwner[] = "84912345678";
// The operator token the HTTP tests configure.
inline const std::string kOperatorToken(64, 'a');

inline const std::string kSourceDir = DVC_SOURCE_DIR;

// Province keys created in `dir`/keys. Aborts the test binary on failure
// (value() of an error), which a scratch directory never gives.
inline std::shared_ptr<sync::ProvinceKeys> TestProvinceKeys(const store::ScratchDir& dir) {
  return std::make_shared<sync::ProvinceKeys>(sync::ProvinceKeys::Create(dir.File("keys")).value());
}

// Options for a service with its data in `dir`/data, the repository's
// reference data, units and holidays, the clock `now_ms` and `keys`.
inline GatewayServiceOptions TestServiceOptions(const store::ScratchDir& dir,
                                                std::shared_ptr<sync::ProvinceKeys> keys,
                                                std::function<int64_t()> now_ms) {
  GatewayServiceOptions o;
  o.data_dir = dir.File("data");
  o.reference_dir = kSourceDir + "/assets/reference";
  o.units_csv = kSourceDir + "/assets/units/units.csv";
  o.holidays_file = kSourceDir + "/assets/holidays/vn.json";
  o.now_ms = std::move(now_ms);
  o.keys = std::move(keys);
  return o;
}

// A service opened with TestServiceOptions; aborts the test binary when it
// cannot open (a scratch directory with the repository's data never fails:
// a failure here is a broken fixture, reported with its message).
inline std::unique_ptr<GatewayService> OpenTestService(const store::ScratchDir& dir,
                                                       std::shared_ptr<sync::ProvinceKeys> keys,
                                                       std::function<int64_t()> now_ms) {
  auto opened = GatewayService::Open(TestServiceOptions(dir, std::move(keys), std::move(now_ms)));
  if (!opened.ok()) {
    std::fprintf(stderr, "OpenTestService: %s\n", opened.status().message().c_str());
    std::abort();
  }
  return std::move(opened).value();
}

// The repository's "dang-ky-noi-quy-lao-dong" service renamed `service_id`,
// cut down to an organisation's name, a phone and the optional attachment
// field "related_rules", followed by `extra_fields`; one page shows them all.
inline nlohmann::json TestServiceJson(
    const std::string& service_id, const nlohmann::json& extra_fields = nlohmann::json::array()) {
  const std::string dir = kSourceDir + "/assets/catalog";
  nlohmann::json service = nlohmann::json::parse(
      core::ReadFile(dir + "/services/dang-ky-noi-quy-lao-dong.json").value());
  service["id"] = service_id;
  nlohmann::json& form = service["form"];
  nlohmann::json fields = nlohmann::json::array();
  for (const nlohmann::json& f : form["fields"]) {
    if (f["id"] == "org_name" || f["id"] == "phone" || f["id"] == "related_rules") {
      fields.push_back(f);
    }
  }
  for (const nlohmann::json& f : extra_fields) fields.push_back(f);
  nlohmann::json page_fields = nlohmann::json::array();
  for (const nlohmann::json& f : fields) page_fields.push_back(f["id"]);
  form["fields"] = fields;
  form["pages"] = nlohmann::json::array(
      {{{"title", {{"vi", "Trang"}, {"en", "Page"}}}, {"fields", page_fields}}});
  return service;
}

// The files of a catalog to publish: the repository's catalog header (its
// version replaced by `version` unless empty) and agencies, and `service`.
inline std::map<std::string, std::string> TestCatalogFiles(const std::string& version,
                                                           const nlohmann::json& service) {
  const std::string dir = kSourceDir + "/assets/catalog";
  std::map<std::string, std::string> files;
  nlohmann::json header = nlohmann::json::parse(core::ReadFile(dir + "/catalog.json").value());
  if (!version.empty()) header["version"] = version;
  files["catalog.json"] = header.dump();
  files["agencies.json"] = core::ReadFile(dir + "/agencies.json").value();
  files["services/" + service["id"].get<std::string>() + ".json"] = service.dump();
  return files;
}

// POST /v1/enroll's body for `code` with the kiosk key (`pk`, `sk`).
// Milliseconds since the epoch of an RFC 3339 UTC time ("2026-11-03T02:15:00Z"),
// for the tests' clocks.
inline int64_t MsAt(const char* utc) {
  return dossier::ParseTimestamp(utc)->time_since_epoch().count() * 1000;
}

// Publishes catalog 2026.11.1 holding the one test service `service_id`.
inline bool PublishTestCatalog(GatewayService& service, const std::string& service_id) {
  return service.PublishCatalog(TestCatalogFiles("2026.11.1", TestServiceJson(service_id)), "test")
      .ok();
}

// The SMS options of the tests: the repository's own texts (assets/sms),
// short code 8079, notifications from 07:00 to 21:00. Aborts if the assets
// cannot be read (every SMS test depends on them).
inline SmsDispatchOptions TestSmsDispatchOptions() {
  SmsDispatchOptions options;
  options.templates = LoadSmsTemplates(kSourceDir + "/assets/sms/notifications.json").value();
  options.short_code = "8079";
  options.send_hours = calendar::OfficeHours::Parse("07:00-21:00").value();
  return options;
}
inline MoOptions TestMoOptions() {
  MoOptions options;
  const std::string assets = kSourceDir + "/assets/sms";
  options.keywords = LoadMoKeywords(assets + "/mo_commands.json").value();
  options.replies = LoadMoReplies(assets + "/replies.json").value();
  options.short_code = "8079";
  return options;
}

inline sync::EnrollRequest MakeEnrollRequest(const std::string& code,
                                             const std::array<uint8_t, 32>& pk,
                                             const std::array<uint8_t, 64>& sk) {
  sync::EnrollRequest request;
  request.code = code;
  request.public_key = core::HexOf(pk);
  request.proof = sync::SignEnrolmentProof(sk, request.code, request.public_key);
  request.software = "test";
  return request;
}

// A dossier's `sealed` member: base64 of the private part (`answers`, the
// phone 0912345678 and `applicant_name`) sealed to the province's key.
inline std::string SealedPart(const sync::ProvinceKeys& keys, nlohmann::json answers,
                              const std::string& applicant_name = "Nguyễn Văn An") {
  sync::PrivatePart part;
  part.answers = std::move(answers);
  part.phone = "0912345678";
  part.applicant_name = applicant_name;
  return sync::Base64Encode(sync::Seal(keys.sealing_public(), sync::ToJson(part).dump()));
}

}  // namespace dvc::gateway::test_support
