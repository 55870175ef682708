// Touch widgets rendered headless (SDL's software renderer), read back and
// checked pixel by pixel.
#include "widgets/touch_widgets.h"

#include <gtest/gtest.h>

#include <cmath>

#include "platform/platform.h"

namespace dvc::kiosk {
namespace {

// Renders one frame whose window draws `draw`, and returns its pixels. The
// renderer clears to white, so white inside a filled shape is a hole.
RgbaImage RenderFrame(Platform& platform, const std::function<void()>& draw) {
  platform.BeginBackendFrame();
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##test", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  draw();
  ImGui::End();
  platform.RenderFrame();
  Result<RgbaImage> image = platform.ReadPixels();
  EXPECT_TRUE(image.ok()) << image.status().message();
  platform.Present();
  return image.ok() ? std::move(*image) : RgbaImage{};
}

bool IsWhite(const RgbaImage& image, int x, int y) {
  const uint8_t* p = &image.pixels[(static_cast<size_t>(y) * image.width + x) * 4];
  return p[0] == 255 && p[1] == 255 && p[2] == 255;
}

// White pixels inside [min, max] away from the rounded corners and the
// border (`inset` pixels), as "x,y" strings.
std::vector<std::string> HolesInside(const RgbaImage& image, ImVec2 min, ImVec2 max, float radius,
                                     int inset) {
  std::vector<std::string> holes;
  const int x0 = static_cast<int>(std::ceil(min.x)) + inset;
  const int x1 = static_cast<int>(std::floor(max.x)) - inset;
  const int y0 = static_cast<int>(std::ceil(min.y)) + inset;
  const int y1 = static_cast<int>(std::floor(max.y)) - inset;
  const int r = static_cast<int>(std::ceil(radius)) + inset;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const bool in_corner = (x < x0 + r || x >= x1 - r) && (y < y0 + r || y >= y1 - r);
      if (!in_corner && IsWhite(image, x, y)) {
        holes.push_back(std::to_string(x) + "," + std::to_string(y));
      }
    }
  }
  return holes;
}

TEST(TouchWidgetsTest, RoundedFillsAtFractionalCoordinatesHaveNoSeams) {
  PlatformOptions options;
  options.width = 1366;  // the scale (0.71) puts widgets on fractional pixels
  options.height = 768;
  options.headless = true;
  Result<std::unique_ptr<Platform>> platform = Platform::Create(options);
  ASSERT_TRUE(platform.ok()) << platform.status().message();
  UiRegistry registry;
  const Ui ui{&(*platform)->fonts(), &registry};

  // Several fractional offsets and radii, as scaled layouts produce them.
  for (float offset : {0.0f, 0.25f, 0.37f, 0.5f, 0.71f, 0.93f}) {
    SCOPED_TRACE(offset);
    const ImVec2 fill_min(20 + offset, 30 + 2 * offset);
    const ImVec2 fill_max(fill_min.x + 300.4f, fill_min.y + 90.6f);
    const float fill_r = ui.Px(14);
    const ImVec2 button_min(400 + offset, 200 + offset);
    const ImVec2 button_size(ui.Px(460), ui.Px(100));
    const RgbaImage image = RenderFrame(**platform, [&] {
      FillRoundedRect(ImGui::GetWindowDrawList(), fill_min, fill_max, IM_COL32(0, 56, 147, 255),
                      fill_r);
      ImGui::SetCursorScreenPos(button_min);
      registry.BeginFrame();
      BigButton(ui, "##b", button_size, {ButtonKind::kSecondary});
    });
    ASSERT_EQ(image.width, options.width);
    EXPECT_EQ(HolesInside(image, fill_min, fill_max, fill_r, 1), std::vector<std::string>{});
    EXPECT_EQ(HolesInside(image, button_min,
                          ImVec2(button_min.x + button_size.x, button_min.y + button_size.y),
                          ui.Px(14), 4),
              std::vector<std::string>{});
  }
}

// The colour at (x, y) as 0xRRGGBB.
uint32_t ColourAt(const RgbaImage& image, int x, int y) {
  const uint8_t* p = &image.pixels[(static_cast<size_t>(y) * image.width + x) * 4];
  return (uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) | p[2];
}

// A bordered rounded rectangle, as buttons and fields draw it: the border
// along every edge, the fill inside, the corners cut, through the kiosk's own
// draw-data renderer (solid rectangles filled by SDL directly).
TEST(TouchWidgetsTest, BorderedRoundedRectHasItsBorderFillAndCutCorners) {
  PlatformOptions options;
  options.width = 640;
  options.height = 360;
  options.headless = true;
  Result<std::unique_ptr<Platform>> platform = Platform::Create(options);
  ASSERT_TRUE(platform.ok()) << platform.status().message();
  const RgbaImage image = RenderFrame(**platform, [] {
    FillBorderedRoundedRect(ImGui::GetWindowDrawList(), ImVec2(100, 100), ImVec2(300, 200),
                            IM_COL32(0, 0, 255, 255), IM_COL32(255, 0, 0, 255), 20, 4);
  });
  ASSERT_EQ(image.width, options.width);
  EXPECT_EQ(ColourAt(image, 200, 150), 0x0000FFu);  // inside
  for (auto [x, y] : {std::pair{200, 100}, {200, 103}, {200, 199}, {100, 150}, {299, 150}}) {
    EXPECT_EQ(ColourAt(image, x, y), 0xFF0000u) << x << "," << y;  // the 4-pixel border
  }
  EXPECT_EQ(ColourAt(image, 200, 104), 0x0000FFu);
  for (auto [x, y] : {std::pair{100, 100}, {299, 100}, {100, 199}, {299, 199}, {99, 150}}) {
    EXPECT_EQ(ColourAt(image, x, y), 0xFFFFFFu) << x << "," << y;  // cut corners, outside
  }
}

}  // namespace
}  // namespace dvc::kiosk
