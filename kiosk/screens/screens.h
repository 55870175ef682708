// The kiosk's screens, one file each. Each draws the current frame from
// AppState, changes only session state and pushes Actions for anything that
// does I/O. Thread-safety: main thread only, inside an ImGui frame.
#pragma once

#include "app/app_state.h"

namespace dvc::kiosk {

void DrawWelcomeScreen(AppState& state);
void DrawSearchScreen(AppState& state);
void DrawDetailScreen(AppState& state);
void DrawFormScreen(AppState& state);
void DrawReviewScreen(AppState& state);
void DrawReceiptScreen(AppState& state);
void DrawLookupScreen(AppState& state);
void DrawStaffPinScreen(AppState& state);
void DrawStaffHomeScreen(AppState& state);
void DrawStaffOutboxScreen(AppState& state);
void DrawStaffDossierScreen(AppState& state);
void DrawScanPickerScreen(AppState& state);
void DrawStaffSettingsScreen(AppState& state);
void DrawStaffSyncScreen(AppState& state);

// The whole frame: the current screen (flat dispatch), then the help and
// idle overlays. `idle_seconds_left` > 0 shows the idle warning.
void DrawFrame(AppState& state, int64_t idle_seconds_left);

}  // namespace dvc::kiosk
