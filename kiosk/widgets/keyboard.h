// The on-screen keyboard (Vietnamese Telex through dvc::text::ApplyKey) and
// the numeric pad, so no physical keyboard is needed anywhere.
//
// Each key registers its label and the character it types in the UiRegistry,
// so the script's `type "Nguyeenx"` presses the same keys a finger would.
// The keyboards hold only their mode (letters/digits, shift); the text they
// edit belongs to the caller. Thread-safety: main thread only.
#pragma once

#include <string>

#include "widgets/touch_widgets.h"

namespace dvc::kiosk {

// What a key press did this frame.
struct KeyboardResult {
  bool changed = false;  // the text was edited
  bool done = false;     // "Xong" (done) was pressed
};

// The visible labels of the keys that do not type a letter, in the
// resident's language (assets/ui/strings.json). Not owned: the strings must
// outlive the Draw call.
struct KeyboardLabels {
  std::string_view done;     // "Xong"
  std::string_view space;    // "Dấu cách"
  std::string_view del;      // "Xóa"
  std::string_view shift;    // "Chữ HOA"
  std::string_view letters;  // "abc": back from the digits page
  std::string_view digits;   // "123": to the digits page
};

class OnScreenKeyboard {
 public:
  // Draws the keyboard at the cursor, `width` wide, editing `*text` (NFC UTF-8).
  // Letters go through Telex when `telex` (not for codes, where "AA" must stay "AA"); the text
  // never grows beyond `max_chars` code points.
  KeyboardResult Draw(const Ui& ui, std::string* text, float width, const KeyboardLabels& labels,
                      size_t max_chars = 200, bool telex = true);

  // Height the keyboard takes at `width`.
  float Height(const Ui& ui) const;

  // Back to lower-case letters (a new field, a new session).
  void Reset() {
    digits_ = false;
    shift_ = false;
  }

 private:
  bool digits_ = false;
  bool shift_ = false;  // one-shot: the next letter is upper case
};

enum class PadKind { kDigits, kDate };  // kDate adds a '/' key

// The numeric pad for citizen IDs, phones, numbers and dates (dd/mm/yyyy).
class NumericPad {
 public:
  // Draws the pad at the cursor, `width` wide, editing `*text`; uses the
  // done and delete labels of `labels`.
  KeyboardResult Draw(const Ui& ui, std::string* text, PadKind kind, float width,
                      const KeyboardLabels& labels, size_t max_chars = 20);
  float Height(const Ui& ui) const;
};

}  // namespace dvc::kiosk
