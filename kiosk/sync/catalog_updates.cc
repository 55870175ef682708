#include "sync/catalog_updates.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <system_error>
#include <vector>

#include "core/file_util.h"
#include "sync/messages.h"
#include "sync/sealing.h"

namespace dvc::kiosk {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBundleFile = "bundle.json";
constexpr uint64_t kMaxBundleBytes = 64u << 20;

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t dot = s.find('.', start);
    parts.push_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

bool SafeVersion(std::string_view v) {
  return !v.empty() && v.size() <= 64 && v != "." && v != ".." && !v.starts_with('.') &&
         std::all_of(v.begin(), v.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  c == '.' || c == '-' || c == '_';
         });
}

// A relative path of plain components ("services/khai-sinh.json").
bool SafeRelativePath(std::string_view p) {
  if (p.empty() || p.size() > 255 || p.front() == '/') return false;
  size_t start = 0;
  while (start <= p.size()) {
    size_t slash = p.find('/', start);
    if (slash == std::string_view::npos) slash = p.size();
    const std::string_view part = p.substr(start, slash - start);
    if (part.empty() || part == "." || part == ".." || !SafeVersion(part)) return false;
    if (slash == p.size()) break;
    start = slash + 1;
  }
  return true;
}

// Verifies signature, version and file names. Errors: kInvalidInput.
Status CheckBundle(std::string_view version, const nlohmann::json& bundle,
                   std::span<const uint8_t, 32> key) {
  if (!bundle.is_object()) return Status::InvalidInput("catalog bundle: not a JSON object");
  const auto v = bundle.find("version");
  if (v == bundle.end() || !v->is_string() || v->get<std::string>() != version) {
    return Status::InvalidInput("catalog bundle: not version " + std::string(version));
  }
  const auto files = bundle.find("files");
  if (files == bundle.end() || !files->is_object() || files->empty()) {
    return Status::InvalidInput("catalog bundle " + std::string(version) + ": no files");
  }
  for (const auto& [path, content] : files->items()) {
    if (!SafeRelativePath(path) || path == kBundleFile) {
      return Status::InvalidInput("catalog bundle " + std::string(version) +
                                  ": refusing the file name \"" + path + "\"");
    }
  }
  if (!sync::VerifyJsonDocument(key, bundle)) {
    return Status::InvalidInput("catalog bundle " + std::string(version) +
                                ": the province's signature does not verify");
  }
  return Status::Ok();
}

// Creates every missing directory from `root` down to `dir`, durably.
Status MakeDirs(const fs::path& dir) { return core::CreateDirectoriesDurably(dir.string()); }

}  // namespace

std::string CatalogUpdatesDir(const std::string& data_dir) {
  return (fs::path(data_dir) / "catalog").string();
}

int CompareCatalogVersions(std::string_view a, std::string_view b) {
  const std::vector<std::string_view> x = Split(a), y = Split(b);
  for (size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    if (i >= x.size()) return -1;
    if (i >= y.size()) return 1;
    uint64_t nx = 0, ny = 0;
    const bool x_num = !x[i].empty() && x[i].size() <= 18 &&
                       std::from_chars(x[i].data(), x[i].data() + x[i].size(), nx).ptr ==
                           x[i].data() + x[i].size();
    const bool y_num = !y[i].empty() && y[i].size() <= 18 &&
                       std::from_chars(y[i].data(), y[i].data() + y[i].size(), ny).ptr ==
                           y[i].data() + y[i].size();
    if (x_num && y_num) {
      if (nx != ny) return nx < ny ? -1 : 1;
    } else if (const int c = x[i].compare(y[i]); c != 0) {
      return c < 0 ? -1 : 1;
    }
  }
  return 0;
}

bool IsCatalogInstalled(const std::string& data_dir, std::string_view version) {
  if (!SafeVersion(version)) return false;
  std::error_code ec;
  return fs::is_regular_file(
      fs::path(CatalogUpdatesDir(data_dir)) / std::string(version) / std::string(kBundleFile), ec);
}

