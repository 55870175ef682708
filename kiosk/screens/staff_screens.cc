// Staff mode's screens: the PIN pad, the staff home, the outbox list and one
// dossier (reprint), and the settings. The scan picker is in
// scan_picker_screen.cc.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "platform/style.h"
#include "screens/chrome.h"
#include "screens/screens.h"

namespace dvc::kiosk {
namespace {

constexpr size_t kPinMaxDigits = 8;
constexpr size_t kOutboxRowsPerPage = 6;
// The idle times offered in settings (seconds), within the config's bounds.
constexpr int64_t kIdleChoices[] = {60, 90, 120, 180, 300, 600};
constexpr int64_t kPaperChoices[] = {58, 80};

// The outcome of the last staff action, in green or red.
void DrawStaffMessage(AppState& state, float wrap_x = 0) {
  if (state.staff.message.empty()) return;
  TextBlock(state.ui, state.staff.message, state.ui.fonts->bold,
            state.staff.message_is_error ? Palette::kDanger : Palette::kSuccess, wrap_x);
}

// "Quay lại" to `back` on the left of the footer; "Thoát" (leave staff mode) on the right.
void DrawStaffFooter(AppState& state, std::optional<Screen> back) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  DrawFooter(state, std::nullopt);
  if (back) {
    FooterCursor(state, 0);
    if (BigButton(ui, state.S(StringId::kCommonBack) + "##staffback",
                  ImVec2(ui.Px(300), ui.Px(100)), {ButtonKind::kSecondary})) {
      state.staff.message.clear();
      state.GoTo(*back);
    }
  }
  FooterCursor(state, layout.width - 2 * layout.margin - ui.Px(300));
  if (BigButton(ui, state.S(StringId::kStaffLeave) + "##leave", ImVec2(ui.Px(300), ui.Px(100)),
                {ButtonKind::kDanger})) {
    state.WipeSession();
  }
}

}  // namespace

void DrawStaffPinScreen(AppState& state) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  StaffState& staff = state.staff;
  DrawHeader(state, state.S(StringId::kStaffPinTitle));

  const float pad_w = std::min(layout.width - 2 * layout.margin, ui.Px(760));
  const float x = (layout.width - pad_w) / 2;
  float y = layout.header_h + ui.Px(20);
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  TextBlock(ui, state.S(StringId::kStaffPinPrompt), ui.fonts->button, Palette::kText, x + pad_w);

  // The typed digits as dots in a box (never the digits themselves).
  y = ImGui::GetCursorScreenPos().y + ui.Px(10);
  const float box_h = ui.Px(90);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  FillBorderedRoundedRect(draw, ImVec2(x, y), ImVec2(x + pad_w, y + box_h),
                          IM_COL32(255, 255, 255, 255), Palette::kBorder, ui.Px(10), ui.Px(4));
  const float dot_r = ui.Px(14);
  const float dot_gap = ui.Px(48);
  const float dots_w = staff.pin.size() * dot_gap;
  for (size_t i = 0; i < staff.pin.size(); ++i) {
    draw->AddCircleFilled(ImVec2(x + (pad_w - dots_w) / 2 + dot_gap * (i + 0.5f), y + box_h / 2),
                          dot_r, Palette::kText, 24);
  }
  y += box_h + ui.Px(12);
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  const bool locked = staff.locked_until_ms > state.now_ms;
  if (locked) {
    const int64_t left_s = (staff.locked_until_ms - state.now_ms + 999) / 1000;
    TextBlock(ui,
              state.F(StringId::kStaffPinLocked,
                      {{"m", std::to_string(left_s / 60)}, {"s", std::to_string(left_s % 60)}}),
              ui.fonts->bold, Palette::kDanger, x + pad_w);
  } else if (!staff.pin_message.empty()) {
    TextBlock(ui, staff.pin_message, ui.fonts->bold, Palette::kDanger, x + pad_w);
  }

  const float pad_h = state.pad.Height(ui);
  ImGui::SetCursorScreenPos(ImVec2(x, layout.footer_top() - pad_h - ui.Px(16)));
  std::string typed = staff.pin;
  const KeyboardResult key =
      state.pad.Draw(ui, &typed, PadKind::kDigits, pad_w, state.KeyLabels(), kPinMaxDigits);
  if (key.changed) {
    staff.pin = std::move(typed);
    staff.pin_message.clear();
  }
  if (key.done && !staff.pin.empty()) state.actions.push_back(ActionCheckPin{});

  DrawFooter(state, std::nullopt);
  FooterCursor(state, 0);
  if (BigButton(ui, state.S(StringId::kCommonBack) + "##pinback", ImVec2(ui.Px(300), ui.Px(100)),
                {ButtonKind::kSecondary})) {
    staff.pin.clear();
    staff.pin_message.clear();
    const bool for_form = !staff.pin_for_field.empty() && state.session.form;
    staff.pin_for_field.clear();
    state.GoTo(for_form ? Screen::kForm : Screen::kWelcome);
  }
}

