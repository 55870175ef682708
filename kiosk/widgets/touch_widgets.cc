#include "widgets/touch_widgets.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "platform/style.h"

namespace dvc::kiosk {
namespace {

struct ButtonColors {
  ImU32 fill;
  ImU32 fill_pressed;
  ImU32 text;
  ImU32 border;
};

// Indexed by ButtonKind.
constexpr ButtonColors kButtonColors[] = {
    {Palette::kPrimary, Palette::kPrimaryHover, IM_COL32(255, 255, 255, 255), Palette::kPrimary},
    {Palette::kSecondary, IM_COL32(200, 208, 224, 255), Palette::kText, Palette::kBorder},
    {Palette::kDanger, IM_COL32(120, 0, 0, 255), IM_COL32(255, 255, 255, 255), Palette::kDanger},
    {IM_COL32(245, 245, 245, 255), IM_COL32(200, 208, 224, 255), Palette::kText,
     IM_COL32(90, 90, 90, 255)},
};

// Draws `text` centred in [min, max], wrapped to the box width.
void DrawCentredText(ImDrawList* draw, ImFont* font, std::string_view text, ImVec2 min, ImVec2 max,
                     ImU32 color, float left_pad) {
  const float wrap = max.x - min.x - 16 - 2 * left_pad;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, begin, end);
  // Centre each wrapped line on its own.
  float y = min.y + (max.y - min.y - size.y) / 2;
  const char* line = begin;
  while (line < end) {
    const char* line_end = font->CalcWordWrapPositionA(1.0f, line, end, wrap);
    if (line_end == line) line_end = line + 1;
    const ImVec2 line_size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, line, line_end);
    const float x = left_pad > 0 ? min.x + left_pad : min.x + (max.x - min.x - line_size.x) / 2;
    draw->AddText(font, font->FontSize, ImVec2(x, y), color, line, line_end);
    y += font->FontSize;
    line = line_end;
    while (line < end && (*line == ' ' || *line == '\n')) ++line;
  }
}

}  // namespace

void FillRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float rounding) {
  // On whole pixels, so the parts share exact edges: at fractional
  // coordinates a row of pixel centres can fall between two parts and stay
  // unpainted (a 1-pixel seam).
  min = ImVec2(std::round(min.x), std::round(min.y));
  max = ImVec2(std::round(max.x), std::round(max.y));
  if (max.x <= min.x || max.y <= min.y) return;
  const int r =
      static_cast<int>(std::round(std::min({rounding, (max.x - min.x) / 2, (max.y - min.y) / 2})));
  if (r < 1) {
    draw->AddRectFilled(min, max, color);
    return;
  }
  draw->AddRectFilled(ImVec2(min.x, min.y + r), ImVec2(max.x, max.y - r), color);
  // Row `row` (0 at the edge) of a corner band is inset by where the circle of
  // radius r crosses the middle of that row.
  auto inset_of = [r](int row) {
    const float dy = static_cast<float>(r - row) - 0.5f;
    return std::round(static_cast<float>(r) - std::sqrt(static_cast<float>(r * r) - dy * dy));
  };
  for (int row = 0; row < r;) {
    const float inset = inset_of(row);
    int end = row + 1;
    while (end < r && inset_of(end) == inset) ++end;
    const float rows = static_cast<float>(end - row);
    const float top = min.y + static_cast<float>(row);
    const float bottom = max.y - static_cast<float>(row);
    draw->AddRectFilled(ImVec2(min.x + inset, top), ImVec2(max.x - inset, top + rows), color);
    draw->AddRectFilled(ImVec2(min.x + inset, bottom - rows), ImVec2(max.x - inset, bottom), color);
    row = end;
  }
}

void FillBorderedRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border,
                             float rounding, float thickness) {
  const float t = std::max(1.0f, std::round(thickness));
  FillRoundedRect(draw, min, max, border, rounding);
  FillRoundedRect(draw, ImVec2(std::round(min.x) + t, std::round(min.y) + t),
                  ImVec2(std::round(max.x) - t, std::round(max.y) - t), fill,
                  std::max(0.0f, rounding - t));
}

std::string_view VisibleLabel(std::string_view label) {
  const size_t hashes = label.find("##");
  return hashes == std::string_view::npos ? label : label.substr(0, hashes);
}

bool BigButton(const Ui& ui, std::string_view label, ImVec2 size, const ButtonOptions& options) {
  const std::string id(label);
  const std::string_view shown = VisibleLabel(label);
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + size.x, min.y + size.y);
  bool pressed = false;
  if (!options.enabled) ImGui::BeginDisabled();
  pressed = ImGui::InvisibleButton(id.c_str(), size) && options.enabled;
  const bool held = ImGui::IsItemActive();
  if (!options.enabled) ImGui::EndDisabled();

  const ButtonColors& colors = kButtonColors[static_cast<int>(options.kind)];
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float rounding = ui.Px(14);
  ImU32 fill = held ? colors.fill_pressed : colors.fill;
  ImU32 text = colors.text;
  if (!options.enabled) {
    fill = IM_COL32(225, 225, 225, 255);
    text = IM_COL32(110, 110, 110, 255);
  }
  FillBorderedRoundedRect(draw, min, max, fill,
                          options.enabled ? colors.border : Palette::kDisabled, rounding, ui.Px(3));
  ImFont* font = options.font ? options.font : ui.fonts->button;
  DrawCentredText(draw, font, shown, min, max, text, options.align_left ? ui.Px(28) : 0);
  ui.registry->AddTarget(UiTarget{std::string(shown), min, max, options.key, options.enabled});
  return pressed;
}

