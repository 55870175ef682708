// Scans arbitrary bytes as a receipt image (a file a clerk scanned, a
// photo, or anything a stranger hands over): stb_image's PNG and JPEG
// decoders, then zbar's QR scanner. Must never crash, leak or throw; a
// refusal must be kInvalidInput (not an image, too large) or kNotFound (no
// QR code) and name the file; a success returns at least one symbol.
#include <stb/stb_image.h>

#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "service/qr_scan.h"

namespace {

// Decoding and scanning cost grows with the pixels, not the file: a few
// hundred bytes of PNG can declare 36 megapixels of blank page, which takes
// zbar a second. Inputs above this (but within the module's cap) are
// skipped so the fuzzer explores more inputs; those above the cap still run
// (the refusal before decoding is what they test).
constexpr uint64_t kFuzzQrScanMaxPixels = 4'000'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  int width = 0;
  int height = 0;
  int channels = 0;
  if (size <= 1024 * 1024 &&
      stbi_info_from_memory(data, static_cast<int>(size), &width, &height, &channels) != 0) {
    const uint64_t pixels = static_cast<uint64_t>(width) * static_cast<uint64_t>(height);
    if (pixels > kFuzzQrScanMaxPixels && pixels <= dvc::gateway::kMaxQrScanPixels) return 0;
  }
  const dvc::Result<std::vector<std::string>> texts =
      dvc::gateway::ScanQrCodes(std::span(data, size), "fuzz.img");
  if (texts.ok()) {
    if (texts->empty()) std::abort();
    return 0;
  }
  const std::string& message = texts.status().message();
  switch (texts.status().code()) {
    case dvc::ErrorCode::kInvalidInput:
      if (message.rfind("fuzz.img: ", 0) != 0) std::abort();
      break;
    case dvc::ErrorCode::kNotFound:
      if (message.rfind("no QR code found in fuzz.img: ", 0) != 0) std::abort();
      break;
    default:
      std::abort();
  }
  return 0;
}