void DrawStaffHomeScreen(AppState& state) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  DrawHeader(state, state.S(StringId::kStaffHomeTitle));
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.header_h + ui.Px(30)));
  TextBlock(ui, state.S(StringId::kStaffHomeHint), ui.fonts->button, Palette::kText);

  // The tasks, the walk-in in colour. A walk-in starts a fresh
  // resident session with staff mode kept; the others are queued actions.
  struct Choice {
    StringId label;
    ButtonKind kind;
    void (*tap)(AppState&);
  };
  static constexpr Choice kChoices[] = {
      {StringId::kStaffOutbox, ButtonKind::kSecondary,
       [](AppState& s) { s.actions.push_back(ActionOpenOutbox{}); }},
      {StringId::kStaffWalkIn, ButtonKind::kPrimary,
       [](AppState& s) {
         s.FinishResident();
         s.GoTo(Screen::kSearch);
       }},
      {StringId::kStaffSettings, ButtonKind::kSecondary,
       [](AppState& s) { s.actions.push_back(ActionOpenSettings{}); }},
      {StringId::kStaffSync, ButtonKind::kSecondary,
       [](AppState& s) { s.GoTo(Screen::kStaffSync); }}};
  const float gap = ui.Px(40);
  constexpr float kCount = static_cast<float>(std::size(kChoices));
  const float button_w = (layout.width - 2 * layout.margin - (kCount - 1) * gap) / kCount;
  const float button_h = ui.Px(300);
  const float y = layout.header_h + ui.Px(220);
  for (size_t i = 0; i < std::size(kChoices); ++i) {
    ImGui::SetCursorScreenPos(ImVec2(layout.margin + i * (button_w + gap), y));
    if (BigButton(ui, state.S(kChoices[i].label), ImVec2(button_w, button_h),
                  {kChoices[i].kind, true, ui.fonts->title})) {
      kChoices[i].tap(state);
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, y + button_h + ui.Px(30)));
  DrawStaffMessage(state);
  DrawStaffFooter(state, std::nullopt);
}

