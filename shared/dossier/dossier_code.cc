#include "dossier/dossier_code.h"

#include <array>
#include <cstdio>
#include <utility>

#include "dossier/code_check.h"

namespace dvc::dossier {

namespace {

constexpr size_t kIssuerStart = DossierCode::kCommuneDigits;
constexpr size_t kCounterStart = kIssuerStart + DossierCode::kIssuerChars;
constexpr size_t kCheckPosition = kCounterStart + DossierCode::kCounterChars;
static_assert(kCheckPosition + 1 == DossierCode::kLength);

// Multi-byte characters that separate groups like a space or a hyphen does.
constexpr std::string_view kUnicodeSeparators[] = {
    "\u00A0", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\u3000",
};

// Letters a person may type for a digit in the commune number.
constexpr std::pair<char, char> kDigitLookalikes[] = {{'O', '0'}, {'I', '1'}, {'L', '1'}};

void AppendBase32(uint32_t value, size_t chars, std::string* out) {
  for (size_t i = chars; i-- > 0;) out->push_back(kCodeAlphabet[(value >> (5 * i)) & 31]);
}

uint32_t ReadBase32(std::string_view chars) {
  uint32_t value = 0;
  for (char c : chars) value = (value << 5) | static_cast<uint32_t>(kCodeAlphabet.find(c));
  return value;
}

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Length of the UTF-8 sequence starting at text[i] if it is well formed, else 0.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  size_t length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (lead >= 0xF5) length = 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
  }
  return length;
}

std::string DescribeByte(unsigned char byte) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "byte 0x%02X", byte);
  return buffer;
}

}  // namespace

class CodeParser {
 public:
  static std::variant<DossierCode, CodeProblem> Examine(std::string_view text);
};

Result<DossierCode> DossierCode::FromParts(std::string_view commune_code, uint32_t issuer,
                                           uint32_t scrambled) {
  if (commune_code.size() != kCommuneDigits || !IsDigits(commune_code)) {
    return Status::InvalidInput("dossier code: the commune code must be 5 digits, not \"" +
                                std::string(commune_code) + "\"");
  }
  if (issuer >= kIssuerCount) {
    return Status::InvalidInput("dossier code: issuer number " + std::to_string(issuer) +
                                " is out of range (0 to 1023)");
  }
  if (scrambled >= kCounterLimit) {
    return Status::InvalidInput("dossier code: permuted counter out of range");
  }
  std::string compact(commune_code);
  AppendBase32(issuer, kIssuerChars, &compact);
  AppendBase32(scrambled, kCounterChars, &compact);
  compact.push_back(ComputeCheckCharacter(compact));
  return DossierCode(std::move(compact));
}

std::string DossierCode::Display() const {
  // Groups of at most five, the random part split in threes: short enough to hold
  // in mind while reading out or typing on a keypad.
  const std::string_view c(compact_);
  std::string out;
  out.reserve(kLength + 4);
  out.append(c.substr(0, 5)).append("-");
  out.append(c.substr(kIssuerStart, 2)).append("-");
  out.append(c.substr(kCounterStart, 3)).append("-");
  out.append(c.substr(kCounterStart + 3, 3)).append("-");
  out.append(c.substr(kCheckPosition, 1));
  return out;
}

uint32_t DossierCode::issuer() const {
  return ReadBase32(std::string_view(compact_).substr(kIssuerStart, kIssuerChars));
}

uint32_t DossierCode::scrambled() const {
  return ReadBase32(std::string_view(compact_).substr(kCounterStart, kCounterChars));
}

Result<DossierCode> MakeDossierCode(std::string_view commune_code, uint32_t issuer,
                                    uint64_t counter, const CounterPermutation& permutation) {
  if (counter >= DossierCode::kCounterLimit) {
    return Status::InvalidInput("dossier code: counter " + std::to_string(counter) +
                                " is past the issuer's last code; enrol the kiosk again");
  }
  return DossierCode::FromParts(commune_code, issuer,
                                permutation.Forward(static_cast<uint32_t>(counter)));
}

std::variant<DossierCode, CodeProblem> CodeParser::Examine(std::string_view text) {
  std::string symbols;  // upper-cased code characters, in order
  symbols.reserve(DossierCode::kLength);
  size_t count = 0;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '-') {
      ++i;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (!alnum) {
        return CodeProblem{CodeProblem::Kind::kBadCharacter, 0, count + 1,
                           byte >= 0x20 && byte < 0x7F ? std::string(1, c) : DescribeByte(byte)};
      }
      ++count;
      if (symbols.size() < DossierCode::kLength + 1) {
        symbols.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
      }
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0)
      return CodeProblem{CodeProblem::Kind::kBadCharacter, 0, count + 1, DescribeByte(byte)};
    const std::string_view sequence = text.substr(i, length);
    bool separator = false;
    for (std::string_view s : kUnicodeSeparators) separator = separator || s == sequence;
    if (!separator) {
      return CodeProblem{CodeProblem::Kind::kBadCharacter, 0, count + 1, std::string(sequence)};
    }
    i += length;
  }

  if (count == 0) return CodeProblem{CodeProblem::Kind::kEmpty, 0, 0, {}};
  if (count != DossierCode::kLength) {
    return CodeProblem{CodeProblem::Kind::kWrongLength, count, 0, {}};
  }
  for (size_t p = 0; p < DossierCode::kLength; ++p) {
    char& c = symbols[p];
    if (p < DossierCode::kCommuneDigits) {
      for (const auto& [lookalike, digit] : kDigitLookalikes) {
        if (c == lookalike) c = digit;
      }
      if (c < '0' || c > '9') {
        return CodeProblem{CodeProblem::Kind::kBadCharacter, count, p + 1, std::string(1, c)};
      }
    } else if (kCodeAlphabet.find(c) == std::string_view::npos) {
      return CodeProblem{CodeProblem::Kind::kBadCharacter, count, p + 1, std::string(1, c)};
    }
  }
  if (!CheckCharacterMatches(symbols)) {
    return CodeProblem{CodeProblem::Kind::kCheckMismatch, count, 0, {}};
  }
  return DossierCode(std::move(symbols));
}

std::variant<DossierCode, CodeProblem> ExamineDossierCode(std::string_view text) {
  return CodeParser::Examine(text);
}

Result<DossierCode> ParseDossierCode(std::string_view text) {
  auto examined = ExamineDossierCode(text);
  if (auto* code = std::get_if<DossierCode>(&examined)) return std::move(*code);
  return Status::InvalidInput("dossier code: " + std::get<CodeProblem>(examined).Message());
}

std::string CodeProblem::Message() const {
  switch (kind) {
    case Kind::kEmpty:
      return "no code was given";
    case Kind::kWrongLength:
      return "a dossier code has 14 characters, this has " + std::to_string(length);
    case Kind::kBadCharacter: {
      const std::string where = "character " + std::to_string(position) + " ('" + character + "')";
      if (length == DossierCode::kLength && position <= DossierCode::kCommuneDigits) {
        return where + " must be a digit: the first five characters are the commune number";
      }
      if (character.size() == 1 &&
          std::string_view("01IO").find(character[0]) != std::string_view::npos) {
        return where +
               " cannot be in a dossier code: after the commune number codes have no 0, "
               "1, I or O";
      }
      return where + " cannot be in a dossier code";
    }
    case Kind::kCheckMismatch:
      return "the check character does not match (mistyped?)";
  }
  return "unknown problem";
}

}  // namespace dvc::dossier
