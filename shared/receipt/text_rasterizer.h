// TextRasterizer: draws lines of text into a GrayImage with FreeType.
//
// It owns the FreeType library and two faces (regular and bold) through RAII
// handles, and caches each rendered glyph per (face, pixel size, code point),
// because a receipt repeats the same few dozen letters. Text is drawn as
// given: callers pass NFC code points, for which NotoSans has precomposed
// Vietnamese glyphs (Ệ, ữ, ...), so no shaping engine is needed. Glyphs are
// anti-aliased and composited by darkening (min), so overlapping marks
// never lighten ink.
//
// Thread-safety: not thread-safe (FreeType faces are not); use one per
// thread. Ownership: owns its FreeType handles; move-only.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "receipt/gray_image.h"

namespace dvc::receipt {

// Debian's fonts-noto-core, which has every Vietnamese letter.
inline constexpr std::string_view kDefaultRegularFont =
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
inline constexpr std::string_view kDefaultBoldFont =
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";

struct TextStyle {
  int pixel_size = 24;  // em size in pixels (dots)
  bool bold = false;
};

class TextRasterizer {
 public:
  // Opens both faces. Errors: kIo naming the file when a font cannot be
  // opened or is not a font FreeType reads; kInternal if FreeType cannot
  // start.
  static Result<std::unique_ptr<TextRasterizer>> Open(const std::string& regular_path,
                                                      const std::string& bold_path);
  ~TextRasterizer();
  TextRasterizer(const TextRasterizer&) = delete;
  TextRasterizer& operator=(const TextRasterizer&) = delete;

  // Pixels from the baseline up to the top of the tallest letters with
  // marks, and down to the lowest descender, for `style`.
  int Ascent(const TextStyle& style);
  int Descent(const TextStyle& style);

  // The advance width of `text` in pixels.
  int Measure(std::u32string_view text, const TextStyle& style);

  // Draws `text` with its origin at (x, baseline_y); pixels outside the
  // image are clipped.
  void Draw(GrayImage& image, int x, int baseline_y, std::u32string_view text,
            const TextStyle& style);

 private:
  struct Handles;
  struct Glyph {
    int left = 0;  // bitmap offset from the pen position
    int top = 0;   // bitmap top above the baseline
    int width = 0;
    int rows = 0;
    long advance = 0;               // 26.6 fixed point
    std::vector<uint8_t> coverage;  // width * rows, 255 = full ink
  };

  explicit TextRasterizer(std::unique_ptr<Handles> handles);
  const Glyph& GetGlyph(char32_t cp, const TextStyle& style);

  std::unique_ptr<Handles> handles_;
  // Key: code point | pixel size << 21 | bold << 31 (sizes < 1024).
  std::unordered_map<uint64_t, Glyph> glyphs_;
};

}  // namespace dvc::receipt