void DrawStaffOutboxScreen(AppState& state) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  StaffState& staff = state.staff;
  DrawHeader(state, state.S(StringId::kStaffOutbox));
  const float content_w = layout.width - 2 * layout.margin;
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.header_h + ui.Px(16)));
  if (staff.dossiers.empty()) {
    TextBlock(ui, state.S(StringId::kStaffOutboxEmpty), ui.fonts->button, Palette::kText);
  } else {
    TextBlock(ui,
              state.F(StringId::kStaffOutboxCount, {{"n", std::to_string(staff.dossiers.size())}}),
              ui.fonts->bold, Palette::kMuted);
  }
  DrawStaffMessage(state);

  const size_t pages =
      std::max<size_t>(1, (staff.dossiers.size() + kOutboxRowsPerPage - 1) / kOutboxRowsPerPage);
  staff.outbox_page = std::min(staff.outbox_page, pages - 1);
  const size_t first = staff.outbox_page * kOutboxRowsPerPage;
  const size_t last = std::min(staff.dossiers.size(), first + kOutboxRowsPerPage);
  const float list_top = ImGui::GetCursorScreenPos().y + ui.Px(10);
  const float pager_h = pages > 1 ? ui.Px(100) : 0;
  const float row_h = std::min(
      ui.Px(130),
      (layout.footer_top() - list_top - pager_h - ui.Px(20)) / kOutboxRowsPerPage - ui.Px(10));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (size_t i = first; i < last; ++i) {
    const DossierSummary& d = staff.dossiers[i];
    const receipt::ReceiptData& r = d.receipt;
    const ImVec2 min(layout.margin, list_top + (i - first) * (row_h + ui.Px(10)));
    const ImVec2 max(min.x + content_w, min.y + row_h);
    ImGui::SetCursorScreenPos(min);
    ImGui::PushID(static_cast<int>(i));
    const bool tapped = ImGui::InvisibleButton("##row", ImVec2(content_w, row_h));
    ImGui::PopID();
    FillRoundedRect(draw, min, max,
                    ImGui::IsItemActive() ? Palette::kHighlight : Palette::kSecondary, ui.Px(10));
    // Two lines: code and procedure; masked name, time received and state.
    const float pad = ui.Px(20);
    const float line2 = min.y + row_h / 2 + ui.Px(4);
    const std::string& code =
        i < staff.codes_display.size() ? staff.codes_display[i] : r.dossier_code;
    draw->PushClipRect(min, max, true);
    draw->AddText(ui.fonts->button, ui.fonts->button->FontSize,
                  ImVec2(min.x + pad, min.y + pad / 2), Palette::kText, code.c_str());
    draw->AddText(ui.fonts->button, ui.fonts->button->FontSize,
                  ImVec2(min.x + ui.Px(420), min.y + pad / 2), Palette::kPrimary,
                  r.procedure_name.c_str());
    const std::string details =
        r.applicant_name + "   ·   " + r.received.ToVietnamese() + "   ·   " + Tr(state, d.status);
    draw->AddText(ui.fonts->body, ui.fonts->body->FontSize, ImVec2(min.x + pad, line2),
                  Palette::kMuted, details.c_str());
    draw->PopClipRect();
    for (const std::string* text : {&code, &r.procedure_name, &details}) {
      state.registry.AddText(*text);
    }
    // A row is tapped by its procedure's name or its code.
    state.registry.AddTarget(UiTarget{r.procedure_name, min, max});
    state.registry.AddTarget(UiTarget{code, min, max});
    if (tapped) {
      staff.selected = i;
      staff.message.clear();
      state.GoTo(Screen::kStaffDossier);
    }
  }
  if (pages > 1) {
    DrawPager(state, "outbox", &staff.outbox_page, pages,
              ImVec2(layout.margin, layout.footer_top() - pager_h), content_w,
              ImVec2(ui.Px(300), ui.Px(84)));
  }
  DrawStaffFooter(state, Screen::kStaffHome);
}

void DrawStaffDossierScreen(AppState& state) {
  StaffState& staff = state.staff;
  if (staff.selected >= staff.dossiers.size()) {
    state.GoTo(Screen::kStaffOutbox);
    return;
  }
  const DossierSummary& d = staff.dossiers[staff.selected];
  const receipt::ReceiptData& r = d.receipt;
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  const std::string& code = staff.selected < staff.codes_display.size()
                                ? staff.codes_display[staff.selected]
                                : r.dossier_code;
  DrawHeader(state, state.F(StringId::kStaffDossierTitle, {{"code", code}}));
  const float wrap = layout.width - layout.margin;
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.header_h + ui.Px(30)));
  ImGui::BeginGroup();
  TextBlock(ui, code, ui.fonts->huge, Palette::kText, wrap);
  TextBlock(ui, r.procedure_name, ui.fonts->title, Palette::kPrimary, wrap);
  TextBlock(ui, state.S(StringId::kStaffDossierApplicant) + ": " + r.applicant_name,
            ui.fonts->button, Palette::kText, wrap);
  TextBlock(ui, state.S(StringId::kReceiptReceived) + ": " + r.received.ToVietnamese(),
            ui.fonts->body, Palette::kText, wrap);
  TextBlock(ui, state.S(StringId::kReceiptAppointment) + ": " + r.appointment.ToVietnamese(),
            ui.fonts->body, Palette::kText, wrap);
  TextBlock(ui, state.S(StringId::kStaffDossierState) + ": " + Tr(state, d.status), ui.fonts->bold,
            Palette::kText, wrap);
  ImGui::Dummy(ImVec2(0, ui.Px(30)));
  if (BigButton(ui, state.S(StringId::kStaffReprint), ImVec2(ui.Px(520), ui.Px(110)))) {
    staff.message.clear();
    state.actions.push_back(ActionReprint{});
  }
  ImGui::Dummy(ImVec2(0, ui.Px(20)));
  DrawStaffMessage(state, wrap);
  ImGui::EndGroup();
  DrawStaffFooter(state, Screen::kStaffOutbox);
}

