#include "outbox/scan_folder.h"

#include <gtest/gtest.h>
#include <stb/stb_image_write.h>

#include <filesystem>
#include <fstream>

#include "store/scratch_dir.h"

namespace dvc::kiosk {
namespace {

namespace fs = std::filesystem;

void WriteText(const std::string& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

void SetTime(const std::string& path, int64_t unix_seconds) {
  std::error_code ec;
  fs::last_write_time(path,
                      fs::file_time_type::clock::from_sys(
                          std::chrono::sys_seconds(std::chrono::seconds(unix_seconds))),
                      ec);
  ASSERT_FALSE(ec) << ec.message();
}

// A 600x300 PNG: left half red, right half blue.
void WriteHalvesPng(const std::string& path) {
  std::vector<uint8_t> rgba(600 * 300 * 4);
  for (int y = 0; y < 300; ++y) {
    for (int x = 0; x < 600; ++x) {
      uint8_t* p = &rgba[(static_cast<size_t>(y) * 600 + x) * 4];
      p[0] = x < 300 ? 255 : 0;
      p[2] = x < 300 ? 0 : 255;
      p[3] = 255;
    }
  }
  ASSERT_NE(stbi_write_png(path.c_str(), 600, 300, 4, rgba.data(), 600 * 4), 0);
}

TEST(ScanFolderTest, ListsImagesAndPdfsNewestFirstWithHashes) {
  store::ScratchDir scratch;
  const std::string scans = scratch.File("scans");
  const std::string usb = scratch.File("media");
  fs::create_directories(scans);
  fs::create_directories(usb + "/kiosk/STICK/2026");
  WriteHalvesPng(scans + "/trang-1.png");
  WriteText(scans + "/giay-to.PDF", "%PDF-1.4 a scanned page");
  WriteText(scans + "/fake.jpg", "this is text, not a JPEG");
  WriteText(scans + "/notes.txt", "%PDF-1.4 but the wrong extension");
  WriteText(usb + "/kiosk/STICK/2026/cmnd.jpeg", "\xFF\xD8\xFF\xE0 jpeg bytes");
  SetTime(scans + "/trang-1.png", 1'800'000'000);
  SetTime(scans + "/giay-to.PDF", 1'800'000'300);
  SetTime(usb + "/kiosk/STICK/2026/cmnd.jpeg", 1'800'000'100);

  const std::vector<ScanFile> files = ListScans({scans, scratch.File("missing")}, {usb});
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].name, "giay-to.PDF");
  EXPECT_EQ(files[0].kind, ScanKind::kPdf);
  EXPECT_EQ(files[1].name, "cmnd.jpeg");
  EXPECT_EQ(files[1].kind, ScanKind::kJpeg);
  EXPECT_EQ(files[2].name, "trang-1.png");
  EXPECT_EQ(files[2].kind, ScanKind::kPng);
  EXPECT_EQ(files[0].size, 23u);
  EXPECT_FALSE(files[0].too_large);

  // Limits: the newest only; too-large files listed as such; depth.
  ScanLimits limits;
  limits.max_files = 1;
  EXPECT_EQ(ListScans({scans}, {usb}, limits).size(), 1u);
  limits = ScanLimits();
  limits.max_file_bytes = 10;
  const std::vector<ScanFile> big = ListScans({scans}, {}, limits);
  ASSERT_EQ(big.size(), 2u);
  EXPECT_TRUE(big[0].too_large);
  EXPECT_TRUE(big[1].too_large);
  limits = ScanLimits();
  limits.usb_depth = 2;
  EXPECT_EQ(ListScans({}, {usb}, limits).size(), 0u);
}

TEST(ScanFolderTest, ThumbnailIsABoxAverageWithinTheLimit) {
  store::ScratchDir scratch;
  const std::string png = scratch.File("page.png");
  WriteHalvesPng(png);
  auto thumb = MakeThumbnail(png);
  ASSERT_TRUE(thumb.ok()) << thumb.status().message();
  EXPECT_EQ(thumb->width, 256);
  EXPECT_EQ(thumb->height, 128);
  ASSERT_EQ(thumb->rgba.size(), 256u * 128u * 4u);
  const uint8_t* left = &thumb->rgba[(64 * 256 + 10) * 4];
  const uint8_t* right = &thumb->rgba[(64 * 256 + 250) * 4];
  EXPECT_EQ(left[0], 255);
  EXPECT_EQ(left[2], 0);
  EXPECT_EQ(right[0], 0);
  EXPECT_EQ(right[2], 255);
  // The column straddling the middle mixes both colours.
  const uint8_t* middle = &thumb->rgba[(64 * 256 + 128) * 4];
  EXPECT_EQ(middle[3], 255);

  WriteText(scratch.File("broken.png"), "\x89PNG\r\n\x1A\n garbage");
  auto broken = MakeThumbnail(scratch.File("broken.png"));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), ErrorCode::kInvalidInput);
  auto missing = MakeThumbnail(scratch.File("none.png"));
  EXPECT_EQ(missing.status().code(), ErrorCode::kIo);
}

TEST(ScanFolderTest, DownscaleAveragesBlocks) {
  // 4x2 → max side 2 gives 2x1: each output pixel averages a 2x2 block.
  const std::vector<uint8_t> rgba = {
      0, 0, 0, 255, 100, 0, 0, 255, 200, 0, 0, 255, 200, 0, 0, 255,
      0, 0, 0, 255, 100, 0, 0, 255, 200, 0, 0, 255, 0,   0, 0, 255,
  };
  const Thumbnail t = DownscaleRgba(rgba, 4, 2, 2);
  EXPECT_EQ(t.width, 2);
  EXPECT_EQ(t.height, 1);
  EXPECT_EQ(t.rgba[0], 50);
  EXPECT_EQ(t.rgba[4], 150);
  const Thumbnail same = DownscaleRgba(rgba, 4, 2, 256);
  EXPECT_EQ(same.width, 4);
  EXPECT_EQ(same.rgba, rgba);
}

}  // namespace
}  // namespace dvc::kiosk
