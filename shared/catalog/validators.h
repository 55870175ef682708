// Checks of the identifiers residents type: citizen ID (CCCD) numbers and
// Vietnamese mobile numbers, driven by the tables of ReferenceData. Each
// check returns either the normalised value or the reason it is wrong, so
// the caller can pick a message a farmer understands.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "calendar/date.h"
#include "catalog/reference_data.h"

namespace dvc::catalog {

// Oldest plausible age in years for a birth year encoded in an ID.
inline constexpr int kMaxPlausibleAge = 120;

enum class CitizenIdProblem {
  kNotDigits,             // something other than digits and spaces
  kWrongLength,           // not 12 digits
  kUnknownProvince,       // first 3 digits not a code of Circular 07/2016/TT-BCA
  kImplausibleBirthYear,  // in the future, or more than 120 years ago
};

// What a 12-digit citizen ID number says (Circular 07/2016/TT-BCA, art. 7):
// digits 1-3 the province where the birth was registered, digit 4 the
// century and sex (0/1 → 1900s male/female, 2/3 → 2000s, 4/5 → 2100s, ...),
// digits 5-6 the last two digits of the birth year, 7-12 a random number.
// There is no check digit.
struct CitizenId {
  std::string digits;  // the 12 digits, spaces removed
  std::string province_code;
  std::string province_name;
  bool female = false;
  int birth_year = 0;
};

// The citizen ID when valid, otherwise what is wrong with it.
using CitizenIdCheck = std::variant<CitizenId, CitizenIdProblem>;

// The birth year digits 4-6 of a citizen ID encode (see CitizenId).
// REQUIRES: `digits` starts with at least 6 ASCII digits.
int CitizenIdBirthYear(std::string_view digits);

// Checks `input` (spaces between groups allowed: "034 095 012 345"); the
// birth year must be within [today.year() - kMaxPlausibleAge, today.year()].
CitizenIdCheck CheckCitizenId(std::string_view input, const ReferenceData& reference,
                              const calendar::Date& today);

enum class PhoneProblem {
  kMalformed,       // not 0 + 9 digits, 84 + 9 digits or +84 + 9 digits
  kOldElevenDigit,  // an 11-digit 01x number, renumbered in 2018
  kNotMobile,       // well formed but not in a mobile range
};

struct MobileNumber {
  std::string e164;     // "84912345678": international form without '+', as SMPP wants
  std::string display;  // "0912 345 678"
  std::string carrier;  // "VinaPhone"
};

// The number when it is a mobile number, otherwise what is wrong with it.
using PhoneCheck = std::variant<MobileNumber, PhoneProblem>;

// Checks a Vietnamese mobile number typed as "0912345678", "0912 345 678",
// "0912.345.678", "0912-345-678", "84912345678" or "+84 912 345 678".
PhoneCheck CheckMobilePhone(std::string_view input, const ReferenceData& reference);

}  // namespace dvc::catalog
