#include "catalog/validation.h"

#include <gtest/gtest.h>

#include "catalog/catalog_test_support.h"

namespace dvc::catalog {
namespace {

using nlohmann::json;
using testing::Fixture;

const Form& Rich() { return Fixture().FindService("dang-ky-khai-sinh")->form; }
const Form& Simple() { return Fixture().FindService("cap-giay-phep-xay-dung")->form; }

ValidationContext Ctx() {
  ValidationContext ctx;
  ctx.today = calendar::Date::Ymd(2026, 11, 27);
  ctx.reference = &testing::Reference();
  ctx.units = &testing::FixtureUnits();
  ctx.province_code = "33";
  return ctx;
}

json GoodRich() {
  return json{{"full_name", "Nguyễn Văn An"},
              {"citizen_id", "034 095 012 345"},
              {"applicant_birth_date", "12/03/1995"},
              {"phone", "0912 345 678"},
              {"address", {{"commune", "12350"}, {"detail", "Thôn Đông, số 5"}}},
              {"child_name", "Nguyễn Thị Bình"},
              {"child_birth_date", "2026-10-01"},
              {"relation", "cha"},
              {"copies", "2"},
              {"agree", true}};
}

// The Vietnamese message for `field` after validating `answers` ("" when the field passed).
std::string Message(const json& answers, const std::string& field, const Form& form = Rich()) {
  ValidationResult r = ValidateAnswers(form, answers, Ctx());
  const FieldMessage* m = r.ErrorFor(field);
  return m == nullptr ? "" : m->text.vi;
}

json With(const std::string& key, const json& value) {
  json a = GoodRich();
  if (value.is_null()) {
    a.erase(key);
  } else {
    a[key] = value;
  }
  return a;
}

TEST(Validation, AcceptsAGoodAnswerSetAndNormalisesIt) {
  ValidationResult r = ValidateAnswers(Rich(), GoodRich(), Ctx());
  ASSERT_TRUE(r.ok()) << r.errors[0].text.vi;
  EXPECT_EQ(r.answers["citizen_id"], "034095012345");
  EXPECT_EQ(r.answers["phone"], "84912345678");
  EXPECT_EQ(r.answers["applicant_birth_date"], "1995-03-12");
  EXPECT_EQ(r.answers["copies"], 2);
  EXPECT_EQ(r.answers["address"]["detail"], "Thôn Đông, số 5");
  EXPECT_FALSE(r.answers.contains("relation_other"));
}

TEST(Validation, RequiredFieldsSayWhatToDo) {
  EXPECT_EQ(Message(With("full_name", nullptr), "full_name"), "Vui lòng nhập Họ và tên.");
  EXPECT_EQ(Message(With("full_name", "   "), "full_name"), "Vui lòng nhập Họ và tên.");
  EXPECT_EQ(Message(With("relation", nullptr), "relation"), "Vui lòng chọn Quan hệ với trẻ.");
  EXPECT_EQ(Message(With("agree", false), "agree"),
            "Vui lòng đánh dấu vào ô Tôi cam đoan thông tin là đúng.");
  EXPECT_EQ(Message(With("agree", nullptr), "agree"),
            "Vui lòng đánh dấu vào ô Tôi cam đoan thông tin là đúng.");
  ValidationResult r = ValidateAnswers(Rich(), With("full_name", nullptr), Ctx());
  EXPECT_EQ(r.ErrorFor("full_name")->text.en, "Please enter Full name.");
  EXPECT_EQ(r.ErrorFor("full_name")->id, MessageId::kRequired);
}

TEST(Validation, TextLengthCountsCharactersNotBytes) {
  // 50 Vietnamese characters are about 100 bytes: still within max_length 50.
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "ễ";
  EXPECT_EQ(Message(With("full_name", fifty), "full_name"), "");
  EXPECT_EQ(Message(With("full_name", fifty + "a"), "full_name"),
            "Họ và tên chỉ được có tối đa 50 ký tự.");
  EXPECT_EQ(Message(With("full_name", "A"), "full_name"), "Họ và tên phải có ít nhất 2 ký tự.");
  EXPECT_EQ(Message(With("full_name", 12), "full_name"),
            "Họ và tên không hợp lệ. Vui lòng nhập lại.");
}

TEST(Validation, NormalisesToNfcBeforeChecking) {
  json a = With("full_name", "Nguye\xCC\x82\xCC\x83n  ");  // NFD "Nguyễn" + spaces
  ValidationResult r = ValidateAnswers(Rich(), a, Ctx());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.answers["full_name"], "Nguyễn");
}

TEST(Validation, PatternUsesItsOwnMessage) {
  EXPECT_EQ(Message(With("parcel", "12a"), "parcel"), "Số thửa chỉ gồm 1 đến 6 chữ số.");
  EXPECT_EQ(Message(With("parcel", "1234567"), "parcel"), "Số thửa chỉ gồm 1 đến 6 chữ số.");
  EXPECT_EQ(Message(With("parcel", "123456"), "parcel"), "");
}

TEST(Validation, NumbersAcceptDigitStringsAndCheckRange) {
  EXPECT_EQ(Message(With("copies", 3), "copies"), "");
  EXPECT_EQ(Message(With("copies", "hai"), "copies"), "Số bản sao phải là một số. Ví dụ: 12.");
  EXPECT_EQ(Message(With("copies", 2.5), "copies"),
            "Số bản sao phải là số nguyên, không có phần lẻ.");
  EXPECT_EQ(Message(With("copies", "2,5"), "copies"),
            "Số bản sao phải là số nguyên, không có phần lẻ.");
  EXPECT_EQ(Message(With("copies", 0), "copies"), "Số bản sao phải từ 1 trở lên.");
  EXPECT_EQ(Message(With("copies", 21), "copies"), "Số bản sao không được lớn hơn 20.");
  EXPECT_EQ(Message(With("copies", true), "copies"), "Số bản sao phải là một số. Ví dụ: 12.");
}

TEST(Validation, DatesUseARealCalendarAndToday) {
  EXPECT_EQ(Message(With("child_birth_date", "31/02/2026"), "child_birth_date"),
            "Ngày sinh của trẻ không đúng. Vui lòng nhập ngày/tháng/năm, ví dụ: 25/12/1990.");
  EXPECT_EQ(Message(With("child_birth_date", "28/11/2026"), "child_birth_date"),
            "Ngày sinh của trẻ không được sau ngày hôm nay.");
  EXPECT_EQ(Message(With("child_birth_date", "27/11/2026"), "child_birth_date"), "");
  EXPECT_EQ(Message(With("child_birth_date", "31/12/2019"), "child_birth_date"),
            "Ngày sinh của trẻ không được trước ngày 01/01/2020.");
}

TEST(Validation, ChoicesMustBeOptions) {
  EXPECT_EQ(Message(With("relation", "ong"), "relation"),
            "Vui lòng chọn Quan hệ với trẻ trong danh sách.");
  EXPECT_EQ(Message(With("relation", json::array({"cha"})), "relation"),
            "Quan hệ với trẻ không hợp lệ. Vui lòng nhập lại.");
  ValidationResult r = ValidateAnswers(Rich(), With("languages", {"muong", "viet"}), Ctx());
  EXPECT_EQ(r.ErrorFor("note"), nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.answers["languages"], json({"viet", "muong"}));  // form order
  EXPECT_EQ(Message(With("languages", {"viet", "viet"}), "languages"),
            "Ngôn ngữ: mỗi mục chỉ được chọn một lần.");
}

TEST(Validation, CitizenIdMessages) {
  EXPECT_EQ(Message(With("citizen_id", "03409501234"), "citizen_id"),
            "Số định danh cá nhân phải có đúng 12 chữ số. Vui lòng xem lại thẻ căn cước.");
  EXPECT_EQ(Message(With("citizen_id", "03409501234O"), "citizen_id"),
            "Số định danh cá nhân chỉ gồm chữ số. Ví dụ: 034 095 012 345.");
  EXPECT_EQ(Message(With("citizen_id", "003095012345"), "citizen_id"),
            "Số định danh cá nhân không đúng: 3 chữ số đầu không phải mã tỉnh, thành phố nào.");
  EXPECT_EQ(Message(With("citizen_id", "034327012345"), "citizen_id"),
            "Số định danh cá nhân không đúng: năm sinh trong số này không hợp lý.");
}

TEST(Validation, CitizenIdMustMatchTheBirthDateGiven) {
  EXPECT_EQ(Message(With("applicant_birth_date", "12/03/1996"), "citizen_id"),
            "Số định danh cá nhân không khớp với năm sinh 1996 đã nhập.");
  // Without a birth date there is nothing to compare.
  EXPECT_EQ(Message(With("applicant_birth_date", nullptr), "citizen_id"), "");
}

TEST(Validation, PhoneMessages) {
  EXPECT_EQ(Message(With("phone", "091234567"), "phone"),
            "Số điện thoại không đúng. Ví dụ: 0912 345 678.");
  EXPECT_EQ(Message(With("phone", "0241234567"), "phone"),
            "Số điện thoại không phải số di động. Vui lòng nhập số di động để nhận tin nhắn. Ví "
            "dụ: 0912 345 678.");
  EXPECT_EQ(
      Message(With("phone", "01652345678"), "phone"),
      "Số điện thoại là số 11 chữ số cũ, từ năm 2018 đã đổi sang 10 chữ số. Ví dụ: 0912 345 678.");
}

TEST(Validation, AddressNeedsACurrentCommuneOfTheProvinceAndADetail) {
  auto addr = [](const char* commune, const char* detail) {
    return With("address", {{"commune", commune}, {"detail", detail}});
  };
  EXPECT_EQ(Message(addr("", "Thôn Đông"), "address"), "Vui lòng chọn xã, phường cho Nơi cư trú.");
  EXPECT_EQ(Message(addr("12350", ""), "address"),
            "Vui lòng nhập số nhà, đường, thôn, xóm cho Nơi cư trú.");
  const char* unknown =
      "Xã, phường đã chọn cho Nơi cư trú không có trong danh sách hiện nay. Vui lòng chọn lại.";
  EXPECT_EQ(Message(addr("12345", "Thôn Đông"), "address"), unknown);  // merged away in 2025
  EXPECT_EQ(Message(addr("01001", "Số 1"), "address"), unknown);       // another province
  EXPECT_EQ(Message(addr("99999", "Số 1"), "address"), unknown);
  EXPECT_EQ(Message(addr("33", "Số 1"), "address"), unknown);  // a province, not a commune
  EXPECT_EQ(
      Message(With("address", {{"commune", "12350"}, {"detail", "x"}, {"extra", 1}}), "address"),
      "Nơi cư trú không hợp lệ. Vui lòng nhập lại.");
  EXPECT_EQ(Message(With("address", json::object()), "address"), "Vui lòng nhập Nơi cư trú.");
}

TEST(Validation, VisibilityFollowsAnswers) {
  // relation_other shows only for "khac": then it is required.
  EXPECT_EQ(Message(With("relation", "khac"), "relation_other"), "Vui lòng nhập Quan hệ khác.");
  json a = With("relation", "khac");
  a["relation_other"] = "Ông nội";
  EXPECT_TRUE(ValidateAnswers(Rich(), a, Ctx()).ok());
  // ...and must be absent otherwise.
  EXPECT_EQ(Message(With("relation_other", "Ông nội"), "relation_other"),
            "Quan hệ khác không áp dụng cho lựa chọn hiện tại, vui lòng để trống.");
  // A checkbox condition; an absent checkbox counts as false.
  EXPECT_EQ(Message(With("scans", {std::string(64, 'a')}), "scans"),
            "Ảnh giấy chứng sinh không áp dụng cho lựa chọn hiện tại, vui lòng để trống.");
  EXPECT_EQ(Message(With("has_documents", true), "scans"),
            "Vui lòng đính kèm Ảnh giấy chứng sinh.");
  // An "in" condition over a multiple choice.
  EXPECT_EQ(Message(With("note", "x"), "note"),
            "Ghi chú không áp dụng cho lựa chọn hiện tại, vui lòng để trống.");
  a = With("languages", {"tay"});
  a["note"] = "Tên gọi ở nhà";
  EXPECT_TRUE(ValidateAnswers(Rich(), a, Ctx()).ok());
  // When the field a condition depends on is invalid, the dependent field is not judged.
  a = With("relation", "ong");
  a["relation_other"] = "x";
  ValidationResult r = ValidateAnswers(Rich(), a, Ctx());
  EXPECT_NE(r.ErrorFor("relation"), nullptr);
  EXPECT_EQ(r.ErrorFor("relation_other"), nullptr);
  std::vector<std::optional<bool>> vis =
      EvaluateVisibility(Rich(), With("relation", "khac"), Ctx());
  EXPECT_EQ(vis[8], true);
  EXPECT_EQ(vis[13], false);
  EXPECT_EQ(EvaluateVisibility(Rich(), a, Ctx())[8], std::nullopt);
}

TEST(Validation, AttachmentsAreHashesWithinCounts) {
  json a = With("has_documents", true);
  std::string h1(64, 'a'), h2(64, 'b'), h3(64, 'c');
  a["scans"] = {h1, h2, h3};
  EXPECT_EQ(Message(a, "scans"), "Ảnh giấy chứng sinh chỉ được đính kèm tối đa 2 tệp.");
  a["scans"] = {"anh.jpg"};
  EXPECT_EQ(Message(a, "scans"),
            "Tệp đính kèm của Ảnh giấy chứng sinh không hợp lệ. Vui lòng chụp hoặc quét lại.");
  a["scans"] = {h1, h1};
  EXPECT_EQ(Message(a, "scans"),
            "Tệp đính kèm của Ảnh giấy chứng sinh không hợp lệ. Vui lòng chụp hoặc quét lại.");
  a["scans"] = {std::string(64, 'A')};
  ValidationResult r = ValidateAnswers(Rich(), a, Ctx());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.answers["scans"][0], h1);
}

