#include <imgui.h>

#include "platform/style.h"
#include "screens/chrome.h"
#include "screens/screens.h"

namespace dvc::kiosk {

void DrawLookupScreen(AppState& state) {
  ResidentSession& s = state.session;
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  DrawHeader(state, state.S(StringId::kLookupTitle));
  const float content_w = layout.width - 2 * layout.margin;
  const float box_w = std::min(content_w, ui.Px(1100));

  ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.header_h + ui.Px(30)));
  TextBlock(ui, state.S(StringId::kLookupPrompt), ui.fonts->button);
  ImGui::SetCursorPosX(layout.margin);
  if (FieldBox(ui, state.S(StringId::kLookupPrompt), s.lookup_code,
               s.editing.kind == EditTarget::Kind::kLookup, !s.lookup_message.empty(), box_w)) {
    s.editing = EditTarget{EditTarget::Kind::kLookup, ""};
  }
  const ImVec2 after_box = ImGui::GetItemRectMax();
  ImGui::SetCursorScreenPos(ImVec2(after_box.x + ui.Px(30), ImGui::GetItemRectMin().y));
  if (BigButton(ui, state.S(StringId::kLookupSearch) + "##lookup",
                ImVec2(ui.Px(300), after_box.y - ImGui::GetItemRectMin().y))) {
    s.editing = EditTarget{};
    state.actions.push_back(ActionLookup{});
  }
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, after_box.y + ui.Px(20)));
  if (s.lookup_serial != 0) {
    // The sync worker is asking the province; App collects the answer.
    TextBlock(ui, state.S(StringId::kLookupAsking), ui.fonts->button, Palette::kPrimary);
  } else if (!s.lookup_message.empty()) {
    TextBlock(ui, s.lookup_message, ui.fonts->button, Palette::kDanger);
  } else if (s.lookup_remote) {
    const RemoteDossierView& r = *s.lookup_remote;
    ImGui::SetCursorPosX(layout.margin);
    TextBlock(ui, state.F(StringId::kLookupElsewhere, {{"code", r.code_display}}), ui.fonts->button,
              Palette::kPrimary);
    ImGui::SetCursorPosX(layout.margin);
    TextBlock(ui, state.F(StringId::kLookupFound, {{"status", Tr(state, r.status)}}),
              ui.fonts->title);
    if (r.received) {
      ImGui::SetCursorPosX(layout.margin);
      TextBlock(ui, state.S(StringId::kLookupReceived) + ": " + r.received->ToVietnamese(),
                ui.fonts->button);
    }
    if (r.appointment) {
      ImGui::SetCursorPosX(layout.margin);
      TextBlock(ui, state.S(StringId::kReceiptAppointment) + ": " + r.appointment->ToVietnamese(),
                ui.fonts->button);
    }
  } else if (s.lookup_result) {
    const receipt::ReceiptData& r = s.lookup_result->receipt;
    ImGui::SetCursorPosX(layout.margin);
    TextBlock(ui, r.procedure_name, ui.fonts->button, Palette::kPrimary);
    ImGui::SetCursorPosX(layout.margin);
    TextBlock(ui, state.F(StringId::kLookupFound, {{"status", Tr(state, s.lookup_result->status)}}),
              ui.fonts->title);
    ImGui::SetCursorPosX(layout.margin);
    TextBlock(ui, state.S(StringId::kReceiptAppointment) + ": " + r.appointment.ToVietnamese(),
              ui.fonts->button);
  }

  if (s.editing.kind == EditTarget::Kind::kLookup) {
    const float h = state.keyboard.Height(ui);
    ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.footer_top() - h - ui.Px(16)));
    // Codes are typed letter by letter: no Telex ("AA" stays "AA").
    KeyboardLabels labels = state.KeyLabels();
    labels.done = state.S(StringId::kLookupSearch);
    const KeyboardResult key =
        state.keyboard.Draw(ui, &s.lookup_code, content_w, labels, 24, /*telex=*/false);
    if (key.changed) {
      s.lookup_message.clear();
      s.lookup_result.reset();
      s.lookup_remote.reset();
      s.lookup_serial = 0;  // an answer still coming is for the old code
    }
    if (key.done) {
      s.editing = EditTarget{};
      state.actions.push_back(ActionLookup{});
    }
  }
  DrawFooterNav(state, Screen::kWelcome);
}

}  // namespace dvc::kiosk
