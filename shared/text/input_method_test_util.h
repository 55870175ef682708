// What the Telex and VNI tests share: every vowel with every tone, written out
// by hand (not computed) so the tests check the engine's own key tables.
// A header, not a .cc, because the build puts every non-test .cc into the library.
#pragma once

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "text/telex.h"

namespace dvc::text {

// One vowel: how each method types it, and what it gives with no tone and then
// with sắc, huyền, hỏi, ngã, nặng.
struct VowelCase {
  const char* telex;
  const char* vni;
  const char* lower;
  const char* upper;
};

inline constexpr VowelCase kVowelCases[] = {
    {"a", "a", "a á à ả ã ạ", "A Á À Ả Ã Ạ"},   {"aw", "a8", "ă ắ ằ ẳ ẵ ặ", "Ă Ắ Ằ Ẳ Ẵ Ặ"},
    {"aa", "a6", "â ấ ầ ẩ ẫ ậ", "Â Ấ Ầ Ẩ Ẫ Ậ"}, {"e", "e", "e é è ẻ ẽ ẹ", "E É È Ẻ Ẽ Ẹ"},
    {"ee", "e6", "ê ế ề ể ễ ệ", "Ê Ế Ề Ể Ễ Ệ"}, {"i", "i", "i í ì ỉ ĩ ị", "I Í Ì Ỉ Ĩ Ị"},
    {"o", "o", "o ó ò ỏ õ ọ", "O Ó Ò Ỏ Õ Ọ"},   {"oo", "o6", "ô ố ồ ổ ỗ ộ", "Ô Ố Ồ Ổ Ỗ Ộ"},
    {"ow", "o7", "ơ ớ ờ ở ỡ ợ", "Ơ Ớ Ờ Ở Ỡ Ợ"}, {"u", "u", "u ú ù ủ ũ ụ", "U Ú Ù Ủ Ũ Ụ"},
    {"uw", "u7", "ư ứ ừ ử ữ ự", "Ư Ứ Ừ Ử Ữ Ự"}, {"y", "y", "y ý ỳ ỷ ỹ ỵ", "Y Ý Ỳ Ỷ Ỹ Ỵ"},
};

// The six tones' keys, in the order of VowelCase::lower.
inline constexpr const char* kTelexToneKeys[] = {"", "s", "f", "r", "x", "j"};
inline constexpr const char* kVniToneKeys[] = {"", "1", "2", "3", "4", "5"};

inline std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// ASCII upper case (keys are ASCII).
inline std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// Types every vowel with every tone in `method` (vowel keys from `keys`, tone
// keys from `tone_keys`): alone, in upper case, after a consonant, and with
// lower-case tone keys on an upper-case vowel.
inline void ExpectEveryToneOnEveryVowel(InputMethod method, const char* VowelCase::*keys,
                                        const char* const (&tone_keys)[6]) {
  const auto type = [method](const std::string& k) { return ApplyKeys(method, "", k); };
  for (const VowelCase& vc : kVowelCases) {
    const std::vector<std::string> lower = Words(vc.lower);
    const std::vector<std::string> upper = Words(vc.upper);
    ASSERT_EQ(lower.size(), 6u);
    ASSERT_EQ(upper.size(), 6u);
    for (int t = 0; t < 6; ++t) {
      const std::string vowel = vc.*keys;
      const std::string typed = vowel + tone_keys[t];
      EXPECT_EQ(type(typed), lower[t]) << typed;
      EXPECT_EQ(type(Upper(typed)), upper[t]) << Upper(typed);
      EXPECT_EQ(type("t" + typed), "t" + lower[t]) << "t" + typed;
      EXPECT_EQ(type(Upper(vowel) + tone_keys[t]), upper[t]) << Upper(vowel) + tone_keys[t];
    }
  }
}

}  // namespace dvc::text
