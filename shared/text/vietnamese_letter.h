// One Vietnamese letter split into its parts: base letter, vowel mark, tone.
//
// The input-method engine (telex.h) edits letters as parts ("add a horn to
// this o", "move the tone to that a") and recomposes them into one NFC code
// point, so it never has to juggle combining marks.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <cstdint>
#include <optional>

namespace dvc::text {

// The six tones, in the order Vietnamese grammar lists them.
enum class Tone : uint8_t {
  kNone,   // ngang: a
  kAcute,  // sắc: á
  kGrave,  // huyền: à
  kHook,   // hỏi: ả
  kTilde,  // ngã: ã
  kDot,    // nặng: ạ
};

// The marks that make a different vowel (not a tone): â ê ô, ă, ơ ư.
enum class VowelMark : uint8_t {
  kNone,
  kCircumflex,  // â ê ô
  kBreve,       // ă
  kHorn,        // ơ ư
};

// A letter of a word as parts. `base` is a lower-case ASCII letter 'a'..'z'
// or U'đ'; `mark` and `tone` are only ever set on vowels (a e i o u y), and
// `mark` only where Vietnamese has it (circumflex on a e o, breve on a, horn
// on o u).
struct VnLetter {
  char32_t base = U'a';
  VowelMark mark = VowelMark::kNone;
  Tone tone = Tone::kNone;
  bool upper = false;

  bool operator==(const VnLetter&) const = default;
  // True when the letter is `base` with `mark`, whatever its tone and case.
  bool Is(char32_t b, VowelMark m) const { return base == b && mark == m; }
};

// True for the vowel bases a e i o u y.
bool IsVowelBase(char32_t base);

// Splits `cp` (an NFC code point) into parts. nullopt for anything that is
// not an ASCII letter, đ/Đ, or a Vietnamese vowel with its marks (digits,
// punctuation, "ñ", "ç", combining marks on their own...).
std::optional<VnLetter> ToVnLetter(char32_t cp);

// The NFC code point for `letter`.
// REQUIRES: `letter` is a combination ToVnLetter can return (aborts otherwise,
// since the engine only builds such letters).
char32_t FromVnLetter(const VnLetter& letter);

}  // namespace dvc::text
