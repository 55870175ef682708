// What the SMSC connections deliver that is not a receipt: a resident's SMS
// (an MO command: sms_commands.h) or a USSD step over SMPP (ussd_service_op:
// the ussd/ menu). The status returned is the deliver_sm_resp's: ESME_ROK
// once the message is recorded, ESME_RX_T_APPN when the store failed (the
// SMSC delivers it again).
//
// Thread-safety: Handle runs on the connections' threads, concurrently; the
// service and the USSD menu are thread-safe. Ownership: borrows all.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "cli/smpp_channel.h"
#include "service/gateway_service.h"
#include "service/sms_commands.h"
#include "smpp/session.h"
#include "ussd/ussd_service.h"

namespace dvc::gateway {

class SmsInboundHandler {
 public:
  // `ussd` may be null (SMPP USSD steps then get ESME_ROK and no answer);
  // `reply_queued` is called after an MO got a reply row (wakes the pump).
  SmsInboundHandler(GatewayService& service, MoOptions mo_options, UssdService* ussd,
                    std::function<void()> reply_queued, std::function<void(const std::string&)> log)
      : service_(service),
        mo_options_(std::move(mo_options)),
        ussd_(ussd),
        reply_queued_(std::move(reply_queued)),
        log_(std::move(log)) {}

  // Set once the channel exists (USSD screens go back through it).
  void SetChannel(SmppChannel* channel) { channel_ = channel; }

  uint32_t Handle(const smpp::Inbound& inbound);

 private:
  uint32_t HandleUssd(const smpp::Inbound& inbound, uint8_t op);

  GatewayService& service_;
  const MoOptions mo_options_;
  UssdService* ussd_;
  SmppChannel* channel_ = nullptr;
  std::function<void()> reply_queued_;
  std::function<void(const std::string&)> log_;
};

}  // namespace dvc::gateway
