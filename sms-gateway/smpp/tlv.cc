#include "smpp/tlv.h"

#include <array>
#include <cstdio>
#include <cstdlib>

namespace dvc::gateway::smpp {
namespace {

struct KnownTlv {
  uint16_t tag;
  std::string_view name;
  uint16_t min;
  uint16_t max;
};

// Lengths from SMPP 3.4 section 5.3.2. C-octet strings count their NUL.
constexpr std::array kKnownTlvs = {
    KnownTlv{0x0005, "dest_addr_subunit", 1, 1},
    KnownTlv{0x0006, "dest_network_type", 1, 1},
    KnownTlv{0x0007, "dest_bearer_type", 1, 1},
    KnownTlv{0x0008, "dest_telematics_id", 2, 2},
    KnownTlv{0x000D, "source_addr_subunit", 1, 1},
    KnownTlv{0x000E, "source_network_type", 1, 1},
    KnownTlv{0x000F, "source_bearer_type", 1, 1},
    KnownTlv{0x0010, "source_telematics_id", 1, 1},
    KnownTlv{0x0017, "qos_time_to_live", 4, 4},
    KnownTlv{0x0019, "payload_type", 1, 1},
    KnownTlv{0x001D, "additional_status_info_text", 1, 256},
    KnownTlv{tlv_tag::kReceiptedMessageId, "receipted_message_id", 1, 65},
    KnownTlv{0x0030, "ms_msg_wait_facilities", 1, 1},
    KnownTlv{0x0201, "privacy_indicator", 1, 1},
    KnownTlv{0x0202, "source_subaddress", 2, 23},
    KnownTlv{0x0203, "dest_subaddress", 2, 23},
    KnownTlv{tlv_tag::kUserMessageReference, "user_message_reference", 2, 2},
    KnownTlv{0x0205, "user_response_code", 1, 1},
    KnownTlv{0x020A, "source_port", 2, 2},
    KnownTlv{0x020B, "destination_port", 2, 2},
    KnownTlv{tlv_tag::kSarMsgRefNum, "sar_msg_ref_num", 2, 2},
    KnownTlv{0x020D, "language_indicator", 1, 1},
    KnownTlv{tlv_tag::kSarTotalSegments, "sar_total_segments", 1, 1},
    KnownTlv{tlv_tag::kSarSegmentSeqnum, "sar_segment_seqnum", 1, 1},
    KnownTlv{tlv_tag::kScInterfaceVersion, "sc_interface_version", 1, 1},
    KnownTlv{0x0302, "callback_num_pres_ind", 1, 1},
    KnownTlv{0x0304, "number_of_messages", 1, 1},
    KnownTlv{0x0381, "callback_num", 4, 19},
    KnownTlv{0x0420, "dpf_result", 1, 1},
    KnownTlv{0x0421, "set_dpf", 1, 1},
    KnownTlv{0x0422, "ms_availability_status", 1, 1},
    KnownTlv{tlv_tag::kNetworkErrorCode, "network_error_code", 3, 3},
    KnownTlv{tlv_tag::kMessagePayload, "message_payload", 0, 65535},
    KnownTlv{0x0425, "delivery_failure_reason", 1, 1},
    KnownTlv{0x0426, "more_messages_to_send", 1, 1},
    KnownTlv{tlv_tag::kMessageState, "message_state", 1, 1},
    KnownTlv{tlv_tag::kUssdServiceOp, "ussd_service_op", 1, 1},
    KnownTlv{0x1201, "display_time", 1, 1},
    KnownTlv{0x1203, "sms_signal", 2, 2},
    KnownTlv{0x1204, "ms_validity", 1, 1},
    KnownTlv{0x130C, "alert_on_message_delivery", 0, 0},
    KnownTlv{0x1380, "its_reply_type", 1, 1},
    KnownTlv{tlv_tag::kItsSessionInfo, "its_session_info", 2, 2},
};

const KnownTlv* FindKnown(uint16_t tag) {
  for (const KnownTlv& known : kKnownTlvs) {
    if (known.tag == tag) return &known;
  }
  return nullptr;
}

std::string BigEndian(uint32_t value, int octets) {
  std::string out;
  for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xFF));
  }
  return out;
}

// The value of a fixed-size integer TLV, or nullopt when absent or of
// another length.
std::optional<uint32_t> IntegerOf(const std::string* value, size_t octets) {
  if (value == nullptr || value->size() != octets) return std::nullopt;
  uint32_t result = 0;
  for (char c : *value) result = (result << 8) | static_cast<uint8_t>(c);
  return result;
}

}  // namespace

std::optional<TlvLengthRule> KnownTlvLength(uint16_t tag) {
  const KnownTlv* known = FindKnown(tag);
  if (known == nullptr) return std::nullopt;
  return TlvLengthRule{known->min, known->max};
}

std::string TlvName(uint16_t tag) {
  if (const KnownTlv* known = FindKnown(tag)) return std::string(known->name);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "tag 0x%04x", static_cast<unsigned>(tag));
  return buffer;
}