void DrawStaffSettingsScreen(AppState& state) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  StaffState& staff = state.staff;
  StaffSettings& edit = staff.settings;
  DrawHeader(state, state.S(StringId::kStaffSettings));
  const bool typing = state.session.editing.kind == EditTarget::Kind::kPrinter;
  const float content_w = layout.width - 2 * layout.margin;
  const float keyboard_h = typing ? state.keyboard.Height(ui) + ui.Px(16) : ui.Px(64);
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.header_h + ui.Px(16)));
  ImGui::BeginChild(
      "##settings",
      ImVec2(content_w, layout.footer_top() - keyboard_h - layout.header_h - ui.Px(24)), false);
  const float field_w = std::min(content_w - ui.Px(40), ui.Px(1100));
  TextBlock(ui, state.S(StringId::kSettingsPrinter), ui.fonts->button);
  TextBlock(ui, state.S(StringId::kSettingsPrinterHint), ui.fonts->small, Palette::kMuted);
  if (FieldBox(ui, state.S(StringId::kSettingsPrinter), edit.printer_device, typing, false,
               field_w)) {
    state.session.editing = EditTarget{EditTarget::Kind::kPrinter, ""};
    state.keyboard.Reset();
  }
  ImGui::Dummy(ImVec2(0, ui.Px(12)));
  // Each setting with a few values is a row of radio options, one table
  // column each (a radio option takes its cell's width).
  const auto choice_row = [&](StringId title, const char* id, size_t count, auto&& option) {
    TextBlock(ui, state.S(title), ui.fonts->button);
    if (ImGui::BeginTable(id, static_cast<int>(count), ImGuiTableFlags_SizingStretchSame,
                          ImVec2(std::min(content_w - ui.Px(40), ui.Px(300) * count), 0))) {
      for (size_t i = 0; i < count; ++i) {
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(i));
        option(i);
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(0, ui.Px(12)));
  };
  choice_row(StringId::kSettingsPaper, "##paper", std::size(kPaperChoices), [&](size_t i) {
    const int64_t mm = kPaperChoices[i];
    if (RadioOption(ui, std::to_string(mm) + " mm", edit.printer_width_mm == mm))
      edit.printer_width_mm = mm;
  });
  choice_row(StringId::kSettingsIdle, "##idle", std::size(kIdleChoices), [&](size_t i) {
    const int64_t s = kIdleChoices[i];
    if (RadioOption(ui, state.F(StringId::kSettingsSeconds, {{"n", std::to_string(s)}}),
                    edit.idle_timeout_s == s))
      edit.idle_timeout_s = s;
  });
  constexpr std::pair<const char*, const char*> kLanguages[] = {{"vi", "Tiếng Việt"},
                                                                {"en", "English"}};
  choice_row(StringId::kSettingsLanguage, "##language", std::size(kLanguages), [&](size_t i) {
    if (RadioOption(ui, kLanguages[i].second, edit.language == kLanguages[i].first))
      edit.language = kLanguages[i].first;
  });
  ImGui::EndChild();
  // The outcome of "Lưu cài đặt" just above the footer, always in view.
  if (!typing) {
    ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.footer_top() - ui.Px(56)));
    DrawStaffMessage(state);
  }

  if (typing) {
    ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.footer_top() - keyboard_h));
    // A device path, typed letter by letter: no Telex.
    const KeyboardResult key =
        state.keyboard.Draw(ui, &edit.printer_device, content_w, state.KeyLabels(), 120,
                            /*telex=*/false);
    if (key.done) state.session.editing = EditTarget{};
  }
  DrawStaffFooter(state, Screen::kStaffHome);
  // "Lưu cài đặt" in the footer, between "Quay lại" and "Thoát", never scrolled away.
  FooterCursor(state, ui.Px(340));
  if (BigButton(ui, state.S(StringId::kSettingsSave), ImVec2(ui.Px(460), ui.Px(100)))) {
    state.session.editing = EditTarget{};
    staff.message.clear();
    state.actions.push_back(ActionSaveSettings{});
  }
}

