#include "receipt/receipt_renderer.h"

#include <gtest/gtest.h>
#include <stb/stb_image.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "catalog/catalog.h"
#include "receipt/receipt_output.h"
#include "receipt/receipt_test_support.h"
#include "receipt/text_rasterizer.h"

namespace dvc::receipt {
namespace {

using testing::KeysFromSeed;
using testing::SignedSampleData;

GrayImage Render(const ReceiptData& data, int width = kWidth80mm) {
  RenderOptions options;
  options.width_dots = width;
  Result<GrayImage> image = testing::Renderer().Render(data, options);
  EXPECT_TRUE(image.ok()) << image.status().message();
  return image.ok() ? *image : GrayImage{};
}

bool RowHasInk(const GrayImage& image, int y) {
  for (int x = 0; x < image.width; ++x) {
    if (image.At(x, y) < 128) return true;
  }
  return false;
}

int InkPixels(const GrayImage& image, int y0, int y1) {
  int n = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = 0; x < image.width; ++x) n += image.At(x, y) < 128;
  }
  return n;
}

// Rows [first, last) where two renders of the same height differ, from row
// `from`: the band a changed field occupies.
std::pair<int, int> FirstDifferingBand(const GrayImage& a, const GrayImage& b, int from = 0) {
  int first = -1;
  for (int y = from; y < std::min(a.height, b.height); ++y) {
    bool differs = false;
    for (int x = 0; x < a.width && !differs; ++x) differs = a.At(x, y) != b.At(x, y);
    if (differs && first < 0) first = y;
    if (!differs && first >= 0) return {first, y};
  }
  return {first, first < 0 ? -1 : std::min(a.height, b.height)};
}

TEST(ReceiptRendererTest, ProducesBothPaperWidthsWithInk) {
  const ReceiptData data = SignedSampleData(KeysFromSeed(1));
  for (int width : {kWidth58mm, kWidth80mm}) {
    GrayImage image = Render(data, width);
    EXPECT_EQ(image.width, width);
    EXPECT_GT(image.height, 800) << width;
    EXPECT_EQ(image.pixels.size(), static_cast<size_t>(image.width) * image.height);
    const int ink = InkPixels(image, 0, image.height);
    EXPECT_GT(ink, image.width * image.height / 50) << "receipt looks blank at " << width;
    EXPECT_LT(ink, image.width * image.height / 3) << "receipt looks solid at " << width;
  }
}

TEST(ReceiptRendererTest, HeightGrowsWithTheNumberOfDocuments) {
  ReceiptData data = SignedSampleData(KeysFromSeed(1));
  const int base = Render(data).height;
  data.documents.push_back("Văn bản ủy quyền (bản chính)");
  const int one_more = Render(data).height;
  data.documents.push_back(
      "Giấy tờ chứng minh nơi cư trú của cha, mẹ để xác định thẩm quyền đăng ký khai sinh, "
      "trong trường hợp cha, mẹ không cùng nơi cư trú với người đi đăng ký (bản sao)");
  const int long_one = Render(data).height;
  EXPECT_GT(one_more, base);
  EXPECT_GT(long_one - one_more, one_more - base) << "a long document wraps onto several lines";
}

TEST(ReceiptRendererTest, OfficialAppointmentAddsLinesBelowTheBoxOnly) {
  ReceiptData data = SignedSampleData(KeysFromSeed(1));
  const GrayImage plain = Render(data);
  data.official_appointment =
      calendar::LocalDateTime{data.appointment.date.AddDays(2), data.appointment.time};
  const GrayImage with_official = Render(data);
  EXPECT_GT(with_official.height, plain.height);
  // Everything above (code, applicant, the boxed appointment) is unchanged:
  // the signed appointment stays what the QR says.
  const auto [first, last] = FirstDifferingBand(plain, with_official);
  (void)last;
  ASSERT_GE(first, 0);
  EXPECT_GT(first, plain.height / 3);
}

