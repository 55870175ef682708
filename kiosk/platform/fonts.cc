#include "platform/fonts.h"

#include <filesystem>

namespace dvc::kiosk {
namespace {

// Pixel sizes at 1080 rows.
constexpr float kBodyPx = 34;
constexpr float kSmallPx = 28;
constexpr float kButtonPx = 40;
constexpr float kTitlePx = 56;
constexpr float kHugePx = 110;

// The dossier code and digits only need ASCII.
constexpr ImWchar kAsciiRanges[] = {0x0020, 0x007E, 0};

// The Vietnamese glyph ranges, zero-terminated pairs (ImGui's format).
constexpr ImWchar kVietnameseRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
    0x0100, 0x017F,  // Latin Extended-A (Đ đ Ă ă Ĩ ĩ Ũ ũ)
    0x0180, 0x024F,  // Latin Extended-B (Ơ ơ Ư ư)
    0x0300, 0x0323,  // combining marks (should NFC ever fail to compose)
    0x1EA0, 0x1EF9,  // Latin Extended Additional (Ạ .. ỹ)
    0x2000, 0x206F,  // General Punctuation (– — ‘ ’ “ ” …)
    0,
};

}  // namespace

Result<Fonts> LoadFonts(const std::string& font_dir, float scale) {
  const std::string regular = font_dir + "/NotoSans-Regular.ttf";
  const std::string bold = font_dir + "/NotoSans-Bold.ttf";
  for (const std::string& path : {regular, bold}) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      return Status::Io(path + ": font file not found (install fonts-noto-core)");
    }
  }
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 1;  // large sizes need no horizontal oversampling
  config.OversampleV = 1;
  config.PixelSnapH = true;
  auto add = [&](const std::string& path, float px, const ImWchar* ranges) {
    return io.Fonts->AddFontFromFileTTF(path.c_str(), px * scale, &config, ranges);
  };
  Fonts fonts;
  fonts.scale = scale;
  fonts.body = add(regular, kBodyPx, kVietnameseRanges);  // first added = default font
  fonts.small = add(regular, kSmallPx, kVietnameseRanges);
  fonts.bold = add(bold, kBodyPx, kVietnameseRanges);
  fonts.button = add(bold, kButtonPx, kVietnameseRanges);
  fonts.title = add(bold, kTitlePx, kVietnameseRanges);
  fonts.huge = add(bold, kHugePx, kAsciiRanges);
  if (!fonts.body || !fonts.small || !fonts.bold || !fonts.button || !fonts.title || !fonts.huge ||
      !io.Fonts->Build()) {
    return Status::Internal("the ImGui font atlas could not be built from " + font_dir);
  }
  return fonts;
}

}  // namespace dvc::kiosk
