// What every screen shares: the header band (title, language switch, help
// button), the body area between header and footer, the footer's navigation
// buttons, and the two overlays (help, idle warning).
// Thread-safety: main thread only, inside an ImGui frame.
#pragma once

#include <optional>
#include <string_view>

#include "app/app_state.h"

namespace dvc::kiosk {

// Layout of a screen, in screen pixels.
struct ScreenLayout {
  float width = 0;
  float height = 0;
  float header_h = 0;
  float footer_h = 0;
  float margin = 0;
  float footer_top() const { return height - footer_h; }
};

ScreenLayout LayoutOf(const AppState& state);

// Draws the header band with `title` and the help and language buttons.
void DrawHeader(AppState& state, std::string_view title);

// Places the cursor in the footer band at `x` (0 = left margin).
void FooterCursor(const AppState& state, float x);

// The footer's rule and, when `home_x` is given, "Trang đầu" (wipes the
// session) at that x in the footer band (as FooterCursor).
void DrawFooter(AppState& state, std::optional<float> home_x);

// The footer's standard buttons: "Quay lại" to `back` (when given) and
// "Trang đầu" (wipes the session) on the right.
void DrawFooterNav(AppState& state, std::optional<Screen> back);

// A pager row of `width` at `at`: "Trang trước" on the left, "Trang sau" on
// the right (each `button` in size, disabled at the ends), and between them
// `label_prefix` followed by "Trang n/total". `id` keeps the buttons of two
// pagers apart. Returns true when *page changed.
bool DrawPager(AppState& state, std::string_view id, size_t* page, size_t pages, ImVec2 at,
               float width, ImVec2 button, std::string_view label_prefix = {});

// The help text of the current screen over everything, with "Đóng".
void DrawHelpOverlay(AppState& state);

// The idle warning with its countdown and "Tiếp tục" (continue).
void DrawIdleOverlay(AppState& state, int64_t seconds_left);

// The text for a catalog Text in the session's language.
const std::string& Tr(const AppState& state, const catalog::Text& text);

}  // namespace dvc::kiosk
