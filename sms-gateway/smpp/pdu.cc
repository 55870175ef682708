#include "smpp/pdu.h"

#include <array>
#include <concepts>
#include <type_traits>
#include <utility>

namespace dvc::gateway::smpp {
namespace {

static_assert(std::variant_size_v<Pdu::Body> ==
              static_cast<size_t>(BodyKind::kAlertNotification) + 1);
static_assert(
    std::is_same_v<std::variant_alternative_t<static_cast<size_t>(BodyKind::kSubmitSm), Pdu::Body>,
                   SubmitSm>);
static_assert(std::is_same_v<
              std::variant_alternative_t<static_cast<size_t>(BodyKind::kDataSmResp), Pdu::Body>,
              DataSmResp>);

// A C-octet string field: its maximum size on the wire (NUL included) and the
// command_status that answers a malformed value. `time` fields must be empty
// or exactly 16 characters (SMPP time format, spec 7.1).
struct StringField {
  std::string_view name;
  size_t max_size;
  uint32_t status;
  bool time = false;
};

constexpr StringField kSystemId{"system_id", 16, status::kInvalidSystemId};
constexpr StringField kPassword{"password", 9, status::kInvalidPassword};
constexpr StringField kSystemType{"system_type", 13, status::kInvalidSystemType};
constexpr StringField kAddressRange{"address_range", 41, status::kInvalidCommandLength};
constexpr StringField kServiceType{"service_type", 6, status::kInvalidServiceType};
constexpr StringField kSourceAddr{"source_addr", 21, status::kInvalidSourceAddr};
constexpr StringField kDestAddr{"destination_addr", 21, status::kInvalidDestAddr};
constexpr StringField kLongSourceAddr{"source_addr", 65, status::kInvalidSourceAddr};
constexpr StringField kLongDestAddr{"destination_addr", 65, status::kInvalidDestAddr};
constexpr StringField kEsmeAddr{"esme_addr", 65, status::kInvalidCommandLength};
constexpr StringField kSchedule{"schedule_delivery_time", 17, status::kInvalidSchedule, true};
constexpr StringField kValidity{"validity_period", 17, status::kInvalidExpiry, true};
constexpr StringField kMessageId{"message_id", 65, status::kInvalidMessageId};

constexpr size_t kTimeLength = 16;

template <typename B, typename T>
concept Is = std::same_as<std::remove_const_t<B>, T>;

// The field layout of each body, once, for the three passes (Reader, Writer,
// Validator) that walk it. `B` is const for Writer and Validator.

template <typename Io, typename B>
requires Is<B, NoBody>
void Fields(Io&, B&) {}

template <typename Io, typename B>
requires Is<B, BindRequest>
void Fields(Io& io, B& b) {
  io.CString(kSystemId, b.system_id);
  io.CString(kPassword, b.password);
  io.CString(kSystemType, b.system_type);
  io.U8(b.interface_version);
  io.U8(b.addr_ton);
  io.U8(b.addr_npi);
  io.CString(kAddressRange, b.address_range);
}

template <typename Io, typename B>
requires Is<B, BindResponse>
void Fields(Io& io, B& b) {
  io.CString(kSystemId, b.system_id);
  io.Tlvs(b.tlvs);
}

template <typename Io, typename B>
requires(Is<B, SubmitSm> || Is<B, DeliverSm>) void Fields(Io& io, B& b) {
  io.CString(kServiceType, b.service_type);
  io.U8(b.source_addr_ton);
  io.U8(b.source_addr_npi);
  io.CString(kSourceAddr, b.source_addr);
  io.U8(b.dest_addr_ton);
  io.U8(b.dest_addr_npi);
  io.CString(kDestAddr, b.destination_addr);
  io.U8(b.esm_class);
  io.U8(b.protocol_id);
  io.U8(b.priority_flag);
  io.CString(kSchedule, b.schedule_delivery_time);
  io.CString(kValidity, b.validity_period);
  io.U8(b.registered_delivery);
  io.U8(b.replace_if_present_flag);
  io.U8(b.data_coding);
  io.U8(b.sm_default_msg_id);
  io.ShortMessage(b.short_message);
  io.Tlvs(b.tlvs);
}

template <typename Io, typename B>
requires(Is<B, SubmitSmResp> || Is<B, DeliverSmResp>) void Fields(Io& io, B& b) {
  io.CString(kMessageId, b.message_id);
}

template <typename Io, typename B>
requires Is<B, DataSm>
void Fields(Io& io, B& b) {
  io.CString(kServiceType, b.service_type);
  io.U8(b.source_addr_ton);
  io.U8(b.source_addr_npi);
  io.CString(kLongSourceAddr, b.source_addr);
  io.U8(b.dest_addr_ton);
  io.U8(b.dest_addr_npi);
  io.CString(kLongDestAddr, b.destination_addr);
  io.U8(b.esm_class);
  io.U8(b.registered_delivery);
  io.U8(b.data_coding);
  io.Tlvs(b.tlvs);
}

template <typename Io, typename B>
requires Is<B, DataSmResp>
void Fields(Io& io, B& b) {
  io.CString(kMessageId, b.message_id);
  io.Tlvs(b.tlvs);
}

template <typename Io, typename B>
requires Is<B, Outbind>
void Fields(Io& io, B& b) {
  io.CString(kSystemId, b.system_id);
  io.CString(kPassword, b.password);
}

template <typename Io, typename B>
requires Is<B, AlertNotification>
void Fields(Io& io, B& b) {
  io.U8(b.source_addr_ton);
  io.U8(b.source_addr_npi);
  io.CString(kLongSourceAddr, b.source_addr);
  io.U8(b.esme_addr_ton);
  io.U8(b.esme_addr_npi);
  io.CString(kEsmeAddr, b.esme_addr);
  io.Tlvs(b.tlvs);
}

uint32_t ReadU32(std::string_view bytes, size_t at) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[at + i]);
  return value;
}

