// RenderDrawData: draws Dear ImGui's draw data on an SDL_Renderer, like
// imgui_impl_sdlrenderer's function of the same role, with one difference
// that matters for SDL's software renderer: an axis-aligned rectangle of one
// colour (two triangles sampling the font atlas's white texel) is drawn with
// SDL's rectangle fill instead of as textured, blended triangles, which the
// software rasteriser fills pixel by pixel. Painter's order is kept.
//
// Thread-safety: the UI thread, like every SDL_Renderer call.
#pragma once

#include <SDL.h>
#include <imgui.h>

namespace dvc::kiosk {

// Draws `draw_data` (ImGui::GetDrawData() after ImGui::Render()) on
// `renderer`. Textures are SDL_Texture* as ImTextureID. Restores the
// renderer's clip rectangle.
void RenderDrawData(SDL_Renderer* renderer, const ImDrawData* draw_data);

}  // namespace dvc::kiosk
