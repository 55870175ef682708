// The scan picker: the scans found in the scanner's folder and on USB sticks
// as tiles (images as thumbnails decoded between frames, PDFs as a labelled
// tile), tapped to attach or detach them to the form's attachment field.
#include <imgui.h>

#include <algorithm>

#include "app/staff_actions.h"
#include "platform/style.h"
#include "screens/chrome.h"
#include "screens/screens.h"

namespace dvc::kiosk {
namespace {

constexpr size_t kColumns = 4;

bool IsPicked(const AppState& state, const ScanFile& scan) {
  auto it = state.session.attached.find(state.staff.picker_field);
  if (it == state.session.attached.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const ScanFile& p) { return p.path == scan.path; });
}

// One tile: the thumbnail (or a PDF/placeholder panel), the file name below,
// a thick border and "Đã chọn" when picked. Returns true when tapped.
bool DrawTile(AppState& state, const ScanFile& scan, ImVec2 min, ImVec2 size) {
  const Ui& ui = state.ui;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 max(min.x + size.x, min.y + size.y);
  ImGui::SetCursorScreenPos(min);
  ImGui::PushID(scan.path.c_str());
  const bool tapped = ImGui::InvisibleButton("##tile", size) && !scan.too_large;
  ImGui::PopID();
  const bool picked = IsPicked(state, scan);
  FillBorderedRoundedRect(draw, min, max, picked ? Palette::kHighlight : Palette::kSecondary,
                          picked ? Palette::kPrimary : Palette::kBorder, ui.Px(12),
                          ui.Px(picked ? 8 : 2));

  const float pad = ui.Px(14);
  const float label_h = 2 * ui.fonts->small->FontSize + ui.Px(8);
  const ImVec2 pic_min(min.x + pad, min.y + pad);
  const ImVec2 pic_max(max.x - pad, max.y - pad - label_h);
  auto thumb = state.thumbnails.find(scan.path);
  if (scan.kind == ScanKind::kPdf) {
    FillBorderedRoundedRect(draw, pic_min, pic_max, IM_COL32(255, 255, 255, 255), Palette::kDanger,
                            0, ui.Px(4));
    const std::string& pdf = state.S(StringId::kPickerPdf);
    const ImVec2 t =
        ui.fonts->button->CalcTextSizeA(ui.fonts->button->FontSize, FLT_MAX, 0, pdf.c_str());
    draw->AddText(ui.fonts->button, ui.fonts->button->FontSize,
                  ImVec2((pic_min.x + pic_max.x - t.x) / 2, (pic_min.y + pic_max.y - t.y) / 2),
                  Palette::kDanger, pdf.c_str());
    state.registry.AddText(pdf);
  } else if (thumb != state.thumbnails.end() && thumb->second.texture) {
    // Fit the thumbnail in the picture area, keeping its proportions.
    const float scale = std::min((pic_max.x - pic_min.x) / thumb->second.width,
                                 (pic_max.y - pic_min.y) / thumb->second.height);
    const ImVec2 sz(thumb->second.width * scale, thumb->second.height * scale);
    const ImVec2 a((pic_min.x + pic_max.x - sz.x) / 2, (pic_min.y + pic_max.y - sz.y) / 2);
    draw->AddImage(thumb->second.texture, a, ImVec2(a.x + sz.x, a.y + sz.y));
  } else if (scan.too_large || thumb == state.thumbnails.end()) {
    // (An image that could not be decoded has an entry without a texture:
    // its tile shows only its name.)
    const std::string& text =
        state.S(scan.too_large ? StringId::kPickerTooLarge : StringId::kPickerLoading);
    ImGui::SetCursorScreenPos(ImVec2(pic_min.x + pad, pic_min.y + pad));
    TextBlock(ui, text, ui.fonts->small, Palette::kMuted,
              pic_max.x - ImGui::GetWindowPos().x - pad);
  }
  // The file name (clipped to the tile) and "Đã chọn".
  draw->PushClipRect(min, max, true);
  const float text_y = max.y - pad - label_h;
  draw->AddText(ui.fonts->small, ui.fonts->small->FontSize, ImVec2(min.x + pad, text_y),
                Palette::kText, scan.name.c_str());
  if (picked) {
    draw->AddText(ui.fonts->bold, ui.fonts->small->FontSize,
                  ImVec2(min.x + pad, text_y + ui.fonts->small->FontSize + ui.Px(4)),
                  Palette::kPrimary, state.S(StringId::kPickerSelected).c_str());
    state.registry.AddText(state.S(StringId::kPickerSelected));
  }
  draw->PopClipRect();
  state.registry.AddTarget(UiTarget{scan.name, min, max, 0, !scan.too_large});
  return tapped;
}

}  // namespace

