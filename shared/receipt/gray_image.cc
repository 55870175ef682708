#include "receipt/gray_image.h"

#include <algorithm>
#include <cassert>

namespace dvc::receipt {

GrayImage GrayImage::White(int width, int height) {
  assert(width >= 0 && height >= 0);
  GrayImage image;
  image.width = width;
  image.height = height;
  image.pixels.assign(static_cast<size_t>(width) * static_cast<size_t>(height), 255);
  return image;
}

namespace {

constexpr int kThreshold = 128;

GrayImage Threshold(const GrayImage& image) {
  GrayImage out = image;
  for (uint8_t& p : out.pixels) p = p < kThreshold ? 0 : 255;
  return out;
}

// Classic Floyd–Steinberg (7/16 right, 3/16 below-left, 5/16 below, 1/16
// below-right), serpentine-free, with two rows of integer error.
GrayImage FloydSteinberg(const GrayImage& image) {
  GrayImage out = image;
  const int w = image.width;
  std::vector<int> current(static_cast<size_t>(w) + 2, 0);
  std::vector<int> next(static_cast<size_t>(w) + 2, 0);
  for (int y = 0; y < image.height; ++y) {
    std::fill(next.begin(), next.end(), 0);
    for (int x = 0; x < w; ++x) {
      const int value = image.At(x, y) + current[static_cast<size_t>(x) + 1] / 16;
      const int chosen = value < kThreshold ? 0 : 255;
      out.At(x, y) = static_cast<uint8_t>(chosen);
      const int err = value - chosen;
      current[static_cast<size_t>(x) + 2] += err * 7;
      next[static_cast<size_t>(x)] += err * 3;
      next[static_cast<size_t>(x) + 1] += err * 5;
      next[static_cast<size_t>(x) + 2] += err * 1;
    }
    std::swap(current, next);
  }
  return out;
}

}  // namespace

GrayImage ToOneBit(const GrayImage& image, Dither dither) {
  return dither == Dither::kThreshold ? Threshold(image) : FloydSteinberg(image);
}

}  // namespace dvc::receipt
