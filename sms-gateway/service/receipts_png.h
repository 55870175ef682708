// The QR payload carried beside the pixels of the gateway's receipt PNG, in a
// PNG tEXt chunk (ISO/IEC 15948 section 11.3.4.3): a convenience for
// programs that read the gateway's own files without a QR decoder. The QR
// printed in the image is the authority: `sms-gateway receipt verify --png`
// decodes it from the pixels (qr_scan.h, zbar) and only compares the chunk,
// noting when it differs.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dvc::gateway {

// The tEXt keyword the gateway writes the QR payload under.
inline constexpr std::string_view kQrPayloadPngKeyword = "dvc-qr";

// `png` with a tEXt chunk "<keyword>\0<text>" inserted just before IEND.
// Empty when `png` is not a PNG ending in an IEND chunk, the keyword is not 1..79
// Latin-1 printable characters, or `text` holds a NUL byte.
std::vector<uint8_t> AddPngText(std::span<const uint8_t> png, std::string_view keyword,
                                std::string_view text);

// The text of the first tEXt chunk named `keyword` whose CRC is right;
// nullopt when there is none, or `png` is not a well-formed chunk sequence
// up to that point. Any bytes are accepted.
std::optional<std::string> FindPngText(std::span<const uint8_t> png, std::string_view keyword);

}  // namespace dvc::gateway