Status InstallCatalogBundle(const std::string& data_dir, std::string_view version,
                            const nlohmann::json& bundle,
                            std::span<const uint8_t, 32> province_signing_key) {
  if (!SafeVersion(version)) {
    return Status::InvalidInput("catalog version \"" + std::string(version) + "\" is not a name");
  }
  DVC_RETURN_IF_ERROR(CheckBundle(version, bundle, province_signing_key));
  if (IsCatalogInstalled(data_dir, version)) return Status::Ok();
  const fs::path root = CatalogUpdatesDir(data_dir);
  const fs::path partial = root / (".partial-" + std::string(version));
  const fs::path final_dir = root / std::string(version);
  std::error_code ec;
  fs::remove_all(partial, ec);  // a previous attempt cut short
  if (ec) return Status::Io(partial.string() + ": cannot remove: " + ec.message());
  DVC_RETURN_IF_ERROR(MakeDirs(partial));
  for (const auto& [path, content] : bundle["files"].items()) {
    const fs::path target = partial / path;
    DVC_RETURN_IF_ERROR(MakeDirs(target.parent_path()));
    DVC_RETURN_IF_ERROR(core::WriteFileAtomically(target.string(), content.dump(2) + "\n"));
  }
  DVC_RETURN_IF_ERROR(
      core::WriteFileAtomically((partial / std::string(kBundleFile)).string(), bundle.dump()));
  // Subdirectories were fsync'd as they were made and written; now the
  // rename, and the parent holding the new name.
  fs::remove_all(final_dir, ec);  // a directory without bundle.json is not a version
  fs::rename(partial, final_dir, ec);
  if (ec) return Status::Io(final_dir.string() + ": cannot rename into place: " + ec.message());
  return core::FsyncDirectory(root.string());
}

std::optional<InstalledCatalog> NewestInstalledCatalog(const std::string& data_dir,
                                                       std::span<const uint8_t, 32> key,
                                                       std::string* problems) {
  const fs::path root = CatalogUpdatesDir(data_dir);
  std::error_code ec;
  std::vector<std::string> versions;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (SafeVersion(name) && IsCatalogInstalled(data_dir, name)) versions.push_back(name);
  }
  std::sort(versions.begin(), versions.end(), [](const std::string& a, const std::string& b) {
    return CompareCatalogVersions(a, b) > 0;
  });
  auto note = [&](const std::string& text) {
    if (problems) *problems += (problems->empty() ? "" : "\n") + text;
  };
  for (const std::string& version : versions) {
    const fs::path dir = root / version;
    Result<std::string> text =
        core::ReadFile((dir / std::string(kBundleFile)).string(), kMaxBundleBytes);
    if (!text.ok()) {
      note(text.status().message());
      continue;
    }
    Result<nlohmann::json> bundle = sync::ParseBody(*text);
    if (!bundle.ok()) {
      // ParseBody refuses more than the sync body limit: parse directly then.
      try {
        bundle = nlohmann::json::parse(*text);
      } catch (const nlohmann::json::exception& e) {
        note(dir.string() + ": " + e.what());
        continue;
      }
    }
    if (Status checked = CheckBundle(version, *bundle, key); !checked.ok()) {
      note(checked.message());
      continue;
    }
    bool same = true;
    for (const auto& [path, content] : (*bundle)["files"].items()) {
      Result<std::string> file = core::ReadFile((dir / path).string(), kMaxBundleBytes);
      if (!file.ok()) {
        same = false;
        break;
      }
      try {
        same = nlohmann::json::parse(*file) == content;
      } catch (const nlohmann::json::exception&) {
        same = false;
      }
      if (!same) break;
    }
    if (!same) {
      note(dir.string() + ": its files differ from the signed bundle");
      continue;
    }
    return InstalledCatalog{version, dir.string()};
  }
  return std::nullopt;
}

}  // namespace dvc::kiosk