void AppendU32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
}

void AppendU16(std::string& out, uint16_t value) {
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value));
}

// Reads a body; the first failure sticks and later reads do nothing.
class Reader {
 public:
  Reader(std::string_view body, std::string command) : body_(body), command_(std::move(command)) {}

  void U8(uint8_t& out) {
    if (failed()) return;
    if (pos_ >= body_.size()) return Fail(status::kInvalidCommandLength, "body ends too early");
    out = static_cast<uint8_t>(body_[pos_++]);
  }

  void CString(const StringField& field, std::string& out) {
    if (failed()) return;
    const std::string_view window = body_.substr(pos_, field.max_size);
    const size_t nul = window.find('\0');
    if (nul == std::string_view::npos) {
      if (window.size() < field.max_size) {
        return Fail(status::kInvalidCommandLength,
                    "body ends inside " + std::string(field.name) + " (no NUL)");
      }
      return Fail(field.status, std::string(field.name) + " has no NUL within its " +
                                    std::to_string(field.max_size) + " octets");
    }
    if (field.time && nul != 0 && nul != kTimeLength) {
      return Fail(field.status, std::string(field.name) + " must be empty or 16 characters, not " +
                                    std::to_string(nul));
    }
    out.assign(window.substr(0, nul));
    pos_ += nul + 1;
  }

  void ShortMessage(std::string& out) {
    uint8_t length = 0;
    U8(length);
    if (failed()) return;
    if (length > kMaxShortMessage) {
      return Fail(status::kInvalidMsgLength,
                  "sm_length " + std::to_string(length) + " exceeds 254 octets");
    }
    if (length > body_.size() - pos_) {
      return Fail(status::kInvalidMsgLength,
                  "sm_length " + std::to_string(length) + " runs past the PDU end");
    }
    out.assign(body_.substr(pos_, length));
    pos_ += length;
  }