TEST(ReceiptRendererTest, DossierCodeIsLargerAndDarkerThanBodyText) {
  ReceiptData data = SignedSampleData(KeysFromSeed(1));
  data.status_instruction.clear();  // the code appears only in its large line and the QR
  ReceiptData other_code = data;
  other_code.dossier_code = testing::Code(9, 0x2ABCDE);
  ReceiptData other_phone = data;
  other_phone.applicant_phone = "0387 654 321";
  ASSERT_TRUE(SignReceipt(other_code, KeysFromSeed(1).secret_key).ok());

  for (int width : {kWidth58mm, kWidth80mm}) {
    const GrayImage base = Render(data, width);
    const auto [code_y0, code_y1] = FirstDifferingBand(base, Render(other_code, width));
    const auto [phone_y0, phone_y1] = FirstDifferingBand(base, Render(other_phone, width));
    ASSERT_GE(code_y0, 0);
    ASSERT_GE(phone_y0, 0);
    EXPECT_LT(code_y1, phone_y0) << "the code comes before the applicant";
    const int code_height = code_y1 - code_y0;
    const int phone_height = phone_y1 - phone_y0;
    EXPECT_GE(code_height * 10, phone_height * 18) << code_height << " vs " << phone_height;
    // Ink per row: bold large type puts down more ink per row than body text.
    const double code_density = double(InkPixels(base, code_y0, code_y1)) / code_height;
    const double phone_density = double(InkPixels(base, phone_y0, phone_y1)) / phone_height;
    EXPECT_GT(code_density, 1.5 * phone_density) << width;
  }
}

TEST(ReceiptRendererTest, DecomposedTextRendersLikeComposedText) {
  ReceiptData nfc = SignedSampleData(KeysFromSeed(1));
  ReceiptData nfd = nfc;
  nfc.applicant_name = "Phạm Thị Ệ";
  // "Phạm Thị Ệ" in NFD: a + dot below, i + dot below, E + dot below + circumflex.
  nfd.applicant_name = "Pha\xCC\xA3m Thi\xCC\xA3 E\xCC\xA3\xCC\x82";
  EXPECT_EQ(Render(nfc).pixels, Render(nfd).pixels);
}

TEST(ReceiptRendererTest, VietnameseMarksAreDrawnAboveAndBelowTheLetter) {
  Result<std::unique_ptr<TextRasterizer>> text =
      TextRasterizer::Open(std::string(kDefaultRegularFont), std::string(kDefaultBoldFont));
  ASSERT_TRUE(text.ok()) << text.status().message();
  const TextStyle style{48, false};
  auto ink_rows = [&](std::u32string_view s) {
    GrayImage image = GrayImage::White(100, 100);
    (*text)->Draw(image, 10, 70, s, style);
    int top = -1, bottom = -1;
    for (int y = 0; y < image.height; ++y) {
      if (!RowHasInk(image, y)) continue;
      if (top < 0) top = y;
      bottom = y;
    }
    return std::pair{top, bottom};
  };
  const auto [e_top, e_bottom] = ink_rows(U"E");
  const auto [top, bottom] = ink_rows(U"\u1EC6");  // Ệ, precomposed
  ASSERT_GE(e_top, 0);
  EXPECT_LT(top, e_top - 4) << "circumflex above the capital";
  EXPECT_GT(bottom, e_bottom + 4) << "dot below the baseline";
  EXPECT_GT((*text)->Measure(U"Ệ", style), 0);
}

TEST(ReceiptRendererTest, OverlongWordsWrapInsideTheMargins) {
  ReceiptData data = SignedSampleData(KeysFromSeed(1));
  data.applicant_name = std::string(120, 'W');
  data.collect_at =
      "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so-chi-tiet-rat-dai-khong-co-"
      "dau-cach-nao-ca";
  for (int width : {kWidth58mm, kWidth80mm}) {
    const GrayImage image = Render(data, width);
    const int margin = width / 48;
    for (int y = 0; y < image.height; ++y) {
      for (int x = 0; x < margin - 1; ++x) {
        ASSERT_GT(image.At(x, y), 128) << "ink in the left margin at " << x << "," << y;
        ASSERT_GT(image.At(width - 1 - x, y), 128) << "ink in the right margin at y=" << y;
      }
    }
  }
}

TEST(ReceiptRendererTest, RefusesWhatCannotBePrinted) {
  ReceiptData data = SignedSampleData(KeysFromSeed(1));
  RenderOptions options;
  options.width_dots = 100;
  ReceiptRenderer& renderer = testing::Renderer();
  EXPECT_EQ(renderer.Render(data, options).status().code(), ErrorCode::kInvalidInput);
  options.width_dots = kWidth80mm;
  options.qr_dots_per_module = 20;
  EXPECT_EQ(renderer.Render(data, options).status().code(), ErrorCode::kInvalidInput);
  data.qr_text.clear();
  EXPECT_EQ(renderer.Render(data, RenderOptions{}).status().code(), ErrorCode::kInvalidInput);
  data = SignedSampleData(KeysFromSeed(1));
  data.documents.assign(2000, "Giấy tờ");
  EXPECT_EQ(renderer.Render(data, RenderOptions{}).status().code(), ErrorCode::kInvalidInput);
}

