// Renders a receipt (Form 01 of Circular 01/2018/TT-VPCP adapted to a
// thermal roll; docs/receipt.md shows the layout) to a grayscale raster
// the width of the printer's head: 384 dots for 58 mm paper, 576 for 80 mm
// (203 dpi, 8 dots per mm).
//
// Everything is drawn as pixels because printer code pages lack Vietnamese:
// text with FreeType from NotoSans (fonts-noto-core), the QR code from
// libqrencode at 3–4 dots per module with its quiet zone. The image is
// anti-aliased; ToOneBit / EscPosRaster make it 1-bit for the printer.
//
// Thread-safety: a ReceiptRenderer is used by one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "receipt/gray_image.h"
#include "receipt/receipt_data.h"
#include "receipt/text_rasterizer.h"

namespace dvc::receipt {

inline constexpr int kWidth58mm = 384;
inline constexpr int kWidth80mm = 576;
// Widths ReceiptRenderer::Render accepts (a 2-inch head to a 4-inch label printer).
inline constexpr int kMinWidthDots = 256;
inline constexpr int kMaxWidthDots = 1024;
// Longest receipt: 2.5 m of paper at 8 dots per mm; longer is a data error.
inline constexpr int kMaxHeightDots = 20000;

struct FontPaths {
  std::string regular = std::string(kDefaultRegularFont);
  std::string bold = std::string(kDefaultBoldFont);
};

struct RenderOptions {
  int width_dots = kWidth80mm;
  // Dots per QR module; 0 picks 4, or fewer when 4 does not fit the width.
  int qr_dots_per_module = 0;
};

// Holds the fonts (and their glyph cache) between receipts: a kiosk keeps
// one, so a receipt renders without reopening font files.
class ReceiptRenderer {
 public:
  // Errors: as TextRasterizer::Open (kIo naming a missing font file).
  static Result<std::unique_ptr<ReceiptRenderer>> Open(const FontPaths& fonts);

  // Renders `data`. Text is sanitised (invalid UTF-8 becomes U+FFFD) and
  // NFC-normalised first. Errors: kInvalidInput if the width is outside
  // [kMinWidthDots, kMaxWidthDots], qr_dots_per_module is negative or the
  // QR code does not fit, data.qr_text is empty or not encodable, or the
  // receipt would be taller than kMaxHeightDots.
  Result<GrayImage> Render(const ReceiptData& data, const RenderOptions& options);

 private:
  explicit ReceiptRenderer(std::unique_ptr<TextRasterizer> text) : text_(std::move(text)) {}
  std::unique_ptr<TextRasterizer> text_;
};

}  // namespace dvc::receipt
