// `sms-gateway receipt verify` (receipt_commands.h) on real images: the
// gateway's own receipt PNG (GatewayService::RenderReceipt), the same pixels
// without its dvc-qr text chunk, with a forged chunk, as a downscaled JPEG
// (a scan or a photo), a kiosk receipt signed by a key the province never
// enrolled, and files that hold no QR code or no image at all.
#include "cli/receipt_commands.h"

#include <gtest/gtest.h>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/exit_codes.h"
#include "core/file_util.h"
#include "core/hex.h"
#include "receipt/receipt_output.h"
#include "receipt/receipt_test_support.h"
#include "service/receipts_png.h"
#include "service/receipts_verify.h"
#include "service/service_test_support.h"
#include "store/scratch_dir.h"

namespace dvc::gateway {
namespace {

using test_support::kCommune;
using test_support::kService;
using test_support::kVersion;

struct StbFree {
  void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

// The image's pixels in 8-bit gray, as any program that re-saves a scan
// would hold them (no text chunks).
receipt::GrayImage Pixels(const std::vector<uint8_t>& png) {
  int w = 0, h = 0, n = 0;
  std::unique_ptr<stbi_uc, StbFree> pixels(
      stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &w, &h, &n, 1));
  receipt::GrayImage image;
  if (!pixels) {
    ADD_FAILURE() << stbi_failure_reason();
    return image;
  }
  image.width = w;
  image.height = h;
  image.pixels.assign(pixels.get(), pixels.get() + static_cast<size_t>(w) * h);
  return image;
}

// `image` scaled by `factor` (< 1) with bilinear sampling: the blur of a
// scanner or a phone camera at a lower resolution than the print.
receipt::GrayImage Downscale(const receipt::GrayImage& image, double factor) {
  receipt::GrayImage out = receipt::GrayImage::White(static_cast<int>(image.width * factor),
                                                     static_cast<int>(image.height * factor));
  for (int y = 0; y < out.height; ++y) {
    const double sy = std::clamp((y + 0.5) / factor - 0.5, 0.0, image.height - 1.0);
    const int y0 = static_cast<int>(sy);
    const int y1 = std::min(y0 + 1, image.height - 1);
    const double fy = sy - y0;
    for (int x = 0; x < out.width; ++x) {
      const double sx = std::clamp((x + 0.5) / factor - 0.5, 0.0, image.width - 1.0);
      const int x0 = static_cast<int>(sx);
      const int x1 = std::min(x0 + 1, image.width - 1);
      const double fx = sx - x0;
      const double top = image.At(x0, y0) * (1 - fx) + image.At(x1, y0) * fx;
      const double bottom = image.At(x0, y1) * (1 - fx) + image.At(x1, y1) * fx;
      out.At(x, y) = static_cast<uint8_t>(std::lround(top * (1 - fy) + bottom * fy));
    }
  }
  return out;
}

void AppendBytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<uint8_t>*>(context);
  out->insert(out->end(), static_cast<const uint8_t*>(data),
              static_cast<const uint8_t*>(data) + size);
}

std::vector<uint8_t> Jpeg(const receipt::GrayImage& image, int quality) {
  std::vector<uint8_t> out;
  EXPECT_NE(stbi_write_jpg_to_func(AppendBytes, &out, image.width, image.height, 1,
                                   image.pixels.data(), quality),
            0);
  return out;
}

// Two receipts side by side on one white page (a clerk scanning both).
receipt::GrayImage SideBySide(const receipt::GrayImage& left, const receipt::GrayImage& right) {
  receipt::GrayImage page =
      receipt::GrayImage::White(left.width + right.width, std::max(left.height, right.height));
  for (int y = 0; y < left.height; ++y) {
    for (int x = 0; x < left.width; ++x) page.At(x, y) = left.At(x, y);
  }
  for (int y = 0; y < right.height; ++y) {
    for (int x = 0; x < right.width; ++x) page.At(left.width + x, y) = right.At(x, y);
  }
  return page;
}

struct CliOutcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class ReceiptVerifyCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    service_ = test_support::OpenTestService(dir_, keys_, [] {
      // 2026-11-03 09:00 in Vietnam.
      return int64_t{1'793'671'200'000};
    });
    auto published = service_->PublishCatalog(
        test_support::TestCatalogFiles(kVersion, test_support::TestServiceJson(kService)), "test");
    ASSERT_TRUE(published.ok()) << published.error().message;
    const receipt::PublicKey province = keys_->signing_public();
    ASSERT_TRUE(
        core::WriteFileAtomically(dir_.File("province.pub"), core::HexOf(province) + "\n").ok());
    auto kiosk_keys = service_->ExportKioskKeys();
    ASSERT_TRUE(kiosk_keys.ok()) << kiosk_keys.error().message;
    ASSERT_TRUE(core::WriteFileAtomically(dir_.File("kiosk-keys.json"), *kiosk_keys).ok());
  }

  // A counter dossier's receipt PNG as the gateway serves it (QR signed by
  // the province, payload also in the dvc-qr chunk); its code in `code`.
  std::vector<uint8_t> GatewayReceipt(std::string& code) {
    auto created = service_->AddCounterDossier(
        CounterDossierRequest{kService, "0912345678", kCommune, "Trần Thị Bích"}, "op");
    EXPECT_TRUE(created.ok()) << created.error().message;
    if (!created.ok()) return {};
    code = created->code;
    auto png = service_->RenderReceipt(code);
    EXPECT_TRUE(png.ok()) << png.error().message;
    return png.ok() ? *png : std::vector<uint8_t>{};
  }

  // `sms-gateway receipt verify` with --png `png_path` or --payload `payload`.
  CliOutcome Verify(const std::string& png_path, const std::string& payload) {
    ReceiptVerifyArgs args;
    args.png_path = png_path;
    args.payload = payload;
    args.province_key_path = dir_.File("province.pub");
    args.kiosk_keys_path = dir_.File("kiosk-keys.json");
    std::ostringstream out;
    std::ostringstream err;
    CliOutcome outcome;
    outcome.exit_code = VerifyReceiptOffline(args, out, err);
    outcome.out = out.str();
    outcome.err = err.str();
    return outcome;
  }

  CliOutcome VerifyImage(const std::string& name, std::span<const uint8_t> bytes) {
    const std::string path = dir_.File(name);
    EXPECT_TRUE(core::WriteFileAtomically(path, bytes).ok());
    return Verify(path, "");
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  std::unique_ptr<GatewayService> service_;
};

