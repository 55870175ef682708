// Helpers for the outbox tests and the submit benchmark (header only, not part
// of the library): the shipped catalog and reference tables, and a realistic,
// valid request for the certified-copy procedure.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "calendar/local_time.h"
#include "catalog/catalog.h"
#include "catalog/reference_data.h"
#include "catalog/units.h"
#include "outbox/outbox.h"

namespace dvc::kiosk::testing {

struct ShippedData {
  catalog::Catalog catalog;
  catalog::ReferenceData reference;
  catalog::UnitTable units;
};

// Loaded once; aborts with a message if the shipped assets do not load.
inline const ShippedData& Shipped() {
  static const ShippedData* const kData = [] {
    const std::string root = std::string(DVC_SOURCE_DIR) + "/assets";
    auto cat = catalog::LoadCatalog(root + "/catalog");
    auto ref = catalog::LoadReferenceData(root + "/reference");
    auto units = catalog::LoadUnits(root + "/units/units.csv");
    if (!cat.ok() || !ref.ok() || !units.ok()) {
      std::fprintf(stderr, "cannot load the shipped assets: %s %s %s\n",
                   cat.status().message().c_str(), ref.status().message().c_str(),
                   units.status().message().c_str());
      std::abort();
    }
    return new ShippedData{std::move(cat).value(), std::move(ref).value(),
                           std::move(units).value()};
  }();
  return *kData;
}

inline OutboxOptions TestOutboxOptions() {
  OutboxOptions options;
  options.commune_code = "12430";
  options.issuer = 7;
  options.catalog = &Shipped().catalog;
  options.reference = &Shipped().reference;
  options.units = &Shipped().units;
  return options;
}

// An outbox in `dir` with TestOutboxOptions; nullptr (and the reason on
// stderr) if it does not open.
inline std::unique_ptr<Outbox> OpenOutbox(const std::string& dir) {
  auto outbox = Outbox::Open(dir, TestOutboxOptions());
  if (outbox.ok()) return std::move(outbox).value();
  std::fprintf(stderr, "the outbox does not open: %s\n", outbox.status().message().c_str());
  return nullptr;
}

inline calendar::LocalDateTime At(int y, int mo, int d, int h, int mi) {
  return calendar::LocalDateTime{calendar::Date::Ymd(y, mo, d), calendar::TimeOfDay{h, mi, 0}};
}

// "Chứng thực bản sao từ bản chính": a walk-in's typical request.
inline SubmissionRequest CertifiedCopyRequest() {
  SubmissionRequest request;
  request.service_id = "chung-thuc-ban-sao";
  request.catalog_version = Shipped().catalog.version();
  request.form_version =
      static_cast<int>(Shipped().catalog.FindService(request.service_id)->form.version);
  request.answers = {{"full_name", "Nguyễn Văn An"},
                     {"citizen_id", "034090001234"},
                     {"phone", "0912345678"},
                     {"document_type", "van-bang"},
                     {"issuer", "Trường Đại học Thái Bình"},
                     {"pages", 2},
                     {"copies", 3}};
  request.phone = "0912345678";
  request.applicant_name = "Nguyễn Văn An";
  request.received = At(2026, 11, 27, 9, 15);
  request.appointment = At(2026, 11, 30, 9, 15);
  return request;
}

// "Đăng ký khai sinh" filled in by the mother, with the birth certificate scan
// `scan` attached.
inline SubmissionRequest BirthRequest(const dossier::AttachmentRef& scan,
                                      const std::string& mother_id, const std::string& mother_name,
                                      const std::string& phone) {
  SubmissionRequest request;
  request.service_id = "dang-ky-khai-sinh";
  request.catalog_version = Shipped().catalog.version();
  request.form_version = 2;
  request.answers = {{"child_name", "Nguyễn Minh Khôi"},
                     {"child_birth_date", "2026-11-20"},
                     {"child_sex", "nam"},
                     {"child_birth_place", "Bệnh viện Đa khoa tỉnh Thái Bình"},
                     {"child_ethnicity", "Kinh"},
                     {"child_nationality", "viet-nam"},
                     {"hometown", "Thái Bình"},
                     {"birth_cert_scan", {scan.sha256}},
                     {"mother_name", mother_name},
                     {"mother_id", mother_id},
                     {"requester_relation", "me"},
                     {"requester_name", mother_name},
                     {"phone", phone}};
  request.phone = phone;
  request.applicant_name = mother_name;
  request.received = At(2026, 11, 27, 10, 0);
  request.attachments.push_back(scan);
  return request;
}

}  // namespace dvc::kiosk::testing
