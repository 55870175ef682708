#include "text/gsm7.h"

#include <array>
#include <cstdio>

#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::text {
namespace {

// The default alphabet, indexed by septet (TS 23.038 section 6.2.1). 0x1B is
// the escape to the extension table; as a character it is shown as NBSP.
constexpr char32_t kBasic[128] = {
    U'@', U'£', U'$', U'¥', U'è', U'é', U'ù', U'ì', U'ò', U'Ç',  U'\n', U'Ø', U'ø',   U'\r', U'Å',
    U'å', U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ', U'Σ',  U'Θ',  U'Ξ', 0x00A0, U'Æ',  U'æ',
    U'ß', U'É', U' ', U'!', U'"', U'#', U'¤', U'%', U'&', U'\'', U'(',  U')', U'*',   U'+',  U',',
    U'-', U'.', U'/', U'0', U'1', U'2', U'3', U'4', U'5', U'6',  U'7',  U'8', U'9',   U':',  U';',
    U'<', U'=', U'>', U'?', U'¡', U'A', U'B', U'C', U'D', U'E',  U'F',  U'G', U'H',   U'I',  U'J',
    U'K', U'L', U'M', U'N', U'O', U'P', U'Q', U'R', U'S', U'T',  U'U',  U'V', U'W',   U'X',  U'Y',
    U'Z', U'Ä', U'Ö', U'Ñ', U'Ü', U'§', U'¿', U'a', U'b', U'c',  U'd',  U'e', U'f',   U'g',  U'h',
    U'i', U'j', U'k', U'l', U'm', U'n', U'o', U'p', U'q', U'r',  U's',  U't', U'u',   U'v',  U'w',
    U'x', U'y', U'z', U'ä', U'ö', U'ñ', U'ü', U'à',
};

static_assert(kBasic[0x24] == U'¤' && kBasic[0x40] == U'¡' && kBasic[0x60] == U'¿' &&
              kBasic[0x7F] == U'à');

// The extension table (TS 23.038 section 6.2.1.1): code after the escape.
struct ExtensionEntry {
  char code;
  char32_t cp;
};
constexpr ExtensionEntry kExtension[] = {
    {0x0A, U'\f'}, {0x14, U'^'}, {0x28, U'{'}, {0x29, U'}'}, {0x2F, U'\\'},
    {0x3C, U'['},  {0x3D, U'~'}, {0x3E, U']'}, {0x40, U'|'}, {0x65, U'€'},
};

constexpr int kNotEncodable = -1;

// Septet for each ASCII character (extension characters as 0x100 | code),
// built from the tables above so the two directions cannot disagree.
constexpr std::array<int, 128> BuildAsciiTable() {
  std::array<int, 128> table{};
  for (int& t : table) t = kNotEncodable;
  for (int s = 0; s < 128; ++s) {
    if (s != 0x1B && kBasic[s] < 128) table[kBasic[s]] = s;
  }
  for (const ExtensionEntry& e : kExtension) {
    if (e.cp < 128) table[e.cp] = 0x100 | e.code;
  }
  return table;
}
constexpr std::array<int, 128> kAsciiToGsm = BuildAsciiTable();

// The septet(s) for `cp` as above (0x100 | code for the extension table).
int Lookup(char32_t cp) {
  if (cp < 128) return kAsciiToGsm[cp];
  for (int s = 0; s < 128; ++s) {
    if (s != 0x1B && kBasic[s] == cp) return s;
  }
  for (const ExtensionEntry& e : kExtension) {
    if (e.cp == cp) return 0x100 | e.code;
  }
  return kNotEncodable;
}

std::string Hex(unsigned value, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*X", digits, value);
  return buf;
}

}  // namespace

std::optional<size_t> Gsm7Septets(char32_t cp) {
  const int s = Lookup(cp);
  if (s == kNotEncodable) return std::nullopt;
  return (s & 0x100) ? 2 : 1;
}

bool AppendGsm7(char32_t cp, std::string* septets) {
  const int s = Lookup(cp);
  if (s == kNotEncodable) return false;
  if (s & 0x100) septets->push_back(kGsm7Escape);
  septets->push_back(static_cast<char>(s & 0x7F));
  return true;
}

bool CanEncodeGsm7(std::string_view utf8) {
  Result<std::u32string> cps = NfcCodePoints(utf8);
  if (!cps.ok()) return false;
  for (char32_t cp : *cps) {
    if (Lookup(cp) == kNotEncodable) return false;
  }
  return true;
}

Status NotInGsm7Error(char32_t cp, size_t position) {
  std::string shown;
  AppendUtf8(cp, &shown);
  return Status::InvalidInput("character U+" + Hex(cp, 4) + " '" + shown + "' at position " +
                              std::to_string(position) +
                              " is not in the GSM 7-bit alphabet; transliterate it "
                              "(ToGsm7Safe) or send the message as UCS-2");
}

