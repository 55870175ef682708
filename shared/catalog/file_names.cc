#include "catalog/file_names.h"

namespace dvc::catalog {

std::string InDir(std::string_view dir, std::string_view name) {
  std::string path(dir);
  if (!path.empty()) path += '/';
  path += name;
  return path;
}

std::optional<std::string> JsonStem(std::string_view file_name) {
  size_t slash = file_name.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
  constexpr std::string_view kExt = ".json";
  if (base.size() <= kExt.size() || base.substr(base.size() - kExt.size()) != kExt)
    return std::nullopt;
  return std::string(base.substr(0, base.size() - kExt.size()));
}

}  // namespace dvc::catalog
