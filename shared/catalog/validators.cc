#include "catalog/validators.h"

#include <algorithm>

namespace dvc::catalog {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

CitizenIdCheck CheckCitizenId(std::string_view input, const ReferenceData& reference,
                              const calendar::Date& today) {
  CitizenIdCheck check;
  std::string digits;
  for (char c : input) {
    if (c == ' ') continue;
    if (!IsDigit(c)) {
      check.problem = CitizenIdProblem::kNotDigits;
      return check;
    }
    digits.push_back(c);
  }
  if (digits.size() != 12) {
    check.problem = CitizenIdProblem::kWrongLength;
    return check;
  }
  CitizenId id;
  id.province_code = digits.substr(0, 3);
  const std::string* province = reference.CitizenIdProvince(id.province_code);
  if (province == nullptr) {
    check.problem = CitizenIdProblem::kUnknownProvince;
    return check;
  }
  id.province_name = *province;
  int century_sex = digits[3] - '0';
  id.female = century_sex % 2 == 1;
  id.birth_year = 1900 + 100 * (century_sex / 2) + (digits[4] - '0') * 10 + (digits[5] - '0');
  if (id.birth_year > today.year() || id.birth_year < today.year() - kMaxPlausibleAge) {
    check.problem = CitizenIdProblem::kImplausibleBirthYear;
    return check;
  }
  id.digits = std::move(digits);
  check.value = std::move(id);
  return check;
}

PhoneCheck CheckMobilePhone(std::string_view input, const ReferenceData& reference) {
  PhoneCheck check;
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < input.size(); ++i) {
    char c = input[i];
    if (c == ' ' || c == '.' || c == '-') continue;
    if (c == '+' && digits.empty() && !plus) {
      plus = true;
      continue;
    }
    if (!IsDigit(c)) {
      check.problem = PhoneProblem::kMalformed;
      return check;
    }
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
    check.problem = PhoneProblem::kOldElevenDigit;
    return check;
  }
  if (national.size() != 9 || national[0] == '0') {
    check.problem = PhoneProblem::kMalformed;
    return check;
  }
  std::string prefix = "0" + national.substr(0, 2);
  const std::string* carrier = reference.MobileCarrier(prefix);
  if (carrier == nullptr) {
    check.problem = PhoneProblem::kNotMobile;
    return check;
  }
  MobileNumber m;
  m.e164 = "84" + national;
  m.display =
      "0" + national.substr(0, 3) + " " + national.substr(3, 3) + " " + national.substr(6, 3);
  m.carrier = *carrier;
  check.value = std::move(m);
  return check;
}

}  // namespace dvc::catalog
