// RenderDrawData: draws Dear ImGui's draw data on an SDL_Renderer, like
// imgui_impl_sdlrenderer's function of the same role, with one difference
// that matters for SDL's software renderer: an axis-aligned rectangle of one
// colour (two triangles sampling the font atlas's white texel) is drawn with
// SDL's rectangle fill instead of as textured, blended triangles, which the
// software rasteriser fills pixel by pixel. Painter's order is kept.
//
// With the software renderer the caller may also hand over the renderer's
// own pixels (the window surface): opaque one-colour rectangles are then
// written straight into it with ordinary stores, after SDL_RenderFlush has
// drawn what was queued before them. SDL's own fill uses non-temporal
// stores, which on the keyboard-over-form screen (about 1,300 rectangles, most
// of them one-pixel rows of the keys' rounded corners, 1.4 screens of
// pixels) made it half of a 1920x1080 frame. The full-screen clear stays
// SDL's: there the non-temporal stores win.
//
// Thread-safety: the UI thread, like every SDL_Renderer call.
#pragma once

#include <SDL.h>
#include <imgui.h>

namespace dvc::kiosk {

// Draws `draw_data` (ImGui::GetDrawData() after ImGui::Render()) on
// `renderer`. Textures are SDL_Texture* as ImTextureID. Restores the
// renderer's clip rectangle. `target`: nullptr, or the software renderer's
// 32-bit target surface at the draw data's size with no render scale
// (DirectTarget).
void RenderDrawData(SDL_Renderer* renderer, const ImDrawData* draw_data, SDL_Surface* target);

// The surface SDL's software renderer draws into, when `renderer` is one, has
// no scale and its 32-bit target is `width` x `height`; nullptr otherwise
// (then everything goes through SDL's calls).
SDL_Surface* DirectTarget(SDL_Renderer* renderer, SDL_Window* window, int width, int height);

}  // namespace dvc::kiosk
