// Fuzzes answer validation: arbitrary bytes, parsed as JSON, validated
// against a fixed form that has every field type, visibility rules, a
// pattern and the birth-date cross-check. Must never crash; a valid result's
// normalised answers must validate again to the same answers.
#include <cstdint>
#include <string_view>

#include "catalog/catalog.h"
#include "catalog/reference_data.h"
#include "catalog/units.h"
#include "catalog/validation.h"
#include "core/file_util.h"

namespace {

struct Fixture {
  dvc::catalog::Form form;
  dvc::catalog::ReferenceData reference;
  dvc::catalog::UnitTable units;
};

const Fixture& Get() {
  static const Fixture kFixture = [] {
    std::string root = DVC_SOURCE_DIR;
    Fixture f;
    auto text = dvc::core::ReadFile(
        root + "/shared/catalog/testdata/catalog/services/dang-ky-khai-sinh.json");
    if (!text.ok()) __builtin_trap();
    auto service = dvc::catalog::ParseService(*text, "dang-ky-khai-sinh.json");
    auto reference = dvc::catalog::LoadReferenceData(root + "/assets/reference");
    auto units = dvc::catalog::LoadUnits(root + "/shared/catalog/testdata/units.csv");
    if (!service.ok() || !reference.ok() || !units.ok()) __builtin_trap();
    f.form = service->form;
    f.reference = std::move(reference).value();
    f.units = std::move(units).value();
    return f;
  }();
  return kFixture;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Fixture& f = Get();
  nlohmann::json answers =
      nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (answers.is_discarded()) return 0;
  dvc::catalog::ValidationContext ctx;
  ctx.today = dvc::calendar::Date::Ymd(2026, 11, 27);
  ctx.reference = &f.reference;
  ctx.units = &f.units;
  ctx.province_code = "33";
  dvc::catalog::ValidationResult r = dvc::catalog::ValidateAnswers(f.form, answers, ctx);
  for (const auto& m : r.errors) {
    if (m.text.vi.empty()) __builtin_trap();
  }
  if (r.ok()) {
    dvc::catalog::ValidationResult again = dvc::catalog::ValidateAnswers(f.form, r.answers, ctx);
    if (!again.ok() || again.answers != r.answers) __builtin_trap();
  }
  return 0;
}
