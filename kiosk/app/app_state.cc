#include "app/app_state.h"

#include <algorithm>
#include <map>

#include "config/kiosk_config.h"
#include "text/normalize.h"

namespace dvc::kiosk {

void KioskData::BuildBrowseLists() {
  services_by_name.clear();
  std::vector<std::pair<std::string, const catalog::Service*>> services;
  std::map<std::string, const catalog::Agency*> agencies;  // by SearchKey, then unique
  for (const catalog::Service& service : catalog.services()) {
    services.emplace_back(text::SearchKey(service.name.vi), &service);
    if (const catalog::Agency* agency = catalog.FindAgency(service.lead_agency)) {
      agencies.emplace(text::SearchKey(agency->name.vi), agency);
    }
  }
  std::stable_sort(services.begin(), services.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [key, service] : services) services_by_name.push_back(service);
  lead_agencies_by_name.clear();
  for (const auto& [key, agency] : agencies) lead_agencies_by_name.push_back(agency);
}

Result<std::unique_ptr<KioskData>> LoadKioskData(const KioskConfig& config) {
  Result<catalog::Catalog> catalog = catalog::LoadCatalog(config.catalog_dir);
  if (!catalog.ok()) return catalog.status();
  Result<catalog::UnitTable> units = catalog::LoadUnits(config.units_csv);
  if (!units.ok()) return units.status();
  Result<catalog::ReferenceData> reference = catalog::LoadReferenceData(config.reference_dir);
  if (!reference.ok()) return reference.status();
  catalog::SearchIndex index = catalog::SearchIndex::Build(*catalog);
  auto data = std::make_unique<KioskData>(KioskData{
      std::move(*catalog), std::move(index), std::move(*units), std::move(*reference), {}, {}});
  data->BuildBrowseLists();
  return data;
}

KeyboardLabels AppState::KeyLabels() const {
  return KeyboardLabels{S(StringId::kCommonDone),      S(StringId::kCommonSpace),
                        S(StringId::kCommonDelete),    S(StringId::kKeyboardShift),
                        S(StringId::kKeyboardLetters), S(StringId::kKeyboardDigits)};
}

catalog::ValidationContext AppState::Validation() const {
  catalog::ValidationContext ctx;
  ctx.today = today;
  ctx.reference = &data->reference;
  ctx.units = &data->units;
  ctx.province_code = settings.province_code;
  return ctx;
}

void AppState::GoTo(Screen next) {
  screen = next;
  session.show_help = false;
  session.editing = EditTarget{};
  keyboard.Reset();
}

void AppState::WipeSession() {
  staff = StaffState{};
  FinishResident();
}

void AppState::FinishResident() {
  const catalog::Language language = session.language;
  session = ResidentSession{};
  // A clerk keeps the language chosen; a resident's next session starts in the default.
  session.language = staff.active ? language : settings.default_language;
  keyboard.Reset();
  GoTo(staff.active ? Screen::kStaffHome : Screen::kWelcome);
}

}  // namespace dvc::kiosk
