// The kiosk's look: high contrast (dark text on white, deep blue buttons with
// white text), large rounded touch targets, and the palette screens draw with.
// Thread-safety: main thread only (touches the current ImGui style).
#pragma once

#include <imgui.h>

namespace dvc::kiosk {

// Colours the screens use, named for their role.
struct Palette {
  static constexpr ImU32 kBackground = IM_COL32(255, 255, 255, 255);
  static constexpr ImU32 kText = IM_COL32(0, 0, 0, 255);
  static constexpr ImU32 kMuted = IM_COL32(60, 60, 60, 255);
  static constexpr ImU32 kPrimary = IM_COL32(0, 56, 147, 255);  // deep blue, 10:1 on white
  static constexpr ImU32 kPrimaryHover = IM_COL32(0, 40, 110, 255);
  static constexpr ImU32 kSecondary = IM_COL32(232, 236, 244, 255);
  static constexpr ImU32 kDanger = IM_COL32(170, 0, 0, 255);  // error messages
  static constexpr ImU32 kSuccess = IM_COL32(0, 110, 40, 255);
  static constexpr ImU32 kBorder = IM_COL32(0, 0, 0, 255);
  static constexpr ImU32 kDisabled = IM_COL32(150, 150, 150, 255);
  static constexpr ImU32 kHighlight = IM_COL32(255, 240, 170, 255);
};

// Applies the high-contrast style scaled by `scale` (screen height / 1080),
// including TouchExtraPadding so a finger slightly off a button still hits it.
void ApplyKioskStyle(float scale);

}  // namespace dvc::kiosk
