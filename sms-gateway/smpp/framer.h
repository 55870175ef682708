// Cuts the byte stream of an SMPP connection into PDUs: bytes arrive in
// reads of any size (a PDU split across reads, several PDUs in one read),
// Framer hands back whole PDUs, each ready for Decode (pdu.h).
//
// A command_length below 16 or above the configured maximum is fatal: the
// stream cannot be resynchronised, so the session answers generic_nack
// ESME_RINVCMDLEN (FrameError::error) and drops the connection.
//
// Thread-safety: none; one Framer per connection, used by its reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "smpp/pdu.h"

namespace dvc::gateway::smpp {

inline constexpr uint32_t kDefaultMaxPduLength = 64 * 1024;

// What Framer::Next found.
struct Frame {
  enum class Kind {
    kPdu,       // `pdu` holds one PDU's bytes (command_length octets)
    kNeedMore,  // no complete PDU buffered yet
    kFatal,     // the stream is broken: answer `error`, then close
  };
  Kind kind = Kind::kNeedMore;
  std::string pdu;
  DecodeError error;  // kFatal only: ESME_RINVCMDLEN, with the sequence if buffered
};

class Framer {
 public:
  // `max_pdu_length` bounds command_length (and so the memory one PDU may
  // take). REQUIRES: max_pdu_length >= 16.
  explicit Framer(uint32_t max_pdu_length = kDefaultMaxPduLength);

  // Buffers the bytes of one read. Ignored once Next has reported kFatal.
  void Append(std::string_view bytes);

  // The next complete PDU, kNeedMore, or kFatal (then kFatal forever).
  Frame Next();

  // Octets buffered but not yet returned by Next.
  size_t buffered() const { return buffer_.size() - start_; }

 private:
  uint32_t max_pdu_length_;
  std::string buffer_;
  size_t start_ = 0;  // consumed prefix of buffer_, dropped lazily
  bool fatal_ = false;
  DecodeError fatal_error_;
};

}  // namespace dvc::gateway::smpp
