// ScanQrCodes (qr_scan.h) on real images: QR symbols drawn module by module
// from libqrencode's matrix, encoded as PNG (receipt::EncodePng) or JPEG
// (stb_image_write), and bytes that are no image at all.
#include "service/qr_scan.h"

#include <gtest/gtest.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "receipt/gray_image.h"
#include "receipt/qr_code.h"
#include "receipt/receipt_output.h"

namespace dvc::gateway {
namespace {

// Draws the QR code of `text` into `image` with its top-left quiet-zone
// corner at (x0, y0), `dots` pixels per module.
void DrawQr(receipt::GrayImage& image, std::string_view text, int x0, int y0, int dots) {
  Result<receipt::QrMatrix> matrix = receipt::QrModules(text);
  ASSERT_TRUE(matrix.ok()) << matrix.status().message();
  const int quiet = receipt::kQrQuietZoneModules;
  ASSERT_LE(x0 + (matrix->size + 2 * quiet) * dots, image.width);
  ASSERT_LE(y0 + (matrix->size + 2 * quiet) * dots, image.height);
  for (int my = 0; my < matrix->size; ++my) {
    for (int mx = 0; mx < matrix->size; ++mx) {
      if (!matrix->At(mx, my)) continue;
      for (int dy = 0; dy < dots; ++dy) {
        for (int dx = 0; dx < dots; ++dx) {
          image.At(x0 + (quiet + mx) * dots + dx, y0 + (quiet + my) * dots + dy) = 0;
        }
      }
    }
  }
}

std::vector<uint8_t> QrPng(std::string_view text, int dots = 4) {
  receipt::GrayImage image = receipt::GrayImage::White(300, 300);
  DrawQr(image, text, 10, 10, dots);
  return receipt::EncodePng(image);
}

void AppendJpegBytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(context);
  const auto* bytes = static_cast<const uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

std::vector<uint8_t> Jpeg(const receipt::GrayImage& image, int quality) {
  std::vector<uint8_t> out;
  EXPECT_NE(stbi_write_jpg_to_func(AppendJpegBytes, &out, image.width, image.height, 1,
                                   image.pixels.data(), quality),
            0);
  return out;
}

const std::string kPayload =
    "DVC1|123457K4HQ2M9X|1.001193|202611270830|20261204|P|"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

TEST(QrScan, ReadsTheTextOfAQrCodeInAPng) {
  const std::vector<uint8_t> png = QrPng(kPayload);
  ASSERT_FALSE(png.empty());
  Result<std::vector<std::string>> texts = ScanQrCodes(png);
  ASSERT_TRUE(texts.ok()) << texts.status().message();
  EXPECT_EQ(*texts, std::vector<std::string>{kPayload});
}

TEST(QrScan, TextIsReturnedByteForByteEvenWhenItIsNotUtf8) {
  // Latin-1 and stray bytes: zbar's default would guess a character set and
  // convert; a signature over the bytes would then fail.
  const std::string binary = std::string("DVC1|\xff\xfe\x80 caf\xe9|") + "\x01\x7f end";
  Result<std::vector<std::string>> texts = ScanQrCodes(QrPng(binary));
  ASSERT_TRUE(texts.ok()) << texts.status().message();
  ASSERT_EQ(texts->size(), 1u);
  EXPECT_EQ((*texts)[0], binary);
  // Vietnamese in UTF-8 stays UTF-8.
  const std::string vietnamese = "Biên nhận hồ sơ — Nguyễn Thị Hồng";
  texts = ScanQrCodes(QrPng(vietnamese));
  ASSERT_TRUE(texts.ok()) << texts.status().message();
  EXPECT_EQ(*texts, std::vector<std::string>{vietnamese});
}

TEST(QrScan, ReturnsEveryQrCodeOfAPage) {
  receipt::GrayImage page = receipt::GrayImage::White(700, 300);
  DrawQr(page, "DVC1|first", 10, 10, 5);
  DrawQr(page, "https://dichvucong.gov.vn", 360, 10, 5);
  Result<std::vector<std::string>> texts = ScanQrCodes(receipt::EncodePng(page));
  ASSERT_TRUE(texts.ok()) << texts.status().message();
  std::vector<std::string> sorted = *texts;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<std::string>{"DVC1|first", "https://dichvucong.gov.vn"}));
}

