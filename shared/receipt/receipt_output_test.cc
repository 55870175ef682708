#include "receipt/receipt_output.h"

#include <gtest/gtest.h>
#include <stb/stb_image.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "receipt/receipt_renderer.h"
#include "receipt/receipt_test_support.h"

namespace dvc::receipt {
namespace {

// A small image with text-like content: a gradient, a black bar, white rest.
GrayImage Pattern(int width, int height) {
  GrayImage image = GrayImage::White(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      if (y % 7 == 0) image.At(x, y) = static_cast<uint8_t>((x * 255) / std::max(1, width - 1));
      if (x % 11 == 3) image.At(x, y) = 0;
    }
  }
  return image;
}

GrayImage RenderedReceipt() {
  ReceiptData data = testing::SignedSampleData(testing::KeysFromSeed(1));
  Result<GrayImage> image = testing::Renderer().Render(data, RenderOptions{});
  EXPECT_TRUE(image.ok()) << image.status().message();
  return image.ok() ? *image : GrayImage{};
}

TEST(EncodePngTest, DecodesBackToTheSamePixels) {
  for (const GrayImage& image : {Pattern(13, 5), RenderedReceipt()}) {
    const std::vector<uint8_t> png = EncodePng(image);
    ASSERT_GE(png.size(), 8u);
    const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    EXPECT_TRUE(std::equal(signature, signature + 8, png.begin()));
    int w = 0, h = 0, channels = 0;
    uint8_t* pixels =
        stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &w, &h, &channels, 1);
    ASSERT_NE(pixels, nullptr) << stbi_failure_reason();
    std::vector<uint8_t> back(pixels, pixels + static_cast<size_t>(w) * h);
    stbi_image_free(pixels);
    EXPECT_EQ(w, image.width);
    EXPECT_EQ(h, image.height);
    EXPECT_EQ(channels, 1);
    EXPECT_EQ(back, image.pixels);
  }
}

TEST(EncodePngTest, EmptyOrInconsistentImageGivesNoBytes) {
  EXPECT_TRUE(EncodePng(GrayImage{}).empty());
  GrayImage bad = GrayImage::White(10, 10);
  bad.pixels.resize(50);
  EXPECT_TRUE(EncodePng(bad).empty());
}

// A parser for the subset of ESC/POS that EscPosRaster emits, written from
// the command reference rather than from the encoder.
struct ParsedJob {
  bool initialised = false;
  bool cut = false;
  int feed = -1;
  int max_band_rows = 0;
  GrayImage bitmap;  // 0 / 255
  std::string error;
};

ParsedJob ParseEscPos(const std::vector<uint8_t>& s) {
  ParsedJob job;
  size_t i = 0;
  auto fail = [&](const std::string& e) {
    job.error = e + " at byte " + std::to_string(i);
    return job;
  };
  if (s.size() < 2 || s[0] != 0x1B || s[1] != 0x40) return fail("no ESC @");
  job.initialised = true;
  i = 2;
  while (i < s.size()) {
    if (job.cut) return fail("bytes after the cut");
    if (i + 4 <= s.size() && s[i] == 0x1D && s[i + 1] == 0x56 && s[i + 2] == 66) {
      job.cut = true;
      job.feed = s[i + 3];
      i += 4;
      continue;
    }
    if (i + 8 > s.size() || s[i] != 0x1D || s[i + 1] != 0x76 || s[i + 2] != 0x30 || s[i + 3] != 0) {
      return fail("unexpected command");
    }
    const int x_bytes = s[i + 4] | (s[i + 5] << 8);
    const int rows = s[i + 6] | (s[i + 7] << 8);
    i += 8;
    if (i + static_cast<size_t>(x_bytes) * rows > s.size()) return fail("short raster data");
    if (job.bitmap.width == 0) job.bitmap.width = x_bytes * 8;
    if (job.bitmap.width != x_bytes * 8) return fail("band width changed");
    job.max_band_rows = std::max(job.max_band_rows, rows);
    for (int r = 0; r < rows; ++r) {
      for (int bx = 0; bx < x_bytes; ++bx) {
        const uint8_t byte = s[i++];
        for (int bit = 7; bit >= 0; --bit) job.bitmap.pixels.push_back(byte >> bit & 1 ? 0 : 255);
      }
      ++job.bitmap.height;
    }
  }
  return job;
}

