#include "text/telex.h"

#include <optional>
#include <span>

#include "text/normalize.h"
#include "text/utf8.h"
#include "text/vietnamese_syllable.h"

namespace dvc::text {
namespace {

// [SECTION] Key tables: what each key of each method does.

enum class KeyKind : uint8_t {
  kTone,       // set the word's tone (repeat: undo)
  kClearTone,  // remove the word's tone
  kMark,       // put a vowel mark on a vowel (repeat: undo)
  kStroke,     // d → đ at the start of the word (repeat: undo)
};

struct MarkTarget {
  char32_t base;
  VowelMark mark;
};

struct KeyRule {
  char32_t key;  // lower case; upper case keys act the same
  KeyKind kind;
  Tone tone = Tone::kNone;
  MarkTarget targets[3] = {};
  size_t target_count = 0;
  bool pairs_uo = false;      // "uo" takes the horn on both: ươ
  bool standalone_u = false;  // with no vowel in the word, types ư
};

constexpr KeyRule kTelexRules[] = {
    {.key = U's', .kind = KeyKind::kTone, .tone = Tone::kAcute},
    {.key = U'f', .kind = KeyKind::kTone, .tone = Tone::kGrave},
    {.key = U'r', .kind = KeyKind::kTone, .tone = Tone::kHook},
    {.key = U'x', .kind = KeyKind::kTone, .tone = Tone::kTilde},
    {.key = U'j', .kind = KeyKind::kTone, .tone = Tone::kDot},
    {.key = U'z', .kind = KeyKind::kClearTone},
    {.key = U'a',
     .kind = KeyKind::kMark,
     .targets = {{U'a', VowelMark::kCircumflex}},
     .target_count = 1},
    {.key = U'e',
     .kind = KeyKind::kMark,
     .targets = {{U'e', VowelMark::kCircumflex}},
     .target_count = 1},
    {.key = U'o',
     .kind = KeyKind::kMark,
     .targets = {{U'o', VowelMark::kCircumflex}},
     .target_count = 1},
    {.key = U'w',
     .kind = KeyKind::kMark,
     .targets = {{U'a', VowelMark::kBreve}, {U'o', VowelMark::kHorn}, {U'u', VowelMark::kHorn}},
     .target_count = 3,
     .pairs_uo = true,
     .standalone_u = true},
    {.key = U'd', .kind = KeyKind::kStroke},
};

constexpr KeyRule kVniRules[] = {
    {.key = U'1', .kind = KeyKind::kTone, .tone = Tone::kAcute},
    {.key = U'2', .kind = KeyKind::kTone, .tone = Tone::kGrave},
    {.key = U'3', .kind = KeyKind::kTone, .tone = Tone::kHook},
    {.key = U'4', .kind = KeyKind::kTone, .tone = Tone::kTilde},
    {.key = U'5', .kind = KeyKind::kTone, .tone = Tone::kDot},
    {.key = U'0', .kind = KeyKind::kClearTone},
    {.key = U'6',
     .kind = KeyKind::kMark,
     .targets = {{U'a', VowelMark::kCircumflex},
                 {U'e', VowelMark::kCircumflex},
                 {U'o', VowelMark::kCircumflex}},
     .target_count = 3},
    {.key = U'7',
     .kind = KeyKind::kMark,
     .targets = {{U'o', VowelMark::kHorn}, {U'u', VowelMark::kHorn}},
     .target_count = 2,
     .pairs_uo = true},
    {.key = U'8',
     .kind = KeyKind::kMark,
     .targets = {{U'a', VowelMark::kBreve}},
     .target_count = 1},
    {.key = U'9', .kind = KeyKind::kStroke},
};

const KeyRule* FindRule(InputMethod method, char32_t key) {
  if (key >= U'A' && key <= U'Z') key = key - U'A' + U'a';
  const std::span<const KeyRule> rules = method == InputMethod::kTelex
                                             ? std::span<const KeyRule>(kTelexRules)
                                             : std::span<const KeyRule>(kVniRules);
  for (const KeyRule& rule : rules) {
    if (rule.key == key) return &rule;
  }
  return nullptr;
}

// [SECTION] Applying one rule to the last word.

// The new last word, and whether the key itself follows it literally.
struct Edit {
  VnWord word;
  bool append_key = false;
};

std::optional<Edit> ApplyTone(const KeyRule& rule, const VnWord& typed) {
  VnWord word = typed;
  CompleteHornPair(&word, /*finished=*/true);
  const std::optional<SyllableShape> shape = ParseSyllable(word);
  if (!shape || shape->nucleus_end == shape->nucleus_begin) return std::nullopt;
  const Tone current = WordTone(word);
  Edit edit{word, false};
  for (VnLetter& l : edit.word) l.tone = Tone::kNone;
  if (rule.kind == KeyKind::kClearTone) {
    if (current == Tone::kNone) return std::nullopt;
    return edit;
  }
  if (current == rule.tone) {
    edit.append_key = true;  // "ás" + s → "as"
    return edit;
  }
  if (!ToneFitsFinal(edit.word, *shape, rule.tone)) return std::nullopt;
  edit.word[TonePosition(edit.word, *shape)].tone = rule.tone;
  return edit;
}

// Takes back the mark this key would have made, if the word has it.
std::optional<Edit> UndoMark(const KeyRule& rule, const VnWord& word, SyllableShape shape) {
  const size_t nb = shape.nucleus_begin;
  const size_t ne = shape.nucleus_end;
  Edit edit{word, true};
  if (rule.standalone_u && word.size() == 1 && word[0].Is(U'u', VowelMark::kHorn) &&
      word[0].tone == Tone::kNone) {
    edit.word.clear();  // "w" → "ư", "ww" → "w"
    return edit;
  }
  if (rule.pairs_uo) {
    for (size_t k = nb; k + 1 < ne; ++k) {
      if (word[k].Is(U'u', VowelMark::kHorn) && word[k + 1].Is(U'o', VowelMark::kHorn)) {
        edit.word[k].mark = VowelMark::kNone;
        edit.word[k + 1].mark = VowelMark::kNone;
        return edit;
      }
    }
  }
  for (size_t k = ne; k > nb; --k) {
    for (size_t t = 0; t < rule.target_count; ++t) {
      if (word[k - 1].Is(rule.targets[t].base, rule.targets[t].mark)) {
        edit.word[k - 1].mark = VowelMark::kNone;
        return edit;
      }
    }
  }
  return std::nullopt;
}

// `candidate` as the result of a mark key, if it spells a syllable.
std::optional<Edit> Accept(VnWord candidate) {
  if (!ParseSyllable(candidate)) return std::nullopt;
  PlaceTone(&candidate);
  return Edit{std::move(candidate), false};
}

std::optional<Edit> ApplyMark(const KeyRule& rule, const VnWord& word, char32_t key) {
  const std::optional<SyllableShape> shape = SplitSyllable(word);
  if (!shape) return std::nullopt;
  const size_t nb = shape->nucleus_begin;
  const size_t ne = shape->nucleus_end;
  if (rule.pairs_uo) {
    for (size_t k = nb; k + 1 < ne; ++k) {
      if (word[k].base != U'u' || word[k + 1].base != U'o') continue;
      VnWord candidate = word;
      candidate[k + 1].mark = VowelMark::kHorn;
      // "thuơ", "huơ", "khuơ" (thuở, huơ tay) end in uơ; elsewhere the pair
      // is ươ, which CompleteHornPair also makes once the word goes on.
      std::u32string initial;
      for (size_t i = 0; i < nb; ++i) initial.push_back(word[i].base);
      const bool uo_ending =
          k + 2 == word.size() && (initial == U"h" || initial == U"th" || initial == U"kh");
      if (!uo_ending) candidate[k].mark = VowelMark::kHorn;
      if (candidate == word) continue;
      if (std::optional<Edit> edit = Accept(std::move(candidate))) return edit;
    }
  }
  for (size_t k = nb; k < ne; ++k) {
    for (size_t t = 0; t < rule.target_count; ++t) {
      if (word[k].base != rule.targets[t].base || word[k].mark == rule.targets[t].mark) continue;
      VnWord candidate = word;
      candidate[k].mark = rule.targets[t].mark;
      if (std::optional<Edit> edit = Accept(std::move(candidate))) return edit;
    }
  }
  if (rule.standalone_u && nb == ne) {
    // "w" after consonants (or alone) is ư: "tw" → "tư", "ngw" → "ngư".
    VnWord candidate = word;
    candidate.push_back(VnLetter{U'u', VowelMark::kHorn, Tone::kNone, key >= U'A' && key <= U'Z'});
    return Accept(std::move(candidate));
  }
  // Nothing left to mark: a repeated key takes its mark back.
  return UndoMark(rule, word, *shape);
}

std::optional<Edit> ApplyStroke(const VnWord& word) {
  const std::optional<SyllableShape> shape = SplitSyllable(word);
  if (!shape || shape->nucleus_begin != 1) return std::nullopt;
  Edit edit{word, false};
  if (word[0].base == U'đ') {
    edit.word[0].base = U'd';  // "đ" + d → "dd"
    edit.append_key = true;
    return edit;
  }
  if (word[0].base != U'd') return std::nullopt;
  edit.word[0].base = U'đ';
  if (!ParseSyllable(edit.word)) return std::nullopt;
  return edit;
}

std::optional<Edit> ApplyRule(const KeyRule& rule, const VnWord& word, char32_t key) {
  switch (rule.kind) {
    case KeyKind::kTone:
    case KeyKind::kClearTone:
      return ApplyTone(rule, word);
    case KeyKind::kMark:
      return ApplyMark(rule, word, key);
    case KeyKind::kStroke:
      return ApplyStroke(word);
  }
  return std::nullopt;
}

}  // namespace

std::string ApplyKey(InputMethod method, std::string_view text, char32_t key) {
  std::u32string cps = DecodeUtf8(ToNfc(text));
  size_t start = cps.size();
  while (start > 0 && ToVnLetter(cps[start - 1])) --start;
  VnWord word;
  word.reserve(cps.size() - start + 1);
  for (size_t i = start; i < cps.size(); ++i) word.push_back(*ToVnLetter(cps[i]));
  cps.resize(start);

  std::optional<Edit> edit;
  if (const KeyRule* rule = FindRule(method, key)) edit = ApplyRule(*rule, word, key);
  if (!edit) {
    // No rule, or the rule made no sense here: the key is typed as it is.
    edit = Edit{std::move(word), true};
    if (const std::optional<VnLetter> letter = ToVnLetter(key)) {
      edit->word.push_back(*letter);
      edit->append_key = false;
      CompleteHornPair(&edit->word, /*finished=*/false);
      PlaceTone(&edit->word);  // "hòa" + n → "hoàn"
    }
  }
  for (const VnLetter& l : edit->word) cps.push_back(FromVnLetter(l));
  if (edit->append_key) cps.push_back(key);
  return ToNfc(EncodeUtf8(cps));
}

std::string ApplyKeys(InputMethod method, std::string_view text, std::string_view keys) {
  std::string out = ToNfc(text);
  for (char32_t key : DecodeUtf8(keys)) out = ApplyKey(method, out, key);
  return out;
}

std::string DeleteLastCodePoint(std::string_view text) {
  std::u32string cps = DecodeUtf8(ToNfc(text));
  if (!cps.empty()) cps.pop_back();
  return EncodeUtf8(cps);
}

}  // namespace dvc::text