constexpr std::string_view kValidLine = "receipt VALID\n";
constexpr std::string_view kInvalidLine = "receipt NOT valid";

TEST_F(ReceiptVerifyCliTest, TheQrInThePixelsVerifiesWithoutTheTextChunk) {
  std::string code;
  const std::vector<uint8_t> gateway_png = GatewayReceipt(code);
  ASSERT_FALSE(gateway_png.empty());
  const std::vector<uint8_t> bare = receipt::EncodePng(Pixels(gateway_png));
  ASSERT_EQ(FindPngText(bare, kQrPayloadPngKeyword), std::nullopt);

  const CliOutcome outcome = VerifyImage("bare.png", bare);
  EXPECT_EQ(outcome.exit_code, kExitOk) << outcome.out << outcome.err;
  EXPECT_EQ(outcome.err, "");
  EXPECT_NE(outcome.out.find(code), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find(kValidLine), std::string::npos) << outcome.out;
  EXPECT_EQ(outcome.out.find(kInvalidLine), std::string::npos) << outcome.out;
  // Exactly what the payload's own verification says.
  const CliOutcome by_payload = Verify("", *FindPngText(gateway_png, kQrPayloadPngKeyword));
  EXPECT_EQ(by_payload.exit_code, kExitOk);
  EXPECT_EQ(outcome.out, by_payload.out);
  // The gateway's file as served verifies the same, with no note.
  EXPECT_EQ(VerifyImage("gateway.png", gateway_png).out, by_payload.out);
}

TEST_F(ReceiptVerifyCliTest, AForgedTextChunkLosesToTheGenuineQr) {
  std::string code;
  std::string other_code;
  const std::vector<uint8_t> genuine = GatewayReceipt(code);
  const std::vector<uint8_t> other = GatewayReceipt(other_code);
  ASSERT_NE(code, other_code);
  // The chunk claims another dossier (itself a valid province payload).
  const std::string other_payload = *FindPngText(other, kQrPayloadPngKeyword);
  const std::vector<uint8_t> forged =
      AddPngText(receipt::EncodePng(Pixels(genuine)), kQrPayloadPngKeyword, other_payload);
  ASSERT_EQ(FindPngText(forged, kQrPayloadPngKeyword), other_payload);

  const CliOutcome outcome = VerifyImage("forged.png", forged);
  EXPECT_EQ(outcome.exit_code, kExitOk) << outcome.out << outcome.err;
  EXPECT_NE(outcome.out.find("text chunk differs from its QR code; the QR code (what is "
                             "printed) is verified"),
            std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find(code), std::string::npos) << outcome.out;
  EXPECT_EQ(outcome.out.find(other_code), std::string::npos) << outcome.out;
}

TEST_F(ReceiptVerifyCliTest, ADownscaledJpegCopyStillVerifies) {
  std::string code;
  const std::vector<uint8_t> png = GatewayReceipt(code);
  // 4 printer dots per module become 2.8 blurred pixels, then JPEG at 70 %.
  const std::vector<uint8_t> jpeg = Jpeg(Downscale(Pixels(png), 0.7), 70);
  ASSERT_GT(jpeg.size(), 3u);
  ASSERT_EQ(jpeg[0], 0xFF);
  ASSERT_EQ(jpeg[1], 0xD8);
  const CliOutcome outcome = VerifyImage("photo.jpg", jpeg);
  EXPECT_EQ(outcome.exit_code, kExitOk) << outcome.out << outcome.err;
  EXPECT_NE(outcome.out.find(code), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find(kValidLine), std::string::npos) << outcome.out;
}