void TextBlock(const Ui& ui, std::string_view text, ImFont* font, ImU32 color, float wrap_x) {
  ImGui::PushFont(font ? font : ui.fonts->body);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(wrap_x);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ui.registry->AddText(text);
}

namespace {

// A tappable row: a square or round mark, then the label. Returns tapped.
bool MarkRow(const Ui& ui, std::string_view label, bool on, bool round) {
  const std::string id(label);
  const std::string_view shown = VisibleLabel(label);
  ImFont* font = ui.fonts->body;
  const float box = ui.Px(56);
  const float width = ImGui::GetContentRegionAvail().x;
  const float text_width = width - box - ui.Px(24);
  const ImVec2 text_size = font->CalcTextSizeA(font->FontSize, FLT_MAX, text_width, shown.data(),
                                               shown.data() + shown.size());
  const float height = std::max(box, text_size.y) + ui.Px(16);
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + width, min.y + height);
  const bool tapped = ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (on) FillRoundedRect(draw, min, max, Palette::kHighlight, ui.Px(10));
  const ImVec2 box_min(min.x + ui.Px(8), min.y + (height - box) / 2);
  const ImVec2 box_max(box_min.x + box, box_min.y + box);
  if (round) {
    // Circles as fully rounded rectangles: axis-aligned rectangles only, which
    // the software renderer fills far faster than anti-aliased polygons.
    FillBorderedRoundedRect(draw, box_min, box_max, IM_COL32(255, 255, 255, 255), Palette::kBorder,
                            box / 2, ui.Px(4));
    if (on) {
      const float inset = ui.Px(12);
      FillRoundedRect(draw, ImVec2(box_min.x + inset, box_min.y + inset),
                      ImVec2(box_max.x - inset, box_max.y - inset), Palette::kPrimary, box / 2);
    }
  } else {
    FillBorderedRoundedRect(draw, box_min, box_max, IM_COL32(255, 255, 255, 255), Palette::kBorder,
                            ui.Px(6), ui.Px(4));
    if (on) {
      // A tick drawn as two thick strokes.
      const ImVec2 a(box_min.x + box * 0.2f, box_min.y + box * 0.52f);
      const ImVec2 b(box_min.x + box * 0.42f, box_min.y + box * 0.75f);
      const ImVec2 c(box_min.x + box * 0.82f, box_min.y + box * 0.25f);
      draw->AddLine(a, b, Palette::kPrimary, ui.Px(8));
      draw->AddLine(b, c, Palette::kPrimary, ui.Px(8));
    }
  }
  draw->AddText(font, font->FontSize,
                ImVec2(box_max.x + ui.Px(24), min.y + (height - text_size.y) / 2), Palette::kText,
                shown.data(), shown.data() + shown.size(), text_width);
  ui.registry->AddTarget(UiTarget{std::string(shown), min, max, 0, true});
  return tapped;
}

}  // namespace

bool BigCheckbox(const Ui& ui, std::string_view label, bool* value) {
  if (MarkRow(ui, label, *value, false)) {
    *value = !*value;
    return true;
  }
  return false;
}

bool RadioOption(const Ui& ui, std::string_view label, bool selected) {
  return MarkRow(ui, label, selected, true);
}

bool FieldBox(const Ui& ui, std::string_view label, std::string_view value, bool active,
              bool has_error, float width) {
  const std::string id = "##box" + std::string(label);
  ImFont* font = ui.fonts->body;
  const float height = font->FontSize + ui.Px(36);
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + width, min.y + height);
  const bool tapped = ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 border = has_error ? Palette::kDanger : active ? Palette::kPrimary : Palette::kBorder;
  FillBorderedRoundedRect(draw, min, max,
                          active ? IM_COL32(255, 255, 235, 255) : IM_COL32(255, 255, 255, 255),
                          border, ui.Px(8), ui.Px(active || has_error ? 6 : 3));
  const ImVec2 text_pos(min.x + ui.Px(20), min.y + (height - font->FontSize) / 2);
  draw->PushClipRect(min, max, true);
  draw->AddText(font, font->FontSize, text_pos, Palette::kText, value.data(),
                value.data() + value.size());
  if (active) {
    // The caret after the text.
    const float x =
        text_pos.x +
        font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, value.data(), value.data() + value.size())
            .x +
        ui.Px(3);
    draw->AddRectFilled(ImVec2(std::round(x), std::round(text_pos.y)),
                        ImVec2(std::round(x + ui.Px(4)), std::round(text_pos.y + font->FontSize)),
                        Palette::kPrimary);
  }
  draw->PopClipRect();
  ui.registry->AddTarget(UiTarget{std::string(VisibleLabel(label)), min, max, 0, true});
  ui.registry->AddText(value);
  return tapped;
}

}  // namespace dvc::kiosk
