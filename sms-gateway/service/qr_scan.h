// Reading QR codes from an image (issue 5 item 6): a clerk scans or
// photographs a resident's paper receipt, or keeps the gateway's PNG, and
// `sms-gateway receipt verify --png` verifies the QR found in the pixels.
// stb_image decodes the file (PNG or JPEG) to 8-bit gray; zbar's image
// scanner, restricted to QR Code, finds and decodes the symbols.
//
// Thread-safety: ScanQrCodes may run on several threads at once (each call
// owns its zbar scanner and image; stb_image's failure reason is
// thread-local in Debian's build).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace dvc::gateway {

// Largest image ScanQrCodes decodes, in pixels: a 40 MP photo, or an A4 page
// at 600 dpi (35 MP). Checked from the header before any pixel is allocated.
inline constexpr uint64_t kMaxQrScanPixels = 40'000'000;

// The text of every QR symbol in `image_bytes` (a PNG or JPEG file's bytes),
// in zbar's order, byte for byte as encoded (zbar's binary mode: no guessing
// of character sets), so a signed payload reaches its verifier unchanged.
// `source` names the image in messages (a file path; "the image" by default).
// Errors, each with a message a clerk can act on:
//   kInvalidInput: not a PNG or JPEG (or damaged), or more than
//                  kMaxQrScanPixels pixels;
//   kNotFound:     the image decodes but holds no readable QR code
//                  ("no QR code found in <source>: scan it flat, at 300 dpi or more");
//   kInternal:     zbar could not be started or failed on a decoded image.
// Never throws. Any bytes are accepted.
Result<std::vector<std::string>> ScanQrCodes(std::span<const uint8_t> image_bytes,
                                             std::string_view source = "the image");

}  // namespace dvc::gateway
