#include "service/receipts_png.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace dvc::gateway {

namespace {

constexpr std::array<uint8_t, 8> kPngSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
// Length (4) + type (4) + CRC (4).
constexpr size_t kChunkOverhead = 12;

// CRC-32 of ISO 3309 / ITU-T V.42 as PNG uses it (reflected, polynomial
// 0xEDB88320), over the chunk type and data.
std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}

uint32_t Crc32(std::span<const uint8_t> bytes) {
  static const std::array<uint32_t, 256> table = MakeCrcTable();
  uint32_t c = 0xFFFFFFFFU;
  for (uint8_t b : bytes) c = table[(c ^ b) & 0xFFU] ^ (c >> 8);
  return c ^ 0xFFFFFFFFU;
}

uint32_t ReadBe32(std::span<const uint8_t> bytes, size_t at) {
  return (uint32_t{bytes[at]} << 24) | (uint32_t{bytes[at + 1]} << 16) |
         (uint32_t{bytes[at + 2]} << 8) | uint32_t{bytes[at + 3]};
}

void AppendBe32(std::vector<uint8_t>& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(value >> shift));
}

struct Chunk {
  size_t start = 0;  // offset of the length field
  std::string_view type;
  std::span<const uint8_t> data;
  bool crc_ok = false;
};

// The chunk at `at`, or nullopt when it does not fit in `png`.
std::optional<Chunk> ChunkAt(std::span<const uint8_t> png, size_t at) {
  if (png.size() - at < kChunkOverhead) return std::nullopt;
  const uint32_t length = ReadBe32(png, at);
  // PNG caps a chunk's length at 2^31 - 1.
  if (length > 0x7FFFFFFFU || png.size() - at - kChunkOverhead < length) return std::nullopt;
  Chunk chunk;
  chunk.start = at;
  chunk.type = std::string_view(reinterpret_cast<const char*>(png.data() + at + 4), 4);
  chunk.data = png.subspan(at + 8, length);
  chunk.crc_ok = Crc32(png.subspan(at + 4, length + 4)) == ReadBe32(png, at + 8 + length);
  return chunk;
}

bool HasSignature(std::span<const uint8_t> png) {
  return png.size() >= kPngSignature.size() &&
         std::equal(kPngSignature.begin(), kPngSignature.end(), png.begin());
}

bool IsKeyword(std::string_view keyword) {
  if (keyword.empty() || keyword.size() > 79) return false;
  for (char c : keyword) {
    const auto b = static_cast<uint8_t>(c);
    if (b < 32 || (b > 126 && b < 161)) return false;
  }
  return true;
}

}  // namespace

std::vector<uint8_t> AddPngText(std::span<const uint8_t> png, std::string_view keyword,
                                std::string_view text) {
  if (!HasSignature(png) || !IsKeyword(keyword) || text.find('\0') != std::string_view::npos) {
    return {};
  }
  // IEND is the last chunk and has no data: its 12 bytes end the file.
  if (png.size() < kPngSignature.size() + kChunkOverhead) return {};
  const size_t iend = png.size() - kChunkOverhead;
  const std::optional<Chunk> last = ChunkAt(png, iend);
  if (!last || last->type != "IEND" || !last->data.empty()) return {};

  std::vector<uint8_t> chunk;
  AppendBe32(chunk, static_cast<uint32_t>(keyword.size() + 1 + text.size()));
  chunk.insert(chunk.end(), {'t', 'E', 'X', 't'});
  chunk.insert(chunk.end(), keyword.begin(), keyword.end());
  chunk.push_back(0);
  chunk.insert(chunk.end(), text.begin(), text.end());
  AppendBe32(chunk, Crc32(std::span<const uint8_t>(chunk).subspan(4)));

  std::vector<uint8_t> out(png.begin(), png.begin() + static_cast<std::ptrdiff_t>(iend));
  out.insert(out.end(), chunk.begin(), chunk.end());
  out.insert(out.end(), png.begin() + static_cast<std::ptrdiff_t>(iend), png.end());
  return out;
}

std::optional<std::string> FindPngText(std::span<const uint8_t> png, std::string_view keyword) {
  if (!HasSignature(png)) return std::nullopt;
  size_t at = kPngSignature.size();
  while (at < png.size()) {
    const std::optional<Chunk> chunk = ChunkAt(png, at);
    if (!chunk) return std::nullopt;
    if (chunk->type == "IEND") return std::nullopt;
    if (chunk->type == "tEXt" && chunk->crc_ok) {
      const std::string_view data(reinterpret_cast<const char*>(chunk->data.data()),
                                  chunk->data.size());
      const size_t nul = data.find('\0');
      if (nul != std::string_view::npos && data.substr(0, nul) == keyword) {
        return std::string(data.substr(nul + 1));
      }
    }
    at += kChunkOverhead + chunk->data.size();
  }
  return std::nullopt;
}

}  // namespace dvc::gateway
