#include "receipt/receipt_data.h"

#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "receipt/receipt_test_support.h"

namespace dvc::receipt {
namespace {

const catalog::Catalog& Shipped() {
  static const catalog::Catalog kCatalog = [] {
    Result<catalog::Catalog> c = catalog::LoadCatalog(testing::SourceDir() + "/assets/catalog");
    if (!c.ok()) {
      ADD_FAILURE() << c.status().message();
      std::abort();
    }
    return std::move(c).value();
  }();
  return kCatalog;
}

const calendar::LocalDateTime kReceived{calendar::Date::Ymd(2026, 11, 27), {8, 30, 0}};
const calendar::LocalDateTime kDue{calendar::Date::Ymd(2026, 12, 2), {8, 30, 0}};

ReceiptContext Context() {
  return ReceiptContext{"Trần Văn Ba", "0912 345 678",
                        "Xã Tân Hòa",  "Kiosk 1",
                        "8079",        KioskSignerId(testing::KeysFromSeed(1).public_key)};
}

TEST(MakeReceiptDataTest, FillsEveryFieldFromCodeTimesServiceAndContext) {
  const catalog::Service* service = Shipped().FindService("dang-ky-khai-sinh");
  ASSERT_NE(service, nullptr);
  const ReceiptData r =
      MakeReceiptData(testing::Code(7, 0x12345), kReceived, kDue, *service, Context());
  EXPECT_EQ(r.dossier_code, testing::Code(7, 0x12345));
  EXPECT_EQ(r.procedure_name, "Đăng ký khai sinh");
  EXPECT_EQ(ProcedureCode(r), "1.001193");
  EXPECT_EQ(r.applicant_name, "Trần Văn Ba");
  EXPECT_EQ(r.applicant_phone, "0912 345 678");
  ASSERT_EQ(r.documents.size(), service->documents.size());
  EXPECT_EQ(r.documents[0], "Tờ khai đăng ký khai sinh (theo mẫu): bản\u00A0chính");
  EXPECT_EQ(r.received, kReceived);
  EXPECT_EQ(r.appointment, kDue);
  EXPECT_EQ(r.processing_working_days, static_cast<int>(service->processing_days));
  EXPECT_EQ(r.collect_at, service->collect_at->vi);
  EXPECT_EQ(r.commune_name, "Xã Tân Hòa");
  EXPECT_EQ(r.kiosk_name, "Kiosk 1");
  EXPECT_EQ(r.status_instruction, "Soạn TT " + testing::Code(7, 0x12345) + " gửi 8079");
  EXPECT_EQ(r.signer_id, Context().signer_id);
  EXPECT_TRUE(r.qr_text.empty());
}

// Copies are written with no-break spaces (U+00A0) so "2 bản sao" never splits.
TEST(MakeReceiptDataTest, CopiesAndDefaultsFollowTheService) {
  catalog::Service service = *Shipped().FindService("dang-ky-khai-sinh");
  service.national_code.reset();
  service.collect_at.reset();
  service.documents = {{{"Sổ hộ khẩu", ""}, 2, false}};
  ReceiptContext context = Context();
  context.sms_short_code.clear();
  const ReceiptData r =
      MakeReceiptData(testing::Code(7, 0x12345), kReceived, kDue, service, context);
  EXPECT_EQ(ProcedureCode(r), "dang-ky-khai-sinh");
  EXPECT_EQ(r.documents, std::vector<std::string>{"Sổ hộ khẩu: 2\u00A0bản\u00A0sao"});
  EXPECT_EQ(r.collect_at, "Bộ phận Một cửa, Ủy ban nhân dân Xã Tân Hòa");
  EXPECT_TRUE(r.status_instruction.empty()) << "no short code, no SMS line";
}

TEST(SignReceiptTest, QrTextVerifiesToTheReceiptsFields) {
  const testing::KeyPair keys = testing::KeysFromSeed(4);
  ReceiptData data = testing::SampleData();
  ASSERT_TRUE(SignReceipt(data, keys.secret_key).ok());
  Result<QrFields> fields = VerifyQrPayload(data.qr_text, [&](std::string_view id) {
    return id == data.signer_id ? std::optional<PublicKey>(keys.public_key) : std::nullopt;
  });
  ASSERT_TRUE(fields.ok()) << fields.status().message();
  EXPECT_EQ(fields->dossier_code, data.dossier_code);
  EXPECT_EQ(fields->procedure_code, "1.001193");
  EXPECT_EQ(fields->received.date, data.received.date);
  EXPECT_EQ(fields->received.time.minute, 30);
  EXPECT_EQ(fields->appointment, data.appointment.date);
  EXPECT_EQ(fields->signer_id, KioskSignerId(testing::KeysFromSeed(1).public_key));
}

TEST(SignReceiptTest, BadDataLeavesTheReceiptUnchanged) {
  ReceiptData data = testing::SampleData();
  data.signer_id = "kiosk 7";  // a space is not allowed
  const ReceiptData before = data;
  EXPECT_FALSE(SignReceipt(data, testing::KeysFromSeed(4).secret_key).ok());
  EXPECT_EQ(data, before);
}

}  // namespace
}  // namespace dvc::receipt
