#include "sync/gzip.h"

#include <zlib.h>

#include <climits>

namespace dvc::kiosk {
namespace {

// windowBits 15 + 16: a gzip wrapper rather than zlib's.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemLevel = 8;  // zlib's default

// Owns a z_stream for deflate or inflate and ends it however the caller leaves.
class ZStream {
 public:
  explicit ZStream(bool deflating) : deflating_(deflating) {}
  ~ZStream() {
    if (!started_) return;
    if (deflating_) {
      deflateEnd(&z_);
    } else {
      inflateEnd(&z_);
    }
  }
  ZStream(const ZStream&) = delete;
  ZStream& operator=(const ZStream&) = delete;

  bool Start() {
    const int rc = deflating_ ? deflateInit2(&z_, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
                                             kGzipWindowBits, kMemLevel, Z_DEFAULT_STRATEGY)
                              : inflateInit2(&z_, kGzipWindowBits);
    started_ = rc == Z_OK;
    return started_;
  }
  z_stream* get() { return &z_; }

 private:
  z_stream z_{};
  bool deflating_;
  bool started_ = false;
};

}  // namespace

std::optional<std::string> Gzip(std::string_view bytes) {
  if (bytes.size() > UINT_MAX) return std::nullopt;  // far beyond any request body
  ZStream stream(true);
  if (!stream.Start()) return std::nullopt;
  z_stream* z = stream.get();
  std::string out(deflateBound(z, static_cast<uLong>(bytes.size())), '\0');
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z->avail_in = static_cast<uInt>(bytes.size());
  z->next_out = reinterpret_cast<Bytef*>(out.data());
  z->avail_out = static_cast<uInt>(out.size());
  // deflateBound is enough for one Z_FINISH call.
  if (deflate(z, Z_FINISH) != Z_STREAM_END) return std::nullopt;
  out.resize(z->total_out);
  return out;
}

std::optional<std::string> Gunzip(std::string_view bytes, size_t max_bytes) {
  if (bytes.size() > UINT_MAX) return std::nullopt;
  ZStream stream(false);
  if (!stream.Start()) return std::nullopt;
  z_stream* z = stream.get();
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z->avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buffer[16384];
  for (;;) {
    z->next_out = reinterpret_cast<Bytef*>(buffer);
    z->avail_out = sizeof buffer;
    const int rc = inflate(z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) return std::nullopt;
    const size_t produced = sizeof buffer - z->avail_out;
    if (out.size() + produced > max_bytes) return std::nullopt;
    out.append(buffer, produced);
    if (rc == Z_STREAM_END) return z->avail_in == 0 ? std::optional(out) : std::nullopt;
    if (produced == 0 && z->avail_in == 0) return std::nullopt;  // truncated
  }
}

}  // namespace dvc::kiosk
