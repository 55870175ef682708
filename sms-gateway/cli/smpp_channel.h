// SmppChannel: the outbound queue's channel (service/sms_queue.h) over SMPP
// connections to the telcos' SMSCs (smpp/session.h), one per connection file
// (config/smsc_config.h), with prefix routing and failover (smpp/smsc_router.h).
//
// Send splits the text into SMS parts (shared/text/sms_segment.h: GSM-7 or
// UCS-2, concatenated with an 8-bit reference when long), normalises the
// number to international form and submits to the first bound connection
// the router names that has room. Outcomes and delivery receipts go to the
// callbacks given at Create (the pump's Report and Receipt); messages the
// residents send (and SMPP USSD) go to `on_inbound`, whose status is the
// deliver_sm_resp's.
//
// Thread-safety: Room and Send from one thread (the pump's); the callbacks
// run on the connections' threads. Ownership: owns the sessions; Stop (or
// the destructor) unbinds them.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/smsc_config.h"
#include "service/sms_queue.h"
#include "smpp/session.h"
#include "smpp/smsc_router.h"

namespace dvc::gateway {

struct SmppChannelHooks {
  std::function<void(SmsOutcome)> on_outcome;
  std::function<void(SmsReceiptNotice)> on_receipt;
  // An MO message or USSD step; returns the deliver_sm_resp status
  // (smpp::status::kOk once it is stored).
  std::function<uint32_t(const smpp::Inbound&)> on_inbound;
  std::function<void(const std::string&)> log;
};

class SmppChannel final : public SmsChannel {
 public:
  // Starts one session per connection. `short_code` is the sender when a
  // connection's source_addr is empty. Errors (kInvalidInput): no
  // connection, a bad route.
  static Result<std::unique_ptr<SmppChannel>> Create(const std::vector<SmscFileConfig>& smscs,
                                                     const std::string& short_code,
                                                     SmppChannelHooks hooks);
  ~SmppChannel() override;

  size_t Room() override;
  std::vector<int64_t> Send(std::span<const OutgoingSms> batch) override;

  // Unbinds every connection; queued and in-flight messages come back as
  // outcomes (not sent) before it returns. Idempotent.
  void Stop();

  // The session named `name` (for USSD answers that must go back through the
  // connection the step came from); nullptr if unknown.
  smpp::Session* SessionNamed(const std::string& name);

  // Sends one USSD screen back through the connection `session` a step came
  // from (not through the queue: a USSD dialogue lives only while the phone
  // waits). `tlvs` carry ussd_service_op and its_session_info. False when the
  // connection is unknown, unbound or full, or the text cannot be encoded.
  bool SendUssd(const std::string& session, const std::string& destination,
                const std::string& gsm7_text, smpp::TlvList tlvs);

  // Names of the bound connections.
  std::vector<std::string> Bound();

  SmppChannel(SmppChannelHooks hooks, smpp::SmscRouter router);

 private:
  SmppChannelHooks hooks_;
  smpp::SmscRouter router_;
  std::map<std::string, std::unique_ptr<smpp::Session>> sessions_;
  uint8_t next_reference_ = 0;  // concatenation reference, rotated per message
  std::atomic<uint64_t> next_ussd_ref_{0};
};

// The SMPP submit parameters of one text: its parts, data_coding and
// esm_class. Errors (kInvalidInput): a text the encoding cannot carry.
Result<smpp::SubmitRequest> SubmitRequestFor(const OutgoingSms& sms, uint8_t reference);

// Submit refs with this bit are USSD screens, not queue rows.
inline constexpr uint64_t kUssdRefBit = uint64_t{1} << 63;

}  // namespace dvc::gateway
