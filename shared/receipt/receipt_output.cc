#include "receipt/receipt_output.h"

#include <stb/stb_image_write.h>

#include <algorithm>

#include "core/file_util.h"

namespace dvc::receipt {
namespace {

void AppendBytes(std::vector<uint8_t>& out, std::initializer_list<uint8_t> bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

extern "C" void AppendToVector(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(context);
  const auto* bytes = static_cast<const uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

bool IsFileNameChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
}

}  // namespace

std::vector<uint8_t> EncodePng(std::span<const uint8_t> pixels, int width, int height,
                               int channels) {
  std::vector<uint8_t> out;
  if (width <= 0 || height <= 0 || channels < 1 || channels > 4 ||
      pixels.size() != static_cast<size_t>(width) * height * channels) {
    return out;
  }
  if (stbi_write_png_to_func(AppendToVector, &out, width, height, channels, pixels.data(),
                             width * channels) == 0) {
    out.clear();
  }
  return out;
}

std::vector<uint8_t> EncodePng(const GrayImage& image) {
  return EncodePng(image.pixels, image.width, image.height, 1);
}

std::vector<uint8_t> EscPosRaster(const GrayImage& image, const EscPosOptions& options) {
  const GrayImage mono = ToOneBit(image, options.dither);
  const int bytes_per_row = (image.width + 7) / 8;
  const int band_rows = std::clamp(options.band_rows, 1, 255);
  std::vector<uint8_t> out;
  out.reserve(static_cast<size_t>(bytes_per_row) * image.height +
              static_cast<size_t>(image.height / band_rows + 1) * 8 + 8);
  AppendBytes(out, {0x1B, 0x40});  // ESC @
  for (int y0 = 0; y0 < image.height && bytes_per_row > 0; y0 += band_rows) {
    const int rows = std::min(band_rows, image.height - y0);
    AppendBytes(out, {0x1D, 0x76, 0x30, 0x00, static_cast<uint8_t>(bytes_per_row & 0xFF),
                      static_cast<uint8_t>(bytes_per_row >> 8), static_cast<uint8_t>(rows & 0xFF),
                      static_cast<uint8_t>(rows >> 8)});
    for (int y = y0; y < y0 + rows; ++y) {
      for (int bx = 0; bx < bytes_per_row; ++bx) {
        uint8_t byte = 0;
        for (int bit = 0; bit < 8; ++bit) {
          const int x = bx * 8 + bit;
          // Bit 7 is the leftmost dot; 1 burns a dot (black).
          if (x < image.width && mono.At(x, y) == 0) byte |= static_cast<uint8_t>(0x80 >> bit);
        }
        out.push_back(byte);
      }
    }
  }
  const uint8_t feed = static_cast<uint8_t>(std::clamp(options.feed_before_cut, 0, 255));
  AppendBytes(out, {0x1D, 0x56, 0x42, feed});  // GS V 66 n: feed, partial cut
  return out;
}

Result<ReceiptFiles> WriteReceiptFiles(const std::string& data_dir, const std::string& dossier_code,
                                       const GrayImage& image, const EscPosOptions& options) {
  if (dossier_code.empty() || dossier_code.size() > 32 ||
      !std::all_of(dossier_code.begin(), dossier_code.end(), IsFileNameChar)) {
    return Status::InvalidInput("\"" + dossier_code +
                                "\" cannot name a receipt file: expected a dossier code");
  }
  const std::vector<uint8_t> png = EncodePng(image);
  if (png.empty()) return Status::InvalidInput("the receipt image is empty");
  const std::string dir = data_dir + "/receipts";
  DVC_RETURN_IF_ERROR(core::CreateDirectoriesDurably(dir));
  ReceiptFiles files{dir + "/" + dossier_code + ".png", dir + "/" + dossier_code + ".escpos"};
  DVC_RETURN_IF_ERROR(core::WriteFileAtomically(files.png_path, png));
  DVC_RETURN_IF_ERROR(core::WriteFileAtomically(files.escpos_path, EscPosRaster(image, options)));
  return files;
}

}  // namespace dvc::receipt
