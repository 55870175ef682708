// Catalog versions: publishing (validate, version, sign with the kiosk keys),
// the signed bundles kiosks download, and the per-version cache that push
// validation uses. Every published version is kept: a dossier is checked
// against the version it was filled in on.
#include <filesystem>

#include "catalog/catalog.h"
#include "core/file_util.h"
#include "core/hex.h"
#include "service/gateway_service.h"
#include "service/service_impl.h"
#include "store/audit_log.h"
#include "store/transaction.h"

namespace dvc::gateway {
namespace {

using nlohmann::json;

bool IsSafeName(std::string_view name) {
  if (name.empty() || name.size() > 100 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

// catalog.json, agencies.json and services/<name>.json only: what LoadCatalog reads.
bool IsCatalogPath(std::string_view path) {
  if (path == "catalog.json" || path == "agencies.json") return true;
  constexpr std::string_view kServices = "services/";
  if (path.substr(0, kServices.size()) != kServices) return false;
  std::string_view name = path.substr(kServices.size());
  return IsSafeName(name) && name.size() > 5 && name.substr(name.size() - 5) == ".json";
}

// Builds the catalog from file texts exactly as LoadCatalog does from a folder
// (same parsers, same order, same cross-checks), without touching the disk.
Result<catalog::Catalog> CatalogFromFiles(const std::map<std::string, std::string>& files) {
  for (const auto& [path, text] : files) {
    if (!IsCatalogPath(path)) {
      return Status::InvalidInput(path +
                                  ": not a catalog file (catalog.json, agencies.json, "
                                  "services/<id>.json)");
    }
  }
  auto header_it = files.find("catalog.json");
  if (header_it == files.end()) return Status::InvalidInput("catalog.json is missing");
  auto agencies_it = files.find("agencies.json");
  if (agencies_it == files.end()) return Status::InvalidInput("agencies.json is missing");
  auto header = catalog::ParseCatalogHeader(header_it->second, "catalog.json");
  if (!header.ok()) return header.status();
  auto agencies = catalog::ParseAgencies(agencies_it->second, "agencies.json");
  if (!agencies.ok()) return agencies.status();
  std::vector<catalog::Service> services;
  for (const auto& [path, text] : files) {  // std::map: file-name order, as LoadCatalog
    if (path.rfind("services/", 0) != 0) continue;
    auto service = catalog::ParseService(text, path);
    if (!service.ok()) return service.status();
    services.push_back(std::move(service).value());
  }
  return catalog::AssembleCatalog(std::move(header).value(), std::move(agencies).value(),
                                  std::move(services));
}

Result<std::map<std::string, std::string>> FilesFromJson(const std::string& text) {
  try {
    json files = json::parse(text);
    std::map<std::string, std::string> out;
    for (const auto& [path, value] : files.items()) out[path] = value.get<std::string>();
    return out;
  } catch (const json::exception& e) {
    return Status::Corrupt(std::string("stored catalog files: ") + e.what());
  }
}

}  // namespace

Result<std::shared_ptr<const catalog::Catalog>> GatewayService::Impl::CatalogOf(
    const std::string& version) {
  {
    std::lock_guard lock(catalog_mu);
    if (auto it = catalogs.find(version); it != catalogs.end()) return it->second;
  }
  auto db = readers->Acquire();
  if (!db.ok()) return db.status();
  auto select = (*db)->Prepare("read catalog files",
                               "SELECT files_json FROM catalog_versions WHERE version = ?");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindText(1, version));
  auto row = select->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::shared_ptr<const catalog::Catalog>();
  auto files = FilesFromJson(select->ColumnText(0));
  if (!files.ok()) return files.status();
  auto loaded = CatalogFromFiles(*files);
  if (!loaded.ok()) return loaded.status().WithContext("published catalog " + version);
  auto shared = std::make_shared<const catalog::Catalog>(std::move(loaded).value());
  std::lock_guard lock(catalog_mu);
  return catalogs.emplace(version, std::move(shared)).first->second;
}

std::optional<sync::CatalogPointer> GatewayService::Impl::CurrentCatalog() {
  {
    std::lock_guard lock(catalog_mu);
    if (current_catalog_known) return current_catalog;
  }
  auto db = readers->Acquire();
  if (!db.ok()) return std::nullopt;
  auto select = (*db)->Prepare("current catalog",
                               "SELECT version, signature FROM catalog_versions "
                               "ORDER BY seq DESC LIMIT 1");
  if (!select.ok()) return std::nullopt;
  auto row = select->Step();
  if (!row.ok()) return std::nullopt;
  std::optional<sync::CatalogPointer> pointer;
  if (*row) pointer = sync::CatalogPointer{select->ColumnText(0), select->ColumnText(1)};
  std::lock_guard lock(catalog_mu);
  if (!current_catalog_known) {
    current_catalog = pointer;
    current_catalog_known = true;
  }
  return current_catalog;
}

void GatewayService::Impl::SetCurrentCatalog(sync::CatalogPointer pointer) {
  std::lock_guard lock(catalog_mu);
  current_catalog = std::move(pointer);
  current_catalog_known = true;
}

Status GatewayService::BootstrapCatalog() {
  if (impl_->options.catalog_dir.empty() || impl_->CurrentCatalog()) return Status::Ok();
  const std::string& dir = impl_->options.catalog_dir;
  std::map<std::string, std::string> files;
  for (const char* name : {"catalog.json", "agencies.json"}) {
    auto text = core::ReadFile(dir + "/" + name);
    if (!text.ok()) return text.status();
    files[name] = std::move(text).value();
  }
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir + "/services", ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!it->is_regular_file(ec) || name.size() < 6 || name.substr(name.size() - 5) != ".json") {
      continue;
    }
    auto text = core::ReadFile(it->path().string());
    if (!text.ok()) return text.status();
    files["services/" + name] = std::move(text).value();
  }
  if (ec) return Status::Io(dir + "/services: " + ec.message());
  auto published = PublishCatalog(files, "bootstrap");
  if (!published.ok()) {
    return Status::InvalidInput("bootstrap catalog " + dir + ": " + published.error().message);
  }
  return Status::Ok();
}

