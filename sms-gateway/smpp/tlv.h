// SMPP 3.4 optional parameters (TLVs, spec section 5.3): a generic ordered
// list of (tag, value bytes) with typed accessors for the tags the gateway
// reads or writes. Unknown tags are kept as they came (the spec asks
// receivers to ignore them, and keeping them lets a PDU re-encode unchanged).
//
// Thread-safety: values; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dvc::gateway::smpp {

namespace tlv_tag {
inline constexpr uint16_t kReceiptedMessageId = 0x001E;
inline constexpr uint16_t kUserMessageReference = 0x0204;
inline constexpr uint16_t kSarMsgRefNum = 0x020C;
inline constexpr uint16_t kSarTotalSegments = 0x020E;
inline constexpr uint16_t kSarSegmentSeqnum = 0x020F;
inline constexpr uint16_t kScInterfaceVersion = 0x0210;
inline constexpr uint16_t kNetworkErrorCode = 0x0423;
inline constexpr uint16_t kMessagePayload = 0x0424;
inline constexpr uint16_t kMessageState = 0x0427;
inline constexpr uint16_t kUssdServiceOp = 0x0501;
inline constexpr uint16_t kItsSessionInfo = 0x1383;
}  // namespace tlv_tag

// One optional parameter as on the wire; `value` holds raw octets (its length
// is the TLV's length field, so at most 65535).
struct Tlv {
  uint16_t tag = 0;
  std::string value;
  bool operator==(const Tlv&) const = default;
};

// network_error_code (0x0423): network type (1 ANSI-136, 2 IS-95, 3 GSM, ...)
// and that network's error code.
struct NetworkErrorCode {
  uint8_t network_type = 0;
  uint16_t error_code = 0;
  bool operator==(const NetworkErrorCode&) const = default;
};

// The allowed value length of a known tag, for Decode's ESME_RINVPARLEN check;
// nullopt for tags the codec does not know (any length up to 65535 is kept).
struct TlvLengthRule {
  uint16_t min;
  uint16_t max;
};
std::optional<TlvLengthRule> KnownTlvLength(uint16_t tag);

// The spec's name of a known tag ("message_state"), else "tag 0x%04x".
std::string TlvName(uint16_t tag);

// The optional parameters of one PDU, in wire order. Typed getters read the
// first TLV with their tag and return nullopt when it is absent or its length
// is not the one the spec gives; typed setters replace the first TLV with the
// tag (or append one), so a PDU built by the session has each tag once.
struct TlvList {
  std::vector<Tlv> items;

  bool operator==(const TlvList&) const = default;
  bool empty() const { return items.empty(); }

  // The raw value of the first TLV with `tag`, or nullptr. The pointer is
  // valid until `items` changes.
  const std::string* Find(uint16_t tag) const;
  // Replaces the value of the first TLV with `tag`, or appends a new one.
  // REQUIRES: value.size() <= 65535 (aborts otherwise).
  void Set(uint16_t tag, std::string value);

  // receipted_message_id (C-octet string): the id without its NUL; a missing
  // NUL is tolerated (some SMSCs omit it).
  std::optional<std::string> ReceiptedMessageId() const;
  void SetReceiptedMessageId(std::string_view id);  // REQUIRES: id.size() <= 64, no NUL
  // message_state: 1 ENROUTE ... 8 REJECTED (delivery_receipt.h maps it).
  std::optional<uint8_t> MessageState() const;
  void SetMessageState(uint8_t state);
  std::optional<NetworkErrorCode> NetworkError() const;
  void SetNetworkError(NetworkErrorCode code);
  std::optional<uint16_t> SarMsgRefNum() const;
  void SetSarMsgRefNum(uint16_t reference);
  std::optional<uint8_t> SarTotalSegments() const;
  void SetSarTotalSegments(uint8_t total);
  std::optional<uint8_t> SarSegmentSeqnum() const;
  void SetSarSegmentSeqnum(uint8_t seqnum);
  // message_payload: raw octets in the PDU's data_coding.
  std::optional<std::string> MessagePayload() const;
  void SetMessagePayload(std::string payload);  // REQUIRES: payload.size() <= 65535
  std::optional<uint8_t> UssdServiceOp() const;
  void SetUssdServiceOp(uint8_t op);
  // its_session_info: session number (high octet) and sequence/end bit.
  std::optional<uint16_t> ItsSessionInfo() const;
  void SetItsSessionInfo(uint16_t info);
  std::optional<uint16_t> UserMessageReference() const;
  void SetUserMessageReference(uint16_t reference);
};

}  // namespace dvc::gateway::smpp