TEST(Validation, UnknownKeysAndNonObjectsAreRefused) {
  ValidationResult r = ValidateAnswers(Rich(), With("email", "a@b.vn"), Ctx());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].field_id, "email");
  EXPECT_EQ(r.errors[0].text.vi, "Mẫu đơn không có mục \"email\".");
  r = ValidateAnswers(Rich(), json::array(), Ctx());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].id, MessageId::kAnswersNotObject);
}

TEST(Validation, ErrorsComeInFormOrder) {
  ValidationResult r = ValidateAnswers(Simple(), json{{"zzz", 1}, {"phone", "1"}}, Ctx());
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].field_id, "full_name");
  EXPECT_EQ(r.errors[1].field_id, "citizen_id");
  EXPECT_EQ(r.errors[2].field_id, "phone");
  EXPECT_EQ(r.errors[3].field_id, "zzz");
}

TEST(Validation, ValidateFieldChecksOneValueAsTyped) {
  const Field& phone = *Simple().FindField("phone");
  FieldCheck c = ValidateField(phone, "0912.345.678", Ctx());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value, "84912345678");
  c = ValidateField(phone, "0912", Ctx());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error->text.vi, "Số điện thoại không đúng. Ví dụ: 0912 345 678.");
  EXPECT_EQ(c.error->text.en, "Phone is not valid. Example: 0912 345 678.");
  EXPECT_FALSE(ValidateField(phone, nullptr, Ctx()).ok());
  const Field& copies = *Rich().FindField("copies");
  EXPECT_TRUE(ValidateField(copies, nullptr, Ctx()).ok());  // optional and empty
}

TEST(Validation, WithoutUnitsOnlyTheCommuneCodeShapeIsChecked) {
  ValidationContext ctx = Ctx();
  ctx.units = nullptr;
  const Field& address = *Rich().FindField("address");
  EXPECT_TRUE(ValidateField(address, {{"commune", "99999"}, {"detail", "x"}}, ctx).ok());
  EXPECT_FALSE(ValidateField(address, {{"commune", "9999"}, {"detail", "x"}}, ctx).ok());
}

}  // namespace
}  // namespace dvc::catalog