ApiResult<PublishedCatalog> GatewayService::PublishCatalog(
    const std::map<std::string, std::string>& files, std::string_view actor) {
  auto loaded = CatalogFromFiles(files);
  if (!loaded.ok()) return MakeApiError(422, "invalid_catalog", loaded.status().message());
  const std::string version = loaded->version();
  json files_text = json::object();  // path -> exact text (what is validated again later)
  json files_json = json::object();  // path -> parsed JSON (the bundle kiosks get)
  try {
    for (const auto& [path, text] : files) {
      files_text[path] = text;
      files_json[path] = json::parse(text);
    }
  } catch (const json::exception& e) {
    return MakeApiError(422, "invalid_catalog", std::string("catalog file: ") + e.what());
  }
  const std::string stored_files = files_text.dump();
  const std::vector<uint8_t> content_hash = Sha256(files_json.dump());
  const int64_t now = impl_->NowS();

  std::lock_guard lock(impl_->write_mu);
  store::Database& db = *impl_->writer;
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return InternalError(tx.status());
  auto existing = db.Prepare("find catalog version",
                             "SELECT content_hash, published_at, signature FROM catalog_versions "
                             "WHERE version = ?");
  if (!existing.ok()) return InternalError(existing.status());
  if (auto s = existing->BindText(1, version); !s.ok()) return InternalError(s);
  auto row = existing->Step();
  if (!row.ok()) return InternalError(row.status());
  if (*row) {
    if (existing->ColumnBlob(0) != content_hash) {
      return MakeApiError(409, "version_conflict",
                          "catalog version " + version +
                              " is already published with other content; raise the version in "
                              "catalog.json");
    }
    return PublishedCatalog{version, FromUnix(existing->ColumnInt64(1)), existing->ColumnText(2),
                            true};
  }
  existing->Reset();
  json keys = json::array();
  auto kiosks = db.Prepare("kiosk keys",
                           "SELECT signer_id, public_key, revoked_at IS NOT NULL FROM kiosks "
                           "ORDER BY kiosk_id");
  if (!kiosks.ok()) return InternalError(kiosks.status());
  while (true) {
    auto k = kiosks->Step();
    if (!k.ok()) return InternalError(k.status());
    if (!*k) break;
    keys.push_back({{"signer_id", kiosks->ColumnText(0)},
                    {"public_key", core::HexOf(kiosks->ColumnBlob(1))},
                    {"revoked", kiosks->ColumnInt64(2) != 0}});
  }
  json bundle = {{"version", version},
                 {"published_at", dossier::FormatTimestamp(FromUnix(now))},
                 {"files", files_json},
                 {"kiosk_keys", keys}};
  const std::string signature =
      sync::SignJsonDocument(impl_->options.keys->signing_secret(), bundle);
  bundle["signature"] = signature;
  auto insert = db.Prepare("insert catalog version",
                           "INSERT INTO catalog_versions(version, published_at, content_hash, "
                           "files_json, bundle_json, signature) VALUES(?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return InternalError(insert.status());
  Status s = insert->BindText(1, version);
  if (s.ok()) s = insert->BindInt64(2, now);
  if (s.ok()) s = insert->BindBlob(3, content_hash);
  if (s.ok()) s = insert->BindText(4, stored_files);
  if (s.ok()) s = insert->BindText(5, bundle.dump());
  if (s.ok()) s = insert->BindText(6, signature);
  if (s.ok()) s = insert->Run();
  if (s.ok()) {
    s = AppendAudit(db, now, actor, "catalog.publish", version,
                    std::to_string(files.size()) + " files, " + std::to_string(keys.size()) +
                        " kiosk keys, content sha256 " + core::HexOf(content_hash));
  }
  if (s.ok()) s = tx->Commit();
  if (!s.ok()) return InternalError(s);
  {
    std::lock_guard catalog_lock(impl_->catalog_mu);
    impl_->catalogs.emplace(version,
                            std::make_shared<const catalog::Catalog>(std::move(loaded).value()));
  }
  impl_->SetCurrentCatalog({version, signature});
  return PublishedCatalog{version, FromUnix(now), signature, false};
}

ApiResult<std::string> GatewayService::CatalogBundle(std::string_view version) {
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return InternalError(db.status());
  auto select = (*db)->Prepare("read catalog bundle",
                               "SELECT bundle_json FROM catalog_versions WHERE version = ?");
  if (!select.ok()) return InternalError(select.status());
  if (auto s = select->BindText(1, version); !s.ok()) return InternalError(s);
  auto row = select->Step();
  if (!row.ok()) return InternalError(row.status());
  if (!*row) {
    return MakeApiError(404, "unknown_catalog_version",
                        "catalog version " + std::string(version) + " is not published");
  }
  return select->ColumnText(0);
}

}  // namespace dvc::gateway
