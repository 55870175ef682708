#include "widgets/keyboard.h"

#include <array>

#include "text/telex.h"
#include "text/utf8.h"

namespace dvc::kiosk {
namespace {

constexpr float kKeyHeightPx = 84;
constexpr float kGapPx = 10;

constexpr std::array<std::string_view, 3> kLetterRows = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
constexpr std::array<std::string_view, 3> kDigitRows = {"1234567890", "-/:;(),.@", "'\"?!&+%"};

// The key of an ASCII character, upper-cased when `upper`.
char32_t KeyChar(char c, bool upper) {
  if (upper && c >= 'a' && c <= 'z') return static_cast<char32_t>(c - 'a' + 'A');
  return static_cast<char32_t>(c);
}

// Applies one key to `text`, respecting `max_chars`.
bool TypeKey(std::string* text, char32_t key, size_t max_chars, bool telex) {
  std::string next = *text;
  if (telex) {
    next = text::ApplyKey(text::InputMethod::kTelex, *text, key);
  } else {
    text::AppendUtf8(key, &next);
  }
  if (text::CodePointCount(next) > max_chars) return false;
  *text = std::move(next);
  return true;
}

}  // namespace

float OnScreenKeyboard::Height(const Ui& ui) const {
  return 4 * ui.Px(kKeyHeightPx) + 3 * ui.Px(kGapPx);
}

KeyboardResult OnScreenKeyboard::Draw(const Ui& ui, std::string* text, float width,
                                      const KeyboardLabels& labels, size_t max_chars, bool telex) {
  KeyboardResult result;
  const float gap = ui.Px(kGapPx);
  const float key_h = ui.Px(kKeyHeightPx);
  const float key_w = (width - 9 * gap) / 10;
  const auto& rows = digits_ ? kDigitRows : kLetterRows;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ButtonOptions key_style{ButtonKind::kKey, true, ui.fonts->button, 0};

  for (size_t r = 0; r < rows.size(); ++r) {
    const std::string_view row = rows[r];
    // Rows are centred; the last row leaves room for shift and delete.
    const float row_w = row.size() * key_w + (row.size() - 1) * gap;
    float x = origin.x + (width - row_w) / 2;
    const float y = origin.y + r * (key_h + gap);
    if (r == 2) {
      ImGui::SetCursorScreenPos(ImVec2(origin.x, y));
      ButtonOptions shift_style = key_style;
      shift_style.key = digits_ ? kKeyToLetters : kKeyShift;
      shift_style.kind = shift_ && !digits_ ? ButtonKind::kPrimary : ButtonKind::kSecondary;
      shift_style.font = ui.fonts->bold;
      if (BigButton(ui, std::string(digits_ ? labels.letters : labels.shift) + "##kbshift",
                    ImVec2(x - origin.x - gap, key_h), shift_style)) {
        if (digits_) {
          digits_ = false;
        } else {
          shift_ = !shift_;
        }
      }
    }
    for (char c : row) {
      const char32_t key = KeyChar(c, shift_ && !digits_);
      std::string label;
      text::AppendUtf8(key, &label);
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      key_style.key = key;
      if (BigButton(ui, label + "##key", ImVec2(key_w, key_h), key_style)) {
        result.changed = TypeKey(text, key, max_chars, telex);
        shift_ = false;
      }
      x += key_w + gap;
    }
    if (r == 2) {
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      ButtonOptions del_style{ButtonKind::kSecondary, true, ui.fonts->bold, kKeyBackspace};
      if (BigButton(ui, std::string(labels.del) + "##kbdel", ImVec2(origin.x + width - x, key_h),
                    del_style)) {
        *text = text::DeleteLastCodePoint(*text);
        result.changed = true;
      }
    }
  }
  // Bottom row: mode switch, space, done.
  const float y = origin.y + 3 * (key_h + gap);
  const float side_w = 2 * key_w + gap;
  ImGui::SetCursorScreenPos(ImVec2(origin.x, y));
  ButtonOptions mode_style{ButtonKind::kSecondary, true, ui.fonts->bold,
                           digits_ ? kKeyToLetters : kKeyToDigits};
  if (BigButton(ui, std::string(digits_ ? labels.letters : labels.digits) + "##kbmode",
                ImVec2(side_w, key_h), mode_style)) {
    digits_ = !digits_;
    shift_ = false;
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x + side_w + gap, y));
  ButtonOptions space_style{ButtonKind::kKey, true, ui.fonts->bold, U' '};
  if (BigButton(ui, std::string(labels.space) + "##kbspace",
                ImVec2(width - 2 * (side_w + gap), key_h), space_style)) {
    result.changed = TypeKey(text, U' ', max_chars, telex);
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x + width - side_w, y));
  ButtonOptions done_style{ButtonKind::kPrimary, true, ui.fonts->button, kKeyDone};
  if (BigButton(ui, std::string(labels.done) + "##kbdone", ImVec2(side_w, key_h), done_style)) {
    result.done = true;
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, y + key_h + gap));
  ImGui::Dummy(ImVec2(width, 0));
  return result;
}

float NumericPad::Height(const Ui& ui) const { return 4 * ui.Px(kKeyHeightPx) + 3 * ui.Px(kGapPx); }

KeyboardResult NumericPad::Draw(const Ui& ui, std::string* text, PadKind kind, float width,
                                const KeyboardLabels& labels, size_t max_chars) {
  // 1 2 3 | Xóa
  // 4 5 6 | Xong
  // 7 8 9 |
  // / 0   |
  KeyboardResult result;
  const float gap = ui.Px(kGapPx);
  const float key_h = ui.Px(kKeyHeightPx);
  const float key_w = (width - 3 * gap) / 4;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  constexpr std::string_view kKeys = "123456789/0";
  for (size_t i = 0; i < kKeys.size(); ++i) {
    const char c = kKeys[i];
    if (c == '/' && kind != PadKind::kDate) continue;
    const size_t row = i / 3;
    const size_t col = i % 3;
    ImGui::SetCursorScreenPos(
        ImVec2(origin.x + col * (key_w + gap), origin.y + row * (key_h + gap)));
    ButtonOptions style{ButtonKind::kKey, true, ui.fonts->title, static_cast<char32_t>(c)};
    if (BigButton(ui, std::string(1, c) + "##pad", ImVec2(key_w, key_h), style) &&
        text->size() < max_chars) {
      text->push_back(c);
      result.changed = true;
    }
  }
  const float right_x = origin.x + 3 * (key_w + gap);
  ImGui::SetCursorScreenPos(ImVec2(right_x, origin.y));
  ButtonOptions del_style{ButtonKind::kSecondary, true, ui.fonts->button, kKeyBackspace};
  if (BigButton(ui, std::string(labels.del) + "##paddel", ImVec2(key_w, key_h), del_style)) {
    *text = text::DeleteLastCodePoint(*text);
    result.changed = true;
  }
  ImGui::SetCursorScreenPos(ImVec2(right_x, origin.y + key_h + gap));
  ButtonOptions done_style{ButtonKind::kPrimary, true, ui.fonts->button, kKeyDone};
  if (BigButton(ui, std::string(labels.done) + "##paddone", ImVec2(key_w, 2 * key_h + gap),
                done_style)) {
    result.done = true;
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + 4 * (key_h + gap)));
  ImGui::Dummy(ImVec2(width, 0));
  return result;
}

}  // namespace dvc::kiosk
