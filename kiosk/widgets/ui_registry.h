// The per-frame registry of what is on screen: every interactive widget adds
// its visible label and rectangle, every text block its text. The script
// player finds a tap target by label and checks `expect "text"` against it,
// so tests address the UI the way a resident reads it.
//
// Thread-safety: main thread only. Owned by AppState; cleared every frame.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace dvc::kiosk {

// Codes of keyboard keys that do not type a character.
inline constexpr char32_t kKeyShift = 0xF0001;
inline constexpr char32_t kKeyBackspace = 0xF0002;
inline constexpr char32_t kKeyToDigits = 0xF0003;
inline constexpr char32_t kKeyToLetters = 0xF0004;
inline constexpr char32_t kKeyDone = 0xF0005;

struct UiTarget {
  std::string label;  // visible text, NFC
  ImVec2 min;         // screen rectangle
  ImVec2 max;
  char32_t key = 0;  // the character a keyboard key types (or a kKey* code); 0 otherwise
  bool enabled = true;

  ImVec2 Center() const { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }
};

class UiRegistry {
 public:
  // Forgets the previous frame.
  void BeginFrame();
  // Forgets the targets drawn so far (a modal overlay hides them) but keeps texts.
  void ClearTargets() { targets_.clear(); }

  void AddTarget(UiTarget target) { targets_.push_back(std::move(target)); }
  void AddText(std::string_view text) { texts_.emplace_back(text); }

  // The last target with exactly `label` drawn this frame (the topmost), or nullptr.
  const UiTarget* FindByLabel(std::string_view label) const;
  // The keyboard key typing `key` this frame, or nullptr.
  const UiTarget* FindByKey(char32_t key) const;
  // True when `needle` is part of a text or a label drawn this frame.
  bool IsTextVisible(std::string_view needle) const;
  // The labels of the targets, for "label not found" messages.
  std::string DescribeTargets() const;

 private:
  std::vector<UiTarget> targets_;
  std::vector<std::string> texts_;
};

}  // namespace dvc::kiosk
