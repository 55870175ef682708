// SMPP 3.4 command ids and command_status values (spec sections 5.1.2 and
// 5.1.3), with the names logs and error messages print.
//
// The ESME session (issue 5) answers a PDU it cannot use with one of these
// statuses, so the values are the wire values, not an internal renumbering.
//
// Thread-safety: constants and pure functions over static tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dvc::gateway::smpp {

// command_id values the codec understands. A response id is its request id
// with the top bit set (kResponseBit).
namespace command {
inline constexpr uint32_t kResponseBit = 0x80000000;
inline constexpr uint32_t kGenericNack = 0x80000000;
inline constexpr uint32_t kBindReceiver = 0x00000001;
inline constexpr uint32_t kBindReceiverResp = 0x80000001;
inline constexpr uint32_t kBindTransmitter = 0x00000002;
inline constexpr uint32_t kBindTransmitterResp = 0x80000002;
inline constexpr uint32_t kSubmitSm = 0x00000004;
inline constexpr uint32_t kSubmitSmResp = 0x80000004;
inline constexpr uint32_t kDeliverSm = 0x00000005;
inline constexpr uint32_t kDeliverSmResp = 0x80000005;
inline constexpr uint32_t kUnbind = 0x00000006;
inline constexpr uint32_t kUnbindResp = 0x80000006;
inline constexpr uint32_t kBindTransceiver = 0x00000009;
inline constexpr uint32_t kBindTransceiverResp = 0x80000009;
inline constexpr uint32_t kOutbind = 0x0000000B;
inline constexpr uint32_t kEnquireLink = 0x00000015;
inline constexpr uint32_t kEnquireLinkResp = 0x80000015;
inline constexpr uint32_t kAlertNotification = 0x00000102;
inline constexpr uint32_t kDataSm = 0x00000103;
inline constexpr uint32_t kDataSmResp = 0x80000103;
}  // namespace command

