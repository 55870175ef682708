#include "receipt/text_rasterizer.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>

namespace dvc::receipt {
namespace {

// Sizes are clamped so that the cache key stays unambiguous.
constexpr int kMaxPixelSize = 512;

int ClampSize(int px) { return std::clamp(px, 1, kMaxPixelSize); }

}  // namespace

// Faces are destroyed before the library (member order).
struct TextRasterizer::Handles {
  struct LibraryDeleter {
    void operator()(FT_Library lib) const { FT_Done_FreeType(lib); }
  };
  struct FaceDeleter {
    void operator()(FT_Face face) const { FT_Done_Face(face); }
  };
  using LibraryPtr = std::unique_ptr<std::remove_pointer_t<FT_Library>, LibraryDeleter>;
  using FacePtr = std::unique_ptr<std::remove_pointer_t<FT_Face>, FaceDeleter>;

  LibraryPtr library;
  FacePtr regular;
  FacePtr bold;
  FT_Face current_face = nullptr;
  int current_size = 0;

  FT_Face Select(const TextStyle& style) {
    FT_Face face = style.bold ? bold.get() : regular.get();
    const int px = ClampSize(style.pixel_size);
    if (face != current_face || px != current_size) {
      // Cannot fail for scalable fonts, which Open checked.
      FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(px));
      current_face = face;
      current_size = px;
    }
    return face;
  }
};

Result<std::unique_ptr<TextRasterizer>> TextRasterizer::Open(const std::string& regular_path,
                                                             const std::string& bold_path) {
  auto handles = std::make_unique<Handles>();
  FT_Library lib = nullptr;
  if (FT_Init_FreeType(&lib) != 0) return Status::Internal("FreeType failed to initialise");
  handles->library.reset(lib);
  for (auto [path, slot] :
       {std::pair{&regular_path, &handles->regular}, std::pair{&bold_path, &handles->bold}}) {
    FT_Face face = nullptr;
    if (FT_New_Face(handles->library.get(), path->c_str(), 0, &face) != 0) {
      return Status::Io(*path + ": cannot open as a font (install fonts-noto-core?)");
    }
    slot->reset(face);
    if (!FT_IS_SCALABLE(face)) return Status::Io(*path + ": not a scalable font");
  }
  return std::unique_ptr<TextRasterizer>(new TextRasterizer(std::move(handles)));
}

TextRasterizer::TextRasterizer(std::unique_ptr<Handles> handles) : handles_(std::move(handles)) {}
TextRasterizer::~TextRasterizer() = default;

int TextRasterizer::Ascent(const TextStyle& style) {
  FT_Face face = handles_->Select(style);
  return static_cast<int>((face->size->metrics.ascender + 63) >> 6);
}

int TextRasterizer::Descent(const TextStyle& style) {
  FT_Face face = handles_->Select(style);
  return static_cast<int>((-face->size->metrics.descender + 63) >> 6);
}

const TextRasterizer::Glyph& TextRasterizer::GetGlyph(char32_t cp, const TextStyle& style) {
  const int px = ClampSize(style.pixel_size);
  const uint64_t key = (static_cast<uint64_t>(cp) & 0x1FFFFF) | (static_cast<uint64_t>(px) << 21) |
                       (static_cast<uint64_t>(style.bold) << 31);
  auto it = glyphs_.find(key);
  if (it != glyphs_.end()) return it->second;

  Glyph glyph;
  FT_Face face = handles_->Select(style);
  // A code point the font lacks renders its .notdef box: visible, not silent.
  if (FT_Load_Char(face, cp, FT_LOAD_RENDER | FT_LOAD_TARGET_NORMAL) == 0) {
    const FT_GlyphSlot slot = face->glyph;
    const FT_Bitmap& bitmap = slot->bitmap;
    glyph.left = slot->bitmap_left;
    glyph.top = slot->bitmap_top;
    glyph.advance = slot->advance.x;
    if (bitmap.pixel_mode == FT_PIXEL_MODE_GRAY) {
      glyph.width = static_cast<int>(bitmap.width);
      glyph.rows = static_cast<int>(bitmap.rows);
      glyph.coverage.resize(static_cast<size_t>(glyph.width) * glyph.rows);
      for (int r = 0; r < glyph.rows; ++r) {
        const unsigned char* src = bitmap.buffer + static_cast<ptrdiff_t>(r) * bitmap.pitch;
        std::copy(src, src + glyph.width,
                  glyph.coverage.begin() + static_cast<ptrdiff_t>(r) * glyph.width);
      }
    }
  }
  return glyphs_.emplace(key, std::move(glyph)).first->second;
}

int TextRasterizer::Measure(std::u32string_view text, const TextStyle& style) {
  long pen = 0;
  for (char32_t cp : text) pen += GetGlyph(cp, style).advance;
  return static_cast<int>((pen + 32) >> 6);
}

void TextRasterizer::Draw(GrayImage& image, int x, int baseline_y, std::u32string_view text,
                          const TextStyle& style) {
  long pen = static_cast<long>(x) << 6;
  for (char32_t cp : text) {
    const Glyph& g = GetGlyph(cp, style);
    const int origin_x = static_cast<int>((pen + 32) >> 6) + g.left;
    const int origin_y = baseline_y - g.top;
    for (int r = 0; r < g.rows; ++r) {
      const int y = origin_y + r;
      if (y < 0 || y >= image.height) continue;
      for (int c = 0; c < g.width; ++c) {
        const int px = origin_x + c;
        if (px < 0 || px >= image.width) continue;
        const uint8_t ink =
            static_cast<uint8_t>(255 - g.coverage[static_cast<size_t>(r) * g.width + c]);
        uint8_t& dst = image.At(px, y);
        dst = std::min(dst, ink);
      }
    }
    pen += g.advance;
  }
}

}  // namespace dvc::receipt
