// The widget of each form field type, drawn inside the form wizard's body:
// text through the on-screen keyboard, numbers, phones, citizen IDs and dates
// through the numeric pad, choices as big radio options, checkboxes, the
// address with its commune picker, and the attachment placeholder.
// Thread-safety: main thread only, inside an ImGui frame.
#pragma once

#include "app/app_state.h"

namespace dvc::kiosk {

// Draws `field`'s label, help, widget and message at the cursor, `width` wide.
void DrawField(AppState& state, const catalog::Field& field, float width);

// Draws the keyboard or numeric pad for what is being edited (if anything)
// at the cursor, `width` wide. Returns the height used (0 when none).
void DrawFieldKeyboard(AppState& state, float width);

// Height DrawFieldKeyboard will take this frame.
float FieldKeyboardHeight(const AppState& state);

// Stops editing: the field edited so far is checked from now on.
void StopEditing(AppState& state);

}  // namespace dvc::kiosk
