#include "app/form_session.h"

#include <gtest/gtest.h>

#include "catalog/catalog.h"

namespace dvc::kiosk {
namespace {

class FormSessionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto catalog = catalog::LoadCatalog(std::string(DVC_SOURCE_DIR) + "/assets/catalog");
    ASSERT_TRUE(catalog.ok()) << catalog.status().message();
    catalog_ = new catalog::Catalog(std::move(*catalog));
    auto reference = catalog::LoadReferenceData(std::string(DVC_SOURCE_DIR) + "/assets/reference");
    ASSERT_TRUE(reference.ok()) << reference.status().message();
    reference_ = new catalog::ReferenceData(std::move(*reference));
  }
  static void TearDownTestSuite() {
    delete catalog_;
    delete reference_;
  }
  catalog::ValidationContext Ctx() const {
    catalog::ValidationContext ctx;
    ctx.today = calendar::Date::Ymd(2026, 11, 27);
    ctx.reference = reference_;
    return ctx;
  }
  const catalog::Service* Copy() const { return catalog_->FindService("chung-thuc-ban-sao"); }

  static catalog::Catalog* catalog_;
  static catalog::ReferenceData* reference_;
};
catalog::Catalog* FormSessionTest::catalog_ = nullptr;
catalog::ReferenceData* FormSessionTest::reference_ = nullptr;

std::vector<std::string> Ids(const std::vector<const catalog::Field*>& fields) {
  std::vector<std::string> ids;
  for (const catalog::Field* f : fields) ids.push_back(f->id);
  return ids;
}

TEST_F(FormSessionTest, ConditionalFieldAppearsOnlyForItsChoice) {
  ASSERT_NE(Copy(), nullptr);
  FormSession form(Copy());
  EXPECT_EQ(Ids(form.ShownFields(1, Ctx())),
            (std::vector<std::string>{"document_type", "issuer", "pages", "copies"}));
  form.SetValue("document_type", "khac");
  EXPECT_EQ(Ids(form.ShownFields(1, Ctx())),
            (std::vector<std::string>{"document_type", "document_type_other", "issuer", "pages",
                                      "copies"}));
}

TEST_F(FormSessionTest, MessagesOnlyForTouchedFields) {
  FormSession form(Copy());
  const catalog::Field* id = form.form().FindField("citizen_id");
  form.SetValue("citizen_id", "03408500123");             // 11 digits
  EXPECT_FALSE(form.MessageFor(*id, Ctx()).has_value());  // still typing
  form.Touch("citizen_id");
  ASSERT_TRUE(form.MessageFor(*id, Ctx()).has_value());
  EXPECT_NE(form.MessageFor(*id, Ctx())->vi.find("12 chữ số"), std::string::npos);
  form.SetValue("citizen_id", "034085001234");
  EXPECT_FALSE(form.MessageFor(*id, Ctx()).has_value());
}

TEST_F(FormSessionTest, CheckPageRefusesAWrongPhoneAndTouchesEveryField) {
  FormSession form(Copy());
  form.SetValue("full_name", "Nguyễn Văn An");
  form.SetValue("citizen_id", "034085001234");
  form.SetValue("phone", "0112345678");
  EXPECT_FALSE(form.CheckPage(0, Ctx()));
  EXPECT_TRUE(form.Touched("full_name"));
  EXPECT_TRUE(form.MessageFor(*form.form().FindField("phone"), Ctx()).has_value());
  form.SetValue("phone", "0912345678");
  EXPECT_TRUE(form.CheckPage(0, Ctx()));
}

TEST_F(FormSessionTest, FinishDropsAnswersOfFieldsHiddenSinceTheyWereTyped) {
  FormSession form(Copy());
  form.SetValue("full_name", "Nguyễn Văn An");
  form.SetValue("citizen_id", "034085001234");
  form.SetValue("phone", "0912345678");
  form.SetValue("document_type", "khac");
  form.SetValue("document_type_other", "Giấy xác nhận");
  form.SetValue("issuer", "UBND xã");
  form.SetValue("pages", "2");
  form.SetValue("copies", "3");
  catalog::ValidationResult with_other = form.Finish(Ctx());
  ASSERT_TRUE(with_other.ok()) << with_other.errors.front().text.vi;
  EXPECT_EQ(with_other.answers["document_type_other"], "Giấy xác nhận");
  EXPECT_EQ(with_other.answers["phone"], "84912345678");

  form.SetValue("document_type", "giay-khai-sinh");  // the "other" answer is now hidden
  catalog::ValidationResult result = form.Finish(Ctx());
  ASSERT_TRUE(result.ok()) << result.errors.front().text.vi;
  EXPECT_FALSE(result.answers.contains("document_type_other"));
}

TEST_F(FormSessionTest, EmptyValueRemovesTheAnswer) {
  FormSession form(Copy());
  form.SetValue("full_name", "An");
  form.SetValue("full_name", "");
  EXPECT_FALSE(form.answers().contains("full_name"));
  form.SetAddressPart("addr", "detail", "Thôn Đông");
  EXPECT_EQ(form.AddressPart("addr", "detail"), "Thôn Đông");
  form.SetAddressPart("addr", "detail", "");
  EXPECT_FALSE(form.answers().contains("addr"));
}

}  // namespace
}  // namespace dvc::kiosk
