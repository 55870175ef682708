// File names of the catalog's data folders (assets/catalog/,
// assets/reference/): joining a folder and a name as error messages show
// them, and the service id a services/<id>.json file name stands for.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dvc::catalog {

// "`dir`/`name`", or `name` alone when `dir` is empty (messages then name
// the file as the caller gave it).
std::string InDir(std::string_view dir, std::string_view name);

// The stem of a ".json" file name ("dir/services/x.json" → "x"); nullopt
// when the base name does not end in ".json" or is only ".json".
std::optional<std::string> JsonStem(std::string_view file_name);

}  // namespace dvc::catalog