void DrawScanPickerScreen(AppState& state) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  StaffState& staff = state.staff;
  const catalog::Field* field =
      state.session.form ? state.session.form->form().FindField(staff.picker_field) : nullptr;
  if (!field) {
    state.GoTo(state.staff.active ? Screen::kStaffHome : Screen::kWelcome);
    return;
  }
  DrawHeader(state, state.F(StringId::kPickerTitle, {{"field", Tr(state, field->label)}}));
  const float content_w = layout.width - 2 * layout.margin;
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.header_h + ui.Px(16)));
  auto picked = state.session.attached.find(staff.picker_field);
  if (picked == state.session.attached.end()) {
    TextBlock(ui, state.S(StringId::kAttachNone), ui.fonts->bold, Palette::kMuted);
  } else {
    std::string names;
    for (const ScanFile& scan : picked->second) names += (names.empty() ? "" : ", ") + scan.name;
    TextBlock(ui, state.F(StringId::kAttachAttached, {{"names", names}}), ui.fonts->bold,
              Palette::kSuccess);
  }

  const float top = ImGui::GetCursorScreenPos().y + ui.Px(10);
  const size_t pages =
      std::max<size_t>(1, (staff.scans.size() + kScansPerPage - 1) / kScansPerPage);
  staff.picker_page = std::min(staff.picker_page, pages - 1);
  if (staff.scans.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(layout.margin, top + ui.Px(20)));
    TextBlock(ui, state.S(StringId::kPickerEmpty), ui.fonts->button, Palette::kText);
  }
  const float gap = ui.Px(24);
  const size_t rows = kScansPerPage / kColumns;
  const float pager_h = ui.Px(100);
  const float tile_w = (content_w - gap * (kColumns - 1)) / kColumns;
  const float tile_h = (layout.footer_top() - top - pager_h - gap * rows) / rows;
  const size_t first = staff.picker_page * kScansPerPage;
  const size_t last = std::min(staff.scans.size(), first + kScansPerPage);
  std::optional<size_t> toggled;
  for (size_t i = first; i < last; ++i) {
    const size_t k = i - first;
    const ImVec2 min(layout.margin + (k % kColumns) * (tile_w + gap),
                     top + (k / kColumns) * (tile_h + gap));
    if (DrawTile(state, staff.scans[i], min, ImVec2(tile_w, tile_h))) toggled = i;
  }
  if (toggled) ToggleScan(state, staff.scans[*toggled]);

  if (pages > 1 && DrawPager(state, "scans", &staff.picker_page, pages,
                             ImVec2(layout.margin, layout.footer_top() - pager_h), content_w,
                             ImVec2(ui.Px(300), ui.Px(84)))) {
    state.actions.push_back(ActionLoadThumbnails{});
  }

  DrawFooter(state, std::nullopt);
  FooterCursor(state, 0);
  if (BigButton(ui, state.S(StringId::kPickerRescan) + "##rescan", ImVec2(ui.Px(360), ui.Px(100)),
                {ButtonKind::kSecondary})) {
    state.actions.push_back(ActionOpenScanPicker{});
  }
  FooterCursor(state, content_w - ui.Px(360));
  if (BigButton(ui, state.S(StringId::kCommonDone) + "##pickdone",
                ImVec2(ui.Px(360), ui.Px(100)))) {
    state.GoTo(Screen::kForm);
  }
}

}  // namespace dvc::kiosk
