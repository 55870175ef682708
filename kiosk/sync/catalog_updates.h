// Catalog updates from the province (docs/sync-api.md, GET /v1/catalog/<v>):
// a bundle verified with the province's signing key is written durably under
// <data_dir>/catalog/<version>/ (its files, and the signed bundle itself as
// bundle.json), first into a ".partial-" directory that is renamed into place
// once every file is fsync'd, so a power cut leaves either nothing or the whole
// version. It takes effect at the next start: the kiosk then prefers the
// newest installed version whose bundle still verifies over the configured
// catalog_dir.
//
// Thread-safety: functions touching only their arguments' paths; the sync
// worker installs, main reads at start.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace dvc::kiosk {

// <data_dir>/catalog
std::string CatalogUpdatesDir(const std::string& data_dir);

// Orders versions "2026.11.2" < "2026.11.10" < "2027.1.1": dot-separated
// numbers compared as numbers, any other part as text. <0, 0, >0.
int CompareCatalogVersions(std::string_view a, std::string_view b);

// True when <data_dir>/catalog/<version>/bundle.json exists.
bool IsCatalogInstalled(const std::string& data_dir, std::string_view version);

// Checks `bundle` (signature by `province_signing_key` over everything but
// "signature", "version" equal to `version`, every file path relative without
// "..") and writes it. Already installed: Ok. Errors: kInvalidInput naming
// what failed verification; kIo.
Status InstallCatalogBundle(const std::string& data_dir, std::string_view version,
                            const nlohmann::json& bundle,
                            std::span<const uint8_t, 32> province_signing_key);

struct InstalledCatalog {
  std::string version;
  std::string dir;  // use as catalog_dir
};

// The newest installed version whose bundle.json verifies and whose files on
// disk are the bundle's; nullopt when there is none. Versions that fail are
// skipped (a note for each goes to `problems` when not null).
std::optional<InstalledCatalog> NewestInstalledCatalog(
    const std::string& data_dir, std::span<const uint8_t, 32> province_signing_key,
    std::string* problems = nullptr);

}  // namespace dvc::kiosk
