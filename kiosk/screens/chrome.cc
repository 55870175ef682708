#include "screens/chrome.h"

#include <imgui.h>

#include "platform/style.h"

namespace dvc::kiosk {
namespace {

constexpr float kHomeButtonW = 300;  // "Trang đầu", px at 1080 rows

// The help text of each screen, indexed by Screen.
constexpr StringId kHelpOf[] = {
    StringId::kHelpWelcome,       StringId::kHelpSearch,       StringId::kHelpDetail,
    StringId::kHelpForm,          StringId::kHelpReview,       StringId::kHelpReceipt,
    StringId::kHelpLookup,        StringId::kHelpStaffPin,     StringId::kHelpStaffHome,
    StringId::kHelpStaffOutbox,   StringId::kHelpStaffDossier, StringId::kHelpScanPicker,
    StringId::kHelpStaffSettings, StringId::kHelpStaffSync};
static_assert(std::size(kHelpOf) == static_cast<size_t>(Screen::kStaffSync) + 1,
              "a help text for every screen");

// A card over a darkened screen with a title, a text and one button;
// targets drawn before it are forgotten (they cannot be touched through the
// overlay). Returns true when the button is tapped.
bool DrawMessageOverlay(AppState& state, const char* id, ImVec2 card, std::string_view title,
                        ImU32 title_color, std::string_view text, std::string_view button_label,
                        ImVec2 button) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(layout.width, layout.height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0.65f));
  ImGui::Begin(
      id, nullptr,
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  ImGui::SetWindowFocus();
  state.registry.ClearTargets();
  const ImVec2 min((layout.width - card.x) / 2, (layout.height - card.y) / 2);
  const ImVec2 max(min.x + card.x, min.y + card.y);
  FillBorderedRoundedRect(ImGui::GetWindowDrawList(), min, max, Palette::kBackground,
                          Palette::kPrimary, ui.Px(20), ui.Px(6));

  const float pad = ui.Px(50);
  ImGui::SetCursorScreenPos(ImVec2(min.x + pad, min.y + pad));
  const float wrap = max.x - pad;
  ImGui::BeginGroup();
  TextBlock(ui, title, ui.fonts->title, title_color, wrap);
  ImGui::Dummy(ImVec2(0, ui.Px(10)));
  TextBlock(ui, text, ui.fonts->button, Palette::kText, wrap);
  ImGui::EndGroup();
  ImGui::SetCursorScreenPos(ImVec2(min.x + (card.x - button.x) / 2, max.y - pad - button.y));
  const bool tapped = BigButton(ui, button_label, button);
  ImGui::End();
  return tapped;
}

}  // namespace

const std::string& Tr(const AppState& state, const catalog::Text& text) {
  return text.In(state.lang());
}

ScreenLayout LayoutOf(const AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  ScreenLayout layout;
  layout.width = io.DisplaySize.x;
  layout.height = io.DisplaySize.y;
  layout.header_h = state.ui.Px(120);
  layout.footer_h = state.ui.Px(130);
  layout.margin = state.ui.Px(40);
  return layout;
}

void DrawHeader(AppState& state, std::string_view title) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ImVec2(0, 0), ImVec2(layout.width, layout.header_h), Palette::kPrimary);
  ImFont* font = ui.fonts->title;
  const float buttons_w = ui.Px(2 * 230 + 20);
  const float title_w = layout.width - 2 * layout.margin - buttons_w - ui.Px(20);
  // Titles longer than the band shrink to the body font rather than overflow.
  if (font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, title.data(), title.data() + title.size()).x >
      title_w) {
    font = ui.fonts->button;
  }
  const float title_y = (layout.header_h - font->FontSize) / 2;
  draw->PushClipRect(ImVec2(0, 0), ImVec2(layout.margin + title_w, layout.header_h), true);
  draw->AddText(font, font->FontSize, ImVec2(layout.margin, title_y), IM_COL32(255, 255, 255, 255),
                title.data(), title.data() + title.size());
  draw->PopClipRect();
  state.registry.AddText(title);

  const ImVec2 button(ui.Px(230), ui.Px(84));
  const float y = (layout.header_h - button.y) / 2;
  ImGui::SetCursorScreenPos(ImVec2(layout.width - layout.margin - 2 * button.x - ui.Px(20), y));
  if (BigButton(ui, state.S(StringId::kCommonLanguageSwitch) + "##lang", button,
                {ButtonKind::kSecondary, true, ui.fonts->bold})) {
    state.session.language = state.session.language == catalog::Language::kVi
                                 ? catalog::Language::kEn
                                 : catalog::Language::kVi;
  }
  ImGui::SetCursorScreenPos(ImVec2(layout.width - layout.margin - button.x, y));
  if (BigButton(ui, state.S(StringId::kCommonHelp) + "##help", button,
                {ButtonKind::kSecondary, true, ui.fonts->bold})) {
    state.session.show_help = true;
  }
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.header_h + ui.Px(24)));
}