Result<std::string> EncodeGsm7(std::string_view utf8) {
  Result<std::u32string> cps = NfcCodePoints(utf8);
  if (!cps.ok()) return cps.status();
  std::string out;
  out.reserve(cps->size());
  for (size_t i = 0; i < cps->size(); ++i) {
    if (!AppendGsm7((*cps)[i], &out)) return NotInGsm7Error((*cps)[i], i);
  }
  return out;
}

Result<std::string> DecodeGsm7(std::string_view septets) {
  std::string out;
  out.reserve(septets.size());
  for (size_t i = 0; i < septets.size(); ++i) {
    const auto s = static_cast<unsigned char>(septets[i]);
    if (s > 0x7F) {
      return Status::InvalidInput("byte 0x" + Hex(s, 2) + " at offset " + std::to_string(i) +
                                  " is not a GSM 7-bit septet");
    }
    if (s != 0x1B) {
      AppendUtf8(kBasic[s], &out);
      continue;
    }
    if (i + 1 == septets.size()) {
      return Status::InvalidInput("GSM 7-bit text ends with an escape (0x1B) at offset " +
                                  std::to_string(i));
    }
    const auto code = static_cast<unsigned char>(septets[++i]);
    if (code > 0x7F) {
      return Status::InvalidInput("byte 0x" + Hex(code, 2) + " at offset " + std::to_string(i) +
                                  " is not a GSM 7-bit septet");
    }
    char32_t cp = kBasic[code];  // undefined extensions fall back to the default table
    for (const ExtensionEntry& e : kExtension) {
      if (static_cast<unsigned char>(e.code) == code) cp = e.cp;
    }
    AppendUtf8(cp, &out);
  }
  return ToNfc(out);
}

int FillBitsAfterUdh(size_t udh_octets) { return static_cast<int>((7 - (udh_octets * 8) % 7) % 7); }

Result<std::string> PackSeptets(std::string_view septets, int fill_bits) {
  if (fill_bits < 0 || fill_bits > 6) {
    return Status::InvalidInput("fill bits must be 0..6, got " + std::to_string(fill_bits));
  }
  const size_t bits = static_cast<size_t>(fill_bits) + 7 * septets.size();
  std::string out((bits + 7) / 8, '\0');
  for (size_t i = 0; i < septets.size(); ++i) {
    const auto s = static_cast<unsigned char>(septets[i]);
    if (s > 0x7F) {
      return Status::InvalidInput("byte 0x" + Hex(s, 2) + " at offset " + std::to_string(i) +
                                  " is not a GSM 7-bit septet");
    }
    const size_t pos = static_cast<size_t>(fill_bits) + 7 * i;
    const size_t byte = pos / 8;
    const unsigned shift = pos % 8;
    out[byte] = static_cast<char>(static_cast<unsigned char>(out[byte]) | ((s << shift) & 0xFF));
    if (shift > 1) {
      out[byte + 1] =
          static_cast<char>(static_cast<unsigned char>(out[byte + 1]) | (s >> (8 - shift)));
    }
  }
  // 7 spare bits would read as a trailing '@' (septet 0); TS 23.038 section
  // 6.1.2.3.1 fills them with CR instead.
  if (bits % 8 == 1) {
    out.back() = static_cast<char>(static_cast<unsigned char>(out.back()) | (0x0D << 1));
  }
  return out;
}

Result<std::string> UnpackSeptets(std::string_view octets, int fill_bits, size_t septet_count) {
  if (fill_bits < 0 || fill_bits > 6) {
    return Status::InvalidInput("fill bits must be 0..6, got " + std::to_string(fill_bits));
  }
  if (septet_count > (octets.size() * 8) / 7 ||
      static_cast<size_t>(fill_bits) + 7 * septet_count > octets.size() * 8) {
    return Status::InvalidInput(std::to_string(octets.size()) + " octets cannot hold " +
                                std::to_string(septet_count) + " septets after " +
                                std::to_string(fill_bits) + " fill bits");
  }
  std::string out;
  out.reserve(septet_count);
  for (size_t i = 0; i < septet_count; ++i) {
    const size_t pos = static_cast<size_t>(fill_bits) + 7 * i;
    const size_t byte = pos / 8;
    const unsigned shift = pos % 8;
    unsigned value = static_cast<unsigned char>(octets[byte]) >> shift;
    if (shift > 1)
      value |= static_cast<unsigned>(static_cast<unsigned char>(octets[byte + 1])) << (8 - shift);
    out.push_back(static_cast<char>(value & 0x7F));
  }
  return out;
}

}  // namespace dvc::text
