#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "platform/style.h"
#include "screens/chrome.h"
#include "screens/screens.h"

namespace dvc::kiosk {
namespace {

// The QR code drawn as dark rectangles on white, `side` pixels square with
// its quiet zone.
void DrawQr(const receipt::QrMatrix& qr, ImVec2 min, float side) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const int modules = qr.size + 2 * receipt::kQrQuietZoneModules;
  // Whole pixels a module, so neighbouring modules meet without seams.
  const float m = std::max(1.0f, std::floor(side / modules));
  min = ImVec2(std::floor(min.x + (side - m * modules) / 2), std::floor(min.y));
  side = m * modules;
  // The thin frame is inside the quiet zone (4 modules wide), so it never touches a module.
  FillBorderedRoundedRect(draw, min, ImVec2(min.x + side, min.y + side),
                          IM_COL32(255, 255, 255, 255), Palette::kBorder, 0, 2);
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size; ++x) {
      if (!qr.At(x, y)) continue;
      const ImVec2 a(min.x + (x + receipt::kQrQuietZoneModules) * m,
                     min.y + (y + receipt::kQrQuietZoneModules) * m);
      draw->AddRectFilled(a, ImVec2(a.x + m, a.y + m), IM_COL32(0, 0, 0, 255));
    }
  }
}

}  // namespace

void DrawReceiptScreen(AppState& state) {
  ResidentSession& s = state.session;
  if (!s.receipt) {
    state.GoTo(Screen::kWelcome);
    return;
  }
  const receipt::ReceiptData& r = *s.receipt;
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  DrawHeader(state, state.S(StringId::kReceiptTitle));

  const float qr_side = ui.Px(420);
  const float text_w = layout.width - 2 * layout.margin - qr_side - ui.Px(60);
  const float wrap_x = layout.margin + text_w;
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.header_h + ui.Px(20)));
  ImGui::BeginGroup();
  TextBlock(ui, state.S(StringId::kReceiptCode), ui.fonts->button, Palette::kMuted, wrap_x);
  TextBlock(ui, s.receipt_code_display, ui.fonts->huge, Palette::kText, wrap_x);
  state.registry.AddText(r.dossier_code);
  ImGui::Dummy(ImVec2(0, ui.Px(10)));
  TextBlock(ui, r.procedure_name, ui.fonts->button, Palette::kPrimary, wrap_x);
  if (!r.applicant_name.empty())
    TextBlock(ui, r.applicant_name, ui.fonts->body, Palette::kText, wrap_x);
  ImGui::Dummy(ImVec2(0, ui.Px(10)));
  TextBlock(ui, state.S(StringId::kReceiptAppointment) + ": " + r.appointment.ToVietnamese(),
            ui.fonts->title, Palette::kText, wrap_x);
  TextBlock(ui, state.S(StringId::kReceiptReceived) + ": " + r.received.ToVietnamese(),
            ui.fonts->body, Palette::kText, wrap_x);
  TextBlock(ui, state.S(StringId::kReceiptCollect) + ": " + r.collect_at, ui.fonts->body,
            Palette::kText, wrap_x);
  ImGui::Dummy(ImVec2(0, ui.Px(10)));
  if (!state.settings.sms_short_code.empty()) {
    TextBlock(ui,
              state.F(StringId::kReceiptSms,
                      {{"code", r.dossier_code}, {"short", state.settings.sms_short_code}}),
              ui.fonts->button, Palette::kText, wrap_x);
  }
  if (!s.print_message.empty()) {
    ImGui::Dummy(ImVec2(0, ui.Px(10)));
    TextBlock(ui, s.print_message, ui.fonts->bold, Palette::kSuccess, wrap_x);
  }
  ImGui::EndGroup();

  const ImVec2 qr_min(layout.width - layout.margin - qr_side, layout.header_h + ui.Px(40));
  if (s.qr) {
    DrawQr(*s.qr, qr_min, qr_side);
    ImGui::SetCursorScreenPos(ImVec2(qr_min.x, qr_min.y + qr_side + ui.Px(10)));
    TextBlock(ui, state.S(StringId::kReceiptQr), ui.fonts->small, Palette::kMuted);
  }

  DrawFooter(state, std::nullopt);
  FooterCursor(state, 0);
  if (BigButton(ui, state.S(StringId::kReceiptPrint), ImVec2(ui.Px(460), ui.Px(100)))) {
    state.actions.push_back(ActionPrint{});
  }
  FooterCursor(state, layout.width - 2 * layout.margin - ui.Px(360));
  if (BigButton(ui, state.S(StringId::kReceiptFinish), ImVec2(ui.Px(360), ui.Px(100)),
                {ButtonKind::kSecondary})) {
    state.actions.push_back(ActionWipe{});
  }
}

}  // namespace dvc::kiosk
