#include "text/vietnamese_syllable.h"

#include <gtest/gtest.h>

#include <string>

#include "text/utf8.h"
#include "text/vietnamese_letter.h"

namespace dvc::text {
namespace {

VnWord Word(std::string_view utf8) {
  VnWord w;
  for (char32_t cp : DecodeUtf8(utf8)) {
    const std::optional<VnLetter> l = ToVnLetter(cp);
    EXPECT_TRUE(l.has_value()) << utf8;
    if (l) w.push_back(*l);
  }
  return w;
}

std::string Text(const VnWord& w) {
  std::u32string cps;
  for (const VnLetter& l : w) cps.push_back(FromVnLetter(l));
  return EncodeUtf8(cps);
}

TEST(VnLetterTest, EveryVietnameseLetterRoundTrips) {
  const std::string all =
      "aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđ"
      "AÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬEÉÈẺẼẸÊẾỀỂỄỆIÍÌỈĨỊOÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢUÚÙỦŨỤƯỨỪỬỮỰYÝỲỶỸỴĐ";
  const std::u32string cps = DecodeUtf8(all);
  EXPECT_EQ(cps.size(), 2u * 73u);
  for (char32_t cp : cps) {
    const std::optional<VnLetter> l = ToVnLetter(cp);
    ASSERT_TRUE(l.has_value()) << static_cast<uint32_t>(cp);
    EXPECT_EQ(FromVnLetter(*l), cp);
  }
  EXPECT_EQ(ToVnLetter(U'ệ'), (VnLetter{U'e', VowelMark::kCircumflex, Tone::kDot, false}));
  EXPECT_EQ(ToVnLetter(U'Ư'), (VnLetter{U'u', VowelMark::kHorn, Tone::kNone, true}));
}

TEST(VnLetterTest, OtherCharactersAreNotLetters) {
  for (char32_t cp : {U'1', U' ', U'-', U'ñ', U'ç', U'ö', char32_t{0x0301}, char32_t{0xFFFD}}) {
    EXPECT_FALSE(ToVnLetter(cp).has_value()) << static_cast<uint32_t>(cp);
  }
}

TEST(SyllableTest, ParsesVietnameseAndRefusesTheRest) {
  for (const char* ok : {"nghiêng", "người", "quyết", "giữ", "gì", "khuỷu", "ngh", "tiê", "Đắk",
                         "Krông", "oa", "ươu", ""}) {
    EXPECT_TRUE(ParseSyllable(Word(ok)).has_value()) << ok;
  }
  for (const char* bad : {"email", "class", "as", "aa", "oâ", "qa", "ws", "tiengs", "ưo"}) {
    EXPECT_FALSE(ParseSyllable(Word(bad)).has_value()) << bad;
  }
}

TEST(SyllableTest, QuAndGiBelongToTheInitial) {
  EXPECT_EQ(SplitSyllable(Word("quy"))->nucleus_begin, 2u);
  EXPECT_EQ(SplitSyllable(Word("gia"))->nucleus_begin, 2u);
  EXPECT_EQ(SplitSyllable(Word("gin"))->nucleus_begin, 1u);
  EXPECT_EQ(SplitSyllable(Word("gi"))->nucleus_begin, 1u);
}

TEST(SyllableTest, TonePositionOldStyle) {
  struct Case {
    const char* word;
    size_t expected;
  } const cases[] = {
      {"hoa", 1},   {"hoan", 2}, {"thuy", 2}, {"thuyêt", 4}, {"ngươi", 3}, {"hoai", 2},
      {"khuyu", 3}, {"mua", 1},  {"qua", 2},  {"gia", 2},    {"uơ", 1},    {"a", 0},
  };
  for (const Case& c : cases) {
    const VnWord w = Word(c.word);
    const std::optional<SyllableShape> shape = ParseSyllable(w);
    ASSERT_TRUE(shape.has_value()) << c.word;
    EXPECT_EQ(TonePosition(w, *shape), c.expected) << c.word;
  }
}

TEST(SyllableTest, StopFinalsTakeOnlySacAndNang) {
  const VnWord w = Word("cac");
  const SyllableShape shape = *ParseSyllable(w);
  EXPECT_TRUE(ToneFitsFinal(w, shape, Tone::kAcute));
  EXPECT_TRUE(ToneFitsFinal(w, shape, Tone::kDot));
  EXPECT_FALSE(ToneFitsFinal(w, shape, Tone::kGrave));
  EXPECT_FALSE(ToneFitsFinal(w, shape, Tone::kHook));
  EXPECT_FALSE(ToneFitsFinal(w, shape, Tone::kTilde));
}

TEST(SyllableTest, PlaceToneMovesIt) {
  VnWord w = Word("hòan");
  PlaceTone(&w);
  EXPECT_EQ(Text(w), "hoàn");
  VnWord english = Word("émail");
  PlaceTone(&english);
  EXPECT_EQ(Text(english), "émail");  // not a syllable: left alone
}

TEST(SyllableTest, CompleteHornPair) {
  VnWord a = Word("ngưoi");
  CompleteHornPair(&a, false);
  EXPECT_EQ(Text(a), "ngươi");
  VnWord b = Word("ngưo");
  CompleteHornPair(&b, false);
  EXPECT_EQ(Text(b), "ngưo");
  CompleteHornPair(&b, true);
  EXPECT_EQ(Text(b), "ngươ");
  VnWord c = Word("thuơ");
  CompleteHornPair(&c, true);
  EXPECT_EQ(Text(c), "thuơ");
  VnWord d = Word("thuơn");
  CompleteHornPair(&d, false);
  EXPECT_EQ(Text(d), "thươn");
}

}  // namespace
}  // namespace dvc::text