namespace {

// What the link state is called on the sync screen.
StringId LinkStateText(LinkState link) {
  switch (link) {
    case LinkState::kNotEnrolled:
      return StringId::kSyncNotEnrolled;
    case LinkState::kOffline:
      return StringId::kSyncOffline;
    case LinkState::kSyncing:
      return StringId::kSyncSyncing;
    case LinkState::kOnline:
      return StringId::kSyncOnline;
    case LinkState::kRefusedAuth:
      return StringId::kSyncRefused;
  }
  return StringId::kSyncOffline;
}

// "14:05 03/11/2026" in Vietnam's time.
std::string LocalTimeText(dossier::Timestamp at) {
  Result<calendar::LocalDateTime> local =
      calendar::LocalDateTime::FromUnixSeconds(at.time_since_epoch().count());
  if (!local.ok()) return dossier::FormatTimestamp(at);
  char text[32];
  std::snprintf(text, sizeof text, "%02d:%02d ", local->time.hour, local->time.minute);
  return text + local->date.ToVietnamese();
}

// "+1.2 s", "-3 min 4 s".
std::string OffsetText(int64_t ms) {
  const char* sign = ms < 0 ? "-" : "+";
  const int64_t abs_ms = ms < 0 ? -ms : ms;
  char text[48];
  if (abs_ms < 60'000) {
    std::snprintf(text, sizeof text, "%s%.1f s", sign, static_cast<double>(abs_ms) / 1000.0);
  } else {
    std::snprintf(text, sizeof text, "%s%lld min %lld s", sign,
                  static_cast<long long>(abs_ms / 60'000),
                  static_cast<long long>(abs_ms % 60'000 / 1000));
  }
  return text;
}

// DESIGN.md section 7: staff are warned when the kiosk's clock is this far off.
constexpr int64_t kClockWarningMs = 120'000;

}  // namespace

void DrawStaffSyncScreen(AppState& state) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  const LinkSnapshot& link = state.link;
  DrawHeader(state, state.S(StringId::kStaffSync));
  const float wrap = layout.width - layout.margin;
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.header_h + ui.Px(24)));
  const LinkState shown = state.sync ? link.state : LinkState::kNotEnrolled;
  const ImU32 state_colour = shown == LinkState::kOnline    ? Palette::kSuccess
                             : shown == LinkState::kSyncing ? Palette::kText
                                                            : Palette::kDanger;
  TextBlock(ui, state.F(StringId::kSyncState, {{"state", state.S(LinkStateText(shown))}}),
            ui.fonts->bold, state_colour, wrap);
  if (!state.sync) {
    if (!state.sync_problem.empty()) {
      TextBlock(ui, state.F(StringId::kSyncError, {{"error", state.sync_problem}}),
                ui.fonts->button, Palette::kDanger, wrap);
    }
    DrawStaffFooter(state, Screen::kStaffHome);
    return;
  }
  const std::string when =
      link.last_sync ? LocalTimeText(*link.last_sync) : state.S(StringId::kSyncNever);
  TextBlock(ui, state.F(StringId::kSyncLast, {{"when", when}}), ui.fonts->button, Palette::kText,
            wrap);
  TextBlock(ui,
            state.F(StringId::kSyncCounts, {{"queued", std::to_string(link.queued)},
                                            {"uploads", std::to_string(link.uploads_pending)},
                                            {"aside", std::to_string(link.set_aside)}}),
            ui.fonts->button, Palette::kText, wrap);
  TextBlock(ui, state.F(StringId::kSyncClock, {{"offset", OffsetText(link.clock_offset_ms)}}),
            ui.fonts->button, Palette::kText, wrap);
  if (link.clock_offset_ms > kClockWarningMs || link.clock_offset_ms < -kClockWarningMs) {
    TextBlock(ui, state.S(StringId::kSyncClockWarning), ui.fonts->bold, Palette::kDanger, wrap);
  }
  if (!link.last_error.empty()) {
    TextBlock(ui, state.F(StringId::kSyncError, {{"error", link.last_error}}), ui.fonts->body,
              Palette::kDanger, wrap);
  }
  if (!link.catalog_pending.empty()) {
    TextBlock(ui, state.F(StringId::kSyncCatalogPending, {{"version", link.catalog_pending}}),
              ui.fonts->body, Palette::kText, wrap);
  }
  if (!link.set_aside_dossiers.empty()) {
    TextBlock(ui, state.S(StringId::kSyncSetAsideTitle), ui.fonts->bold, Palette::kText, wrap);
    constexpr size_t kShown = 8;
    for (size_t i = 0; i < link.set_aside_dossiers.size() && i < kShown; ++i) {
      const SetAsideDossier& d = link.set_aside_dossiers[i];
      TextBlock(ui, d.code + " — " + d.masked_name + ": " + d.reason, ui.fonts->body,
                Palette::kDanger, wrap);
    }
  }
  DrawStaffFooter(state, Screen::kStaffHome);
}

}  // namespace dvc::kiosk
