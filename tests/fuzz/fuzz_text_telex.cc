// Fuzzes the Telex/VNI engine: random "text so far" (any bytes) and a random
// key sequence; after every key the text must be valid NFC UTF-8, and a
// backspace must remove exactly the last code point.
//
// Input layout: byte 0 picks the method (bit 0); byte 1 is the length of
// the initial text; then the text; the rest are keys (UTF-8, so mostly
// ASCII letters and digits; 0x08 is backspace).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/normalize.h"
#include "text/telex.h"
#include "text/utf8.h"

namespace {

void Check(const std::string& text) {
  if (!dvc::text::IsValidUtf8(text)) std::abort();
  if (dvc::text::ToNfc(text) != text) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const auto method = (data[0] & 1) ? dvc::text::InputMethod::kVni : dvc::text::InputMethod::kTelex;
  const size_t text_size = std::min<size_t>(data[1], size - 2);
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string text(bytes.substr(2, text_size));
  const std::u32string keys = dvc::text::DecodeUtf8(bytes.substr(2 + text_size));
  size_t typed = 0;
  for (char32_t key : keys) {
    if (++typed > 200) break;  // keeps each input fast; longer words add nothing
    if (key == 0x08) {
      // Backspace takes exactly the last code point of the NFC text.
      std::u32string expected = dvc::text::DecodeUtf8(dvc::text::ToNfc(text));
      if (!expected.empty()) expected.pop_back();
      text = dvc::text::DeleteLastCodePoint(text);
      if (dvc::text::DecodeUtf8(text) != expected) std::abort();
    } else {
      text = dvc::text::ApplyKey(method, text, key);
    }
    Check(text);
  }
  return 0;
}
