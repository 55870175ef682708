// SMPP 3.4 PDUs as values, and their wire encoding (spec chapters 3-5):
// Encode one Pdu to bytes, Decode the bytes of one PDU (as cut by Framer,
// framer.h). Pure code, no sockets: the ESME session of issue 5 is built on it.
//
// Limits follow the spec: every C-octet string is bounded by its maximum
// size (NUL included) and by the PDU end, short_message by 254 octets, TLVs
// by their length fields and, for known tags, by the spec's lengths.
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/status.h"
#include "smpp/commands.h"
#include "smpp/tlv.h"

namespace dvc::gateway::smpp {

inline constexpr uint32_t kHeaderLength = 16;
inline constexpr uint8_t kInterfaceVersion34 = 0x34;
inline constexpr size_t kMaxShortMessage = 254;

// bind_receiver / bind_transmitter / bind_transceiver (which one is the
// header's command_id). Sizes exclude the NUL.
struct BindRequest {
  std::string system_id;    // <= 15
  std::string password;     // <= 8
  std::string system_type;  // <= 12
  uint8_t interface_version = kInterfaceVersion34;
  uint8_t addr_ton = 0;
  uint8_t addr_npi = 0;
  std::string address_range;  // <= 40
  bool operator==(const BindRequest&) const = default;
};

// bind_*_resp: the SMSC's system_id and optionally sc_interface_version.
struct BindResponse {
  std::string system_id;  // <= 15
  TlvList tlvs;
  bool operator==(const BindResponse&) const = default;
};

// The fields submit_sm and deliver_sm share (spec 4.4.1 and 4.6.1).
struct ShortMessageFields {
  std::string service_type;  // <= 5
  uint8_t source_addr_ton = 0;
  uint8_t source_addr_npi = 0;
  std::string source_addr;  // <= 20
  uint8_t dest_addr_ton = 0;
  uint8_t dest_addr_npi = 0;
  std::string destination_addr;  // <= 20
  uint8_t esm_class = 0;
  uint8_t protocol_id = 0;
  uint8_t priority_flag = 0;
  std::string schedule_delivery_time;  // empty or 16 characters (absolute/relative time)
  std::string validity_period;         // empty or 16 characters
  uint8_t registered_delivery = 0;
  uint8_t replace_if_present_flag = 0;
  uint8_t data_coding = 0;
  uint8_t sm_default_msg_id = 0;
  std::string short_message;  // raw octets, <= 254 (longer text goes in message_payload)
  TlvList tlvs;
  bool operator==(const ShortMessageFields&) const = default;
};

struct SubmitSm : ShortMessageFields {
  bool operator==(const SubmitSm&) const = default;
};
// In deliver_sm the SMSC leaves schedule/validity empty; a delivery receipt
// has esm_class bit 2 set (see delivery_receipt.h).
struct DeliverSm : ShortMessageFields {
  bool operator==(const DeliverSm&) const = default;
};

struct SubmitSmResp {
  std::string message_id;  // <= 64: the SMSC's id, matched later by receipts
  bool operator==(const SubmitSmResp&) const = default;
};

struct DeliverSmResp {
  std::string message_id;  // unused by the spec: always empty from an ESME
  bool operator==(const DeliverSmResp&) const = default;
};

// data_sm (spec 4.7.1): the payload travels in TLVs (message_payload, ...).
struct DataSm {
  std::string service_type;  // <= 5
  uint8_t source_addr_ton = 0;
  uint8_t source_addr_npi = 0;
  std::string source_addr;  // <= 64
  uint8_t dest_addr_ton = 0;
  uint8_t dest_addr_npi = 0;
  std::string destination_addr;  // <= 64
  uint8_t esm_class = 0;
  uint8_t registered_delivery = 0;
  uint8_t data_coding = 0;
  TlvList tlvs;
  bool operator==(const DataSm&) const = default;
};

struct DataSmResp {
  std::string message_id;  // <= 64
  TlvList tlvs;
  bool operator==(const DataSmResp&) const = default;
};

struct Outbind {
  std::string system_id;  // <= 15
  std::string password;   // <= 8
  bool operator==(const Outbind&) const = default;
};

struct AlertNotification {
  uint8_t source_addr_ton = 0;
  uint8_t source_addr_npi = 0;
  std::string source_addr;  // <= 64
  uint8_t esme_addr_ton = 0;
  uint8_t esme_addr_npi = 0;
  std::string esme_addr;  // <= 64
  TlvList tlvs;
  bool operator==(const AlertNotification&) const = default;
};

// Header fields but command_length, which Encode computes and Decode checks.
struct PduHeader {
  uint32_t command_id = 0;
  uint32_t command_status = status::kOk;
  uint32_t sequence_number = 0;
  bool operator==(const PduHeader&) const = default;
};

// For generic_nack, unbind(_resp), enquire_link(_resp).
struct NoBody {
  bool operator==(const NoBody&) const = default;
};

// One PDU. The alternative held by `body` must be the one CommandInfo::body
// names for header.command_id (Validate checks it).
struct Pdu {
  using Body = std::variant<NoBody, BindRequest, BindResponse, SubmitSm, SubmitSmResp, DeliverSm,
                            DeliverSmResp, DataSm, DataSmResp, Outbind, AlertNotification>;
  PduHeader header;
  Body body;
  bool operator==(const Pdu&) const = default;

