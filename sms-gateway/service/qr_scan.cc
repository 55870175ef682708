#include "service/qr_scan.h"

#include <stb/stb_image.h>
#include <zbar.h>

#include <algorithm>
#include <array>
#include <climits>
#include <memory>
#include <optional>
#include <string_view>

namespace dvc::gateway {

namespace {

// The formats a clerk's scanner or phone produces. stb_image reads more
// (BMP, GIF, PSD, ...): those are refused before it sees them, which keeps
// the decoders exposed to a stranger's file to two.
struct QrScanSignature {
  std::string_view magic;
  std::string_view format;
};
constexpr std::array<QrScanSignature, 2> kQrScanSignatures = {{
    {std::string_view("\x89PNG\r\n\x1a\n", 8), "PNG"},
    {std::string_view("\xff\xd8\xff", 3), "JPEG"},
}};

struct QrScanStbFree {
  void operator()(stbi_uc* pixels) const { stbi_image_free(pixels); }
};
using QrScanPixels = std::unique_ptr<stbi_uc, QrScanStbFree>;

struct QrScanScannerFree {
  void operator()(zbar::zbar_image_scanner_t* scanner) const {
    zbar::zbar_image_scanner_destroy(scanner);
  }
};
using QrScanScanner = std::unique_ptr<zbar::zbar_image_scanner_t, QrScanScannerFree>;

struct QrScanImageFree {
  void operator()(zbar::zbar_image_t* image) const { zbar::zbar_image_destroy(image); }
};
using QrScanImage = std::unique_ptr<zbar::zbar_image_t, QrScanImageFree>;

// stb_image's reason for the last failure on this thread (never null).
std::string QrScanStbReason() {
  const char* reason = stbi_failure_reason();
  return reason != nullptr ? reason : "unknown reason";
}

// An image's size as its header declares it.
struct QrScanSize {
  uint32_t width = 0;
  uint32_t height = 0;
  uint64_t Pixels() const { return uint64_t{width} * height; }
};

// A PNG's declared size: the IHDR chunk, which the standard puts first
// (ISO/IEC 15948 section 11.2.2: length 13, "IHDR", width, height, big-endian).
std::optional<QrScanSize> QrScanPngSize(std::span<const uint8_t> bytes) {
  constexpr std::string_view kIhdr("\0\0\0\x0dIHDR", 8);
  if (bytes.size() < 24 ||
      !std::equal(kIhdr.begin(), kIhdr.end(), bytes.begin() + 8,
                  [](char a, uint8_t b) { return static_cast<uint8_t>(a) == b; })) {
    return std::nullopt;
  }
  const auto be32 = [&](size_t at) {
    return uint32_t{bytes[at]} << 24 | uint32_t{bytes[at + 1]} << 16 |
           uint32_t{bytes[at + 2]} << 8 | uint32_t{bytes[at + 3]};
  };
  return QrScanSize{be32(16), be32(20)};
}

// The refusal of an image above kMaxQrScanPixels.
std::string QrScanTooLarge(const std::string& where, const QrScanSize& size) {
  return where + ": the image is " + std::to_string(size.width) + " x " +
         std::to_string(size.height) + " pixels, more than " +
         std::to_string(kMaxQrScanPixels / 1'000'000) + " megapixels: scan at 300 to 600 dpi";
}

// Gray plus alpha, composited on white: a transparent background (a
// screenshot, an exported PNG) reads as paper, not as black ink.
std::vector<uint8_t> QrScanGrayOnWhite(const stbi_uc* gray_alpha, size_t pixel_count) {
  std::vector<uint8_t> gray(pixel_count);
  for (size_t i = 0; i < pixel_count; ++i) {
    const unsigned g = gray_alpha[2 * i];
    const unsigned a = gray_alpha[2 * i + 1];
    gray[i] = static_cast<uint8_t>((g * a + 255U * (255U - a) + 127U) / 255U);
  }
  return gray;
}

// A zbar scanner that looks for QR Code only and returns its bytes as
// encoded (ZBAR_CFG_BINARY: no character-set conversion).
Result<QrScanScanner> QrScanMakeScanner() {
  QrScanScanner scanner(zbar::zbar_image_scanner_create());
  if (!scanner) return Status::Internal("zbar: cannot create an image scanner");
  const bool configured = zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE,
                                                              zbar::ZBAR_CFG_ENABLE, 0) == 0 &&
                          zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE,
                                                              zbar::ZBAR_CFG_ENABLE, 1) == 0 &&
                          zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE,
                                                              zbar::ZBAR_CFG_BINARY, 1) == 0;
  if (!configured) return Status::Internal("zbar: cannot restrict the scanner to QR codes");
  return scanner;
}

}  // namespace

