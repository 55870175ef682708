#include "receipt/text_layout.h"

#include <algorithm>
#include <cassert>

namespace dvc::receipt {
namespace {

struct Word {
  std::vector<Span> parts;    // one per style change inside the word
  bool break_before = false;  // a '\n' came before it
};

bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\r'; }

std::vector<Word> SplitWords(const std::vector<Span>& spans) {
  std::vector<Word> words;
  bool in_word = false;
  bool pending_break = false;
  for (const Span& span : spans) {
    for (char32_t c : span.text) {
      if (c == U'\n') {
        in_word = false;
        pending_break = true;
        continue;
      }
      if (IsSpace(c)) {
        in_word = false;
        continue;
      }
      if (!in_word) {
        words.push_back(Word{{}, pending_break});
        pending_break = false;
        in_word = true;
      }
      std::vector<Span>& parts = words.back().parts;
      const bool same_style = !parts.empty() && parts.back().style.bold == span.style.bold &&
                              parts.back().style.pixel_size == span.style.pixel_size;
      if (!same_style) parts.push_back(Span{{}, span.style});
      parts.back().text.push_back(c);
    }
  }
  return words;
}

class LineBuilder {
 public:
  LineBuilder(TextRasterizer& text, int first_width, int rest_width)
      : text_(text), first_width_(first_width), rest_width_(rest_width) {}

  void AddWord(const Word& word) {
    if (word.break_before) FinishLine();
    int width = 0;
    for (const Span& p : word.parts) width += text_.Measure(p.text, p.style);
    const int space = current_.pieces.empty() ? 0 : text_.Measure(U" ", word.parts[0].style);
    if (current_.width + space + width <= Limit()) {
      Place(word, current_.width + space);
      return;
    }
    if (!current_.pieces.empty()) FinishLine();
    if (width <= Limit()) {
      Place(word, 0);
      return;
    }
    AddByCharacters(word);
  }

  std::vector<LaidOutLine> Finish() {
    FinishLine();
    return std::move(lines_);
  }

 private:
  int Limit() const { return lines_.empty() ? first_width_ : rest_width_; }

  void Place(const Word& word, int x) {
    for (const Span& p : word.parts) {
      AddPiece(p.text, p.style, x);
      x += text_.Measure(p.text, p.style);
    }
  }

  void AddPiece(std::u32string piece, const TextStyle& style, int x) {
    current_.ascent = std::max(current_.ascent, text_.Ascent(style));
    current_.descent = std::max(current_.descent, text_.Descent(style));
    current_.width = x + text_.Measure(piece, style);
    current_.pieces.push_back(PlacedPiece{std::move(piece), style, x});
  }

  // A word wider than a whole line: as many characters per line as fit, at
  // least one (so a line narrower than one glyph still makes progress).
  void AddByCharacters(const Word& word) {
    for (const Span& p : word.parts) {
      for (char32_t c : p.text) {
        const std::u32string one(1, c);
        const int w = text_.Measure(one, p.style);
        if (!current_.pieces.empty() && current_.width + w > Limit()) FinishLine();
        const bool extend = !current_.pieces.empty() &&
                            current_.pieces.back().style.bold == p.style.bold &&
                            current_.pieces.back().style.pixel_size == p.style.pixel_size;
        if (extend) {
          current_.pieces.back().text.push_back(c);
          current_.width += w;
        } else {
          AddPiece(one, p.style, current_.width);
        }
      }
    }
  }

  void FinishLine() {
    if (current_.pieces.empty()) return;
    lines_.push_back(std::move(current_));
    current_ = LaidOutLine{};
  }

  TextRasterizer& text_;
  int first_width_;
  int rest_width_;
  LaidOutLine current_;
  std::vector<LaidOutLine> lines_;
};

}  // namespace

std::vector<LaidOutLine> WrapSpans(TextRasterizer& text, const std::vector<Span>& spans,
                                   int first_width, int rest_width) {
  assert(first_width > 0 && rest_width > 0);
  LineBuilder builder(text, first_width, rest_width);
  for (const Word& word : SplitWords(spans)) builder.AddWord(word);
  return builder.Finish();
}

}  // namespace dvc::receipt