  void Tlvs(TlvList& out) {
    while (!failed() && pos_ < body_.size()) {
      if (body_.size() - pos_ < 4) {
        return Fail(status::kInvalidOptionalStream, "TLV header cut by the PDU end");
      }
      const uint16_t tag = static_cast<uint16_t>((static_cast<uint8_t>(body_[pos_]) << 8) |
                                                 static_cast<uint8_t>(body_[pos_ + 1]));
      const uint16_t length = static_cast<uint16_t>((static_cast<uint8_t>(body_[pos_ + 2]) << 8) |
                                                    static_cast<uint8_t>(body_[pos_ + 3]));
      pos_ += 4;
      if (length > body_.size() - pos_) {
        return Fail(status::kInvalidOptionalStream,
                    TlvName(tag) + " of " + std::to_string(length) + " octets cut by the PDU end");
      }
      const auto rule = KnownTlvLength(tag);
      if (rule && (length < rule->min || length > rule->max)) {
        return Fail(status::kInvalidParamLength,
                    TlvName(tag) + " has length " + std::to_string(length));
      }
      out.items.push_back(Tlv{tag, std::string(body_.substr(pos_, length))});
      pos_ += length;
    }
  }

  // Octets after the last field are an error (a body without TLVs).
  void End() {
    if (!failed() && pos_ != body_.size()) {
      Fail(status::kInvalidCommandLength,
           std::to_string(body_.size() - pos_) + " octets after the body");
    }
  }

  bool failed() const { return error_status_ != status::kOk; }
  uint32_t error_status() const { return error_status_; }
  const std::string& error_message() const { return error_message_; }

 private:
  void Fail(uint32_t command_status, const std::string& message) {
    error_status_ = command_status;
    error_message_ = command_ + ": " + message;
  }

  std::string_view body_;
  size_t pos_ = 0;
  std::string command_;
  uint32_t error_status_ = status::kOk;
  std::string error_message_;
};

// Appends a body in wire format; assumes Validate passed.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void U8(uint8_t value) { out_.push_back(static_cast<char>(value)); }
  void CString(const StringField&, const std::string& value) {
    out_ += value;
    out_.push_back('\0');
  }
  void ShortMessage(const std::string& value) {
    U8(static_cast<uint8_t>(value.size()));
    out_ += value;
  }
  void Tlvs(const TlvList& tlvs) {
    for (const Tlv& item : tlvs.items) {
      AppendU16(out_, item.tag);
      AppendU16(out_, static_cast<uint16_t>(item.value.size()));
      out_ += item.value;
    }
  }

 private:
  std::string& out_;
};

// Checks a body against the limits Reader enforces, so that whatever
// Encode writes decodes again.
class Validator {
 public:
  void U8(uint8_t) {}
  void CString(const StringField& field, const std::string& value) {
    if (!status_.ok()) return;
    if (value.find('\0') != std::string::npos) {
      status_ = Status::InvalidInput(std::string(field.name) + " contains a NUL octet");
    } else if (value.size() + 1 > field.max_size) {
      status_ = Status::InvalidInput(std::string(field.name) + " is longer than " +
                                     std::to_string(field.max_size - 1) + " octets");
    } else if (field.time && !value.empty() && value.size() != kTimeLength) {
      status_ = Status::InvalidInput(std::string(field.name) + " must be empty or 16 characters");
    }
  }
  void ShortMessage(const std::string& value) {
    if (status_.ok() && value.size() > kMaxShortMessage) {
      status_ =
          Status::InvalidInput("short_message is longer than 254 octets (use message_payload)");
    }
  }
  void Tlvs(const TlvList& tlvs) {
    for (const Tlv& item : tlvs.items) {
      if (!status_.ok()) return;
      const auto rule = KnownTlvLength(item.tag);
      if (item.value.size() > 0xFFFF) {
        status_ = Status::InvalidInput(TlvName(item.tag) + " is longer than 65535 octets");
      } else if (rule && (item.value.size() < rule->min || item.value.size() > rule->max)) {
        status_ = Status::InvalidInput(TlvName(item.tag) + " has length " +
                                       std::to_string(item.value.size()));
      }
    }
  }
  const Status& status() const { return status_; }

 private:
  Status status_;
};