TEST_F(ReceiptVerifyCliTest, AReceiptSignedByAnUnknownKioskIsNotValid) {
  // A kiosk receipt rendered as a kiosk prints it, signed by a key this
  // province never enrolled.
  const receipt::ReceiptData data =
      receipt::testing::SignedSampleData(receipt::testing::KeysFromSeed(1));
  Result<receipt::GrayImage> image = receipt::testing::Renderer().Render(data, {});
  ASSERT_TRUE(image.ok()) << image.status().message();
  const Result<ReceiptProof> expected =
      VerifyReceiptPayload(data.qr_text, keys_->signing_public(), {});
  ASSERT_EQ(expected.status().code(), ErrorCode::kNotFound);

  const CliOutcome outcome = VerifyImage("stranger.png", receipt::EncodePng(*image));
  EXPECT_EQ(outcome.exit_code, kExitRefused) << outcome.out << outcome.err;
  EXPECT_EQ(outcome.out,
            "Biên nhận KHÔNG hợp lệ / receipt NOT valid: " + expected.status().message() + "\n");

  // Beside a genuine receipt on one scanned page: each is reported, and
  // the page as a whole is not valid.
  std::string code;
  const receipt::GrayImage page = SideBySide(Pixels(GatewayReceipt(code)), *image);
  const CliOutcome both = VerifyImage("page.png", receipt::EncodePng(page));
  EXPECT_EQ(both.exit_code, kExitRefused) << both.out << both.err;
  EXPECT_NE(both.out.find("QR 1/2:\n"), std::string::npos) << both.out;
  EXPECT_NE(both.out.find("QR 2/2:\n"), std::string::npos) << both.out;
  EXPECT_NE(both.out.find(code), std::string::npos) << both.out;
  EXPECT_NE(both.out.find(expected.status().message()), std::string::npos) << both.out;
}

TEST_F(ReceiptVerifyCliTest, AnImageWithoutQrTellsTheClerkHowToScan) {
  receipt::GrayImage blank = receipt::GrayImage::White(400, 300);
  for (int x = 40; x < 360; ++x) blank.At(x, 150) = 0;
  const std::string path = dir_.File("blank.png");
  const CliOutcome outcome = VerifyImage("blank.png", receipt::EncodePng(blank));
  EXPECT_EQ(outcome.exit_code, kExitUsage);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err,
            "sms-gateway: no QR code found in " + path + ": scan it flat, at 300 dpi or more\n");
}

TEST_F(ReceiptVerifyCliTest, GarbageAndAGigapixelHeaderAreRefused) {
  const std::string text = "not an image at all\n";
  const CliOutcome garbage = VerifyImage(
      "notes.png", std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  EXPECT_EQ(garbage.exit_code, kExitUsage);
  EXPECT_NE(garbage.err.find("notes.png: not a PNG or JPEG image"), std::string::npos)
      << garbage.err;

  // The gateway's receipt with its IHDR rewritten to 100000 x 100000 (CRC
  // left stale: stb_image does not check it, and the size check comes first).
  std::string code;
  std::vector<uint8_t> png = GatewayReceipt(code);
  ASSERT_GT(png.size(), 24u);
  for (size_t at : {size_t{16}, size_t{20}}) {
    png[at] = 0x00;
    png[at + 1] = 0x01;
    png[at + 2] = 0x86;
    png[at + 3] = 0xA0;  // 100000
  }
  const CliOutcome huge = VerifyImage("huge.png", png);
  EXPECT_EQ(huge.exit_code, kExitUsage);
  EXPECT_NE(huge.err.find("the image is 100000 x 100000 pixels, more than 40 megapixels"),
            std::string::npos)
      << huge.err;
}

TEST_F(ReceiptVerifyCliTest, QrCodesThatAreNotAReceiptsMakeItNotValid) {
  // A web site's QR code (drawn from libqrencode's matrix): a paper
  // carrying it is no receipt.
  Result<receipt::QrMatrix> matrix = receipt::QrModules("https://dichvucong.gov.vn/p/home");
  ASSERT_TRUE(matrix.ok());
  const int dots = 4;
  const int side = (matrix->size + 2 * receipt::kQrQuietZoneModules) * dots;
  receipt::GrayImage image = receipt::GrayImage::White(side, side);
  for (int y = 0; y < matrix->size; ++y) {
    for (int x = 0; x < matrix->size; ++x) {
      if (!matrix->At(x, y)) continue;
      for (int d = 0; d < dots * dots; ++d) {
        image.At((x + receipt::kQrQuietZoneModules) * dots + d % dots,
                 (y + receipt::kQrQuietZoneModules) * dots + d / dots) = 0;
      }
    }
  }
  const CliOutcome outcome = VerifyImage("bank.png", receipt::EncodePng(image));
  EXPECT_EQ(outcome.exit_code, kExitRefused) << outcome.out << outcome.err;
  EXPECT_NE(outcome.out.find("receipt NOT valid: " + dir_.File("bank.png") +
                             ": 1 QR code(s) found, none of them a receipt's (DVC1|...)"),
            std::string::npos)
      << outcome.out;
}

}  // namespace
}  // namespace dvc::gateway
