#include "catalog/validators.h"

#include "catalog/digits.h"

namespace dvc::catalog {

int CitizenIdBirthYear(std::string_view digits) {
  int century = (digits[3] - '0') / 2;  // 0/1 → 1900s, 2/3 → 2000s, ...
  return 1900 + 100 * century + (digits[4] - '0') * 10 + (digits[5] - '0');
}

CitizenIdCheck CheckCitizenId(std::string_view input, const ReferenceData& reference,
                              const calendar::Date& today) {
  std::string digits;
  for (char c : input) {
    if (c == ' ') continue;
    if (!IsAsciiDigit(c)) return CitizenIdProblem::kNotDigits;
    digits.push_back(c);
  }
  if (digits.size() != 12) return CitizenIdProblem::kWrongLength;
  CitizenId id;
  id.province_code = digits.substr(0, 3);
  const std::string* province = reference.CitizenIdProvince(id.province_code);
  if (province == nullptr) return CitizenIdProblem::kUnknownProvince;
  id.province_name = *province;
  id.female = (digits[3] - '0') % 2 == 1;
  id.birth_year = CitizenIdBirthYear(digits);
  if (id.birth_year > today.year() || id.birth_year < today.year() - kMaxPlausibleAge) {
    return CitizenIdProblem::kImplausibleBirthYear;
  }
  id.digits = std::move(digits);
  return id;
}

PhoneCheck CheckMobilePhone(std::string_view input, const ReferenceData& reference) {
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < input.size(); ++i) {
    char c = input[i];
    if (c == ' ' || c == '.' || c == '-') continue;
    if (c == '+' && digits.empty() && !plus) {
      plus = true;
      continue;
    }
    if (!IsAsciiDigit(c)) return PhoneProblem::kMalformed;
    digits.push_back(c);
  }
  std::string national;  // the 9 digits after 0 / 84
  // "+84 0912 345 678": a 0 kept after the country code is a common slip.
  bool has_84 = digits.compare(0, 2, "84") == 0;
  if (has_84 && digits.size() == 12 && digits[2] == '0') {
    national = digits.substr(3);
  } else if (plus) {
    if (digits.size() == 11 && has_84) national = digits.substr(2);
  } else if (digits.size() == 10 && digits[0] == '0') {
    national = digits.substr(1);
  } else if (digits.size() == 11 && digits.compare(0, 2, "84") == 0) {
    national = digits.substr(2);
  } else if (digits.size() == 11 && digits.compare(0, 2, "01") == 0) {
    return PhoneProblem::kOldElevenDigit;
  }
  if (national.size() != 9 || national[0] == '0') return PhoneProblem::kMalformed;
  std::string prefix = "0" + national.substr(0, 2);
  const std::string* carrier = reference.MobileCarrier(prefix);
  if (carrier == nullptr) return PhoneProblem::kNotMobile;
  MobileNumber m;
  m.e164 = "84" + national;
  m.display =
      "0" + national.substr(0, 3) + " " + national.substr(3, 3) + " " + national.substr(6, 3);
  m.carrier = *carrier;
  return m;
}

}  // namespace dvc::catalog
