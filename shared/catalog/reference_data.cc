#include "catalog/reference_data.h"


#include "catalog/digits.h"
#include "catalog/file_names.h"
#include "catalog/catalog_json.h"
#include "core/file_util.h"

namespace dvc::catalog {
namespace {

// Reads {"source": ..., `list_key`: [{`code_key`: "ddd", `name_key`: "..."}]} into `out`.
Status ReadTable(std::string_view text, const std::string& file, std::string_view list_key,
                 std::string_view code_key, std::string_view name_key, bool leading_zero,
                 std::map<std::string, std::string, std::less<>>* out) {
  Result<nlohmann::json> doc = ParseCatalogJson(text, file);
  if (!doc.ok()) return doc.status();
  JsonNode root(*doc, file);
  DVC_RETURN_IF_ERROR(root.ExpectObject({"source", list_key}));
  auto read_row = [&](const JsonNode& row, size_t) {
    DVC_RETURN_IF_ERROR(row.ExpectObject({code_key, name_key}));
    std::string code, name;
    DVC_RETURN_IF_ERROR(row.ReadString(code_key, &code, Need::kRequired));
    DVC_RETURN_IF_ERROR(row.ReadString(name_key, &name, Need::kRequired));
    if (!IsDigitCode(code, 3) || (leading_zero && code[0] != '0')) {
      return row.Child(code_key).Fail("\"" + code + "\" is not a 3-digit code" +
                                      (leading_zero ? " starting with 0" : ""));
    }
    if (!out->emplace(code, name).second)
      return row.Child(code_key).Fail("duplicate code \"" + code + "\"");
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(root.ForEach(list_key, Need::kRequired, read_row));
  if (out->empty()) return root.Child(list_key).Fail("must not be empty");
  return Status::Ok();
}

}  // namespace

const std::string* ReferenceData::CitizenIdProvince(std::string_view code) const {
  auto it = cccd_provinces_.find(code);
  return it == cccd_provinces_.end() ? nullptr : &it->second;
}

const std::string* ReferenceData::MobileCarrier(std::string_view prefix) const {
  auto it = mobile_prefixes_.find(prefix);
  return it == mobile_prefixes_.end() ? nullptr : &it->second;
}

Result<ReferenceData> ParseReferenceData(std::string_view cccd_json, std::string_view mobile_json,
                                         const std::string& dir) {
  ReferenceData data;
  DVC_RETURN_IF_ERROR(ReadTable(cccd_json, InDir(dir, "cccd-provinces.json"), "provinces", "code",
                                "name",
                                /*leading_zero=*/true, &data.cccd_provinces_));
  DVC_RETURN_IF_ERROR(ReadTable(mobile_json, InDir(dir, "mobile-prefixes.json"), "prefixes",
                                "prefix", "carrier",
                                /*leading_zero=*/true, &data.mobile_prefixes_));
  return data;
}

Result<ReferenceData> LoadReferenceData(const std::string& dir) {
  Result<std::string> cccd = core::ReadFile(InDir(dir, "cccd-provinces.json"));
  if (!cccd.ok()) return cccd.status();
  Result<std::string> mobile = core::ReadFile(InDir(dir, "mobile-prefixes.json"));
  if (!mobile.ok()) return mobile.status();
  return ParseReferenceData(*cccd, *mobile, dir);
}

}  // namespace dvc::catalog