template <size_t... I>
Pdu::Body MakeBody(size_t index, std::index_sequence<I...>) {
  static constexpr std::array<Pdu::Body (*)(), sizeof...(I)> kMakers = {
      +[] { return Pdu::Body(std::in_place_index<I>); }...};
  return kMakers[index]();
}

// Error responses carry no body on the wire (spec 4.1.2, 4.4.2, 4.6.2, 4.7.2).
bool BodyOmitted(const PduHeader& header) {
  return IsResponse(header.command_id) && header.command_status != status::kOk;
}

}  // namespace

Pdu Pdu::Make(uint32_t command_id, uint32_t sequence_number) {
  const auto info = FindCommand(command_id);
  if (!info) std::abort();
  Pdu pdu;
  pdu.header.command_id = command_id;
  pdu.header.sequence_number = sequence_number;
  pdu.body = MakeBody(static_cast<size_t>(info->body),
                      std::make_index_sequence<std::variant_size_v<Body>>());
  return pdu;
}

DecodeResult Decode(std::string_view bytes) {
  if (bytes.size() < kHeaderLength) {
    return DecodeError{
        status::kInvalidCommandLength, 0, 0,
        "PDU of " + std::to_string(bytes.size()) + " octets is shorter than the 16-octet header"};
  }
  const uint32_t command_length = ReadU32(bytes, 0);
  const uint32_t command_id = ReadU32(bytes, 4);
  const uint32_t command_status = ReadU32(bytes, 8);
  const uint32_t sequence = ReadU32(bytes, 12);
  if (command_length != bytes.size()) {
    return DecodeError{status::kInvalidCommandLength, command_id, sequence,
                       CommandName(command_id) + ": command_length " +
                           std::to_string(command_length) + " but the PDU has " +
                           std::to_string(bytes.size()) + " octets"};
  }
  if (!FindCommand(command_id)) {
    return DecodeError{status::kInvalidCommandId, command_id, sequence,
                       "unsupported " + CommandName(command_id)};
  }
  Pdu pdu = Pdu::Make(command_id, sequence);
  pdu.header.command_status = command_status;
  if (BodyOmitted(pdu.header)) return pdu;
  Reader reader(bytes.substr(kHeaderLength), CommandName(command_id));
  std::visit([&reader](auto& body) { Fields(reader, body); }, pdu.body);
  reader.End();
  if (reader.failed()) {
    return DecodeError{reader.error_status(), command_id, sequence, reader.error_message()};
  }
  return pdu;
}

Status Validate(const Pdu& pdu) {
  const auto info = FindCommand(pdu.header.command_id);
  if (!info) {
    return Status::InvalidInput("cannot encode " + CommandName(pdu.header.command_id));
  }
  if (pdu.body.index() != static_cast<size_t>(info->body)) {
    return Status::InvalidInput(std::string(info->name) + ": body of another command");
  }
  Validator validator;
  std::visit([&validator](const auto& body) { Fields(validator, body); }, pdu.body);
  return validator.status().WithContext(std::string(info->name));
}

std::string Encode(const Pdu& pdu) {
  if (!Validate(pdu).ok()) std::abort();
  std::string out;
  AppendU32(out, 0);  // command_length, set below
  AppendU32(out, pdu.header.command_id);
  AppendU32(out, pdu.header.command_status);
  AppendU32(out, pdu.header.sequence_number);
  if (!BodyOmitted(pdu.header)) {
    Writer writer(out);
    std::visit([&writer](const auto& body) { Fields(writer, body); }, pdu.body);
  }
  const uint32_t length = static_cast<uint32_t>(out.size());
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(length >> (24 - 8 * i));
  return out;
}

Pdu ErrorReply(const DecodeError& error) {
  const auto response = ResponseIdOf(error.command_id);
  // A bad length or unknown id is answered by generic_nack (spec 4.3).
  const bool nack = !response || error.command_status == status::kInvalidCommandLength ||
                    error.command_status == status::kInvalidCommandId;
  Pdu reply = Pdu::Make(nack ? command::kGenericNack : *response, error.sequence);
  reply.header.command_status = error.command_status;
  return reply;
}

}  // namespace dvc::gateway::smpp
