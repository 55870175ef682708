#include "text/vietnamese_letter.h"

#include <cstdlib>

namespace dvc::text {
namespace {

// Every Vietnamese vowel with each tone, lower and upper case, indexed by Tone.
struct VowelRow {
  char32_t base;
  VowelMark mark;
  char32_t lower[6];
  char32_t upper[6];
};

constexpr VowelRow kVowels[] = {
    {U'a',
     VowelMark::kNone,
     {U'a', U'á', U'à', U'ả', U'ã', U'ạ'},
     {U'A', U'Á', U'À', U'Ả', U'Ã', U'Ạ'}},
    {U'a',
     VowelMark::kBreve,
     {U'ă', U'ắ', U'ằ', U'ẳ', U'ẵ', U'ặ'},
     {U'Ă', U'Ắ', U'Ằ', U'Ẳ', U'Ẵ', U'Ặ'}},
    {U'a',
     VowelMark::kCircumflex,
     {U'â', U'ấ', U'ầ', U'ẩ', U'ẫ', U'ậ'},
     {U'Â', U'Ấ', U'Ầ', U'Ẩ', U'Ẫ', U'Ậ'}},
    {U'e',
     VowelMark::kNone,
     {U'e', U'é', U'è', U'ẻ', U'ẽ', U'ẹ'},
     {U'E', U'É', U'È', U'Ẻ', U'Ẽ', U'Ẹ'}},
    {U'e',
     VowelMark::kCircumflex,
     {U'ê', U'ế', U'ề', U'ể', U'ễ', U'ệ'},
     {U'Ê', U'Ế', U'Ề', U'Ể', U'Ễ', U'Ệ'}},
    {U'i',
     VowelMark::kNone,
     {U'i', U'í', U'ì', U'ỉ', U'ĩ', U'ị'},
     {U'I', U'Í', U'Ì', U'Ỉ', U'Ĩ', U'Ị'}},
    {U'o',
     VowelMark::kNone,
     {U'o', U'ó', U'ò', U'ỏ', U'õ', U'ọ'},
     {U'O', U'Ó', U'Ò', U'Ỏ', U'Õ', U'Ọ'}},
    {U'o',
     VowelMark::kCircumflex,
     {U'ô', U'ố', U'ồ', U'ổ', U'ỗ', U'ộ'},
     {U'Ô', U'Ố', U'Ồ', U'Ổ', U'Ỗ', U'Ộ'}},
    {U'o',
     VowelMark::kHorn,
     {U'ơ', U'ớ', U'ờ', U'ở', U'ỡ', U'ợ'},
     {U'Ơ', U'Ớ', U'Ờ', U'Ở', U'Ỡ', U'Ợ'}},
    {U'u',
     VowelMark::kNone,
     {U'u', U'ú', U'ù', U'ủ', U'ũ', U'ụ'},
     {U'U', U'Ú', U'Ù', U'Ủ', U'Ũ', U'Ụ'}},
    {U'u',
     VowelMark::kHorn,
     {U'ư', U'ứ', U'ừ', U'ử', U'ữ', U'ự'},
     {U'Ư', U'Ứ', U'Ừ', U'Ử', U'Ữ', U'Ự'}},
    {U'y',
     VowelMark::kNone,
     {U'y', U'ý', U'ỳ', U'ỷ', U'ỹ', U'ỵ'},
     {U'Y', U'Ý', U'Ỳ', U'Ỷ', U'Ỹ', U'Ỵ'}},
};

constexpr char32_t kDStrokeLower = U'đ';
constexpr char32_t kDStrokeUpper = U'Đ';

}  // namespace

bool IsVowelBase(char32_t base) {
  return base == U'a' || base == U'e' || base == U'i' || base == U'o' || base == U'u' ||
         base == U'y';
}

std::optional<VnLetter> ToVnLetter(char32_t cp) {
  if (cp >= U'a' && cp <= U'z') return VnLetter{cp, VowelMark::kNone, Tone::kNone, false};
  if (cp >= U'A' && cp <= U'Z') {
    return VnLetter{cp - U'A' + U'a', VowelMark::kNone, Tone::kNone, true};
  }
  if (cp == kDStrokeLower) return VnLetter{kDStrokeLower, VowelMark::kNone, Tone::kNone, false};
  if (cp == kDStrokeUpper) return VnLetter{kDStrokeLower, VowelMark::kNone, Tone::kNone, true};
  if (cp < 0xC0) return std::nullopt;  // no Vietnamese letter below À
  for (const VowelRow& row : kVowels) {
    for (int t = 0; t < 6; ++t) {
      if (row.lower[t] == cp) return VnLetter{row.base, row.mark, static_cast<Tone>(t), false};
      if (row.upper[t] == cp) return VnLetter{row.base, row.mark, static_cast<Tone>(t), true};
    }
  }
  return std::nullopt;
}

char32_t FromVnLetter(const VnLetter& letter) {
  const auto tone = static_cast<int>(letter.tone);
  if (tone < 0 || tone > 5) std::abort();
  if (!IsVowelBase(letter.base)) {
    if (letter.mark != VowelMark::kNone || letter.tone != Tone::kNone) std::abort();
    if (letter.base == kDStrokeLower) return letter.upper ? kDStrokeUpper : kDStrokeLower;
    if (letter.base < U'a' || letter.base > U'z') std::abort();
    return letter.upper ? letter.base - U'a' + U'A' : letter.base;
  }
  for (const VowelRow& row : kVowels) {
    if (row.base == letter.base && row.mark == letter.mark) {
      return letter.upper ? row.upper[tone] : row.lower[tone];
    }
  }
  std::abort();  // a mark Vietnamese does not put on this vowel
}

}  // namespace dvc::text
