// Outputs of a rendered receipt: PNG (the kiosk screen, the gateway, the
// no-printer case) and an ESC/POS byte stream for a thermal printer.
//
// ESC/POS stream (docs/receipt.md):
//   ESC @                         1B 40            initialise the printer
//   GS v 0 0 xL xH yL yH d...     1D 76 30 00 ...  one raster band: x = bytes per row,
//                                                  y = rows (<= band_rows), bit 1 = dot
//   ... one band per band_rows rows ...
//   GS V 66 n                     1D 56 42 n       feed to the cutter + n dots, partial cut
// The whole receipt is raster because printer code pages lack Vietnamese.
// Bands keep each command inside a small printer's receive buffer: 128 rows
// at 80 mm is 9 KiB.
//
// Thread-safety: pure functions, except WriteReceiptFiles (file system).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "receipt/gray_image.h"

namespace dvc::receipt {

struct EscPosOptions {
  Dither dither = Dither::kThreshold;
  int band_rows = 128;       // rows per GS v 0 command, clamped to 1..255
  int feed_before_cut = 24;  // n of GS V 66 n, in dots (3 mm), 0..255
};

// The image as an 8-bit grayscale PNG (stb_image_write). Empty when the
// image is empty (width or height 0) or inconsistent (pixels.size() !=
// width * height).
std::vector<uint8_t> EncodePng(const GrayImage& image);

// Rows of `width` pixels of `channels` bytes each (1 gray, 2 gray + alpha,
// 3 RGB, 4 RGBA) as a PNG, e.g. a kiosk screenshot. Empty when width or
// height is not positive, channels is not 1..4, or pixels.size() !=
// width * height * channels.
std::vector<uint8_t> EncodePng(std::span<const uint8_t> pixels, int width, int height,
                               int channels);

// The image as an ESC/POS raster job, converted to 1 bit with
// options.dither (rows padded with white to a whole byte). An empty image
// yields just the initialisation and the cut.
// REQUIRES: pixels.size() == width * height, width <= 65535 * 8.
std::vector<uint8_t> EscPosRaster(const GrayImage& image, const EscPosOptions& options = {});

struct ReceiptFiles {
  std::string png_path;
  std::string escpos_path;
};

// Writes `<data_dir>/receipts/<dossier_code>.png` and `.escpos` durably
// (core::WriteFileAtomically), creating the receipts folder. For the kiosk
// without a printer, and for reprints. Errors: kInvalidInput if the code is
// not 1..32 characters of [A-Za-z0-9-] (it names a file) or the image is
// empty; kIo from the file system.
Result<ReceiptFiles> WriteReceiptFiles(const std::string& data_dir, const std::string& dossier_code,
                                       const GrayImage& image, const EscPosOptions& options = {});

}  // namespace dvc::receipt
