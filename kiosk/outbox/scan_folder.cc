#include "outbox/scan_folder.h"

#include <stb/stb_image.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <system_error>

namespace dvc::kiosk {

namespace fs = std::filesystem;

namespace {

struct Signature {
  ScanKind kind;
  std::string_view magic;
};
constexpr Signature kSignatures[] = {
    {ScanKind::kJpeg, std::string_view("\xFF\xD8\xFF", 3)},
    {ScanKind::kPng, std::string_view("\x89PNG\r\n\x1A\n", 8)},
    {ScanKind::kPdf, std::string_view("%PDF-", 5)},
};

constexpr std::string_view kExtensions[] = {".jpg", ".jpeg", ".png", ".pdf"};

bool HasScanExtension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions);
}

// Adds `path` if it is a regular file (not a symlink) of an accepted kind.
void Consider(const fs::path& path, std::vector<ScanFile>& out) {
  if (!HasScanExtension(path)) return;
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return;
  auto kind = SniffScanKind(path.string());
  if (!kind.ok()) return;
  ScanFile file;
  file.path = path.string();
  file.name = path.filename().string();
  file.kind = *kind;
  file.size = static_cast<uint64_t>(info.st_size);
  file.modified_unix = static_cast<int64_t>(info.st_mtime);
  out.push_back(std::move(file));
}

void ListFolder(const std::string& folder, std::vector<ScanFile>& out, size_t& visited,
                const ScanLimits& limits) {
  std::error_code ec;
  fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (++visited > limits.max_entries_visited) return;
    Consider(it->path(), out);
  }
}

void WalkUsbRoot(const std::string& root, std::vector<ScanFile>& out, size_t& visited,
                 const ScanLimits& limits) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (++visited > limits.max_entries_visited) return;
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      // Symlinked directories are not followed by default; deeper levels are cut off.
      if (it.depth() + 1 >= limits.usb_depth) it.disable_recursion_pending();
      continue;
    }
    Consider(it->path(), out);
  }
}

// stb_image's reason for the last failure (never null in the message).
std::string StbReason() {
  const char* reason = stbi_failure_reason();
  return reason != nullptr ? reason : "unknown reason";
}

}  // namespace

Result<ScanKind> SniffScanKind(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io(path + ": cannot read");
  std::array<char, 8> head{};
  in.read(head.data(), head.size());
  const std::string_view bytes(head.data(), static_cast<size_t>(in.gcount()));
  for (const Signature& signature : kSignatures) {
    if (bytes.starts_with(signature.magic)) return signature.kind;
  }
  return Status::InvalidInput(path + ": not a JPEG, PNG or PDF file");
}

std::vector<ScanFile> ListScans(const std::vector<std::string>& scan_folders,
                                const std::vector<std::string>& usb_roots,
                                const ScanLimits& limits) {
  std::vector<ScanFile> files;
  size_t visited = 0;
  for (const std::string& folder : scan_folders) ListFolder(folder, files, visited, limits);
  for (const std::string& root : usb_roots) WalkUsbRoot(root, files, visited, limits);
  std::sort(files.begin(), files.end(), [](const ScanFile& a, const ScanFile& b) {
    if (a.modified_unix != b.modified_unix) return a.modified_unix > b.modified_unix;
    return a.path < b.path;
  });
  // The same file reached twice (a scan folder on the stick) is listed once.
  files.erase(std::unique(files.begin(), files.end(),
                          [](const ScanFile& a, const ScanFile& b) { return a.path == b.path; }),
              files.end());
  if (files.size() > limits.max_files) files.resize(limits.max_files);
  for (ScanFile& file : files) file.too_large = file.size > limits.max_file_bytes;
  return files;
}

Thumbnail DownscaleRgba(const std::vector<uint8_t>& rgba, int width, int height, int max_side) {
  const int longer = std::max(width, height);
  if (longer <= max_side) return Thumbnail{width, height, rgba};
  Thumbnail out;
  out.width = std::max(1, static_cast<int>(static_cast<int64_t>(width) * max_side / longer));
  out.height = std::max(1, static_cast<int>(static_cast<int64_t>(height) * max_side / longer));
  out.rgba.resize(static_cast<size_t>(out.width) * out.height * 4);
  for (int y = 0; y < out.height; ++y) {
    const int64_t y0 = static_cast<int64_t>(y) * height / out.height;
    const int64_t y1 = static_cast<int64_t>(y + 1) * height / out.height;
    for (int x = 0; x < out.width; ++x) {
      const int64_t x0 = static_cast<int64_t>(x) * width / out.width;
      const int64_t x1 = static_cast<int64_t>(x + 1) * width / out.width;
      uint64_t sum[4] = {0, 0, 0, 0};
      for (int64_t sy = y0; sy < y1; ++sy) {
        const uint8_t* row = rgba.data() + (static_cast<size_t>(sy) * width + x0) * 4;
        for (int64_t sx = x0; sx < x1; ++sx, row += 4) {
          for (int c = 0; c < 4; ++c) sum[c] += row[c];
        }
      }
      const uint64_t count = static_cast<uint64_t>((y1 - y0) * (x1 - x0));
      uint8_t* pixel = out.rgba.data() + (static_cast<size_t>(y) * out.width + x) * 4;
      for (int c = 0; c < 4; ++c) pixel[c] = static_cast<uint8_t>((sum[c] + count / 2) / count);
    }
  }
  return out;
}

Result<Thumbnail> MakeThumbnail(const std::string& path, int max_side, uint64_t max_file_bytes) {
  if (max_side < 1) return Status::InvalidInput("thumbnail: max_side must be positive");
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::Io(path + ": cannot read");
  const std::streamoff size = in.tellg();
  if (size < 0) return Status::Io(path + ": cannot read");
  if (static_cast<uint64_t>(size) > max_file_bytes) {
    return Status::InvalidInput(path + ": larger than " + std::to_string(max_file_bytes) +
                                " bytes");
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(size));
  in.seekg(0);
  in.read(reinterpret_cast<char*>(bytes.data()), size);
  if (in.gcount() != size) return Status::Io(path + ": read error");
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::InvalidInput(path + ": too large to decode");
  }
  const int length = static_cast<int>(bytes.size());
  int width = 0, height = 0, channels = 0;
  if (!stbi_info_from_memory(bytes.data(), length, &width, &height, &channels)) {
    return Status::InvalidInput(path + ": not a readable image (" + StbReason() + ")");
  }
  if (width <= 0 || height <= 0 ||
      static_cast<int64_t>(width) * height > kMaxThumbnailSourcePixels) {
    return Status::InvalidInput(path + ": image of " + std::to_string(width) + "x" +
                                std::to_string(height) + " pixels is too large");
  }
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load_from_memory(bytes.data(), length, &width, &height, &channels, 4), stbi_image_free);
  if (pixels == nullptr) {
    return Status::InvalidInput(path + ": cannot decode the image (" + StbReason() + ")");
  }
  const size_t count = static_cast<size_t>(width) * height * 4;
  std::vector<uint8_t> rgba(pixels.get(), pixels.get() + count);
  return DownscaleRgba(rgba, width, height, max_side);
}

}  // namespace dvc::kiosk
