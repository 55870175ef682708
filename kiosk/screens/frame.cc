#include <imgui.h>

#include "screens/chrome.h"
#include "screens/screens.h"

namespace dvc::kiosk {

void DrawFrame(AppState& state, int64_t idle_seconds_left) {
  state.registry.BeginFrame();
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  // No padding: screens place everything themselves, and the header band
  // must reach the edges (ImGui clips drawing to the padded inner rectangle).
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##screen", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar();
  const Screen screen = state.screen;
  if (screen == Screen::kWelcome) DrawWelcomeScreen(state);
  if (screen == Screen::kSearch) DrawSearchScreen(state);
  if (screen == Screen::kDetail) DrawDetailScreen(state);
  if (screen == Screen::kForm) DrawFormScreen(state);
  if (screen == Screen::kReview) DrawReviewScreen(state);
  if (screen == Screen::kReceipt) DrawReceiptScreen(state);
  if (screen == Screen::kLookup) DrawLookupScreen(state);
  if (screen == Screen::kStaffPin) DrawStaffPinScreen(state);
  if (screen == Screen::kStaffHome) DrawStaffHomeScreen(state);
  if (screen == Screen::kStaffOutbox) DrawStaffOutboxScreen(state);
  if (screen == Screen::kStaffDossier) DrawStaffDossierScreen(state);
  if (screen == Screen::kScanPicker) DrawScanPickerScreen(state);
  if (screen == Screen::kStaffSettings) DrawStaffSettingsScreen(state);
  if (screen == Screen::kStaffSync) DrawStaffSyncScreen(state);
  ImGui::End();
  if (state.session.show_help) DrawHelpOverlay(state);
  if (idle_seconds_left > 0) DrawIdleOverlay(state, idle_seconds_left);
}

}  // namespace dvc::kiosk
