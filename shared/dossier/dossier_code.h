// DossierCode: the code a resident reads out, texts and types to follow a dossier.
//
// 14 characters, made offline at the kiosk, unique without coordination:
//
//   12345 7K 4HQ2M9 X      shown as  12345-7K-4HQ-2M9-X
//   |     |  |      `-- check character (Damm over GF(32), code_check.h)
//   |     |  `--------- the issuer's counter through its keyed permutation, 30 bits
//   |     `------------ issuer number, 10 bits (0 = the gateway's counter desk)
//   `------------------ national commune code, 5 decimal digits
//
// Characters after the commune code come from kCodeAlphabet (no 0, 1, I, O). Two
// issuers never produce the same code because (commune, issuer) differs; one
// issuer never repeats because its counter is durable and the permutation is a
// bijection. See docs/dossier-code.md for the reasoning.
//
// Thread-safety: values; copy freely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/status.h"
#include "dossier/code_permutation.h"

namespace dvc::dossier {

class DossierCode {
 public:
  static constexpr size_t kLength = 14;
  static constexpr size_t kCommuneDigits = 5;
  static constexpr size_t kIssuerChars = 2;
  static constexpr size_t kCounterChars = 6;
  static constexpr uint32_t kIssuerCount = 1u << 10;   // issuer numbers 0 .. 1023
  static constexpr uint32_t kGatewayIssuer = 0;        // reserved: counter registrations
  static constexpr uint32_t kCounterLimit = 1u << 30;  // counters 0 .. 2^30 - 1

  // Builds the code from its parts. `scrambled` is the permuted counter.
  // Errors: kInvalidInput if commune_code is not 5 ASCII digits, issuer >=
  // kIssuerCount or scrambled >= kCounterLimit.
  static Result<DossierCode> FromParts(std::string_view commune_code, uint32_t issuer,
                                       uint32_t scrambled);

  // The canonical 14-character form: upper case, no separators ("123457K4HQ2M9X");
  // what is stored, compared and put in QR codes and SMS.
  const std::string& compact() const { return compact_; }
  // Grouped for reading aloud and for the receipt: "12345-7K-4HQ-2M9-X".
  std::string Display() const;

  std::string_view commune_code() const { return std::string_view(compact_).substr(0, 5); }
  uint32_t issuer() const;
  uint32_t scrambled() const;

  friend bool operator==(const DossierCode&, const DossierCode&) = default;

 private:
  explicit DossierCode(std::string compact) : compact_(std::move(compact)) {}
  friend class CodeParser;
  std::string compact_;
};

// The code for `counter` of issuer (commune_code, issuer), whose secret gave
// `permutation`. Errors: as FromParts; kInvalidInput if counter >= kCounterLimit.
Result<DossierCode> MakeDossierCode(std::string_view commune_code, uint32_t issuer,
                                    uint64_t counter, const CounterPermutation& permutation);

// Why a text is not a dossier code, precisely enough to tell the resident.
struct CodeProblem {
  enum class Kind {
    kEmpty,          // nothing but spaces and dashes
    kWrongLength,    // `length` code characters instead of 14
    kBadCharacter,   // `character` at `position` cannot stand there
    kCheckMismatch,  // all characters possible, but the check fails: a typo
  };
  Kind kind;
  size_t length = 0;      // code characters found (separators not counted)
  size_t position = 0;    // 1-based, counting code characters only (kBadCharacter)
  std::string character;  // as typed: one UTF-8 character, or "byte 0xNN" (kBadCharacter)

  // An English sentence for logs and staff screens, e.g.
  // "character 8 ('O') cannot be in a dossier code: after the commune number codes
  // have no 0, 1, I or O". Residents' texts come from the SMS/UI templates, keyed
  // by kind, position and character.
  std::string Message() const;
};

// Reads a code as a person typed it: spaces, tabs, hyphens (also the Unicode
// dashes and no-break space phones insert) are ignored; lower case is accepted; in
// the commune number (the first five characters) O is read as 0 and I or L as 1,
// since letters cannot stand there. In the rest 0, 1, I and O are never guessed
// at: they are reported as bad characters. Returns the code or the first problem.
// Never fails otherwise, whatever the bytes.
std::variant<DossierCode, CodeProblem> ExamineDossierCode(std::string_view text);

// As ExamineDossierCode, with the problem as kInvalidInput "dossier code: <message>".
Result<DossierCode> ParseDossierCode(std::string_view text);

}  // namespace dvc::dossier