// command_status values (SMPP 3.4 table 5-2), complete.
namespace status {
inline constexpr uint32_t kOk = 0x00;                     // ESME_ROK
inline constexpr uint32_t kInvalidMsgLength = 0x01;       // ESME_RINVMSGLEN
inline constexpr uint32_t kInvalidCommandLength = 0x02;   // ESME_RINVCMDLEN
inline constexpr uint32_t kInvalidCommandId = 0x03;       // ESME_RINVCMDID
inline constexpr uint32_t kInvalidBindStatus = 0x04;      // ESME_RINVBNDSTS
inline constexpr uint32_t kAlreadyBound = 0x05;           // ESME_RALYBND
inline constexpr uint32_t kInvalidPriorityFlag = 0x06;    // ESME_RINVPRTFLG
inline constexpr uint32_t kInvalidRegDelivery = 0x07;     // ESME_RINVREGDLVFLG
inline constexpr uint32_t kSystemError = 0x08;            // ESME_RSYSERR
inline constexpr uint32_t kInvalidSourceAddr = 0x0A;      // ESME_RINVSRCADR
inline constexpr uint32_t kInvalidDestAddr = 0x0B;        // ESME_RINVDSTADR
inline constexpr uint32_t kInvalidMessageId = 0x0C;       // ESME_RINVMSGID
inline constexpr uint32_t kBindFailed = 0x0D;             // ESME_RBINDFAIL
inline constexpr uint32_t kInvalidPassword = 0x0E;        // ESME_RINVPASWD
inline constexpr uint32_t kInvalidSystemId = 0x0F;        // ESME_RINVSYSID
inline constexpr uint32_t kCancelFailed = 0x11;           // ESME_RCANCELFAIL
inline constexpr uint32_t kReplaceFailed = 0x13;          // ESME_RREPLACEFAIL
inline constexpr uint32_t kMessageQueueFull = 0x14;       // ESME_RMSGQFUL
inline constexpr uint32_t kInvalidServiceType = 0x15;     // ESME_RINVSERTYP
inline constexpr uint32_t kInvalidNumDests = 0x33;        // ESME_RINVNUMDESTS
inline constexpr uint32_t kInvalidDlName = 0x34;          // ESME_RINVDLNAME
inline constexpr uint32_t kInvalidDestFlag = 0x40;        // ESME_RINVDESTFLAG
inline constexpr uint32_t kInvalidSubmitReplace = 0x42;   // ESME_RINVSUBREP
inline constexpr uint32_t kInvalidEsmClass = 0x43;        // ESME_RINVESMCLASS
inline constexpr uint32_t kCannotSubmitToDl = 0x44;       // ESME_RCNTSUBDL
inline constexpr uint32_t kSubmitFailed = 0x45;           // ESME_RSUBMITFAIL
inline constexpr uint32_t kInvalidSourceTon = 0x48;       // ESME_RINVSRCTON
inline constexpr uint32_t kInvalidSourceNpi = 0x49;       // ESME_RINVSRCNPI
inline constexpr uint32_t kInvalidDestTon = 0x50;         // ESME_RINVDSTTON
inline constexpr uint32_t kInvalidDestNpi = 0x51;         // ESME_RINVDSTNPI
inline constexpr uint32_t kInvalidSystemType = 0x53;      // ESME_RINVSYSTYP
inline constexpr uint32_t kInvalidReplaceFlag = 0x54;     // ESME_RINVREPFLAG
inline constexpr uint32_t kInvalidNumMessages = 0x55;     // ESME_RINVNUMMSGS
inline constexpr uint32_t kThrottled = 0x58;              // ESME_RTHROTTLED
inline constexpr uint32_t kInvalidSchedule = 0x61;        // ESME_RINVSCHED
inline constexpr uint32_t kInvalidExpiry = 0x62;          // ESME_RINVEXPIRY
inline constexpr uint32_t kInvalidDefaultMsgId = 0x63;    // ESME_RINVDFTMSGID
inline constexpr uint32_t kTempAppError = 0x64;           // ESME_RX_T_APPN
inline constexpr uint32_t kPermAppError = 0x65;           // ESME_RX_P_APPN
inline constexpr uint32_t kRejectAppError = 0x66;         // ESME_RX_R_APPN
inline constexpr uint32_t kQueryFailed = 0x67;            // ESME_RQUERYFAIL
inline constexpr uint32_t kInvalidOptionalStream = 0xC0;  // ESME_RINVOPTPARSTREAM
inline constexpr uint32_t kOptionalNotAllowed = 0xC1;     // ESME_ROPTPARNOTALLWD
inline constexpr uint32_t kInvalidParamLength = 0xC2;     // ESME_RINVPARLEN
inline constexpr uint32_t kMissingOptional = 0xC3;        // ESME_RMISSINGOPTPARAM
inline constexpr uint32_t kInvalidOptionalValue = 0xC4;   // ESME_RINVOPTPARAMVAL
inline constexpr uint32_t kDeliveryFailure = 0xFE;        // ESME_RDELIVERYFAILURE
inline constexpr uint32_t kUnknownError = 0xFF;           // ESME_RUNKNOWNERR
}  // namespace status

// The kind of body a command carries; the index of the matching alternative
// of Pdu::Body (pdu.h), checked there by a static_assert.
enum class BodyKind {
  kNone,               // generic_nack, unbind(_resp), enquire_link(_resp)
  kBind,               // bind_receiver / bind_transmitter / bind_transceiver
  kBindResp,           // their responses
  kSubmitSm,           //
  kSubmitSmResp,       //
  kDeliverSm,          //
  kDeliverSmResp,      //
  kDataSm,             //
  kDataSmResp,         //
  kOutbind,            //
  kAlertNotification,  //
};

// What the codec knows about one command id.
struct CommandInfo {
  uint32_t id;
  std::string_view name;  // the spec's name, e.g. "submit_sm_resp"
  BodyKind body;
};

// The table entry of `command_id`; nullopt for ids the codec does not handle
// (the session answers those with generic_nack ESME_RINVCMDID).
std::optional<CommandInfo> FindCommand(uint32_t command_id);

// The spec's name of `command_id`, or "command_id 0x%08x" for unknown ids.
std::string CommandName(uint32_t command_id);

// True when `command_id` is a response (top bit set; generic_nack included).
constexpr bool IsResponse(uint32_t command_id) { return (command_id & command::kResponseBit) != 0; }

// The response id of a request that has one (outbind and alert_notification
// have none); nullopt otherwise.
std::optional<uint32_t> ResponseIdOf(uint32_t command_id);

// "ESME_RTHROTTLED" for a known status, "command_status 0x%08x" otherwise.
std::string StatusName(uint32_t command_status);

// A sentence for logs and the operator, e.g. "ESME_RTHROTTLED (0x00000058):
// throttling error, the ESME exceeded allowed message limits".
std::string DescribeStatus(uint32_t command_status);

}  // namespace dvc::gateway::smpp
