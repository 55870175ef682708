#include "app/app_state.h"

namespace dvc::kiosk {

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
  session = ResidentSession{};
  session.language = settings.default_language;
  keyboard.Reset();
  GoTo(Screen::kWelcome);
}

}  // namespace dvc::kiosk
