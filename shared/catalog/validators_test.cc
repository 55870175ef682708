#include "catalog/validators.h"

#include <gtest/gtest.h>

#include <optional>
#include <variant>

#include "catalog/catalog_test_support.h"

namespace dvc::catalog {
namespace {

using testing::D;
using testing::Reference;

const calendar::Date kCheckDay = calendar::Date::Ymd(2026, 11, 27);

// The problem found in `id`, or nullopt when it is valid.
std::optional<CitizenIdProblem> IdProblem(std::string_view id) {
  CitizenIdCheck c = CheckCitizenId(id, Reference(), kCheckDay);
  if (const auto* problem = std::get_if<CitizenIdProblem>(&c)) return *problem;
  return std::nullopt;
}

std::optional<PhoneProblem> PhoneProblemOf(std::string_view typed) {
  PhoneCheck c = CheckMobilePhone(typed, Reference());
  if (const auto* problem = std::get_if<PhoneProblem>(&c)) return *problem;
  return std::nullopt;
}

TEST(ReferenceData, HasThe63ProvinceCodesAndMobileRanges) {
  EXPECT_EQ(Reference().citizen_id_province_count(), 63u);
  EXPECT_EQ(*Reference().CitizenIdProvince("001"), "Hà Nội");
  EXPECT_EQ(*Reference().CitizenIdProvince("034"), "Thái Bình");
  EXPECT_EQ(*Reference().CitizenIdProvince("096"), "Cà Mau");
  EXPECT_EQ(Reference().CitizenIdProvince("003"), nullptr);
  for (const char* p : {"032", "039", "052", "055", "056", "058", "059", "070", "076", "079", "081",
                        "089", "090", "099"}) {
    EXPECT_NE(Reference().MobileCarrier(p), nullptr) << p;
  }
  for (const char* p : {"031", "053", "071", "080", "095", "024"})
    EXPECT_EQ(Reference().MobileCarrier(p), nullptr) << p;
}

TEST(CitizenId, DecodesProvinceSexAndBirthYear) {
  CitizenIdCheck c = CheckCitizenId("034 095 012 345", Reference(), kCheckDay);
  const CitizenId* id = std::get_if<CitizenId>(&c);
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->digits, "034095012345");
  EXPECT_EQ(id->province_name, "Thái Bình");
  EXPECT_FALSE(id->female);
  EXPECT_EQ(id->birth_year, 1995);
  c = CheckCitizenId("001305001234", Reference(), kCheckDay);
  id = std::get_if<CitizenId>(&c);
  ASSERT_NE(id, nullptr);
  EXPECT_TRUE(id->female);
  EXPECT_EQ(id->birth_year, 2005);
  EXPECT_EQ(CitizenIdBirthYear("001305001234"), 2005);
  EXPECT_EQ(CitizenIdBirthYear("001499001234"), 2199);
}

TEST(CitizenId, GivesADistinctProblemForEachMistake) {
  EXPECT_EQ(IdProblem("03409501234a"), CitizenIdProblem::kNotDigits);
  EXPECT_EQ(IdProblem("034-095-012-345"), CitizenIdProblem::kNotDigits);
  EXPECT_EQ(IdProblem("03409501234"), CitizenIdProblem::kWrongLength);
  EXPECT_EQ(IdProblem("0340950123456"), CitizenIdProblem::kWrongLength);
  EXPECT_EQ(IdProblem(""), CitizenIdProblem::kWrongLength);
  EXPECT_EQ(IdProblem("003095012345"), CitizenIdProblem::kUnknownProvince);
  EXPECT_EQ(IdProblem("001327001234"), CitizenIdProblem::kImplausibleBirthYear);  // 2027: future
  EXPECT_EQ(IdProblem("001405001234"), CitizenIdProblem::kImplausibleBirthYear);  // 2105
  EXPECT_EQ(IdProblem("001005001234"),
            CitizenIdProblem::kImplausibleBirthYear);  // 1905: 121 years ago
  EXPECT_FALSE(IdProblem("001006001234"));             // 1906: 120 years ago
  EXPECT_FALSE(IdProblem("001226001234"));             // born this year
}

TEST(MobilePhone, NormalisesEveryCommonSpelling) {
  for (const char* typed : {"0912345678", "0912 345 678", "0912.345.678", "0912-345-678",
                            "84912345678", "+84912345678", "+84 912 345 678", "+84 0912 345 678"}) {
    PhoneCheck c = CheckMobilePhone(typed, Reference());
    const MobileNumber* m = std::get_if<MobileNumber>(&c);
    ASSERT_NE(m, nullptr) << typed;
    EXPECT_EQ(m->e164, "84912345678") << typed;
    EXPECT_EQ(m->display, "0912 345 678");
    EXPECT_EQ(m->carrier, "VinaPhone");
  }
  EXPECT_EQ(std::get<MobileNumber>(CheckMobilePhone("0387654321", Reference())).carrier, "Viettel");
}

TEST(MobilePhone, SaysWhatIsWrong) {
  for (const char* typed : {"091234567", "09123456789", "abc", "+0912345678", "0912 345 67x", "",
                            "+", "0012345678", "+8491234567"}) {
    EXPECT_EQ(PhoneProblemOf(typed), PhoneProblem::kMalformed) << typed;
  }
  EXPECT_EQ(PhoneProblemOf("01652345678"), PhoneProblem::kOldElevenDigit);
  EXPECT_EQ(PhoneProblemOf("0241234567"), PhoneProblem::kNotMobile);
  EXPECT_EQ(PhoneProblemOf("0951234567"), PhoneProblem::kNotMobile);
}

}  // namespace
}  // namespace dvc::catalog
