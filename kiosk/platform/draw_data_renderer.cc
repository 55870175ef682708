#include "platform/draw_data_renderer.h"

#include <algorithm>
#include <cmath>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dvc::kiosk {
namespace {

// ImGui's rectangle: six indices (a b c, a c d) whose corners are
// axis-aligned, a the top-left and c the bottom-right, in one colour.
struct Quad {
  const ImDrawVert* a;
  const ImDrawVert* b;
  const ImDrawVert* c;
  const ImDrawVert* d;
  SDL_Color color;
};

bool ReadQuad(const ImDrawVert* v, const ImDrawIdx* idx, Quad* quad) {
  if (idx[3] != idx[0] || idx[4] != idx[2]) return false;
  const ImDrawVert& a = v[idx[0]];
  const ImDrawVert& b = v[idx[1]];
  const ImDrawVert& c = v[idx[2]];
  const ImDrawVert& d = v[idx[5]];
  if (a.col != b.col || a.col != c.col || a.col != d.col) return false;
  if (a.pos.y != b.pos.y || b.pos.x != c.pos.x || c.pos.y != d.pos.y || d.pos.x != a.pos.x) {
    return false;
  }
  if (a.pos.x >= c.pos.x || a.pos.y >= c.pos.y) return false;
  *quad = Quad{&a, &b, &c, &d,
               SDL_Color{static_cast<Uint8>(a.col >> IM_COL32_R_SHIFT),
                         static_cast<Uint8>(a.col >> IM_COL32_G_SHIFT),
                         static_cast<Uint8>(a.col >> IM_COL32_B_SHIFT),
                         static_cast<Uint8>(a.col >> IM_COL32_A_SHIFT)}};
  return true;
}

// Every corner on the font atlas's white texel: a solid rectangle, drawn with
// SDL's rectangle fill.
bool IsSolidRect(const Quad& q, ImVec2 white, SDL_FRect* rect) {
  for (const ImDrawVert* corner : {q.a, q.b, q.c, q.d}) {
    if (corner->uv.x != white.x || corner->uv.y != white.y) return false;
  }
  *rect = SDL_FRect{q.a->pos.x, q.a->pos.y, q.c->pos.x - q.a->pos.x, q.c->pos.y - q.a->pos.y};
  return true;
}

// Texture coordinates that map the rectangle 1:1 onto whole texels of a
// `tex_w` x `tex_h` texture: a glyph (or an unscaled image). SDL's software
// renderer blits such a rectangle (colour-modulated) many times faster than
// it rasterises the two textured triangles, and text is most of a frame.
bool IsUnscaledTexturedRect(const Quad& q, int tex_w, int tex_h, SDL_Rect* src, SDL_FRect* dst) {
  const ImDrawVert &a = *q.a, &b = *q.b, &c = *q.c, &d = *q.d;
  if (a.uv.y != b.uv.y || b.uv.x != c.uv.x || c.uv.y != d.uv.y || d.uv.x != a.uv.x) return false;
  if (a.uv.x >= c.uv.x || a.uv.y >= c.uv.y) return false;
  const float u0 = a.uv.x * static_cast<float>(tex_w), v0 = a.uv.y * static_cast<float>(tex_h);
  const float u1 = c.uv.x * static_cast<float>(tex_w), v1 = c.uv.y * static_cast<float>(tex_h);
  const float w = c.pos.x - a.pos.x, h = c.pos.y - a.pos.y;
  auto whole = [](float x) { return std::fabs(x - std::round(x)) < 0.01f; };
  if (!whole(u0) || !whole(v0) || !whole(u1) || !whole(v1)) return false;
  if (std::fabs((u1 - u0) - w) > 0.01f || std::fabs((v1 - v0) - h) > 0.01f) return false;
  *src = SDL_Rect{static_cast<int>(std::round(u0)), static_cast<int>(std::round(v0)),
                  static_cast<int>(std::round(u1 - u0)), static_cast<int>(std::round(v1 - v0))};
  // Whole destination pixels, as the rasteriser's pixel centres would pick.
  *dst = SDL_FRect{std::round(a.pos.x), std::round(a.pos.y), static_cast<float>(src->w),
                   static_cast<float>(src->h)};
  return true;
}

// `n` pixels from `row` on set to `pixel`, four per store where SSE2 is
// there (every x86-64): GCC 12 at -O2 leaves std::fill_n one pixel per store,
// which was a third of a 1920x1080 frame.
void FillRow(Uint32* row, int n, Uint32 pixel) {
  Uint32* p = row;
  Uint32* const end = row + n;
#if defined(__SSE2__)
  const __m128i four = _mm_set1_epi32(static_cast<int>(pixel));
  for (; end - p >= 4; p += 4) _mm_storeu_si128(reinterpret_cast<__m128i*>(p), four);
#endif
  for (; p < end; ++p) *p = pixel;
}

// An opaque rectangle straight into `target`, clipped to `clip`, at the
// pixels SDL's software renderer would fill for it (it truncates the float
// rectangle to whole pixels, at least one wide and high).
void FillOpaque(SDL_Renderer* renderer, SDL_Surface* target, const SDL_Rect& clip,
                const SDL_FRect& rect, SDL_Color color) {
  SDL_RenderFlush(renderer);  // what was queued before is drawn first
  const SDL_Rect whole{static_cast<int>(rect.x), static_cast<int>(rect.y),
                       std::max(static_cast<int>(rect.w), 1),
                       std::max(static_cast<int>(rect.h), 1)};
  const SDL_Rect bounds{0, 0, target->w, target->h};
  SDL_Rect clipped, out;
  if (SDL_IntersectRect(&clip, &bounds, &clipped) == SDL_FALSE) return;
  if (SDL_IntersectRect(&whole, &clipped, &out) == SDL_FALSE) return;
  const Uint32 pixel = SDL_MapRGBA(target->format, color.r, color.g, color.b, 255);
  auto* base = static_cast<Uint8*>(target->pixels);
  for (int y = out.y; y < out.y + out.h; ++y) {
    auto* row = reinterpret_cast<Uint32*>(base + static_cast<ptrdiff_t>(y) * target->pitch);
    FillRow(row + out.x, out.w, pixel);
  }
}

}  // namespace