Result<std::vector<std::string>> ScanQrCodes(std::span<const uint8_t> image_bytes,
                                             std::string_view source) {
  const std::string where(source);
  const std::string_view head(reinterpret_cast<const char*>(image_bytes.data()),
                              image_bytes.size());
  const bool known = std::any_of(
      kQrScanSignatures.begin(), kQrScanSignatures.end(),
      [&](const QrScanSignature& signature) { return head.starts_with(signature.magic); });
  if (!known) {
    return Status::InvalidInput(where + ": not a PNG or JPEG image (save the scan as PNG or JPEG)");
  }
  if (image_bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::InvalidInput(where + ": the file is too large to be a receipt image");
  }
  const int length = static_cast<int>(image_bytes.size());

  // The header's size first: a few bytes can claim gigapixels. A PNG's
  // IHDR is read here (stb_image refuses above 2^30 bytes of pixels with a
  // bare "unknown image type"); stb_image reads any other header.
  if (std::optional<QrScanSize> declared = QrScanPngSize(image_bytes);
      declared && declared->Pixels() > kMaxQrScanPixels) {
    return Status::InvalidInput(QrScanTooLarge(where, *declared));
  }
  int width = 0;
  int height = 0;
  int channels = 0;
  if (stbi_info_from_memory(image_bytes.data(), length, &width, &height, &channels) == 0) {
    return Status::InvalidInput(where + ": damaged or unsupported image (" + QrScanStbReason() +
                                ")");
  }
  const QrScanSize size{static_cast<uint32_t>(std::max(width, 0)),
                        static_cast<uint32_t>(std::max(height, 0))};
  if (width <= 0 || height <= 0) {
    return Status::InvalidInput(where + ": damaged image (it has no pixels)");
  }
  if (size.Pixels() > kMaxQrScanPixels) return Status::InvalidInput(QrScanTooLarge(where, size));
  const uint64_t pixel_count = size.Pixels();

  const bool has_alpha = channels == 2 || channels == 4;
  int decoded_width = 0;
  int decoded_height = 0;
  int file_channels = 0;
  const QrScanPixels decoded(stbi_load_from_memory(image_bytes.data(), length, &decoded_width,
                                                   &decoded_height, &file_channels,
                                                   has_alpha ? 2 : 1));
  if (!decoded) {
    return Status::InvalidInput(where + ": damaged or unsupported image (" + QrScanStbReason() +
                                ")");
  }
  // stb_image reports the size it decoded; the header check above bounds it.
  if (decoded_width != width || decoded_height != height) {
    return Status::InvalidInput(where + ": damaged image (its size changed while decoding)");
  }
  std::vector<uint8_t> on_white;
  const uint8_t* gray = decoded.get();
  if (has_alpha) {
    on_white = QrScanGrayOnWhite(decoded.get(), static_cast<size_t>(pixel_count));
    gray = on_white.data();
  }

  Result<QrScanScanner> scanner = QrScanMakeScanner();
  if (!scanner.ok()) return scanner.status();
  QrScanImage image(zbar::zbar_image_create());
  if (!image) return Status::Internal("zbar: cannot create an image");
  // "Y800": 8-bit gray, one byte per pixel, rows without padding. No cleanup
  // handler: the pixels stay owned by `decoded` / `on_white`, which outlive
  // `image` (declared before it).
  zbar::zbar_image_set_format(image.get(), zbar_fourcc('Y', '8', '0', '0'));
  zbar::zbar_image_set_size(image.get(), static_cast<unsigned>(width),
                            static_cast<unsigned>(height));
  zbar::zbar_image_set_data(image.get(), gray, static_cast<unsigned long>(pixel_count), nullptr);
  const int found = zbar::zbar_scan_image(scanner->get(), image.get());
  if (found < 0) return Status::Internal(where + ": zbar failed to scan the image");

  std::vector<std::string> texts;
  for (const zbar::zbar_symbol_t* symbol = zbar::zbar_image_first_symbol(image.get());
       symbol != nullptr; symbol = zbar::zbar_symbol_next(symbol)) {
    if (zbar::zbar_symbol_get_type(symbol) != zbar::ZBAR_QRCODE) continue;
    const char* data = zbar::zbar_symbol_get_data(symbol);
    const unsigned data_length = zbar::zbar_symbol_get_data_length(symbol);
    texts.emplace_back(data != nullptr ? std::string(data, data_length) : std::string());
  }
  if (texts.empty()) {
    return Status::NotFound("no QR code found in " + where + ": scan it flat, at 300 dpi or more");
  }
  return texts;
}

}  // namespace dvc::gateway
