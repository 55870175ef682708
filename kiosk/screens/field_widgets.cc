#include "screens/field_widgets.h"

#include <imgui.h>

#include "platform/style.h"
#include "screens/chrome.h"

namespace dvc::kiosk {
namespace {

using catalog::FieldType;

// Which keyboard a field type types with.
enum class Keys { kNone, kLetters, kDigits, kDate };

Keys KeysOf(FieldType type) {
  switch (type) {
    case FieldType::kText:
    case FieldType::kAddress:
      return Keys::kLetters;
    case FieldType::kNumber:
    case FieldType::kPhone:
    case FieldType::kCitizenId:
      return Keys::kDigits;
    case FieldType::kDate:
      return Keys::kDate;
    case FieldType::kChoice:
    case FieldType::kCheckbox:
    case FieldType::kAttachment:
      return Keys::kNone;
  }
  return Keys::kNone;
}

const catalog::Field* EditedField(const AppState& state) {
  if (!state.session.form || state.session.editing.field_id.empty()) return nullptr;
  return state.session.form->form().FindField(state.session.editing.field_id);
}

void StartEditing(AppState& state, EditTarget::Kind kind, const std::string& field_id) {
  if (state.session.editing.kind != EditTarget::Kind::kNone) StopEditing(state);
  state.session.editing = EditTarget{kind, field_id};
  state.session.scroll_to_editing = true;
  state.keyboard.Reset();
}

// `message`: the field's inline message (FormSession::MessageFor), else the
// final check's.
void DrawMessage(AppState& state, const catalog::Field& field, std::optional<catalog::Text> message,
                 float wrap_x) {
  if (!message) {
    auto it = state.session.final_errors.find(field.id);
    if (it != state.session.final_errors.end()) message = it->second;
  }
  if (message)
    TextBlock(state.ui, Tr(state, *message), state.ui.fonts->bold, Palette::kDanger, wrap_x);
}

void DrawTextLike(AppState& state, const catalog::Field& field, float width, bool has_error) {
  FormSession& form = *state.session.form;
  const bool active = state.session.editing == EditTarget{EditTarget::Kind::kField, field.id};
  const std::string value = form.TextOf(field.id);
  if (FieldBox(state.ui, Tr(state, field.label), value, active, has_error, width)) {
    StartEditing(state, EditTarget::Kind::kField, field.id);
  }
  if (active && state.session.scroll_to_editing) {
    ImGui::SetScrollHereY(0.3f);
    state.session.scroll_to_editing = false;
  }
  if (field.type == FieldType::kDate) {
    TextBlock(state.ui, state.S(StringId::kFormDateHint), state.ui.fonts->small, Palette::kMuted);
  }
}

void DrawChoice(AppState& state, const catalog::Field& field) {
  FormSession& form = *state.session.form;
  const nlohmann::json& answers = form.answers();
  auto it = answers.find(field.id);
  ImGui::BeginGroup();
  for (const catalog::ChoiceOption& option : field.options) {
    bool selected = false;
    if (it != answers.end()) {
      selected = field.multiple ? it->is_array() &&
                                      std::find(it->begin(), it->end(), option.value) != it->end()
                                : *it == option.value;
    }
    ImGui::PushID(option.value.c_str());
    if (RadioOption(state.ui, Tr(state, option.label), selected)) {
      StopEditing(state);
      if (field.multiple) {
        nlohmann::json chosen =
            it != answers.end() && it->is_array() ? *it : nlohmann::json::array();
        if (selected) {
          chosen.erase(std::remove(chosen.begin(), chosen.end(), option.value), chosen.end());
        } else {
          chosen.push_back(option.value);
        }
        form.SetValue(field.id, chosen.empty() ? nlohmann::json() : chosen);
      } else {
        form.SetValue(field.id, option.value);
      }
      form.Touch(field.id);
      state.session.final_errors.erase(field.id);
      ImGui::PopID();
      break;  // `it` is stale now
    }
    ImGui::PopID();
  }
  ImGui::EndGroup();
}

void DrawCheckbox(AppState& state, const catalog::Field& field) {
  FormSession& form = *state.session.form;
  auto it = form.answers().find(field.id);
  bool value = it != form.answers().end() && it->is_boolean() && it->get<bool>();
  // The label was drawn above for other types; a checkbox carries it itself.
  if (BigCheckbox(state.ui, Tr(state, field.label), &value)) {
    StopEditing(state);
    form.SetValue(field.id, value ? nlohmann::json(true) : nlohmann::json());
    form.Touch(field.id);
  }
}

// The communes matching the picker's filter, searched again only when the
// filter or the day changes.
const std::vector<const catalog::Unit*>& CommuneMatches(AppState& state) {
  ResidentSession& s = state.session;
  if (s.commune_matches_filter != s.commune_filter || s.commune_matches_day != state.today) {
    s.commune_matches = state.data->units.SearchCommunes(state.settings.province_code, state.today,
                                                         s.commune_filter);
    s.commune_matches_filter = s.commune_filter;
    s.commune_matches_day = state.today;
  }
  return s.commune_matches;
}

void DrawAddress(AppState& state, const catalog::Field& field, float width, bool has_error) {
  FormSession& form = *state.session.form;
  const Ui& ui = state.ui;
  const std::string code = form.AddressPart(field.id, "commune");
  const bool picking =
      state.session.editing == EditTarget{EditTarget::Kind::kCommuneFilter, field.id};
  std::string shown = state.session.commune_filter;
  if (!picking) {
    const catalog::Unit* unit = state.data->units.UnitAt(code, state.today);
    shown = unit ? unit->name : code;
  }
  TextBlock(ui, state.S(StringId::kFormCommune), ui.fonts->body, Palette::kMuted);
  if (FieldBox(ui, state.S(StringId::kFormCommune) + "##" + field.id, shown, picking,
               has_error && code.empty(), width)) {
    StartEditing(state, EditTarget::Kind::kCommuneFilter, field.id);
    state.session.commune_filter.clear();
  }
  if (picking) {
    if (state.session.scroll_to_editing) {
      ImGui::SetScrollHereY(0.2f);
      state.session.scroll_to_editing = false;
    }
    const std::vector<const catalog::Unit*>& found = CommuneMatches(state);
    TextBlock(ui, state.S(StringId::kFormCommuneSearch), ui.fonts->small, Palette::kMuted);
    size_t shown_count = 0;
    for (const catalog::Unit* unit : found) {
      if (++shown_count > 6) break;
      ButtonOptions style{ButtonKind::kSecondary, true, ui.fonts->bold};
      style.align_left = true;
      if (BigButton(ui, unit->name + "##unit" + unit->code, ImVec2(width, ui.Px(80)), style)) {
        form.SetAddressPart(field.id, "commune", unit->code);
        state.session.editing = EditTarget{};
      }
    }
  }
  const bool detail_active =
      state.session.editing == EditTarget{EditTarget::Kind::kAddressDetail, field.id};
  TextBlock(ui, state.S(StringId::kFormAddressDetail), ui.fonts->body, Palette::kMuted);
  if (FieldBox(ui, state.S(StringId::kFormAddressDetail) + "##" + field.id,
               form.AddressPart(field.id, "detail"), detail_active, false, width)) {
    StartEditing(state, EditTarget::Kind::kAddressDetail, field.id);
  }
  if (detail_active && state.session.scroll_to_editing) {
    ImGui::SetScrollHereY(0.3f);
    state.session.scroll_to_editing = false;
  }
}

// An attachment: what is attached so far, and the way to attach: the scan
// picker for staff, or "Gọi cán bộ đính kèm" (the PIN, then the picker) for
// a resident, who keeps the answers typed so far.
void DrawAttachment(AppState& state, const catalog::Field& field, float width) {
  const Ui& ui = state.ui;
  const float wrap_x = ImGui::GetCursorPosX() + width;
  auto picked = state.session.attached.find(field.id);
  if (picked != state.session.attached.end()) {
    std::string names;
    for (const ScanFile& scan : picked->second) names += (names.empty() ? "" : ", ") + scan.name;
    TextBlock(ui, state.F(StringId::kAttachAttached, {{"names", names}}), ui.fonts->bold,
              Palette::kSuccess, wrap_x);
  } else {
    TextBlock(ui, state.S(StringId::kFormAttachmentPending), ui.fonts->body, Palette::kText,
              wrap_x);
  }
  const bool may_pick = state.staff.active || state.session.staff_attach;
  const std::string label =
      state.S(may_pick ? StringId::kAttachPick : StringId::kAttachCallStaff) + "##" + field.id;
  if (BigButton(ui, label, ImVec2(std::min(width, ui.Px(520)), ui.Px(90)),
                {ButtonKind::kSecondary})) {
    StopEditing(state);
    if (may_pick) {
      state.staff.picker_field = field.id;
      state.actions.push_back(ActionOpenScanPicker{});
    } else {
      state.staff.pin.clear();
      state.staff.pin_message.clear();
      state.staff.pin_for_field = field.id;
      state.GoTo(Screen::kStaffPin);
    }
  }
}

}  // namespace

void StopEditing(AppState& state) {
  ResidentSession& s = state.session;
  if (s.form && !s.editing.field_id.empty()) s.form->Touch(s.editing.field_id);
  s.editing = EditTarget{};
}

void DrawField(AppState& state, const catalog::Field& field, float width) {
  const Ui& ui = state.ui;
  const float wrap_x = ImGui::GetCursorPosX() + width;
  ImGui::PushID(field.id.c_str());
  ImGui::BeginGroup();
  if (field.type != FieldType::kCheckbox) {
    std::string label = Tr(state, field.label);
    if (!field.required) label += "  " + state.S(StringId::kFormOptional);
    TextBlock(ui, label, ui.fonts->button, Palette::kText, wrap_x);
  }
  if (field.help) TextBlock(ui, Tr(state, *field.help), ui.fonts->small, Palette::kMuted, wrap_x);
  // Once per field and frame (and computed once per change of the answers).
  const std::optional<catalog::Text> message =
      state.session.form->MessageFor(field, state.Validation());
  switch (field.type) {
    case FieldType::kText:
    case FieldType::kNumber:
    case FieldType::kPhone:
    case FieldType::kCitizenId:
    case FieldType::kDate:
      DrawTextLike(state, field, width, message.has_value());
      break;
    case FieldType::kChoice:
      DrawChoice(state, field);
      break;
    case FieldType::kCheckbox:
      DrawCheckbox(state, field);
      break;
    case FieldType::kAddress:
      DrawAddress(state, field, width, message.has_value());
      break;
    case FieldType::kAttachment:
      DrawAttachment(state, field, width);
      break;
  }
  DrawMessage(state, field, message, wrap_x);
  ImGui::EndGroup();
  ImGui::PopID();
}

float FieldKeyboardHeight(const AppState& state) {
  const catalog::Field* field = EditedField(state);
  if (!field) return 0;
  const EditTarget::Kind kind = state.session.editing.kind;
  if (kind != EditTarget::Kind::kField) return state.keyboard.Height(state.ui);
  switch (KeysOf(field->type)) {
    case Keys::kLetters:
      return state.keyboard.Height(state.ui);
    case Keys::kDigits:
    case Keys::kDate:
      return state.pad.Height(state.ui);
    case Keys::kNone:
      return 0;
  }
  return 0;
}

void DrawFieldKeyboard(AppState& state, float width) {
  const catalog::Field* field = EditedField(state);
  if (!field) return;
  ResidentSession& s = state.session;
  FormSession& form = *s.form;
  const Ui& ui = state.ui;
  const KeyboardLabels labels = state.KeyLabels();
  KeyboardResult result;
  switch (s.editing.kind) {
    case EditTarget::Kind::kCommuneFilter:
      result = state.keyboard.Draw(ui, &s.commune_filter, width, labels, 60);
      break;
    case EditTarget::Kind::kAddressDetail: {
      std::string text = form.AddressPart(field->id, "detail");
      result = state.keyboard.Draw(ui, &text, width, labels, catalog::kMaxAddressDetailLength);
      if (result.changed) form.SetAddressPart(field->id, "detail", text);
      break;
    }
    case EditTarget::Kind::kField: {
      std::string text = form.TextOf(field->id);
      const Keys keys = KeysOf(field->type);
      if (keys == Keys::kLetters) {
        const size_t max = static_cast<size_t>(
            field->max_length.value_or(field->multiline ? catalog::kDefaultMaxMultilineLength
                                                        : catalog::kDefaultMaxLineLength));
        result = state.keyboard.Draw(ui, &text, width, labels, max);
      } else if (keys != Keys::kNone) {
        const float pad_w = std::min(width, ui.Px(900));
        ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + (width - pad_w) / 2,
                                         ImGui::GetCursorScreenPos().y));
        result = state.pad.Draw(ui, &text, keys == Keys::kDate ? PadKind::kDate : PadKind::kDigits,
                                pad_w, labels, keys == Keys::kDate ? 10 : 15);
      }
      if (result.changed) {
        form.SetValue(field->id, text);
        s.final_errors.erase(field->id);
      }
      break;
    }
    default:
      break;
  }
  if (result.done) StopEditing(state);
}

}  // namespace dvc::kiosk