TEST(ReceiptRendererTest, AMissingFontIsNamed) {
  FontPaths fonts;
  fonts.regular = "/nonexistent/font.ttf";
  Result<std::unique_ptr<ReceiptRenderer>> no_font = ReceiptRenderer::Open(fonts);
  ASSERT_FALSE(no_font.ok());
  EXPECT_EQ(no_font.status().code(), ErrorCode::kIo);
  EXPECT_NE(no_font.status().message().find("/nonexistent/font.ttf"), std::string::npos);
}

TEST(ReceiptRendererTest, QrCodeIsPrintedWithItsQuietZone) {
  const ReceiptData data = SignedSampleData(KeysFromSeed(1));
  Result<QrMatrix> qr = QrModules(data.qr_text);
  ASSERT_TRUE(qr.ok());
  const GrayImage image = Render(data, kWidth80mm);
  // Find the top row of the top-left finder pattern: 7 dark modules at 4
  // dots each, white quiet zone to the left and a light separator after.
  const int dots = 4, side = qr->size * dots;
  const int x0 = (image.width - (qr->size + 8) * dots) / 2 + 4 * dots;
  int y0 = -1;
  for (int y = 0; y < image.height && y0 < 0; ++y) {
    bool run = true;
    for (int x = x0; x < x0 + 7 * dots && run; ++x) run = image.At(x, y) == 0;
    if (run && image.At(x0 - 1, y) == 255 && image.At(x0 + 7 * dots, y) == 255) y0 = y;
  }
  ASSERT_GE(y0, 0);
  for (int my = 0; my < qr->size; ++my) {
    for (int mx = 0; mx < qr->size; ++mx) {
      ASSERT_EQ(image.At(x0 + mx * dots + 1, y0 + my * dots + 1) == 0, qr->At(mx, my))
          << "module " << mx << "," << my;
    }
  }
  // Quiet zone: 4 white modules left of the symbol.
  for (int y = y0; y < y0 + side; ++y) {
    for (int x = x0 - 4 * dots; x < x0; ++x) ASSERT_EQ(image.At(x, y), 255);
  }
}

// Renders a receipt for a real catalog service and keeps PNG and ESC/POS
// files in the test's temporary directory, for people to look at.
TEST(ReceiptRendererTest, WritesExampleReceiptsForARealService) {
  Result<catalog::Catalog> catalog = catalog::LoadCatalog(testing::SourceDir() + "/assets/catalog");
  ASSERT_TRUE(catalog.ok()) << catalog.status().message();
  const catalog::Service* service = catalog->FindService("dang-ky-khai-sinh");
  ASSERT_NE(service, nullptr);
  ReceiptContext context{
      "Nguyễn Thị Hồng Nhung",          "0912 345 678", "Xã Tân Hòa",
      "Kiosk 1, nhà văn hóa thôn Đông", "8079",         KioskSignerId(KeysFromSeed(1).public_key)};
  ReceiptData receipt =
      MakeReceiptData(testing::Code(7, 0x12345), {calendar::Date::Ymd(2026, 11, 27), {8, 30, 0}},
                      {calendar::Date::Ymd(2026, 11, 27), {17, 0, 0}}, *service, context);
  ASSERT_TRUE(SignReceipt(receipt, KeysFromSeed(1).secret_key).ok());
  const ReceiptData* data = &receipt;
  const std::string dir = ::testing::TempDir() + "dvc-receipt-examples";
  for (int width : {kWidth58mm, kWidth80mm}) {
    const GrayImage image = Render(*data, width);
    Result<ReceiptFiles> files =
        WriteReceiptFiles(dir + "/" + std::to_string(width), data->dossier_code, image);
    ASSERT_TRUE(files.ok()) << files.status().message();
    const std::string mono = dir + "/" + std::to_string(width) + "/printed.png";
    std::vector<uint8_t> png = EncodePng(ToOneBit(image, Dither::kThreshold));
    std::ofstream(mono, std::ios::binary)
        .write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
    std::cout << "example receipt: " << files->png_path << "\n";
  }
}

}  // namespace
}  // namespace dvc::receipt
