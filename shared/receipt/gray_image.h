// GrayImage: an 8-bit grayscale raster, the common currency between the
// receipt renderer and its outputs (PNG, ESC/POS, the kiosk's screen).
//
// 0 is black (ink), 255 is white (paper). Rows are stored top to bottom
// without padding. Thermal printers are 1-bit, so ToOneBit converts a
// rendered (anti-aliased) image to pure black and white, by threshold (crisp
// text, the default) or Floyd–Steinberg error diffusion (better for photos
// and gradients, speckles around text).
//
// Thread-safety: a value; copy freely.
#pragma once

#include <cstdint>
#include <vector>

namespace dvc::receipt {

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width * height, row-major, 0 = black

  // A white image. REQUIRES: width, height >= 0.
  static GrayImage White(int width, int height);

  // REQUIRES: 0 <= x < width, 0 <= y < height.
  uint8_t At(int x, int y) const { return pixels[static_cast<size_t>(y) * width + x]; }
  uint8_t& At(int x, int y) { return pixels[static_cast<size_t>(y) * width + x]; }

  friend bool operator==(const GrayImage&, const GrayImage&) = default;
};

enum class Dither {
  kThreshold,       // pixel < 128 prints: crisp text edges
  kFloydSteinberg,  // error diffusion: keeps mid-tones, softer text
};

// The image with every pixel 0 or 255.
GrayImage ToOneBit(const GrayImage& image, Dither dither);

}  // namespace dvc::receipt
