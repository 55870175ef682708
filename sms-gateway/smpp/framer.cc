#include "smpp/framer.h"

#include <cstdlib>

namespace dvc::gateway::smpp {
namespace {

uint32_t ReadU32(std::string_view bytes, size_t at) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[at + i]);
  return value;
}

}  // namespace

Framer::Framer(uint32_t max_pdu_length) : max_pdu_length_(max_pdu_length) {
  if (max_pdu_length < kHeaderLength) std::abort();
}

void Framer::Append(std::string_view bytes) {
  if (fatal_) return;
  // Drop the consumed prefix when it dominates, so the buffer stays bounded
  // by about two PDUs without moving bytes on every read.
  if (start_ > 0 && start_ >= buffer_.size() / 2) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  buffer_.append(bytes);
}

Frame Framer::Next() {
  Frame frame;
  if (fatal_) {
    frame.kind = Frame::Kind::kFatal;
    frame.error = fatal_error_;
    return frame;
  }
  const std::string_view pending = std::string_view(buffer_).substr(start_);
  if (pending.size() < 4) return frame;
  const uint32_t length = ReadU32(pending, 0);
  if (length < kHeaderLength || length > max_pdu_length_) {
    // Decided on the length alone: waiting for 16 octets could wait forever
    // when the peer sent fewer.
    fatal_ = true;
    fatal_error_.command_status = status::kInvalidCommandLength;
    if (pending.size() >= kHeaderLength) {
      fatal_error_.command_id = ReadU32(pending, 4);
      fatal_error_.sequence = ReadU32(pending, 12);
    }
    fatal_error_.message = "command_length " + std::to_string(length) + " is outside 16.." +
                           std::to_string(max_pdu_length_) + ": the stream cannot be framed";
    buffer_.clear();
    start_ = 0;
    frame.kind = Frame::Kind::kFatal;
    frame.error = fatal_error_;
    return frame;
  }
  if (pending.size() < length) return frame;
  frame.kind = Frame::Kind::kPdu;
  frame.pdu.assign(pending.substr(0, length));
  start_ += length;
  if (start_ == buffer_.size()) {
    buffer_.clear();
    start_ = 0;
  }
  return frame;
}

}  // namespace dvc::gateway::smpp
