// Receipt output cost at the kiosk: render an 80 mm (576-dot) receipt for a
// real catalog service (birth registration, 4 documents), encode it as PNG
// and as an ESC/POS raster job. Fonts are opened once (a kiosk keeps its
// ReceiptRenderer), so the glyph cache is warm after the first iteration;
// BM_OpenFontsAndRender80mm shows the cost with the font files opened for
// each receipt.
//
//   ninja -C build receipt_render_bench && ./build/tests/bench/receipt_render_bench
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <array>
#include <cstdlib>
#include <memory>

#include "catalog/catalog.h"
#include "dossier/dossier_code.h"
#include "receipt/receipt.h"

namespace {

using namespace dvc::receipt;

ReceiptData BirthRegistrationReceipt() {
  if (sodium_init() < 0) std::abort();
  auto catalog = dvc::catalog::LoadCatalog(std::string(DVC_SOURCE_DIR) + "/assets/catalog");
  if (!catalog.ok()) std::abort();
  const dvc::catalog::Service* service = catalog->FindService("dang-ky-khai-sinh");
  if (service == nullptr) std::abort();
  PublicKey pk{};
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  ReceiptContext context{"Nguyễn Thị Hồng Nhung",          "0912 345 678", "Xã Tân Hòa",
                         "Kiosk 1, nhà văn hóa thôn Đông", "8079",         KioskSignerId(pk)};
  ReceiptData data =
      MakeReceiptData(dvc::dossier::DossierCode::FromParts("12345", 7, 0x12345)->compact(),
                      {dvc::calendar::Date::Ymd(2026, 11, 27), {8, 30, 0}},
                      {dvc::calendar::Date::Ymd(2026, 12, 2), {8, 30, 0}}, *service, context);
  if (!SignReceipt(data, sk).ok()) std::abort();
  return data;
}

std::unique_ptr<ReceiptRenderer> OpenRenderer() {
  auto renderer = ReceiptRenderer::Open(FontPaths{});
  if (!renderer.ok()) std::abort();
  return std::move(*renderer);
}

GrayImage Rendered80mm() {
  auto image = OpenRenderer()->Render(BirthRegistrationReceipt(), RenderOptions{});
  if (!image.ok()) std::abort();
  return *image;
}

void BM_RenderPngEscPos80mm(benchmark::State& state) {
  const ReceiptData data = BirthRegistrationReceipt();
  auto renderer = OpenRenderer();
  RenderOptions options;
  options.width_dots = kWidth80mm;
  size_t bytes = 0;
  for (auto _ : state) {
    auto image = renderer->Render(data, options);
    if (!image.ok()) std::abort();
    std::vector<uint8_t> png = EncodePng(*image);
    std::vector<uint8_t> escpos = EscPosRaster(*image);
    bytes = png.size() + escpos.size();
    benchmark::DoNotOptimize(png.data());
    benchmark::DoNotOptimize(escpos.data());
  }
  state.counters["png+escpos_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RenderPngEscPos80mm)->Unit(benchmark::kMillisecond);

void BM_RenderOnly80mm(benchmark::State& state) {
  const ReceiptData data = BirthRegistrationReceipt();
  auto renderer = OpenRenderer();
  for (auto _ : state) {
    auto image = renderer->Render(data, RenderOptions{});
    benchmark::DoNotOptimize(image);
  }
}
BENCHMARK(BM_RenderOnly80mm)->Unit(benchmark::kMillisecond);

void BM_EncodePngOnly80mm(benchmark::State& state) {
  const GrayImage image = Rendered80mm();
  for (auto _ : state) benchmark::DoNotOptimize(EncodePng(image));
}
BENCHMARK(BM_EncodePngOnly80mm)->Unit(benchmark::kMillisecond);

void BM_EscPosOnly80mm(benchmark::State& state) {
  const GrayImage image = Rendered80mm();
  for (auto _ : state) benchmark::DoNotOptimize(EscPosRaster(image));
}
BENCHMARK(BM_EscPosOnly80mm)->Unit(benchmark::kMillisecond);

void BM_OpenFontsAndRender80mm(benchmark::State& state) {
  const ReceiptData data = BirthRegistrationReceipt();
  for (auto _ : state) {
    auto image = OpenRenderer()->Render(data, RenderOptions{});
    if (!image.ok()) std::abort();
    benchmark::DoNotOptimize(image);
  }
}
BENCHMARK(BM_OpenFontsAndRender80mm)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
