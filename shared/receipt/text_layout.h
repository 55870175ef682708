// Word wrapping of styled text (a bold label followed by a regular value,
// for instance) to a width in pixels, for the receipt renderer.
//
// Lines break at spaces; a word wider than the line is broken between
// characters (a long phone number or code never runs off the paper); '\n'
// forces a break. Consecutive spaces collapse to one.
//
// Thread-safety: as the TextRasterizer it uses (one thread).
#pragma once

#include <string>
#include <vector>

#include "receipt/text_rasterizer.h"

namespace dvc::receipt {

// A run of text in one style.
struct Span {
  std::u32string text;
  TextStyle style;
};

// A piece of a laid-out line, at `x` pixels from the line's start.
struct PlacedPiece {
  std::u32string text;
  TextStyle style;
  int x = 0;
};

struct LaidOutLine {
  std::vector<PlacedPiece> pieces;
  int width = 0;    // pixels from the line's start to the end of its last piece
  int ascent = 0;   // the largest ascent of its styles
  int descent = 0;  // the largest descent of its styles
};

// Lays out `spans`: the first line is at most `first_width` pixels wide, the
// others `rest_width` (a hanging indent makes them differ). Returns no lines
// for text with nothing but spaces. REQUIRES: widths > 0.
std::vector<LaidOutLine> WrapSpans(TextRasterizer& text, const std::vector<Span>& spans,
                                   int first_width, int rest_width);

}  // namespace dvc::receipt
