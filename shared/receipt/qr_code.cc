#include "receipt/qr_code.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <string>

namespace dvc::receipt {
namespace {

struct QrCodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeDeleter>;

}  // namespace

Result<QrMatrix> QrModules(std::string_view payload) {
  if (payload.empty()) return Status::InvalidInput("QR payload is empty");
  if (payload.find('\0') != std::string_view::npos) {
    return Status::InvalidInput("QR payload contains a NUL byte");
  }
  const std::string text(payload);  // libqrencode wants a C string
  errno = 0;
  QrCodePtr code(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) {
    if (errno == ERANGE || errno == EINVAL) {
      return Status::InvalidInput("QR payload of " + std::to_string(payload.size()) +
                                  " bytes is too long for a QR code");
    }
    return Status::Internal("libqrencode failed to encode the QR payload");
  }
  QrMatrix matrix;
  matrix.version = code->version;
  matrix.size = code->width;
  const size_t count = static_cast<size_t>(code->width) * static_cast<size_t>(code->width);
  matrix.dark.resize(count);
  // libqrencode: bit 0 of each byte is 1 for a dark module; the other bits
  // describe which part of the symbol the module belongs to.
  for (size_t i = 0; i < count; ++i) matrix.dark[i] = (code->data[i] & 1) != 0;
  return matrix;
}

}  // namespace dvc::receipt