TEST(QrScan, ReadsAJpegPhotoAndATransparentPng) {
  receipt::GrayImage image = receipt::GrayImage::White(300, 300);
  DrawQr(image, kPayload, 10, 10, 3);
  Result<std::vector<std::string>> texts = ScanQrCodes(Jpeg(image, 60));
  ASSERT_TRUE(texts.ok()) << texts.status().message();
  EXPECT_EQ(*texts, std::vector<std::string>{kPayload});

  // Black ink on a fully transparent background (an exported screenshot):
  // stb_image's plain gray conversion would make the background black.
  std::vector<uint8_t> gray_alpha(image.pixels.size() * 2);
  for (size_t i = 0; i < image.pixels.size(); ++i) {
    gray_alpha[2 * i] = 0;
    gray_alpha[2 * i + 1] = image.pixels[i] == 0 ? 255 : 0;
  }
  texts = ScanQrCodes(receipt::EncodePng(gray_alpha, image.width, image.height, 2));
  ASSERT_TRUE(texts.ok()) << texts.status().message();
  EXPECT_EQ(*texts, std::vector<std::string>{kPayload});
}

TEST(QrScan, AnImageWithoutQrCodeSaysHowToScanAgain) {
  receipt::GrayImage image = receipt::GrayImage::White(200, 100);
  for (int x = 20; x < 180; ++x) image.At(x, 50) = 0;  // a line of "text"
  Result<std::vector<std::string>> texts = ScanQrCodes(receipt::EncodePng(image), "scan.png");
  ASSERT_FALSE(texts.ok());
  EXPECT_EQ(texts.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(texts.status().message(),
            "no QR code found in scan.png: scan it flat, at 300 dpi or more");
}

TEST(QrScan, BytesThatAreNoPngOrJpegAreRefused) {
  const std::string garbage = "this is a text file, not a scan";
  const auto as_bytes = [](std::string_view s) {
    return std::span(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  };
  for (std::string_view bytes :
       {std::string_view(garbage), std::string_view(), std::string_view("BM\x36\0\0\0", 6),
        std::string_view("GIF89a", 6), std::string_view("\x89PNG\r\n\x1a\n", 8),
        std::string_view("\xff\xd8\xff\xe0", 4)}) {
    Result<std::vector<std::string>> texts = ScanQrCodes(as_bytes(bytes), "x.bin");
    ASSERT_FALSE(texts.ok());
    EXPECT_EQ(texts.status().code(), ErrorCode::kInvalidInput);
    EXPECT_TRUE(texts.status().message().starts_with("x.bin: ")) << texts.status().message();
  }
  // A PNG cut short keeps its header but loses its pixels.
  std::vector<uint8_t> png = QrPng(kPayload);
  png.resize(png.size() / 2);
  Result<std::vector<std::string>> cut = ScanQrCodes(png);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), ErrorCode::kInvalidInput) << cut.status().message();
}

// CRC-32 of PNG chunks (ISO/IEC 15948 annex D), bit by bit.
uint32_t PngCrc(std::span<const uint8_t> bytes) {
  uint32_t crc = 0xFFFFFFFFU;
  for (uint8_t b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320U & (0U - (crc & 1U)));
  }
  return crc ^ 0xFFFFFFFFU;
}

TEST(QrScan, AHeaderClaimingGigapixelsIsRefusedBeforeDecoding) {
  // A valid small PNG whose IHDR (bytes 8..32) is rewritten to 100000 x
  // 100000 with a correct CRC: 10 gigapixels that the file does not hold.
  std::vector<uint8_t> png = QrPng("DVC1|x");
  ASSERT_GT(png.size(), 33u);
  const auto put_be32 = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) png[at + i] = static_cast<uint8_t>(v >> (24 - 8 * i));
  };
  put_be32(16, 100000);
  put_be32(20, 100000);
  put_be32(29, PngCrc(std::span(png).subspan(12, 17)));
  Result<std::vector<std::string>> texts = ScanQrCodes(png, "huge.png");
  ASSERT_FALSE(texts.ok());
  EXPECT_EQ(texts.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(texts.status().message(),
            "huge.png: the image is 100000 x 100000 pixels, more than 40 megapixels: scan at "
            "300 to 600 dpi");
}

TEST(QrScan, AJpegHeaderClaimingGigapixelsIsRefusedBeforeDecoding) {
  receipt::GrayImage image = receipt::GrayImage::White(64, 48);
  std::vector<uint8_t> jpeg = Jpeg(image, 80);
  // The baseline frame header (SOF0: FF C0, length, precision, height, width).
  size_t sof = 2;
  while (sof + 9 < jpeg.size() && !(jpeg[sof] == 0xFF && jpeg[sof + 1] == 0xC0)) ++sof;
  ASSERT_LT(sof + 9, jpeg.size());
  for (size_t at : {sof + 5, sof + 7}) {
    jpeg[at] = 0xFD;  // 65000
    jpeg[at + 1] = 0xE8;
  }
  Result<std::vector<std::string>> texts = ScanQrCodes(jpeg, "huge.jpg");
  ASSERT_FALSE(texts.ok());
  EXPECT_EQ(texts.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(texts.status().message(),
            "huge.jpg: the image is 65000 x 65000 pixels, more than 40 megapixels: scan at "
            "300 to 600 dpi");
}

}  // namespace
}  // namespace dvc::gateway
