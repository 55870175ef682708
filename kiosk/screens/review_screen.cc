#include <imgui.h>

#include "app/app.h"
#include "app/staff_actions.h"
#include "platform/style.h"
#include "screens/chrome.h"
#include "screens/screens.h"

namespace dvc::kiosk {
namespace {

// How an answer reads on the review screen.
std::string AnswerText(const AppState& state, const catalog::Field& field,
                       const nlohmann::json& value) {
  switch (field.type) {
    case catalog::FieldType::kChoice: {
      std::string out;
      const auto label_of = [&](const nlohmann::json& v) -> std::string {
        for (const catalog::ChoiceOption& option : field.options) {
          if (v == option.value) return Tr(state, option.label);
        }
        return v.is_string() ? v.get<std::string>() : v.dump();
      };
      if (value.is_array()) {
        for (const nlohmann::json& v : value) out += (out.empty() ? "" : "; ") + label_of(v);
        return out;
      }
      return label_of(value);
    }
    case catalog::FieldType::kCheckbox:
      return value.is_boolean() && value.get<bool>() ? state.S(StringId::kReviewYes) : "";
    case catalog::FieldType::kAddress: {
      const std::string detail = value.value("detail", "");
      const catalog::Unit* unit = state.data->units.UnitAt(value.value("commune", ""), state.today);
      return detail + (unit ? (detail.empty() ? "" : ", ") + unit->name : "");
    }
    case catalog::FieldType::kAttachment:
      return state.S(StringId::kFormAttachmentPending);
    default:
      return value.is_string() ? value.get<std::string>() : value.dump();
  }
}

}  // namespace

void DrawReviewScreen(AppState& state) {
  ResidentSession& s = state.session;
  if (!s.form) {
    state.GoTo(Screen::kSearch);
    return;
  }
  const ScreenLayout layout = LayoutOf(state);
  const Ui& ui = state.ui;
  const catalog::ValidationContext ctx = state.Validation();
  FormSession& form = *s.form;
  DrawHeader(state, state.S(StringId::kReviewTitle));

  const float content_w = layout.width - 2 * layout.margin;
  const float consent_h = ui.Px(330);
  const float top = layout.header_h + ui.Px(20);
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, top));
  TextBlock(ui, Tr(state, form.service().name), ui.fonts->button, Palette::kPrimary);
  const float list_top = ImGui::GetCursorScreenPos().y;
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, list_top));
  ImGui::BeginChild("##answers", ImVec2(content_w, layout.footer_top() - consent_h - list_top),
                    true);
  const float label_w = content_w * 0.4f;
  for (size_t page : form.ShownPages(ctx)) {
    for (const catalog::Field* field : form.ShownFields(page, ctx)) {
      auto it = form.answers().find(field->id);
      std::string value = it == form.answers().end() ? "" : AnswerText(state, *field, *it);
      if (field->type == catalog::FieldType::kAttachment) {
        auto picked = s.attached.find(field->id);
        value = AnswerText(state, *field, {});
        if (picked != s.attached.end()) {
          value.clear();
          for (const ScanFile& scan : picked->second) {
            value += (value.empty() ? "" : ", ") + scan.name;
          }
        }
      }
      if (value.empty()) value = state.S(StringId::kReviewEmpty);
      const float y = ImGui::GetCursorPosY();
      ImGui::PushTextWrapPos(label_w - ui.Px(20));
      TextBlock(ui, Tr(state, field->label), ui.fonts->body, Palette::kMuted, label_w - ui.Px(20));
      ImGui::PopTextWrapPos();
      const float after_label = ImGui::GetCursorPosY();
      ImGui::SetCursorPos(ImVec2(label_w, y));
      TextBlock(ui, value, ui.fonts->bold, Palette::kText, content_w - ui.Px(60));
      ImGui::SetCursorPosY(std::max(after_label, ImGui::GetCursorPosY()) + ui.Px(8));
    }
  }
  ImGui::EndChild();

  // Purpose and consent: unticked until the resident ticks it.
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, layout.footer_top() - consent_h + ui.Px(16)));
  TextBlock(ui, state.S(StringId::kReviewPurpose), ui.fonts->small, Palette::kText);
  ImGui::SetCursorScreenPos(ImVec2(layout.margin, ImGui::GetCursorScreenPos().y));
  ImGui::BeginChild("##consent", ImVec2(content_w, ui.Px(100)), false,
                    ImGuiWindowFlags_NoScrollbar);
  BigCheckbox(ui, state.S(StringId::kReviewConsent), &s.consent);
  ImGui::EndChild();
  // A required scan not attached yet: only staff can attach it, so the
  // resident is told to call them and the submit waits.
  const std::vector<const catalog::Field*> missing = MissingAttachments(state);
  if (!s.error_message.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(layout.margin, ImGui::GetCursorScreenPos().y));
    TextBlock(ui, s.error_message, ui.fonts->bold, Palette::kDanger);
  } else if (!missing.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(layout.margin, ImGui::GetCursorScreenPos().y));
    TextBlock(ui, AttachmentsMissingText(state, missing), ui.fonts->bold, Palette::kDanger);
  } else if (!s.consent) {
    ImGui::SetCursorScreenPos(ImVec2(layout.margin, ImGui::GetCursorScreenPos().y));
    TextBlock(ui, state.S(StringId::kReviewConsentNeeded), ui.fonts->small, Palette::kMuted);
  }

  const ImVec2 button(ui.Px(340), ui.Px(100));
  DrawFooter(state, button.x + ui.Px(30));
  FooterCursor(state, 0);
  if (BigButton(ui, state.S(StringId::kReviewEdit), button, {ButtonKind::kSecondary})) {
    s.page = 0;
    state.GoTo(Screen::kForm);
  }
  FooterCursor(state, content_w - ui.Px(420));
  if (BigButton(ui, state.S(StringId::kReviewSubmit) + "##submit", ImVec2(ui.Px(420), button.y),
                {ButtonKind::kPrimary, s.consent && missing.empty()})) {
    s.error_message.clear();
    state.actions.push_back(ActionSubmit{});
  }
}

}  // namespace dvc::kiosk
