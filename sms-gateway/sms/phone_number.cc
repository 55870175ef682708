#include "sms/phone_number.h"

namespace dvc::gateway {
namespace {

constexpr std::string_view kCountryCode = "84";
constexpr std::string_view kInternationalPrefix = "00";
constexpr std::string_view kTrunkPrefix = "0";
constexpr size_t kMinNationalDigits = 9;
constexpr size_t kMaxNationalDigits = 10;
// What people put between digit groups; ignored.
constexpr std::string_view kSeparators = " .-()";

Status Refused(std::string_view typed, std::string_view why) {
  return Status::InvalidInput("phone number \"" + std::string(typed) + "\" " + std::string(why));
}

}  // namespace

std::string InternationalDigits(std::string_view digits) {
  if (digits.starts_with(kInternationalPrefix)) {
    return std::string(digits.substr(kInternationalPrefix.size()));
  }
  if (digits.starts_with(kTrunkPrefix)) {
    return std::string(kCountryCode) + std::string(digits.substr(kTrunkPrefix.size()));
  }
  return std::string(digits);
}

Result<std::string> NormalizeVietnamesePhone(std::string_view typed) {
  std::string digits;
  bool plus = false;
  for (const char c : typed) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (kSeparators.find(c) == std::string_view::npos) {
      return Refused(typed, "has a character that is not a digit");
    }
  }
  if (digits.empty()) return Status::InvalidInput("phone number is empty");
  // A '+' says the digits already start with a country code.
  std::string number = plus ? digits : InternationalDigits(digits);
  if (!number.starts_with(kCountryCode)) {
    if (plus) return Refused(typed, "is not Vietnamese (+84)");
    if (digits.starts_with(kInternationalPrefix)) {
      return Refused(typed, "is not Vietnamese (0084)");
    }
    return Refused(typed, "starts with neither 0, 84 nor +84");
  }
  const std::string_view national = std::string_view(number).substr(kCountryCode.size());
  if (national.size() < kMinNationalDigits || national.size() > kMaxNationalDigits) {
    return Refused(typed, "has " + std::to_string(national.size()) +
                              " digits after the country or trunk prefix (9 or 10 expected)");
  }
  if (national.front() == '0') return Refused(typed, "has a 0 after the country code");
  return number;
}

}  // namespace dvc::gateway
