#include "catalog/numbers.h"

#include <charconv>
#include <cmath>

#include "catalog/digits.h"

namespace dvc::catalog {
namespace {

// Longest typed number read; longer input is not a number a form asks for.
constexpr size_t kMaxNumberBytes = 40;
// From here on fixed notation gets long and grouping stops helping.
constexpr double kGroupingLimit = 1e15;

std::string Format(double x, char group, char decimal) {
  if (x == 0) x = 0;  // no "-0"
  char buf[64];
  bool fixed = std::isfinite(x) && std::fabs(x) < kGroupingLimit;
  auto [end, ec] = fixed ? std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed)
                         : std::to_chars(buf, buf + sizeof buf, x);
  // 64 bytes hold any shortest double in either notation.
  std::string plain(buf, ec == std::errc() ? end : buf);
  if (!fixed) {
    for (char& c : plain) {
      if (c == '.') c = decimal;
    }
    return plain;
  }
  size_t begin = plain[0] == '-' ? 1 : 0;
  size_t point = plain.find('.');
  size_t int_end = point == std::string::npos ? plain.size() : point;
  std::string out = plain.substr(0, begin);
  for (size_t i = begin; i < int_end; ++i) {
    if (i > begin && (int_end - i) % 3 == 0) out += group;
    out += plain[i];
  }
  if (point != std::string::npos) {
    out += decimal;
    out += plain.substr(point + 1);
  }
  return out;
}

}  // namespace

std::string FormatVietnameseNumber(double x) { return Format(x, '.', ','); }

Text NumberText(double x) { return Text{Format(x, '.', ','), Format(x, ',', '.')}; }

std::optional<double> ParseVietnameseNumber(std::string_view text) {
  if (text.empty() || text.size() > kMaxNumberBytes) return std::nullopt;
  std::string plain;  // what from_chars reads: "-1500.25"
  size_t i = 0;
  if (text[0] == '-') {
    plain += '-';
    ++i;
  }
  // The integer part: a first run of digits, then ".ddd" groups.
  size_t first = i;
  while (i < text.size() && IsAsciiDigit(text[i])) plain += text[i++];
  size_t first_run = i - first;
  if (first_run == 0) return std::nullopt;
  while (i < text.size() && text[i] == '.') {
    if (first_run > 3) return std::nullopt;  // "1500.000"
    std::string_view group = text.substr(i + 1, 3);
    bool three = IsDigitCode(group, 3) && (i + 4 == text.size() || !IsAsciiDigit(text[i + 4]));
    if (!three) return std::nullopt;  // "1.50", "2.5", "1.5000"
    plain += group;
    i += 4;
  }
  if (i < text.size() && text[i] == ',') {
    ++i;
    size_t decimals = i;
    plain += '.';
    while (i < text.size() && IsAsciiDigit(text[i])) plain += text[i++];
    if (i == decimals) return std::nullopt;  // "5,"
  }
  if (i != text.size()) return std::nullopt;  // "1,500.5", "12a"
  double value = 0;
  auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || end != plain.data() + plain.size()) return std::nullopt;
  return value;
}

}  // namespace dvc::catalog