void FooterCursor(const AppState& state, float x) {
  const ScreenLayout layout = LayoutOf(state);
  ImGui::SetCursorScreenPos(
      ImVec2(layout.margin + x, layout.footer_top() + (layout.footer_h - state.ui.Px(100)) / 2));
}

void DrawFooter(AppState& state, std::optional<float> home_x) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(0, layout.footer_top()),
                                      ImVec2(layout.width, layout.footer_top()),
                                      Palette::kSecondary, ui.Px(4));
  if (!home_x) return;
  FooterCursor(state, *home_x);
  if (BigButton(ui, state.S(StringId::kCommonHome) + "##home",
                ImVec2(ui.Px(kHomeButtonW), ui.Px(100)), {ButtonKind::kSecondary})) {
    state.actions.push_back(ActionWipe{});
  }
}

void DrawFooterNav(AppState& state, std::optional<Screen> back) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  DrawFooter(state, layout.width - 2 * layout.margin - ui.Px(kHomeButtonW));
  if (back) {
    FooterCursor(state, 0);
    if (BigButton(ui, state.S(StringId::kCommonBack) + "##back", ImVec2(ui.Px(300), ui.Px(100)),
                  {ButtonKind::kSecondary})) {
      state.GoTo(*back);
    }
  }
}

bool DrawPager(AppState& state, std::string_view id, size_t* page, size_t pages, ImVec2 at,
               float width, ImVec2 button, std::string_view label_prefix) {
  const Ui& ui = state.ui;
  const size_t before = *page;
  const std::string suffix = "##" + std::string(id);
  ImGui::SetCursorScreenPos(at);
  if (BigButton(ui, state.S(StringId::kCommonPrevPage) + suffix + "prev", button,
                {ButtonKind::kSecondary, *page > 0, ui.fonts->bold})) {
    --*page;
  }
  const std::string label = std::string(label_prefix) +
                            state.F(StringId::kCommonPageOf, {{"n", std::to_string(*page + 1)},
                                                              {"total", std::to_string(pages)}});
  ImGui::SetCursorScreenPos(
      ImVec2(at.x + button.x + ui.Px(30), at.y + (button.y - ui.fonts->body->FontSize) / 2));
  TextBlock(ui, label, ui.fonts->body, Palette::kMuted);
  ImGui::SetCursorScreenPos(ImVec2(at.x + width - button.x, at.y));
  if (BigButton(ui, state.S(StringId::kCommonNextPage) + suffix + "next", button,
                {ButtonKind::kSecondary, *page + 1 < pages, ui.fonts->bold})) {
    ++*page;
  }
  return *page != before;
}

void DrawHelpOverlay(AppState& state) {
  const Ui& ui = state.ui;
  if (DrawMessageOverlay(
          state, "##help_overlay", ImVec2(ui.Px(1200), ui.Px(640)), state.S(StringId::kHelpTitle),
          Palette::kPrimary, state.S(kHelpOf[static_cast<int>(state.screen)]),
          state.S(StringId::kCommonClose) + "##helpclose", ImVec2(ui.Px(320), ui.Px(100)))) {
    state.session.show_help = false;
  }
}

void DrawIdleOverlay(AppState& state, int64_t seconds_left) {
  const Ui& ui = state.ui;
  if (DrawMessageOverlay(state, "##idle_overlay", ImVec2(ui.Px(1100), ui.Px(560)),
                         state.S(StringId::kIdleTitle), Palette::kDanger,
                         state.F(StringId::kIdleCountdown, {{"n", std::to_string(seconds_left)}}),
                         state.S(StringId::kIdleContinue) + "##idlecontinue",
                         ImVec2(ui.Px(420), ui.Px(120)))) {
    state.idle.Touch(state.now_ms);
  }
}

}  // namespace dvc::kiosk