// The 1-bit image cropped/padded to a whole number of bytes per row.
GrayImage PadToBytes(const GrayImage& mono) {
  GrayImage out = GrayImage::White((mono.width + 7) / 8 * 8, mono.height);
  for (int y = 0; y < mono.height; ++y) {
    for (int x = 0; x < mono.width; ++x) out.At(x, y) = mono.At(x, y);
  }
  return out;
}

TEST(EscPosRasterTest, ParsesBackToTheSameBitmap) {
  for (const GrayImage& image : {Pattern(13, 300), Pattern(576, 40), RenderedReceipt()}) {
    for (Dither dither : {Dither::kThreshold, Dither::kFloydSteinberg}) {
      EscPosOptions options;
      options.dither = dither;
      options.band_rows = 100;
      options.feed_before_cut = 30;
      ParsedJob job = ParseEscPos(EscPosRaster(image, options));
      ASSERT_TRUE(job.error.empty()) << job.error;
      EXPECT_TRUE(job.cut);
      EXPECT_EQ(job.feed, 30);
      EXPECT_LE(job.max_band_rows, 100);
      EXPECT_EQ(job.bitmap, PadToBytes(ToOneBit(image, dither))) << image.width;
    }
  }
}

TEST(EscPosRasterTest, BandsNeverExceed255Rows) {
  EscPosOptions options;
  options.band_rows = 10000;
  ParsedJob job = ParseEscPos(EscPosRaster(Pattern(64, 1000), options));
  ASSERT_TRUE(job.error.empty()) << job.error;
  EXPECT_EQ(job.max_band_rows, 255);
  EXPECT_EQ(job.bitmap.height, 1000);
}

TEST(EscPosRasterTest, EmptyImageIsInitAndCutOnly) {
  EXPECT_EQ(EscPosRaster(GrayImage{}), (std::vector<uint8_t>{0x1B, 0x40, 0x1D, 0x56, 0x42, 24}));
}

TEST(ToOneBitTest, ThresholdAndDitherTreatMidGrayDifferently) {
  GrayImage gray = GrayImage::White(64, 64);
  std::fill(gray.pixels.begin(), gray.pixels.end(), 160);
  const GrayImage threshold = ToOneBit(gray, Dither::kThreshold);
  EXPECT_EQ(std::count(threshold.pixels.begin(), threshold.pixels.end(), 0), 0);
  const GrayImage dithered = ToOneBit(gray, Dither::kFloydSteinberg);
  const auto black = std::count(dithered.pixels.begin(), dithered.pixels.end(), 0);
  const auto white = std::count(dithered.pixels.begin(), dithered.pixels.end(), 255);
  EXPECT_EQ(black + white, 64 * 64);
  // 160/255 gray: about 37% black.
  EXPECT_NEAR(static_cast<double>(black) / (64 * 64), 1.0 - 160.0 / 255, 0.03);
}

class WriteReceiptFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("dvc_receipt_files_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  static std::vector<uint8_t> Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
  }
  std::filesystem::path dir_;
};

TEST_F(WriteReceiptFilesTest, WritesPngAndEscPosUnderReceipts) {
  const GrayImage image = Pattern(40, 30);
  Result<ReceiptFiles> files = WriteReceiptFiles(dir_.string(), "123457K4HQ2M9X", image);
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(files->png_path, dir_.string() + "/receipts/123457K4HQ2M9X.png");
  EXPECT_EQ(files->escpos_path, dir_.string() + "/receipts/123457K4HQ2M9X.escpos");
  EXPECT_EQ(Read(files->png_path), EncodePng(image));
  EXPECT_EQ(Read(files->escpos_path), EscPosRaster(image));
  // A reprint replaces both.
  const GrayImage other = Pattern(48, 10);
  ASSERT_TRUE(WriteReceiptFiles(dir_.string(), "123457K4HQ2M9X", other).ok());
  EXPECT_EQ(Read(files->png_path), EncodePng(other));
}

TEST_F(WriteReceiptFilesTest, RefusesCodesThatAreNotFileNames) {
  for (const char* code : {"", "../etc/passwd", "a/b", "x.png", "123 45"}) {
    Result<ReceiptFiles> r = WriteReceiptFiles(dir_.string(), code, Pattern(8, 8));
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput);
  }
  EXPECT_FALSE(std::filesystem::exists(dir_));
  EXPECT_EQ(WriteReceiptFiles(dir_.string(), "ABC", GrayImage{}).status().code(),
            ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace dvc::receipt
