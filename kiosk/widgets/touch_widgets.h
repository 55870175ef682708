// Big touch widgets drawn with ImGui's draw lists: buttons, text blocks,
// checkboxes, radio options and the read-only field boxes the on-screen
// keyboard types into. Each registers its visible label (and rectangle, when
// it can be tapped) in the frame's UiRegistry.
//
// Thread-safety: main thread only, inside an ImGui frame.
#pragma once

#include <imgui.h>

#include <string_view>

#include "platform/fonts.h"
#include "widgets/ui_registry.h"

namespace dvc::kiosk {

// What widgets need besides ImGui: the fonts and the frame's registry.
// Not owned; both outlive the frame.
struct Ui {
  const Fonts* fonts = nullptr;
  UiRegistry* registry = nullptr;

  // `px` pixels at 1080 rows, scaled to this screen.
  float Px(float px) const { return px * fonts->scale; }
};

enum class ButtonKind { kPrimary, kSecondary, kDanger, kKey };

struct ButtonOptions {
  ButtonKind kind = ButtonKind::kPrimary;
  bool enabled = true;
  ImFont* font = nullptr;   // default: fonts->button
  char32_t key = 0;         // for keyboard keys (UiRegistry lookup by key)
  bool align_left = false;  // list rows: text from the left edge
};

// A button of `size` showing `label` centred (wrapped when too long).
// Returns true on the frame it is released over. `label` may carry an ImGui
// "##id" suffix, which is neither shown nor registered.
bool BigButton(const Ui& ui, std::string_view label, ImVec2 size,
               const ButtonOptions& options = {});

// Text wrapped at `wrap_x` (window coordinates; 0 = the window's right edge),
// in `font` (default body) and `color`.
void TextBlock(const Ui& ui, std::string_view text, ImFont* font = nullptr,
               ImU32 color = IM_COL32(0, 0, 0, 255), float wrap_x = 0);

// A large checkbox with its label; the whole row is the touch target.
// Returns true when it changed `*value`.
bool BigCheckbox(const Ui& ui, std::string_view label, bool* value);

// A large radio option; returns true when tapped.
bool RadioOption(const Ui& ui, std::string_view label, bool selected);

// A read-only input box showing `value` (or `placeholder` in grey), with a
// border that is thick when `active`. `label` is what the script taps (the
// field's visible label above the box); returns true when tapped.
bool FieldBox(const Ui& ui, std::string_view label, std::string_view value, bool active,
              bool has_error, float width);

// A filled rectangle with rounded corners, drawn only with axis-aligned
// rectangles snapped to whole pixels: a middle band and, for the corners, one
// rectangle per run of pixel rows with the same inset (no seams, no
// triangles). ImGui's own rounded fill is a fan of long thin triangles, and
// SDL's software rasteriser pays a set-up per triangle and tests every pixel
// of each one's box; rectangles it fills directly (platform/draw_data_renderer).
void FillRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float rounding);

// FillRoundedRect with a `border` of `thickness` pixels inside its edge, as
// two nested fills rather than a stroked path (hundreds of triangles).
void FillBorderedRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border,
                             float rounding, float thickness);

// Label text without an ImGui "##id" suffix.
std::string_view VisibleLabel(std::string_view label);

}  // namespace dvc::kiosk
