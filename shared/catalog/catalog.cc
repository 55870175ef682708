#include "catalog/catalog.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "catalog/catalog_json.h"
#include "catalog/file_names.h"
#include "core/file_util.h"

namespace dvc::catalog {
namespace {

std::string AgencyPath(size_t i) { return "$.agencies[" + std::to_string(i) + "]"; }

Status CheckAgencies(const std::vector<Agency>& agencies,
                     const std::map<std::string, size_t, std::less<>>& index,
                     const std::string& file) {
  for (size_t i = 0; i < agencies.size(); ++i) {
    const Agency& a = agencies[i];
    if (a.successor.empty()) continue;
    std::string where = file + ": " + AgencyPath(i) + ".successor: ";
    if (!index.count(a.successor))
      return Status::InvalidInput(where + "no agency \"" + a.successor + "\"");
    // Walk the chain; more steps than agencies means a loop.
    std::string chain = a.id;
    const Agency* cur = &a;
    for (size_t steps = 0; !cur->successor.empty(); ++steps) {
      cur = &agencies[index.find(cur->successor)->second];
      chain += " → " + cur->id;
      if (cur->id == a.id || steps > agencies.size()) {
        return Status::InvalidInput(where + "the successor chain loops (" + chain + ")");
      }
    }
    if (cur->valid_to) {
      return Status::InvalidInput(where + "the successor chain " + chain +
                                  " ends at an agency no longer in force (valid_to " +
                                  cur->valid_to->ToIso() + ")");
    }
  }
  return Status::Ok();
}

Status CheckServiceRefs(const Service& s, const CatalogHeader& header,
                        const std::map<std::string, size_t, std::less<>>& agency_index,
                        const std::string& dir) {
  std::string file = InDir(dir, "services/" + s.id + ".json") + ": ";
  auto has_field = [&](const std::string& id) {
    return std::any_of(header.fields.begin(), header.fields.end(),
                       [&](const CatalogField& f) { return f.id == id; });
  };
  if (!has_field(s.field)) {
    return Status::InvalidInput(file + "$.field: unknown field \"" + s.field +
                                "\" (not in catalog.json)");
  }
  if (!agency_index.count(s.lead_agency)) {
    return Status::InvalidInput(file + "$.lead_agency: unknown agency \"" + s.lead_agency + "\"");
  }
  for (size_t i = 0; i < s.co_agencies.size(); ++i) {
    if (!agency_index.count(s.co_agencies[i])) {
      return Status::InvalidInput(file + "$.co_agencies[" + std::to_string(i) +
                                  "]: unknown agency \"" + s.co_agencies[i] + "\"");
    }
  }
  return Status::Ok();
}

}  // namespace

const Service* Catalog::FindService(std::string_view id) const {
  auto it = service_index_.find(id);
  return it == service_index_.end() ? nullptr : &services_[it->second];
}

const Agency* Catalog::FindAgency(std::string_view id) const {
  auto it = agency_index_.find(id);
  return it == agency_index_.end() ? nullptr : &agencies_[it->second];
}

const CatalogField* Catalog::FindField(std::string_view id) const {
  for (const CatalogField& f : header_.fields) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::vector<const Agency*> Catalog::SuccessorChain(std::string_view id) const {
  std::vector<const Agency*> chain;
  // Chains are acyclic (checked at assembly), so this ends.
  for (const Agency* a = FindAgency(id); a != nullptr;
       a = a->successor.empty() ? nullptr : FindAgency(a->successor)) {
    chain.push_back(a);
  }
  return chain;
}

Result<const Agency*> Catalog::AgencyAt(std::string_view id, const calendar::Date& date) const {
  std::vector<const Agency*> chain = SuccessorChain(id);
  if (chain.empty()) return Status::NotFound("no agency \"" + std::string(id) + "\"");
  for (const Agency* a : chain) {
    if (a->ValidAt(date)) return a;
  }
  return Status::NotFound("no agency in the chain of \"" + std::string(id) + "\" existed on " +
                          date.ToIso());
}

std::vector<const Agency*> Catalog::Predecessors(std::string_view id) const {
  std::vector<const Agency*> out;
  if (FindAgency(id) == nullptr) return out;
  for (const Agency& a : agencies_) {
    if (a.id == id) continue;
    std::vector<const Agency*> chain = SuccessorChain(a.id);
    if (std::any_of(chain.begin(), chain.end(), [&](const Agency* c) { return c->id == id; })) {
      out.push_back(&a);
    }
  }
  std::sort(out.begin(), out.end(), [](const Agency* x, const Agency* y) { return x->id < y->id; });
  return out;
}

Result<Catalog> AssembleCatalog(CatalogHeader header, std::vector<Agency> agencies,
                                std::vector<Service> services, const std::string& source_dir) {
  Catalog c;
  std::string agencies_file = InDir(source_dir, "agencies.json");
  for (size_t i = 0; i < agencies.size(); ++i) {
    if (!c.agency_index_.emplace(agencies[i].id, i).second) {
      return Status::InvalidInput(agencies_file + ": " + AgencyPath(i) +
                                  ".id: duplicate agency id \"" + agencies[i].id + "\"");
    }
  }
  DVC_RETURN_IF_ERROR(CheckAgencies(agencies, c.agency_index_, agencies_file));
  std::sort(services.begin(), services.end(),
            [](const Service& a, const Service& b) { return a.id < b.id; });
  for (size_t i = 0; i < services.size(); ++i) {
    if (!c.service_index_.emplace(services[i].id, i).second) {
      return Status::InvalidInput(InDir(source_dir, "services/" + services[i].id + ".json") +
                                  ": $.id: duplicate service id \"" + services[i].id + "\"");
    }
    DVC_RETURN_IF_ERROR(CheckServiceRefs(services[i], header, c.agency_index_, source_dir));
  }
  c.header_ = std::move(header);
  c.agencies_ = std::move(agencies);
  c.services_ = std::move(services);
  return c;
}

Result<Catalog> LoadCatalog(const std::string& dir) {
  Result<std::string> header_text = core::ReadFile(InDir(dir, "catalog.json"));
  if (!header_text.ok()) return header_text.status();
  Result<CatalogHeader> header = ParseCatalogHeader(*header_text, InDir(dir, "catalog.json"));
  if (!header.ok()) return header.status();

  Result<std::string> agencies_text = core::ReadFile(InDir(dir, "agencies.json"));
  if (!agencies_text.ok()) return agencies_text.status();
  Result<std::vector<Agency>> agencies = ParseAgencies(*agencies_text, InDir(dir, "agencies.json"));
  if (!agencies.ok()) return agencies.status();

  std::vector<std::string> names;
  std::string services_dir = InDir(dir, "services");
  try {
    for (const auto& entry : std::filesystem::directory_iterator(services_dir)) {
      std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && JsonStem(name)) {
        names.push_back(name);
      }
    }
  } catch (const std::filesystem::filesystem_error& e) {
    return Status::Io(services_dir + ": cannot list the folder: " + e.code().message());
  }
  std::sort(names.begin(), names.end());
  std::vector<Service> services;
  for (const std::string& name : names) {
    std::string path = InDir(services_dir, name);
    Result<std::string> text = core::ReadFile(path);
    if (!text.ok()) return text.status();
    Result<Service> service = ParseService(*text, path);
    if (!service.ok()) return service.status();
    services.push_back(std::move(service).value());
  }
  return AssembleCatalog(std::move(header).value(), std::move(agencies).value(),
                         std::move(services), dir);
}

}  // namespace dvc::catalog
