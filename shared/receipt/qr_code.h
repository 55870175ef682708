// QR code symbols from libqrencode, as a plain matrix of modules that the
// receipt renderer prints and the kiosk UI draws on screen.
//
// Thread-safety: QrModules is safe to call from several threads (Debian's
// libqrencode is built with pthread support). QrMatrix is a value.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"

namespace dvc::receipt {

// Modules a QR code needs around it on every side (ISO/IEC 18004 quiet zone).
inline constexpr int kQrQuietZoneModules = 4;

struct QrMatrix {
  int version = 0;         // 1..40
  int size = 0;            // modules per side: 17 + 4 * version
  std::vector<bool> dark;  // size * size, row-major; true = dark module

  // REQUIRES: 0 <= x, y < size.
  bool At(int x, int y) const { return dark[static_cast<size_t>(y) * size + x]; }
};

// Encodes `payload` at error-correction level M in 8-bit mode, at the
// smallest version that holds it. Errors: kInvalidInput if the payload is
// empty, contains a NUL byte, or is too long for any QR version; kInternal
// if libqrencode fails otherwise (out of memory).
Result<QrMatrix> QrModules(std::string_view payload);

}  // namespace dvc::receipt
