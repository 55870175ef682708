#include "smpp/commands.h"

#include <array>
#include <cstdio>

namespace dvc::gateway::smpp {
namespace {

constexpr std::array kCommands = {
    CommandInfo{command::kGenericNack, "generic_nack", BodyKind::kNone},
    CommandInfo{command::kBindReceiver, "bind_receiver", BodyKind::kBind},
    CommandInfo{command::kBindReceiverResp, "bind_receiver_resp", BodyKind::kBindResp},
    CommandInfo{command::kBindTransmitter, "bind_transmitter", BodyKind::kBind},
    CommandInfo{command::kBindTransmitterResp, "bind_transmitter_resp", BodyKind::kBindResp},
    CommandInfo{command::kSubmitSm, "submit_sm", BodyKind::kSubmitSm},
    CommandInfo{command::kSubmitSmResp, "submit_sm_resp", BodyKind::kSubmitSmResp},
    CommandInfo{command::kDeliverSm, "deliver_sm", BodyKind::kDeliverSm},
    CommandInfo{command::kDeliverSmResp, "deliver_sm_resp", BodyKind::kDeliverSmResp},
    CommandInfo{command::kUnbind, "unbind", BodyKind::kNone},
    CommandInfo{command::kUnbindResp, "unbind_resp", BodyKind::kNone},
    CommandInfo{command::kBindTransceiver, "bind_transceiver", BodyKind::kBind},
    CommandInfo{command::kBindTransceiverResp, "bind_transceiver_resp", BodyKind::kBindResp},
    CommandInfo{command::kOutbind, "outbind", BodyKind::kOutbind},
    CommandInfo{command::kEnquireLink, "enquire_link", BodyKind::kNone},
    CommandInfo{command::kEnquireLinkResp, "enquire_link_resp", BodyKind::kNone},
    CommandInfo{command::kAlertNotification, "alert_notification", BodyKind::kAlertNotification},
    CommandInfo{command::kDataSm, "data_sm", BodyKind::kDataSm},
    CommandInfo{command::kDataSmResp, "data_sm_resp", BodyKind::kDataSmResp},
};

struct StatusInfo {
  uint32_t value;
  std::string_view name;
  std::string_view meaning;
};

constexpr std::array kStatuses = {
    StatusInfo{status::kOk, "ESME_ROK", "no error"},
    StatusInfo{status::kInvalidMsgLength, "ESME_RINVMSGLEN", "message length is invalid"},
    StatusInfo{status::kInvalidCommandLength, "ESME_RINVCMDLEN", "command length is invalid"},
    StatusInfo{status::kInvalidCommandId, "ESME_RINVCMDID", "invalid command id"},
    StatusInfo{status::kInvalidBindStatus, "ESME_RINVBNDSTS",
               "incorrect bind status for the given command"},
    StatusInfo{status::kAlreadyBound, "ESME_RALYBND", "ESME already in bound state"},
    StatusInfo{status::kInvalidPriorityFlag, "ESME_RINVPRTFLG", "invalid priority flag"},
    StatusInfo{status::kInvalidRegDelivery, "ESME_RINVREGDLVFLG",
               "invalid registered delivery flag"},
    StatusInfo{status::kSystemError, "ESME_RSYSERR", "system error"},
    StatusInfo{status::kInvalidSourceAddr, "ESME_RINVSRCADR", "invalid source address"},
    StatusInfo{status::kInvalidDestAddr, "ESME_RINVDSTADR", "invalid destination address"},
    StatusInfo{status::kInvalidMessageId, "ESME_RINVMSGID", "message id is invalid"},
    StatusInfo{status::kBindFailed, "ESME_RBINDFAIL", "bind failed"},
    StatusInfo{status::kInvalidPassword, "ESME_RINVPASWD", "invalid password"},
    StatusInfo{status::kInvalidSystemId, "ESME_RINVSYSID", "invalid system id"},
    StatusInfo{status::kCancelFailed, "ESME_RCANCELFAIL", "cancel_sm failed"},
    StatusInfo{status::kReplaceFailed, "ESME_RREPLACEFAIL", "replace_sm failed"},
    StatusInfo{status::kMessageQueueFull, "ESME_RMSGQFUL", "message queue full"},
    StatusInfo{status::kInvalidServiceType, "ESME_RINVSERTYP", "invalid service type"},
    StatusInfo{status::kInvalidNumDests, "ESME_RINVNUMDESTS", "invalid number of destinations"},
    StatusInfo{status::kInvalidDlName, "ESME_RINVDLNAME", "invalid distribution list name"},
    StatusInfo{status::kInvalidDestFlag, "ESME_RINVDESTFLAG", "invalid destination flag"},
    StatusInfo{status::kInvalidSubmitReplace, "ESME_RINVSUBREP",
               "invalid submit with replace request"},
    StatusInfo{status::kInvalidEsmClass, "ESME_RINVESMCLASS", "invalid esm_class field data"},
    StatusInfo{status::kCannotSubmitToDl, "ESME_RCNTSUBDL", "cannot submit to distribution list"},
    StatusInfo{status::kSubmitFailed, "ESME_RSUBMITFAIL", "submit_sm or submit_multi failed"},
    StatusInfo{status::kInvalidSourceTon, "ESME_RINVSRCTON", "invalid source address TON"},
    StatusInfo{status::kInvalidSourceNpi, "ESME_RINVSRCNPI", "invalid source address NPI"},
    StatusInfo{status::kInvalidDestTon, "ESME_RINVDSTTON", "invalid destination address TON"},
    StatusInfo{status::kInvalidDestNpi, "ESME_RINVDSTNPI", "invalid destination address NPI"},
    StatusInfo{status::kInvalidSystemType, "ESME_RINVSYSTYP", "invalid system_type field"},
    StatusInfo{status::kInvalidReplaceFlag, "ESME_RINVREPFLAG", "invalid replace_if_present flag"},
    StatusInfo{status::kInvalidNumMessages, "ESME_RINVNUMMSGS", "invalid number of messages"},
    StatusInfo{status::kThrottled, "ESME_RTHROTTLED",
               "throttling error, the ESME exceeded allowed message limits"},
    StatusInfo{status::kInvalidSchedule, "ESME_RINVSCHED", "invalid scheduled delivery time"},
    StatusInfo{status::kInvalidExpiry, "ESME_RINVEXPIRY", "invalid validity period"},
    StatusInfo{status::kInvalidDefaultMsgId, "ESME_RINVDFTMSGID",
               "predefined message invalid or not found"},
    StatusInfo{status::kTempAppError, "ESME_RX_T_APPN", "ESME receiver temporary app error"},
    StatusInfo{status::kPermAppError, "ESME_RX_P_APPN", "ESME receiver permanent app error"},
    StatusInfo{status::kRejectAppError, "ESME_RX_R_APPN", "ESME receiver reject message error"},
    StatusInfo{status::kQueryFailed, "ESME_RQUERYFAIL", "query_sm request failed"},
    StatusInfo{status::kInvalidOptionalStream, "ESME_RINVOPTPARSTREAM",
               "error in the optional part of the PDU body"},
    StatusInfo{status::kOptionalNotAllowed, "ESME_ROPTPARNOTALLWD",
               "optional parameter not allowed"},
    StatusInfo{status::kInvalidParamLength, "ESME_RINVPARLEN", "invalid parameter length"},
    StatusInfo{status::kMissingOptional, "ESME_RMISSINGOPTPARAM",
               "expected optional parameter missing"},
    StatusInfo{status::kInvalidOptionalValue, "ESME_RINVOPTPARAMVAL",
               "invalid optional parameter value"},
    StatusInfo{status::kDeliveryFailure, "ESME_RDELIVERYFAILURE",
               "delivery failure (used for data_sm_resp)"},
    StatusInfo{status::kUnknownError, "ESME_RUNKNOWNERR", "unknown error"},
};

const StatusInfo* FindStatus(uint32_t value) {
  for (const StatusInfo& info : kStatuses) {
    if (info.value == value) return &info;
  }
  return nullptr;
}

std::string Hex32(uint32_t value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%08x", static_cast<unsigned>(value));
  return buffer;
}

}  // namespace

std::optional<CommandInfo> FindCommand(uint32_t command_id) {
  for (const CommandInfo& info : kCommands) {
    if (info.id == command_id) return info;
  }
  return std::nullopt;
}

std::string CommandName(uint32_t command_id) {
  const auto info = FindCommand(command_id);
  return info ? std::string(info->name) : "command_id " + Hex32(command_id);
}

std::optional<uint32_t> ResponseIdOf(uint32_t command_id) {
  if (IsResponse(command_id)) return std::nullopt;
  const auto response = FindCommand(command_id | command::kResponseBit);
  if (!FindCommand(command_id) || !response) return std::nullopt;
  return response->id;
}

std::string StatusName(uint32_t command_status) {
  const StatusInfo* info = FindStatus(command_status);
  return info ? std::string(info->name) : "command_status " + Hex32(command_status);
}

std::string DescribeStatus(uint32_t command_status) {
  const StatusInfo* info = FindStatus(command_status);
  if (!info) {
    // 0x400-0x4FF are reserved for SMSC vendors (spec table 5-2).
    const bool vendor = command_status >= 0x400 && command_status <= 0x4FF;
    return "command_status " + Hex32(command_status) +
           (vendor ? ": SMSC vendor-specific error" : ": reserved or unknown error");
  }
  return std::string(info->name) + " (" + Hex32(command_status) +
         "): " + std::string(info->meaning);
}

}  // namespace dvc::gateway::smpp
