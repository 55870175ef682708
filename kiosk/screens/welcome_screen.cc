#include <imgui.h>

#include "platform/style.h"
#include "screens/chrome.h"
#include "screens/screens.h"

namespace dvc::kiosk {

void DrawWelcomeScreen(AppState& state) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  DrawHeader(state, state.S(StringId::kAppTitle));

  ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.header_h + ui.Px(70)));
  TextBlock(ui, state.S(StringId::kWelcomeGreeting), ui.fonts->title, Palette::kPrimary);
  if (!state.settings.commune_name.empty()) {
    ImGui::SetCursorPosX(layout.margin);
    TextBlock(ui, state.settings.commune_name, ui.fonts->button, Palette::kText);
  }
  ImGui::SetCursorPosX(layout.margin);
  TextBlock(ui, state.S(StringId::kWelcomeHint), ui.fonts->button, Palette::kMuted);

  // Three large buttons side by side, each a third of the width.
  struct Choice {
    StringId label;
    Screen target;
  };
  constexpr Choice kChoices[] = {{StringId::kWelcomeSubmit, Screen::kSearch},
                                 {StringId::kWelcomeLookup, Screen::kLookup},
                                 {StringId::kWelcomeProcedures, Screen::kSearch}};
  const float gap = ui.Px(40);
  const float button_w = (layout.width - 2 * layout.margin - 2 * gap) / 3;
  const float button_h = ui.Px(340);
  const float y = layout.header_h + ui.Px(420);
  for (size_t i = 0; i < std::size(kChoices); ++i) {
    ImGui::SetCursorScreenPos(ImVec2(layout.margin + i * (button_w + gap), y));
    ButtonOptions options{i == 0 ? ButtonKind::kPrimary : ButtonKind::kSecondary, true,
                          ui.fonts->title};
    if (BigButton(ui, state.S(kChoices[i].label), ImVec2(button_w, button_h), options)) {
      state.GoTo(kChoices[i].target);
    }
  }

  // Staff mode: a small, discreet button in the bottom right corner.
  const ImVec2 staff_button(ui.Px(200), ui.Px(80));
  ImGui::SetCursorScreenPos(ImVec2(layout.width - layout.margin - staff_button.x,
                                   layout.height - staff_button.y - ui.Px(24)));
  if (BigButton(ui, state.S(StringId::kWelcomeStaff) + "##staff", staff_button,
                {ButtonKind::kSecondary, true, ui.fonts->small})) {
    state.staff.pin.clear();
    state.staff.pin_message.clear();
    state.staff.pin_for_field.clear();
    state.GoTo(Screen::kStaffPin);
  }
}

}  // namespace dvc::kiosk