  // A PDU of `command_id` with the body alternative that id takes, default
  // initialised. REQUIRES: FindCommand(command_id) (aborts otherwise).
  static Pdu Make(uint32_t command_id, uint32_t sequence_number);
};

// Why one PDU could not be decoded, with what the session needs to answer it:
// `command_status` (e.g. ESME_RINVCMDID for an unknown command_id), and the
// header's command_id and sequence_number when the buffer had them (else 0).
struct DecodeError {
  uint32_t command_status = status::kSystemError;
  uint32_t command_id = 0;
  uint32_t sequence = 0;
  std::string message;  // names the command and the field, for logs

  // As a Status (kInvalidInput) for callers that only log.
  Status ToStatus() const { return Status::InvalidInput(message); }
};

// Either a decoded Pdu or a DecodeError.
class [[nodiscard]] DecodeResult {
 public:
  DecodeResult(Pdu pdu) : value_(std::move(pdu)) {}              // NOLINT: implicit by design
  DecodeResult(DecodeError error) : value_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return std::holds_alternative<Pdu>(value_); }
  // REQUIRES: ok() (aborts otherwise).
  const Pdu& pdu() const& {
    if (!ok()) std::abort();
    return std::get<Pdu>(value_);
  }
  Pdu&& pdu() && {
    if (!ok()) std::abort();
    return std::get<Pdu>(std::move(value_));
  }
  // REQUIRES: !ok() (aborts otherwise).
  const DecodeError& error() const {
    if (ok()) std::abort();
    return std::get<DecodeError>(value_);
  }

 private:
  std::variant<Pdu, DecodeError> value_;
};

// Decodes exactly one PDU: `bytes` must hold its whole command_length and no
// more. Never reads outside `bytes`. Errors (command_status answered):
//  - fewer than 16 octets, or a command_length other than bytes.size(), or a
//    body that ends inside a field or has octets left over: ESME_RINVCMDLEN;
//  - a command_id not in FindCommand: ESME_RINVCMDID;
//  - a C-octet string with no NUL within its maximum size, or a time field
//    not empty or 16 characters: the field's status (system_id ESME_RINVSYSID,
//    password ESME_RINVPASWD, system_type ESME_RINVSYSTYP, service_type
//    ESME_RINVSERTYP, source_addr ESME_RINVSRCADR, destination_addr
//    ESME_RINVDSTADR, schedule ESME_RINVSCHED, validity ESME_RINVEXPIRY,
//    message_id ESME_RINVMSGID, address_range / esme_addr ESME_RINVCMDLEN);
//  - sm_length over 254 or past the PDU end: ESME_RINVMSGLEN;
//  - a TLV header or value cut by the PDU end: ESME_RINVOPTPARSTREAM;
//  - a known TLV whose length the spec forbids: ESME_RINVPARLEN.
// A response with a non-zero command_status decodes with a default body (the
// spec lets the SMSC omit it, and what is there carries no meaning).
DecodeResult Decode(std::string_view bytes);

// Checks that `pdu` can be encoded: body alternative matching the command,
// strings within their sizes and free of NUL, time fields empty or 16
// characters, short_message <= 254 octets, TLV values <= 65535 octets.
// Errors: kInvalidInput naming the command and field.
Status Validate(const Pdu& pdu);

// The wire bytes of `pdu`. A response with a non-zero command_status is
// encoded as a bare header (spec: the body is not returned on error).
// REQUIRES: Validate(pdu).ok() (aborts otherwise: sending a truncated
// address or a mislabelled body would be worse than stopping).
std::string Encode(const Pdu& pdu);

// The reply a session sends to a PDU that failed to decode: the request's
// own response carrying error.command_status when the command is a known
// request that has one (e.g. submit_sm_resp ESME_RINVDSTADR), else a
// generic_nack with that status (unknown command id, bad length, a broken
// response). Both echo error.sequence.
Pdu ErrorReply(const DecodeError& error);

}  // namespace dvc::gateway::smpp
