// Vietnamese input methods for the kiosk's on-screen keyboard: Telex and VNI.
//
// Stateless: each key is applied to "the text so far" and the new text is
// returned, so the keyboard widget needs no memory beyond its text field.
// The key acts on the last word of the text (the trailing run of letters);
// any key that is not a letter (space, punctuation; digits in Telex) is
// appended and so ends the word. One engine drives both methods from a table
// of key rules each; docs/telex.md lists the rules with examples.
//
//   ApplyKeys(InputMethod::kTelex, "", "nguowif")  == "người"
//   ApplyKeys(InputMethod::kVni, "", "Vie65t")     == "Việt"
//
// Input may be NFC, NFD or invalid UTF-8 (invalid sequences become U+FFFD);
// output is always valid NFC UTF-8. Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace dvc::text {

enum class InputMethod {
  kTelex,  // aa â, aw ă, ee ê, oo ô, ow ơ, uw/w ư, dd đ; s f r x j tones, z clears
  kVni,    // 1 sắc 2 huyền 3 hỏi 4 ngã 5 nặng, 6 â ê ô, 7 ơ ư, 8 ă, 9 đ, 0 clears
};

// The text after typing `key` at the end of `text` with `method`.
// A key that makes no Vietnamese sense where it is typed is appended as it is
// (so "ok" and "email" can be typed). A key repeated right after the change
// it made undoes that change and is appended literally ("ass" → "as").
// Keys that are not valid code points (surrogates, above U+10FFFF) are
// appended as U+FFFD.
std::string ApplyKey(InputMethod method, std::string_view text, char32_t key);

// ApplyKey for each code point of `keys` in turn (a convenience for tests and
// for replaying typed input). Invalid UTF-8 in `keys` types U+FFFD.
std::string ApplyKeys(InputMethod method, std::string_view text, std::string_view keys);

// The keyboard's backspace: `text` in NFC without its last code point (a
// whole letter with its marks, since NFC Vietnamese letters are one code
// point each). Empty text stays empty.
std::string DeleteLastCodePoint(std::string_view text);

}  // namespace dvc::text
