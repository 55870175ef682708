#include <imgui.h>

#include <algorithm>

#include "platform/style.h"
#include "screens/chrome.h"
#include "screens/field_widgets.h"
#include "screens/screens.h"

namespace dvc::kiosk {
namespace {

// The progress bar: one segment per shown page, the done ones filled.
void DrawProgress(AppState& state, size_t index, size_t count, float x, float y, float width) {
  const Ui& ui = state.ui;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float gap = ui.Px(12);
  const float seg = (width - gap * (count - 1)) / count;
  for (size_t i = 0; i < count; ++i) {
    const ImVec2 min(x + i * (seg + gap), y);
    draw->AddRectFilled(min, ImVec2(min.x + seg, y + ui.Px(16)),
                        i <= index ? Palette::kPrimary : Palette::kSecondary, ui.Px(8));
  }
}

// After "Xem lại hồ sơ": the whole form checked; the first page with a
// problem is shown again, or the review screen.
void FinishForm(AppState& state, const std::vector<size_t>& pages) {
  ResidentSession& s = state.session;
  const catalog::ValidationContext ctx = state.Validation();
  for (size_t i = 0; i < pages.size(); ++i) {
    if (!s.form->CheckPage(pages[i], ctx)) {
      s.page = i;
      s.page_refused = true;
      return;
    }
  }
  const catalog::ValidationResult result = s.form->Finish(ctx);
  s.final_errors.clear();
  for (const catalog::FieldMessage& m : result.errors) s.final_errors[m.field_id] = m.text;
  if (result.ok()) {
    state.GoTo(Screen::kReview);
    return;
  }
  for (size_t i = 0; i < pages.size(); ++i) {
    for (const catalog::Field* field : s.form->ShownFields(pages[i], ctx)) {
      if (s.final_errors.count(field->id)) {
        s.page = i;
        s.page_refused = true;
        return;
      }
    }
  }
}

}  // namespace

void DrawFormScreen(AppState& state) {
  ResidentSession& s = state.session;
  if (!s.form) {
    state.GoTo(Screen::kSearch);
    return;
  }
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  const catalog::ValidationContext ctx = state.Validation();
  FormSession& form = *s.form;
  const std::vector<size_t> pages = form.ShownPages(ctx);
  if (pages.empty()) {
    state.GoTo(Screen::kReview);
    return;
  }
  s.page = std::min(s.page, pages.size() - 1);
  const size_t page = pages[s.page];
  DrawHeader(state, Tr(state, form.service().name));

  const float content_w = layout.width - 2 * layout.margin;
  float y = layout.header_h + ui.Px(20);
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, y));
  const std::string step = state.F(StringId::kFormStep, {{"n", std::to_string(s.page + 1)},
                                                         {"total", std::to_string(pages.size())}}) +
                           " — " + Tr(state, form.form().pages[page].title);
  TextBlock(ui, step, ui.fonts->title, Palette::kPrimary);
  y = ImGui::GetCursorScreenPos().y;
  DrawProgress(state, s.page, pages.size(), layout.margin, y, content_w);
  y += ui.Px(36);

  const float keyboard_h = FieldKeyboardHeight(state);
  const float keyboard_top = layout.footer_top() - keyboard_h - (keyboard_h > 0 ? ui.Px(16) : 0);
  const float message_h = s.page_refused && keyboard_h == 0 ? ui.Px(64) : 0;
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, y));
  ImGui::BeginChild("##fields", ImVec2(content_w, keyboard_top - y - ui.Px(8) - message_h), false);
  if (s.fields_page_shown != page) {
    // A new page (or a new resident) starts at the top, not at the offset
    // the previous page was left at, which would move what a finger aims at.
    ImGui::SetScrollY(0);
    s.fields_page_shown = page;
  }
  const float field_w =
      std::min(content_w - ImGui::GetStyle().ScrollbarSize - ui.Px(20), ui.Px(1300));
  for (const catalog::Field* field : form.ShownFields(page, ctx)) {
    DrawField(state, *field, field_w);
    ImGui::Dummy(ImVec2(0, ui.Px(22)));
  }
  ImGui::EndChild();

  if (message_h > 0) {
    ImGui::SetCursorScreenPos(ImVec2(layout.margin, keyboard_top - message_h));
    TextBlock(ui, state.S(StringId::kFormFixErrors), ui.fonts->button, Palette::kDanger);
  }
  if (keyboard_h > 0) {
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, keyboard_top - ui.Px(8)),
                                              ImVec2(layout.width, layout.footer_top()),
                                              IM_COL32(225, 228, 235, 255));
    ImGui::SetCursorScreenPos(ImVec2(layout.margin, keyboard_top));
    DrawFieldKeyboard(state, content_w);
  }

  // Footer: previous step (or back to the procedure), next step / review, home.
  const ImVec2 button(ui.Px(340), ui.Px(100));
  DrawFooter(state, button.x + ui.Px(30));
  FooterCursor(state, 0);
  if (BigButton(ui,
                state.S(s.page == 0 ? StringId::kCommonBack : StringId::kFormPrev) + "##formback",
                button, {ButtonKind::kSecondary})) {
    StopEditing(state);
    s.page_refused = false;
    if (s.page == 0) {
      state.GoTo(Screen::kDetail);
    } else {
      --s.page;
    }
  }
  const bool last = s.page + 1 == pages.size();
  FooterCursor(state, content_w - ui.Px(420));
  if (BigButton(ui, state.S(last ? StringId::kFormReview : StringId::kFormNext) + "##formnext",
                ImVec2(ui.Px(420), button.y))) {
    StopEditing(state);
    if (last) {
      FinishForm(state, pages);
    } else if (form.CheckPage(page, ctx)) {
      ++s.page;
      s.page_refused = false;
    } else {
      s.page_refused = true;
    }
  }
}

}  // namespace dvc::kiosk
