// Fuzzes the service file parser: arbitrary bytes must give a Service or an
// error, never a crash; a parsed form must survive validation of an empty
// answer set, and every error that validation reports must have a Vietnamese
// text for the resident.
#include <cstdint>
#include <string_view>

#include "catalog/catalog.h"
#include "catalog/reference_data.h"
#include "catalog/validation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dvc::Result<dvc::catalog::Service> service =
      dvc::catalog::ParseService(text, "services/fuzz.json");
  if (!service.ok()) {
    if (service.status().message().empty()) __builtin_trap();
    return 0;
  }
  static const dvc::catalog::ReferenceData kReference = [] {
    auto r = dvc::catalog::LoadReferenceData(std::string(DVC_SOURCE_DIR) + "/assets/reference");
    if (!r.ok()) __builtin_trap();
    return std::move(r).value();
  }();
  dvc::catalog::ValidationContext ctx;
  ctx.today = dvc::calendar::Date::Ymd(2026, 11, 27);
  ctx.reference = &kReference;
  dvc::catalog::ValidationResult r =
      dvc::catalog::ValidateAnswers(service->form, nlohmann::json::object(), ctx);
  for (const auto& m : r.errors) {
    if (m.text.vi.empty()) __builtin_trap();
  }
  return 0;
}