const std::string* TlvList::Find(uint16_t tag) const {
  for (const Tlv& item : items) {
    if (item.tag == tag) return &item.value;
  }
  return nullptr;
}

void TlvList::Set(uint16_t tag, std::string value) {
  if (value.size() > 0xFFFF) std::abort();  // cannot be encoded: a caller's bug
  for (Tlv& item : items) {
    if (item.tag == tag) {
      item.value = std::move(value);
      return;
    }
  }
  items.push_back(Tlv{tag, std::move(value)});
}

std::optional<std::string> TlvList::ReceiptedMessageId() const {
  const std::string* value = Find(tlv_tag::kReceiptedMessageId);
  if (value == nullptr) return std::nullopt;
  const size_t nul = value->find('\0');
  return value->substr(0, nul);
}

void TlvList::SetReceiptedMessageId(std::string_view id) {
  if (id.size() > 64 || id.find('\0') != std::string_view::npos) std::abort();
  std::string value(id);
  value.push_back('\0');
  Set(tlv_tag::kReceiptedMessageId, std::move(value));
}

std::optional<uint8_t> TlvList::MessageState() const {
  const auto value = IntegerOf(Find(tlv_tag::kMessageState), 1);
  if (!value) return std::nullopt;
  return static_cast<uint8_t>(*value);
}

void TlvList::SetMessageState(uint8_t state) { Set(tlv_tag::kMessageState, BigEndian(state, 1)); }

std::optional<NetworkErrorCode> TlvList::NetworkError() const {
  const auto value = IntegerOf(Find(tlv_tag::kNetworkErrorCode), 3);
  if (!value) return std::nullopt;
  return NetworkErrorCode{static_cast<uint8_t>(*value >> 16), static_cast<uint16_t>(*value)};
}

void TlvList::SetNetworkError(NetworkErrorCode code) {
  Set(tlv_tag::kNetworkErrorCode,
      BigEndian((static_cast<uint32_t>(code.network_type) << 16) | code.error_code, 3));
}

std::optional<uint16_t> TlvList::SarMsgRefNum() const {
  const auto value = IntegerOf(Find(tlv_tag::kSarMsgRefNum), 2);
  if (!value) return std::nullopt;
  return static_cast<uint16_t>(*value);
}

void TlvList::SetSarMsgRefNum(uint16_t reference) {
  Set(tlv_tag::kSarMsgRefNum, BigEndian(reference, 2));
}

std::optional<uint8_t> TlvList::SarTotalSegments() const {
  const auto value = IntegerOf(Find(tlv_tag::kSarTotalSegments), 1);
  if (!value) return std::nullopt;
  return static_cast<uint8_t>(*value);
}

void TlvList::SetSarTotalSegments(uint8_t total) {
  Set(tlv_tag::kSarTotalSegments, BigEndian(total, 1));
}

std::optional<uint8_t> TlvList::SarSegmentSeqnum() const {
  const auto value = IntegerOf(Find(tlv_tag::kSarSegmentSeqnum), 1);
  if (!value) return std::nullopt;
  return static_cast<uint8_t>(*value);
}

void TlvList::SetSarSegmentSeqnum(uint8_t seqnum) {
  Set(tlv_tag::kSarSegmentSeqnum, BigEndian(seqnum, 1));
}

std::optional<std::string> TlvList::MessagePayload() const {
  const std::string* value = Find(tlv_tag::kMessagePayload);
  if (value == nullptr) return std::nullopt;
  return *value;
}

void TlvList::SetMessagePayload(std::string payload) {
  Set(tlv_tag::kMessagePayload, std::move(payload));
}

std::optional<uint8_t> TlvList::UssdServiceOp() const {
  const auto value = IntegerOf(Find(tlv_tag::kUssdServiceOp), 1);
  if (!value) return std::nullopt;
  return static_cast<uint8_t>(*value);
}

void TlvList::SetUssdServiceOp(uint8_t op) { Set(tlv_tag::kUssdServiceOp, BigEndian(op, 1)); }

std::optional<uint16_t> TlvList::ItsSessionInfo() const {
  const auto value = IntegerOf(Find(tlv_tag::kItsSessionInfo), 2);
  if (!value) return std::nullopt;
  return static_cast<uint16_t>(*value);
}

void TlvList::SetItsSessionInfo(uint16_t info) {
  Set(tlv_tag::kItsSessionInfo, BigEndian(info, 2));
}

std::optional<uint16_t> TlvList::UserMessageReference() const {
  const auto value = IntegerOf(Find(tlv_tag::kUserMessageReference), 2);
  if (!value) return std::nullopt;
  return static_cast<uint16_t>(*value);
}

void TlvList::SetUserMessageReference(uint16_t reference) {
  Set(tlv_tag::kUserMessageReference, BigEndian(reference, 2));
}

}  // namespace dvc::gateway::smpp