SDL_Surface* DirectTarget(SDL_Renderer* renderer, SDL_Window* window, int width, int height) {
  SDL_RendererInfo info;
  if (SDL_GetRendererInfo(renderer, &info) != 0 || (info.flags & SDL_RENDERER_SOFTWARE) == 0) {
    return nullptr;
  }
  float scale_x = 0, scale_y = 0;
  SDL_RenderGetScale(renderer, &scale_x, &scale_y);
  if (scale_x != 1.0f || scale_y != 1.0f || SDL_GetRenderTarget(renderer) != nullptr) {
    return nullptr;
  }
  // The software renderer for a window draws into the window's surface.
  SDL_Surface* surface = SDL_GetWindowSurface(window);
  if (surface == nullptr || surface->format->BytesPerPixel != 4 || surface->w != width ||
      surface->h != height || SDL_MUSTLOCK(surface)) {
    return nullptr;
  }
  return surface;
}

void RenderDrawData(SDL_Renderer* renderer, const ImDrawData* draw_data, SDL_Surface* target) {
  const int fb_width = static_cast<int>(draw_data->DisplaySize.x);
  const int fb_height = static_cast<int>(draw_data->DisplaySize.y);
  if (fb_width <= 0 || fb_height <= 0) return;
  const bool clip_was_enabled = SDL_RenderIsClipEnabled(renderer) == SDL_TRUE;
  SDL_Rect old_clip;
  SDL_RenderGetClipRect(renderer, &old_clip);
  SDL_RenderSetViewport(renderer, nullptr);
  const ImVec2 off = draw_data->DisplayPos;
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
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
        // Untextured geometry takes the draw blend mode, which an opaque
        // rectangle's fill may have left at NONE.
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
        SDL_RenderGeometryRaw(renderer, texture, &v->pos.x, sizeof(ImDrawVert),
                              reinterpret_cast<const SDL_Color*>(&v->col), sizeof(ImDrawVert),
                              &v->uv.x, sizeof(ImDrawVert), vertex_count, pending.data(),
                              static_cast<int>(pending.size()), sizeof(ImDrawIdx));
        pending.clear();
      };
      const ImDrawIdx* idx = idx_buffer + cmd.IdxOffset;
      const unsigned count = cmd.ElemCount;
      int tex_w = 0, tex_h = 0;
      if (texture != nullptr) SDL_QueryTexture(texture, nullptr, nullptr, &tex_w, &tex_h);
      for (unsigned i = 0; i + 2 < count;) {
        Quad quad;
        SDL_FRect rect;
        SDL_Rect src;
        if (i + 5 < count && ReadQuad(v, idx + i, &quad)) {
          const SDL_Color color = quad.color;
          if (IsSolidRect(quad, white, &rect)) {
            flush();
            if (target != nullptr && color.a == 255) {
              FillOpaque(renderer, target, clip, rect, color);
              i += 6;
              continue;
            }
            SDL_SetRenderDrawBlendMode(renderer,
                                       color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
            SDL_SetRenderDrawColor(renderer, color.r, color.g, color.b, color.a);
            SDL_RenderFillRectF(renderer, &rect);
            i += 6;
            continue;
          }
          if (texture != nullptr && IsUnscaledTexturedRect(quad, tex_w, tex_h, &src, &rect)) {
            flush();
            SDL_SetTextureColorMod(texture, color.r, color.g, color.b);
            SDL_SetTextureAlphaMod(texture, color.a);
            SDL_RenderCopyF(renderer, texture, &src, &rect);
            SDL_SetTextureColorMod(texture, 255, 255, 255);
            SDL_SetTextureAlphaMod(texture, 255);
            i += 6;
            continue;
          }
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
