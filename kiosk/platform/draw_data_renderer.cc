#include "platform/draw_data_renderer.h"

#include <vector>

namespace dvc::kiosk {
namespace {

// True when indices idx[0..5] are ImGui's rectangle (a b c, a c d) with the
// corners axis-aligned, one colour, and every corner on the font atlas's
// white texel: a solid rectangle, drawn with SDL's rectangle fill.
bool IsSolidRect(const ImDrawVert* v, const ImDrawIdx* idx, SDL_FRect* rect, SDL_Color* color) {
  if (idx[3] != idx[0] || idx[4] != idx[2]) return false;
  const ImDrawVert& a = v[idx[0]];
  const ImDrawVert& b = v[idx[1]];
  const ImDrawVert& c = v[idx[2]];
  const ImDrawVert& d = v[idx[5]];
  if (a.col != b.col || a.col != c.col || a.col != d.col) return false;
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
  for (const ImDrawVert* corner : {&a, &b, &c, &d}) {
    if (corner->uv.x != white.x || corner->uv.y != white.y) return false;
  }
  if (a.pos.y != b.pos.y || b.pos.x != c.pos.x || c.pos.y != d.pos.y || d.pos.x != a.pos.x) {
    return false;
  }
  if (a.pos.x >= c.pos.x || a.pos.y >= c.pos.y) return false;
  *rect = SDL_FRect{a.pos.x, a.pos.y, c.pos.x - a.pos.x, c.pos.y - a.pos.y};
  *color = SDL_Color{
      static_cast<Uint8>(a.col >> IM_COL32_R_SHIFT), static_cast<Uint8>(a.col >> IM_COL32_G_SHIFT),
      static_cast<Uint8>(a.col >> IM_COL32_B_SHIFT), static_cast<Uint8>(a.col >> IM_COL32_A_SHIFT)};
  return true;
}

}  // namespace

void RenderDrawData(SDL_Renderer* renderer, const ImDrawData* draw_data) {
  const int fb_width = static_cast<int>(draw_data->DisplaySize.x);
  const int fb_height = static_cast<int>(draw_data->DisplaySize.y);
  if (fb_width <= 0 || fb_height <= 0) return;
  const bool clip_was_enabled = SDL_RenderIsClipEnabled(renderer) == SDL_TRUE;
  SDL_Rect old_clip;
  SDL_RenderGetClipRect(renderer, &old_clip);
  SDL_RenderSetViewport(renderer, nullptr);
  const ImVec2 off = draw_data->DisplayPos;
  std::vector<ImDrawIdx> pending;  // triangles waiting to be drawn, in order

  for (int n = 0; n < draw_data->CmdListsCount; ++n) {
    const ImDrawList* list = draw_data->CmdLists[n];
    const ImDrawVert* vtx = list->VtxBuffer.Data;
    const ImDrawIdx* idx_buffer = list->IdxBuffer.Data;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      ImVec2 clip_min(cmd.ClipRect.x - off.x, cmd.ClipRect.y - off.y);
      ImVec2 clip_max(cmd.ClipRect.z - off.x, cmd.ClipRect.w - off.y);
      if (clip_min.x < 0) clip_min.x = 0;
      if (clip_min.y < 0) clip_min.y = 0;
      if (clip_max.x > fb_width) clip_max.x = static_cast<float>(fb_width);
      if (clip_max.y > fb_height) clip_max.y = static_cast<float>(fb_height);
      if (clip_max.x <= clip_min.x || clip_max.y <= clip_min.y) continue;
      const SDL_Rect clip{static_cast<int>(clip_min.x), static_cast<int>(clip_min.y),
                          static_cast<int>(clip_max.x - clip_min.x),
                          static_cast<int>(clip_max.y - clip_min.y)};
      SDL_RenderSetClipRect(renderer, &clip);

      const ImDrawVert* v = vtx + cmd.VtxOffset;
      const int vertex_count = list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset);
      SDL_Texture* texture = static_cast<SDL_Texture*>(cmd.GetTexID());
      auto flush = [&] {
        if (pending.empty()) return;
        SDL_RenderGeometryRaw(renderer, texture, &v->pos.x, sizeof(ImDrawVert),
                              reinterpret_cast<const SDL_Color*>(&v->col), sizeof(ImDrawVert),
                              &v->uv.x, sizeof(ImDrawVert), vertex_count, pending.data(),
                              static_cast<int>(pending.size()), sizeof(ImDrawIdx));
        pending.clear();
      };
      const ImDrawIdx* idx = idx_buffer + cmd.IdxOffset;
      const unsigned count = cmd.ElemCount;
      for (unsigned i = 0; i + 2 < count;) {
        SDL_FRect rect;
        SDL_Color color;
        if (i + 5 < count && IsSolidRect(v, idx + i, &rect, &color)) {
          flush();
          SDL_SetRenderDrawBlendMode(renderer,
                                     color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
          SDL_SetRenderDrawColor(renderer, color.r, color.g, color.b, color.a);
          SDL_RenderFillRectF(renderer, &rect);
          i += 6;
          continue;
        }
        pending.insert(pending.end(), idx + i, idx + i + 3);
        i += 3;
      }
      flush();
    }
  }
  SDL_RenderSetClipRect(renderer, clip_was_enabled ? &old_clip : nullptr);
}

}  // namespace dvc::kiosk
