// The shape of a Vietnamese syllable: initial consonant, vowel nucleus,
// final consonant, and where the tone goes.
//
// Used by the input methods (telex.h) to decide whether a key makes
// Vietnamese sense and which vowel carries the tone. Spelling is checked only
// as far as typing needs: a syllable still being typed ("ngh", "tiê") is
// accepted; rarer loan-word spellings ("xoong", "boong") are not.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "text/vietnamese_letter.h"

namespace dvc::text {

using VnWord = std::vector<VnLetter>;

// Positions in a word: [0, nucleus_begin) is the initial consonant,
// [nucleus_begin, nucleus_end) the vowels, [nucleus_end, size) the final
// consonant. "qu" and "gi" followed by another vowel count u and i as part
// of the initial ("quý", "giá"); "gì", "gin" keep i as the vowel.
struct SyllableShape {
  size_t nucleus_begin = 0;
  size_t nucleus_end = 0;
};

// The consonant–vowel–consonant split of `word`, without checking spelling.
// nullopt when the letters are not consonants, then vowels, then consonants
// ("email", "ab1"), or when a consonant letter carries a mark.
std::optional<SyllableShape> SplitSyllable(std::span<const VnLetter> word);

// The split of `word` when it is a Vietnamese syllable or the start of one:
// a known initial (b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th
// tr v x, the place-name clusters bl br dr đr gl kl kr pl, or none; "q" only
// without a vowel), a known vowel nucleus (or none, for a word of
// consonants only) and a known final (c ch k m n ng nh p t, or none; "k" for
// place names like "Đắk Lắk"). Tones are not checked (see ToneFitsFinal).
std::optional<SyllableShape> ParseSyllable(std::span<const VnLetter> word);

// The tone the word carries (the last toned letter's), kNone if none.
Tone WordTone(std::span<const VnLetter> word);

// Index of the vowel that carries the tone, old style (hòa, thúy, khỏe), as
// Unikey places it by default:
//   1. the last vowel with a mark (â ă ê ô ơ ư; in ươ the ơ);
//   2. else, with a final consonant, the last vowel (hoàng, toán);
//   3. else the middle of three vowels (hoài, khuỷu), the first of two
//      (hòa, thủy, mùa, kìa), the only one.
// REQUIRES: the shape has a non-empty nucleus.
size_t TonePosition(std::span<const VnLetter> word, SyllableShape shape);

// False for a tone Vietnamese never writes with the word's final: after the
// stop finals c, ch, k, p, t only sắc and nặng occur ("các", "cạc", not "càc").
bool ToneFitsFinal(std::span<const VnLetter> word, SyllableShape shape, Tone tone);

// Moves the word's tone (if any) to TonePosition, when `word` parses.
// Leaves words that do not parse unchanged.
void PlaceTone(VnWord* word);

// Completes the horn pair ươ the way typists expect, once the pair is
// followed by another letter: "ưo" + i → "ươi" ("uwoi"), "uơ" + n → "ươn"
// ("nguơn" never occurs, "ngươn"... does). With `finished` (a tone is being
// placed) "ưo" at the end of the word completes as well ("thuwor" → "thưở"),
// while "uơ" stays ("thuở", "huơ"). While the o is still last, "ưo" is left
// as typed so that a following w can still put the horn on it ("uwow" →
// "ươ"). No change when the word does not split.
void CompleteHornPair(VnWord* word, bool finished);

}  // namespace dvc::text
