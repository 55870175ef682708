#include <imgui.h>

#include "platform/style.h"
#include "screens/chrome.h"
#include "screens/screens.h"

namespace dvc::kiosk {
namespace {

// "2.000 đồng" with dots between thousands, as Vietnamese prices are written.
std::string FormatVnd(int64_t amount) {
  std::string digits = std::to_string(amount);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ".");
  return digits + " đồng";
}

// A bold heading and its value below it.
void Fact(AppState& state, std::string_view heading, std::string_view value, float wrap_x) {
  TextBlock(state.ui, heading, state.ui.fonts->bold, Palette::kPrimary, wrap_x);
  TextBlock(state.ui, value, state.ui.fonts->body, Palette::kText, wrap_x);
  ImGui::Dummy(ImVec2(0, state.ui.Px(12)));
}

}  // namespace

void DrawDetailScreen(AppState& state) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  const catalog::Catalog& catalog = state.data->catalog;
  const catalog::Service* service = catalog.FindService(state.session.service_id);
  if (!service) {
    state.GoTo(Screen::kSearch);
    return;
  }
  DrawHeader(state, Tr(state, service->name));
  const float top = layout.header_h + ui.Px(30);
  const float content_w = layout.width - 2 * layout.margin;
  const float left_w = content_w * 0.56f;
  const float right_x = layout.margin + left_w + ui.Px(40);
  const float start_h = ui.Px(120);
  const float bottom = layout.footer_top() - start_h - ui.Px(40);

  // Left: the documents to bring, scrollable when long.
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, top));
  TextBlock(ui, state.S(StringId::kDetailDocuments), ui.fonts->button, Palette::kPrimary);
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, ImGui::GetCursorScreenPos().y));
  ImGui::BeginChild("##documents", ImVec2(left_w, bottom - ImGui::GetCursorScreenPos().y), false);
  int n = 1;
  for (const catalog::RequiredDocument& doc : service->documents) {
    const std::string kind =
        state.S(doc.original ? StringId::kDetailOriginal : StringId::kDetailCopy);
    const std::string line = std::to_string(n++) + ". " + Tr(state, doc.name) + " (" +
                             std::to_string(doc.copies) + " " + kind + ")";
    TextBlock(ui, line, ui.fonts->body, Palette::kText, left_w - ImGui::GetStyle().ScrollbarSize);
    ImGui::Dummy(ImVec2(0, ui.Px(6)));
  }
  ImGui::EndChild();

  // Right: fee, processing time, level, agency.
  const float wrap_x = layout.width - layout.margin;
  ImGui::SetCursorScreenPos(ImVec2(right_x, top));
  ImGui::BeginGroup();
  std::string fee = service->fee.amount_vnd == 0 ? state.S(StringId::kDetailFree)
                                                 : FormatVnd(service->fee.amount_vnd);
  if (service->fee.note) fee += " — " + Tr(state, *service->fee.note);
  Fact(state, state.S(StringId::kDetailFee), fee, wrap_x);
  Fact(state, state.S(StringId::kDetailDays),
       service->processing_days == 0
           ? state.S(StringId::kDetailSameDay)
           : state.F(StringId::kDetailDaysValue, {{"n", std::to_string(service->processing_days)}}),
       wrap_x);
  for (const catalog::OnlineLabelName& label : catalog.header().online_labels) {
    if (label.label == service->online_label) {
      Fact(state, state.S(StringId::kDetailLevel), Tr(state, label.name), wrap_x);
    }
  }
  Result<const catalog::Agency*> agency = catalog.AgencyAt(service->lead_agency, state.today);
  if (agency.ok())
    Fact(state, state.S(StringId::kDetailAgency), Tr(state, (*agency)->name), wrap_x);
  ImGui::EndGroup();

  ImGui::SetCursorScreenPos(
      ImVec2(layout.width - layout.margin - ui.Px(640), layout.footer_top() - start_h - ui.Px(20)));
  if (BigButton(ui, state.S(StringId::kDetailStart), ImVec2(ui.Px(640), start_h),
                {ButtonKind::kPrimary, true, ui.fonts->title})) {
    state.session.form.emplace(service);
    state.session.page = 0;
    state.session.consent = false;
    state.GoTo(Screen::kForm);
  }
  DrawFooterNav(state, Screen::kSearch);
}

}  // namespace dvc::kiosk
