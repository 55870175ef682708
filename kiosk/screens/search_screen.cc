#include <imgui.h>

#include <algorithm>

#include "platform/style.h"
#include "screens/chrome.h"
#include "screens/screens.h"

namespace dvc::kiosk {
namespace {

constexpr size_t kSearchLimit = 60;

// The services to list: search hits for a query, else the chosen field's or
// agency's services, else all, by name. Computed when the query or the
// browse choice changes, not every frame.
const std::vector<const catalog::Service*>& ListedServices(AppState& state) {
  ResidentSession& s = state.session;
  if (s.listed && s.listed->query == s.query && s.listed->field == s.browse_field &&
      s.listed->agency == s.browse_agency) {
    return s.listed->services;
  }
  const catalog::Catalog& catalog = state.data->catalog;
  std::vector<const catalog::Service*> out;
  if (!s.query.empty()) {
    for (const catalog::SearchHit& hit : state.data->search.Search(s.query, kSearchLimit)) {
      if (const catalog::Service* service = catalog.FindService(hit.service_id)) {
        out.push_back(service);
      }
    }
  } else {
    for (const catalog::Service* service : state.data->services_by_name) {
      if (!s.browse_field.empty() && service->field != s.browse_field) continue;
      if (!s.browse_agency.empty() && service->lead_agency != s.browse_agency) continue;
      out.push_back(service);
    }
  }
  s.listed = ResidentSession::Listed{s.query, s.browse_field, s.browse_agency, std::move(out)};
  return s.listed->services;
}

// The browse column: "Tất cả" then each field (or lead agency) in use.
void DrawBrowseColumn(AppState& state, float width, float height) {
  const Ui& ui = state.ui;
  ResidentSession& s = state.session;
  const catalog::Catalog& catalog = state.data->catalog;
  const float half = (width - ui.Px(12)) / 2;
  const ImVec2 tab(half, ui.Px(80));
  if (BigButton(ui, state.S(StringId::kSearchByField) + "##tabfield", tab,
                {s.browse_by_agency ? ButtonKind::kSecondary : ButtonKind::kPrimary, true,
                 ui.fonts->bold})) {
    s.browse_by_agency = false;
    s.browse_agency.clear();
  }
  ImGui::SameLine(0, ui.Px(12));
  if (BigButton(ui, state.S(StringId::kSearchByAgency) + "##tabagency", tab,
                {s.browse_by_agency ? ButtonKind::kPrimary : ButtonKind::kSecondary, true,
                 ui.fonts->bold})) {
    s.browse_by_agency = true;
    s.browse_field.clear();
  }
  ImGui::BeginChild("##browse", ImVec2(width, height - tab.y - ui.Px(18)), false);
  const ImVec2 row(width - ImGui::GetStyle().ScrollbarSize - ui.Px(8), ui.Px(76));
  auto option = [&](const std::string& label, const std::string& id, std::string* selected) {
    ButtonOptions style{
        *selected == id && s.query.empty() ? ButtonKind::kPrimary : ButtonKind::kSecondary, true,
        ui.fonts->body};
    style.align_left = true;
    if (BigButton(ui, label + "##browse" + id, row, style)) {
      *selected = id;
      s.query.clear();
      s.result_page = 0;
    }
  };
  std::string* selected = s.browse_by_agency ? &s.browse_agency : &s.browse_field;
  option(state.S(StringId::kSearchAll), "", selected);
  if (!s.browse_by_agency) {
    for (const catalog::CatalogField& field : catalog.header().fields) {
      option(Tr(state, field.name), field.id, selected);
    }
  } else {
    for (const catalog::Agency* agency : state.data->lead_agencies_by_name) {
      option(Tr(state, agency->name), agency->id, selected);
    }
  }
  ImGui::EndChild();
}

}  // namespace

void DrawSearchScreen(AppState& state) {
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  ResidentSession& s = state.session;
  DrawHeader(state, state.S(StringId::kSearchTitle));

  const bool typing = s.editing.kind == EditTarget::Kind::kSearch;
  const float keyboard_h = typing ? state.keyboard.Height(ui) + ui.Px(30) : 0;
  const float top = layout.header_h + ui.Px(24);
  const float content_w = layout.width - 2 * layout.margin;
  const float left_w = content_w * 0.32f;
  const float right_x = layout.margin + left_w + ui.Px(30);
  const float right_w = layout.width - layout.margin - right_x;
  const float bottom = layout.footer_top() - keyboard_h - ui.Px(10);

  // The search box over the results.
  ImGui::SetCursorScreenPos(ImVec2(right_x, top));
  TextBlock(ui, state.S(StringId::kSearchPrompt), ui.fonts->bold);
  ImGui::SetCursorScreenPos(ImVec2(right_x, ImGui::GetCursorScreenPos().y));
  if (FieldBox(ui, state.S(StringId::kSearchPrompt), s.query, typing, false, right_w)) {
    s.editing = EditTarget{EditTarget::Kind::kSearch, ""};
  }

  // Results, paged (fingers page more reliably than they scroll).
  // Valid for this frame: only ListedServices replaces the cached list.
  const std::vector<const catalog::Service*>& listed = ListedServices(state);
  const float list_top = ImGui::GetCursorScreenPos().y + ui.Px(10);
  const float row_h = ui.Px(96);
  const float row_gap = ui.Px(14);
  const float pager_h = ui.Px(90);
  const size_t per_page = std::max<size_t>(
      1, static_cast<size_t>((bottom - list_top - pager_h - row_gap) / (row_h + row_gap)));
  const size_t pages = std::max<size_t>(1, (listed.size() + per_page - 1) / per_page);
  s.result_page = std::min(s.result_page, pages - 1);
  float y = list_top;
  if (listed.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(right_x, y));
    TextBlock(ui, state.S(StringId::kSearchNoResults), ui.fonts->button, Palette::kDanger);
  }
  for (size_t i = s.result_page * per_page;
       i < std::min(listed.size(), (s.result_page + 1) * per_page); ++i) {
    ImGui::SetCursorScreenPos(ImVec2(right_x, y));
    ButtonOptions style{ButtonKind::kSecondary, true, ui.fonts->bold};
    style.align_left = true;
    if (BigButton(ui, Tr(state, listed[i]->name) + "##svc" + listed[i]->id, ImVec2(right_w, row_h),
                  style)) {
      s.service_id = listed[i]->id;
      state.GoTo(Screen::kDetail);
    }
    y += row_h + row_gap;
  }
  DrawPager(state, "results", &s.result_page, pages, ImVec2(right_x, bottom - pager_h), right_w,
            ImVec2(ui.Px(260), pager_h),
            state.F(StringId::kSearchCount, {{"n", std::to_string(listed.size())}}) + " · ");

  ImGui::SetCursorScreenPos(ImVec2(layout.margin, top));
  DrawBrowseColumn(state, left_w, bottom - top);

  if (typing) {
    ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.footer_top() - keyboard_h + ui.Px(10)));
    const std::string before = s.query;
    const KeyboardResult key = state.keyboard.Draw(ui, &s.query, content_w, state.KeyLabels(), 80);
    if (key.changed && s.query != before) s.result_page = 0;
    if (key.done) s.editing = EditTarget{};
  }
  DrawFooterNav(state, Screen::kWelcome);
}

}  // namespace dvc::kiosk
