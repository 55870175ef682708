// Delivery receipts: what an SMSC tells the ESME about a submitted message,
// in a deliver_sm whose esm_class says "SMSC delivery receipt". The state
// comes from TLVs (receipted_message_id, message_state, network_error_code)
// when the SMSC sends them, else from the de-facto text of SMPP 3.4
// Appendix B:
//   id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm
//   stat:DDDDDDD err:E text: ...
// which SMSCs vary: keys in any case, fields in any order or missing, ids in
// hex or decimal, seconds added to dates. The parser is tolerant of all that.
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "smpp/pdu.h"

namespace dvc::gateway::smpp {

// message_state values (SMPP 3.4 section 5.2.28); the text stat in comments.
enum class MessageState : uint8_t {
  kEnroute = 1,        // ENROUTE: in transit, more to come
  kDelivered = 2,      // DELIVRD
  kExpired = 3,        // EXPIRED: validity period passed
  kDeleted = 4,        // DELETED
  kUndeliverable = 5,  // UNDELIV
  kAccepted = 6,       // ACCEPTD: read on the subscriber's behalf (final per the spec)
  kUnknown = 7,        // UNKNOWN: invalid state
  kRejected = 8,       // REJECTD
};

// The state of a message_state TLV value; nullopt outside 1..8.
std::optional<MessageState> MessageStateFromTlv(uint8_t value);

// The state of a receipt's stat value ("DELIVRD", "delivrd", also the
// spelled-out "DELIVERED", "UNDELIVERABLE", ...); nullopt when unknown.
std::optional<MessageState> MessageStateFromStat(std::string_view stat);

// The 7-letter stat spelling ("DELIVRD").
std::string_view StatText(MessageState state);

// True for states no later receipt changes: every state but ENROUTE and
// UNKNOWN (the session keeps waiting, under its own timeout, for those).
bool IsFinal(MessageState state);

// True only for DELIVRD: the resident's phone got the message.
bool IsDelivered(MessageState state);

// One receipt; text fields are as the SMSC wrote them (empty when missing).
struct DeliveryReceipt {
  std::string message_id;   // matches submit_sm_resp.message_id (MessageIdsMatch)
  std::string submitted;    // sub: messages submitted
  std::string delivered;    // dlvrd: messages delivered
  std::string submit_date;  // YYMMDDhhmm[ss]
  std::string done_date;    // YYMMDDhhmm[ss]
  std::string stat;         // raw stat text, e.g. "DELIVRD"
  std::optional<MessageState> state;
  std::string error;  // err: network-specific code as text, e.g. "000"
  std::string text;   // text: the first characters of the original message
  std::optional<NetworkErrorCode> network_error;  // TLV only
  bool operator==(const DeliveryReceipt&) const = default;
};

// Parses receipt text. Unknown tokens are skipped; "text:" takes the rest of
// the input (it is last in every SMSC's layout, and may hold spaces and colons).
// Errors: kInvalidInput when neither an id: nor a stat: field is present.
Result<DeliveryReceipt> ParseReceiptText(std::string_view text);

// True when esm_class marks a deliver_sm as an SMSC delivery receipt
// (message type bits 5-2 equal to 0001).
bool IsDeliveryReceipt(const DeliverSm& deliver);

// The receipt a deliver_sm carries: TLVs first (receipted_message_id,
// message_state, network_error_code), the text of short_message (or
// message_payload when short_message is empty) for whatever they lack.
// Does not check esm_class (see IsDeliveryReceipt).
// Errors: kInvalidInput when neither TLVs nor text give an id or a state.
Result<DeliveryReceipt> ReceiptFromDeliverSm(const DeliverSm& deliver);

// How an SMSC spells the id of one message in submit_sm_resp and in its
// receipts (some answer in hex and write receipts in decimal, or the
// reverse); a per-SMSC setting, since guessing would match wrong messages.
enum class MessageIdStyle { kSame, kHexInRespDecimalInReceipt, kDecimalInRespHexInReceipt };

// `id` in lower case without leading zeros: the key under which the session
// files a submit_sm_resp message_id.
std::string CanonicalMessageId(std::string_view id);

// A receipt's message id as CanonicalMessageId of the submit_sm_resp id it
// answers. Errors: nullopt when the style asks for a conversion and `id` is
// not a number of that base that fits in 64 bits.
std::optional<std::string> ReceiptIdAsRespId(std::string_view id, MessageIdStyle style);

}  // namespace dvc::gateway::smpp
