#include "platform/style.h"

namespace dvc::kiosk {

void ApplyKioskStyle(float scale) {
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.FrameRounding = 12;
  style.GrabRounding = 0;
  style.ScrollbarSize = 40;
  // Square scrollbars and grabs: ImGui strokes rounded ones as anti-aliased
  // polygons, a measurable share of a software-rendered frame.
  style.ScrollbarRounding = 0;
  style.FrameBorderSize = 2;
  style.WindowBorderSize = 0;
  style.FramePadding = ImVec2(20, 16);
  style.ItemSpacing = ImVec2(20, 18);
  style.ItemInnerSpacing = ImVec2(16, 12);
  style.WindowPadding = ImVec2(40, 30);
  style.TouchExtraPadding = ImVec2(8, 8);
  style.ScaleAllSizes(scale);

  ImVec4* colors = style.Colors;
  auto rgba = [](ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); };
  colors[ImGuiCol_Text] = rgba(Palette::kText);
  colors[ImGuiCol_TextDisabled] = rgba(Palette::kDisabled);
  colors[ImGuiCol_WindowBg] = rgba(Palette::kBackground);
  colors[ImGuiCol_ChildBg] =
      ImVec4(0, 0, 0, 0);  // the cleared frame is already white: no second fill
  colors[ImGuiCol_PopupBg] = rgba(Palette::kBackground);
  colors[ImGuiCol_Border] = rgba(Palette::kBorder);
  colors[ImGuiCol_FrameBg] = rgba(Palette::kBackground);
  colors[ImGuiCol_FrameBgHovered] = rgba(Palette::kSecondary);
  colors[ImGuiCol_FrameBgActive] = rgba(Palette::kSecondary);
  colors[ImGuiCol_Button] = rgba(Palette::kPrimary);
  colors[ImGuiCol_ButtonHovered] = rgba(Palette::kPrimaryHover);
  colors[ImGuiCol_ButtonActive] = rgba(Palette::kPrimaryHover);
  colors[ImGuiCol_CheckMark] = rgba(Palette::kPrimary);
  colors[ImGuiCol_ScrollbarBg] = rgba(Palette::kSecondary);
  colors[ImGuiCol_ScrollbarGrab] = rgba(Palette::kPrimary);
  colors[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.6f);
}

}  // namespace dvc::kiosk
