#include "text/vietnamese_syllable.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>

namespace dvc::text {
namespace {

// Initial consonants. Besides the standard ones, the clusters of the Central
// Highlands' place names ("Krông", "Plei", "Đắk Glei", "Ia Đrăng") so that
// residents can type them; English clusters ("cl", "st") stay out, which
// keeps "class" and "string" typeable. "q" alone is only accepted without a
// vowel (the u that always follows it belongs to the initial).
constexpr std::u32string_view kInitials[] = {
    U"",   U"b", U"c",  U"ch",  U"d",  U"đ",  U"g",  U"gh", U"gi", U"h",  U"k",  U"kh", U"l",
    U"m",  U"n", U"ng", U"ngh", U"nh", U"p",  U"ph", U"q",  U"qu", U"r",  U"s",  U"t",  U"th",
    U"tr", U"v", U"x",  U"bl",  U"br", U"dr", U"đr", U"gl", U"kl", U"kr", U"pl",
};

// Finals; "k" only occurs in place names ("Đắk Lắk") but residents type them.
constexpr std::u32string_view kFinals[] = {U"",  U"c",  U"ch", U"k", U"m",
                                           U"n", U"ng", U"nh", U"p", U"t"};

// Vowel nuclei (without tones). Nuclei that need a final (iê, uô, ươ...) are
// listed too, since a syllable is checked while it is being typed.
constexpr std::u32string_view kNuclei[] = {
    U"a",   U"ă",   U"â",   U"e",   U"ê",   U"i",   U"o",   U"ô",   U"ơ",   U"u",   U"ư",
    U"y",   U"ai",  U"ao",  U"au",  U"ay",  U"âu",  U"ây",  U"eo",  U"êu",  U"ia",  U"iê",
    U"iu",  U"oa",  U"oă",  U"oe",  U"oi",  U"ôi",  U"ơi",  U"ua",  U"uâ",  U"uê",  U"ui",
    U"uô",  U"uơ",  U"uy",  U"ưa",  U"ưi",  U"ươ",  U"ưu",  U"yê",  U"iêu", U"yêu", U"oai",
    U"oay", U"oeo", U"uây", U"uôi", U"uya", U"uyê", U"uyu", U"ươi", U"ươu",
};

constexpr std::u32string_view kStopFinals[] = {U"c", U"ch", U"k", U"p", U"t"};

template <size_t N>
bool Contains(const std::u32string_view (&table)[N], std::u32string_view s) {
  return std::find(std::begin(table), std::end(table), s) != std::end(table);
}

// The letters' bases: "ngh", "đ".
std::u32string Bases(std::span<const VnLetter> letters) {
  std::u32string out;
  for (const VnLetter& l : letters) out.push_back(l.base);
  return out;
}

// The letters as lower-case toneless vowels: "ươ".
std::u32string BareVowels(std::span<const VnLetter> letters) {
  std::u32string out;
  for (VnLetter l : letters) {
    l.tone = Tone::kNone;
    l.upper = false;
    out.push_back(FromVnLetter(l));
  }
  return out;
}

}  // namespace

std::optional<SyllableShape> SplitSyllable(std::span<const VnLetter> word) {
  size_t i = 0;
  while (i < word.size() && !IsVowelBase(word[i].base)) ++i;
  SyllableShape shape{i, i};
  while (i < word.size() && IsVowelBase(word[i].base)) ++i;
  shape.nucleus_end = i;
  while (i < word.size() && !IsVowelBase(word[i].base)) ++i;
  if (i != word.size()) return std::nullopt;
  for (size_t k = 0; k < word.size(); ++k) {
    const bool in_nucleus = k >= shape.nucleus_begin && k < shape.nucleus_end;
    if (!in_nucleus && (word[k].mark != VowelMark::kNone || word[k].tone != Tone::kNone)) {
      return std::nullopt;
    }
  }
  // "qu" + vowel and "gi" + vowel: the u / i belongs to the initial.
  const size_t nb = shape.nucleus_begin;
  const size_t nucleus_size = shape.nucleus_end - nb;
  if (nb == 1 && word[0].base == U'q' && nucleus_size >= 1 && word[1].Is(U'u', VowelMark::kNone)) {
    ++shape.nucleus_begin;
  } else if (nb == 1 && word[0].base == U'g' && nucleus_size >= 2 &&
             word[1].Is(U'i', VowelMark::kNone)) {
    ++shape.nucleus_begin;
  }
  return shape;
}

std::optional<SyllableShape> ParseSyllable(std::span<const VnLetter> word) {
  const std::optional<SyllableShape> shape = SplitSyllable(word);
  if (!shape) return std::nullopt;
  const size_t nb = shape->nucleus_begin;
  const size_t ne = shape->nucleus_end;
  const std::u32string initial = Bases(word.subspan(0, nb));
  if (!Contains(kInitials, initial)) return std::nullopt;
  if (initial == U"q" && ne > nb) return std::nullopt;  // q is always followed by u
  if (!Contains(kFinals, Bases(word.subspan(ne)))) return std::nullopt;
  if (ne > nb && !Contains(kNuclei, BareVowels(word.subspan(nb, ne - nb)))) return std::nullopt;
  return shape;
}

Tone WordTone(std::span<const VnLetter> word) {
  Tone tone = Tone::kNone;
  for (const VnLetter& l : word) {
    if (l.tone != Tone::kNone) tone = l.tone;
  }
  return tone;
}

size_t TonePosition(std::span<const VnLetter> word, SyllableShape shape) {
  const size_t nb = shape.nucleus_begin;
  const size_t ne = shape.nucleus_end;
  if (ne <= nb) std::abort();
  for (size_t k = ne; k > nb; --k) {
    if (word[k - 1].mark != VowelMark::kNone) return k - 1;
  }
  if (ne < word.size()) return ne - 1;
  return (ne - nb == 3) ? nb + 1 : nb;
}

bool ToneFitsFinal(std::span<const VnLetter> word, SyllableShape shape, Tone tone) {
  if (!Contains(kStopFinals, Bases(word.subspan(shape.nucleus_end)))) return true;
  return tone == Tone::kNone || tone == Tone::kAcute || tone == Tone::kDot;
}

void PlaceTone(VnWord* word) {
  const Tone tone = WordTone(*word);
  if (tone == Tone::kNone) return;
  const std::optional<SyllableShape> shape = ParseSyllable(*word);
  if (!shape || shape->nucleus_end == shape->nucleus_begin) return;
  for (VnLetter& l : *word) l.tone = Tone::kNone;
  (*word)[TonePosition(*word, *shape)].tone = tone;
}

void CompleteHornPair(VnWord* word, bool finished) {
  const std::optional<SyllableShape> shape = SplitSyllable(*word);
  if (!shape) return;
  VnWord& w = *word;
  for (size_t k = shape->nucleus_begin; k + 1 < shape->nucleus_end; ++k) {
    const bool followed = k + 2 < w.size();
    if (w[k].Is(U'u', VowelMark::kHorn) && w[k + 1].Is(U'o', VowelMark::kNone) &&
        (followed || finished)) {
      w[k + 1].mark = VowelMark::kHorn;
    } else if (w[k].Is(U'u', VowelMark::kNone) && w[k + 1].Is(U'o', VowelMark::kHorn) && followed) {
      w[k].mark = VowelMark::kHorn;
    }
  }
}

}  // namespace dvc::text
