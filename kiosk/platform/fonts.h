// The kiosk's fonts: NotoSans Regular and Bold (Debian's fonts-noto-core),
// loaded once at start with the glyph ranges Vietnamese needs, at a few large
// sizes scaled to the screen height (sizes are for 1080 rows).
//
// Thread-safety: ImGui's font atlas is single-threaded; main thread only.
#pragma once

#include <imgui.h>

#include <string>

#include "core/status.h"

namespace dvc::kiosk {

// Fonts owned by the ImGui atlas (valid while the ImGui context lives).
struct Fonts {
  ImFont* body = nullptr;    // running text, labels (34 px at 1080 rows)
  ImFont* small = nullptr;   // hints, footers (28 px)
  ImFont* bold = nullptr;    // emphasised body text (34 px bold)
  ImFont* button = nullptr;  // touch buttons and keys (40 px bold)
  ImFont* title = nullptr;   // screen titles (56 px bold)
  ImFont* huge = nullptr;    // the dossier code on the receipt (110 px bold, ASCII only)
  float scale = 1.0f;        // screen height / 1080
};

// Adds the fonts to the current ImGui context's atlas and builds it.
// Errors: kIo naming a missing font file; kInternal if the atlas fails.
Result<Fonts> LoadFonts(const std::string& font_dir, float scale);

}  // namespace dvc::kiosk
