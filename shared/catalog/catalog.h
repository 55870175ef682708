// The service catalog: loading assets/catalog/ (docs/catalog-format.md) into
// an immutable, cross-checked value with lookups by id.
//
// Every loader function refuses malformed data with a kInvalidInput Status
// naming the file and the JSON path. Nothing here throws.
// Thread-safety: a loaded Catalog is immutable; any number of threads may
// read it concurrently. The parse functions are pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/agency.h"
#include "catalog/bilingual.h"
#include "catalog/service.h"
#include "core/status.h"

namespace dvc::catalog {

// The catalog format number this code reads.
inline constexpr int kCatalogFormat = 1;

// A field (lĩnh vực) services belong to.
struct CatalogField {
  std::string id;
  Text name;
};

// A label of the online-service scale (Decree 42/2022), as named in catalog.json.
struct OnlineLabelName {
  OnlineLabel label = OnlineLabel::kMotPhan;
  Text name;
};

// The contents of catalog.json.
struct CatalogHeader {
  int format = kCatalogFormat;
  std::string version;
  std::string province_code;
  Text province_name;
  std::vector<CatalogField> fields;
  std::vector<OnlineLabelName> online_labels;
};

class Catalog {
 public:
  const CatalogHeader& header() const { return header_; }
  const std::string& version() const { return header_.version; }
  // Services sorted by id.
  const std::vector<Service>& services() const { return services_; }
  const std::vector<Agency>& agencies() const { return agencies_; }

  // Lookups; nullptr when no such id.
  const Service* FindService(std::string_view id) const;
  const Agency* FindAgency(std::string_view id) const;
  const CatalogField* FindField(std::string_view id) const;

  // The agency doing `id`'s work on `date`: `id` itself when it existed then,
  // otherwise the first successor in its chain valid on `date` (the 2013 "Sở
  // Thông tin và Truyền thông" → today's "Sở Khoa học và Công nghệ").
  // kNotFound for an unknown id or when no agency of the chain existed on
  // `date` (for instance before `id` was founded).
  Result<const Agency*> AgencyAt(std::string_view id, const calendar::Date& date) const;
  // `id`, then its successor, its successor's successor, ... (the chain
  // ends at an agency without successor). Empty for an unknown id.
  std::vector<const Agency*> SuccessorChain(std::string_view id) const;
  // Every agency whose successor chain passes through `id` (former names of
  // today's agency), in id order. Empty for an unknown id.
  std::vector<const Agency*> Predecessors(std::string_view id) const;

 private:
  friend Result<Catalog> AssembleCatalog(CatalogHeader header, std::vector<Agency> agencies,
                                         std::vector<Service> services,
                                         const std::string& source_dir);
  CatalogHeader header_;
  std::vector<Agency> agencies_;
  std::vector<Service> services_;
  std::map<std::string, size_t, std::less<>> service_index_;
  std::map<std::string, size_t, std::less<>> agency_index_;
};

// Parses catalog.json. `file_name` prefixes error messages.
Result<CatalogHeader> ParseCatalogHeader(std::string_view json_text, std::string_view file_name);
// Parses agencies.json (per-agency checks only; links are checked by AssembleCatalog).
Result<std::vector<Agency>> ParseAgencies(std::string_view json_text, std::string_view file_name);
// Parses one services/<id>.json, including its form's internal consistency
// (field ids, pages, visibility, options, ranges, patterns). References to
// agencies and catalog fields are checked by AssembleCatalog. When
// `file_name` ends in ".json", the service id must equal its stem.
Result<Service> ParseService(std::string_view json_text, std::string_view file_name);

// Builds a catalog from parsed parts and cross-checks it: unique ids, each
// service's field and agencies exist, successor ids exist, chains are
// acyclic and end at an agency in force. Services are sorted by id. Errors
// name the service file ("`source_dir`/services/<id>.json: $.lead_agency:
// ...") or "`source_dir`/agencies.json" (no directory when `source_dir` is empty).
Result<Catalog> AssembleCatalog(CatalogHeader header, std::vector<Agency> agencies,
                                std::vector<Service> services, const std::string& source_dir = "");

// Reads `dir`/catalog.json, `dir`/agencies.json and every `dir`/services/*.json
// (in file-name order). Error messages name files as "`dir`/services/x.json".
// kIo when a file cannot be read; kInvalidInput for bad content.
Result<Catalog> LoadCatalog(const std::string& dir);

}  // namespace dvc::catalog
