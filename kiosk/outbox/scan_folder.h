// Scan folders: the scanned documents staff can attach to a dossier.
//
// ListScans looks in the configured scan folders (files directly inside) and
// under the USB mount roots (a few levels down, where desktops mount sticks:
// /media/<user>/<label>/...), keeps JPEG, PNG and PDF files recognised by
// their first bytes (not only their extension), newest first, each with its
// size; files over the size limit are listed as too large so staff see why
// they cannot be attached. Listing reads only each file's first bytes; the
// content hash is taken once, when a file is attached
// (Outbox::StoreAttachment). MakeThumbnail decodes an image with
// stb_image and box-downscales it to at most 256 px on its longer side, RGBA,
// for the UI to upload as a texture; PDFs get none (the UI shows an icon).
//
// All of this is file I/O: call it from the kiosk's action step, never from
// draw code. Thread-safety: pure functions over the file system; safe to call
// from any thread. No exception escapes (std::filesystem errors become skipped
// entries or Status).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace dvc::kiosk {

enum class ScanKind { kJpeg, kPng, kPdf };

struct ScanFile {
  std::string path;  // absolute or as configured
  std::string name;  // file name, for the UI
  ScanKind kind = ScanKind::kPdf;
  uint64_t size = 0;
  int64_t modified_unix = 0;  // seconds; the listing's order, newest first
  bool too_large = false;     // over ScanLimits::max_file_bytes: cannot be attached
};

struct ScanLimits {
  uint64_t max_file_bytes = 20ull << 20;  // 20 MB: larger files are listed as too_large
  size_t max_files = 200;                 // newest kept
  int usb_depth = 4;                      // directory levels searched below a USB root
  size_t max_entries_visited = 20000;     // bounds a walk over a huge stick
};

// Lists scans (see above). Missing or unreadable folders are skipped: a USB
// root with no stick in it is normal. Never fails.
std::vector<ScanFile> ListScans(const std::vector<std::string>& scan_folders,
                                const std::vector<std::string>& usb_roots,
                                const ScanLimits& limits = {});

// The type of a file from its first bytes, if it is one we accept.
// Errors: kIo if unreadable; kInvalidInput if not JPEG, PNG or PDF.
Result<ScanKind> SniffScanKind(const std::string& path);

struct Thumbnail {
  int width = 0;              // ≤ max_side
  int height = 0;             // ≤ max_side
  std::vector<uint8_t> rgba;  // width * height * 4 bytes, rows top to bottom
};

// Largest image MakeThumbnail decodes (pixels), so a hostile file cannot make
// the kiosk allocate gigabytes: 50 megapixels covers an A4 page at 600 dpi.
inline constexpr int64_t kMaxThumbnailSourcePixels = 50'000'000;

// A thumbnail of a JPEG or PNG file. Errors: kIo if unreadable; kInvalidInput
// if not a decodable image, larger than `max_file_bytes` or over
// kMaxThumbnailSourcePixels (stb_image's reason in the message).
Result<Thumbnail> MakeThumbnail(const std::string& path, int max_side = 256,
                                uint64_t max_file_bytes = 20ull << 20);

// Box-downscales RGBA pixels so the longer side is at most `max_side`, each
// output pixel the average of the source pixels it covers. Smaller images are
// returned unchanged. REQUIRES: rgba.size() == width * height * 4, sizes > 0.
Thumbnail DownscaleRgba(const std::vector<uint8_t>& rgba, int width, int height, int max_side);

}  // namespace dvc::kiosk
