// RenderDrawData's direct fill (opaque rectangles written straight into the
// software renderer's surface) must give the very pixels SDL's own calls give.
#include "platform/draw_data_renderer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <memory>

namespace dvc::kiosk {
namespace {

constexpr int kWidth = 320;
constexpr int kHeight = 200;

struct SurfaceDeleter {
  void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
struct RendererDeleter {
  void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); }
};

// A software renderer drawing into its own surface.
struct Canvas {
  Canvas() {
    surface.reset(SDL_CreateRGBSurfaceWithFormat(0, kWidth, kHeight, 32, SDL_PIXELFORMAT_RGB888));
    if (!surface) std::abort();
    renderer.reset(SDL_CreateSoftwareRenderer(surface.get()));
    if (!renderer) std::abort();
  }
  std::unique_ptr<SDL_Surface, SurfaceDeleter> surface;
  std::unique_ptr<SDL_Renderer, RendererDeleter> renderer;
};

class DrawDataRendererTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(kWidth, kHeight);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas: the white texel
  }
  void TearDown() override { ImGui::DestroyContext(context_); }

  // The draw data of one frame whose foreground list gets `draw`.
  const ImDrawData* Frame(const std::function<void(ImDrawList*)>& draw) {
    ImGui::NewFrame();
    draw(ImGui::GetForegroundDrawList());
    ImGui::Render();
    return ImGui::GetDrawData();
  }

  // Draws `data` through SDL's calls and through the direct fill; both
  // canvases' pixels must be identical.
  void ExpectSamePixels(const ImDrawData* data) {
    Canvas sdl, direct;
    for (Canvas* canvas : {&sdl, &direct}) {
      SDL_SetRenderDrawColor(canvas->renderer.get(), 255, 255, 255, 255);
      SDL_RenderClear(canvas->renderer.get());
    }
    RenderDrawData(sdl.renderer.get(), data, nullptr);
    SDL_RenderFlush(sdl.renderer.get());
    RenderDrawData(direct.renderer.get(), data, direct.surface.get());
    SDL_RenderFlush(direct.renderer.get());
    int differing = 0, first_x = -1, first_y = -1;
    for (int y = 0; y < kHeight; ++y) {
      const auto* a = reinterpret_cast<const Uint32*>(
          static_cast<const Uint8*>(sdl.surface->pixels) + y * sdl.surface->pitch);
      const auto* b = reinterpret_cast<const Uint32*>(
          static_cast<const Uint8*>(direct.surface->pixels) + y * direct.surface->pitch);
      for (int x = 0; x < kWidth; ++x) {
        if ((a[x] & 0xFFFFFF) == (b[x] & 0xFFFFFF)) continue;
        if (differing++ == 0) first_x = x, first_y = y;
      }
    }
    EXPECT_EQ(differing, 0) << "first at (" << first_x << ", " << first_y << ")";
  }

  ImGuiContext* context_ = nullptr;
};

TEST_F(DrawDataRendererTest, OpaqueRectanglesAtFractionalAndOffScreenPositions) {
  ExpectSamePixels(Frame([](ImDrawList* list) {
    list->AddRectFilled(ImVec2(10.5f, 20.25f), ImVec2(100.75f, 60.5f), IM_COL32(200, 30, 30, 255));
    list->AddRectFilled(ImVec2(-20, -5), ImVec2(40, 15), IM_COL32(20, 130, 30, 255));
    list->AddRectFilled(ImVec2(300, 190), ImVec2(400, 260), IM_COL32(20, 30, 130, 255));
    list->AddRectFilled(ImVec2(50, 100), ImVec2(250, 101), IM_COL32(0, 0, 0, 255));  // one row
    list->AddRectFilled(ImVec2(60.9f, 110.9f), ImVec2(61.2f, 111.1f), IM_COL32(9, 9, 9, 255));
  }));
}

TEST_F(DrawDataRendererTest, PaintersOrderWithBlendedShapesAndClipRectangles) {
  ExpectSamePixels(Frame([](ImDrawList* list) {
    list->AddRectFilled(ImVec2(20, 20), ImVec2(200, 120), IM_COL32(240, 200, 0, 255));
    // Translucent over opaque, then opaque over translucent.
    list->AddRectFilled(ImVec2(60, 40), ImVec2(260, 160), IM_COL32(0, 0, 255, 128));
    list->AddRectFilled(ImVec2(100, 60), ImVec2(140, 100), IM_COL32(0, 160, 0, 255));
    // Rounded (triangles) under and over rectangles.
    list->AddRectFilled(ImVec2(150, 130), ImVec2(300, 190), IM_COL32(90, 0, 90, 255), 12.0f);
    list->AddRectFilled(ImVec2(170, 140), ImVec2(220, 180), IM_COL32(255, 128, 0, 255));
    list->AddCircleFilled(ImVec2(200, 160), 15, IM_COL32(0, 0, 0, 255));
    // Clipped to a rectangle that cuts every shape in it.
    list->PushClipRect(ImVec2(30.5f, 130), ImVec2(120, 175.5f));
    list->AddRectFilled(ImVec2(0, 120), ImVec2(320, 200), IM_COL32(10, 200, 200, 255));
    list->AddRectFilled(ImVec2(40, 150), ImVec2(130, 190), IM_COL32(200, 10, 10, 100));
    list->PopClipRect();
  }));
}

TEST_F(DrawDataRendererTest, WithoutASoftwareRendererThereIsNoDirectTarget) {
  Canvas canvas;
  // A renderer for a surface, not a window: nothing to write into directly.
  EXPECT_EQ(DirectTarget(canvas.renderer.get(), nullptr, kWidth, kHeight), nullptr);
}

}  // namespace
}  // namespace dvc::kiosk
