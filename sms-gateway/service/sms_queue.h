// The outbound SMS queue's life cycle beyond one synchronous send: what a
// channel (the log file, or SMPP connections with their window) reports back,
// and the channel interface the pump (sms_pump.h) feeds.
//
//   pending --SmsRound claims--> sending --outcome--> sent --receipts--> delivered
//      ^                        |  \--rejected / attempts exhausted--> failed
//      `--retry (back-off) -----'
//
// A row is 'sending' from the moment it is handed to a channel until the
// channel's outcome is committed. A crash in between leaves it 'sending';
// ResumeInterruptedSms puts it back to 'pending' at the next start, so the
// message goes again: the documented duplicate window (at most the messages
// in flight: a channel's window).
//
// Thread-safety: values; SmsChannel implementations say their own.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "service/sms_notifications.h"

namespace dvc::gateway {

// What became of one claimed message.
struct SmsOutcome {
  enum class Kind {
    kAccepted,  // the SMSC took every part: message_ids, one per part
    kRejected,  // permanently refused (bad number...): 'failed' with reason
    kRetry,     // a temporary refusal: counted against max_attempts, back-off
    kNotSent,   // never reached an SMSC (link down, window full, shutdown): due
                // again shortly, the attempt not counted
  };
  int64_t id = 0;  // sms_outbox.id
  Kind kind = Kind::kAccepted;
  std::string route;  // the channel or SMSC connection that took it
  std::vector<std::string> message_ids;
  std::string reason;  // for kRejected / kRetry / kNotSent: what a person reads
  // Whether delivery receipts were asked for: only then are the parts' ids
  // kept (sms_parts) for receipts to be matched against.
  bool receipts_expected = true;
};

// A delivery receipt: the SMSC's final word on one part.
struct SmsReceiptNotice {
  std::string route;
  std::string message_id;  // as the route's outcome gave it
  bool delivered = false;
  std::string stat;  // "DELIVRD", "UNDELIV", "EXPIRED", ...
};

// Where claimed messages go. The pump calls Room and Send from its one
// thread; the channel reports each taken message's SmsOutcome later (or from
// inside Send) through the callback it was built with.
class SmsChannel {
 public:
  virtual ~SmsChannel() = default;
  // How many messages Send would take now (0: none; try later).
  virtual size_t Room() = 0;
  // Hands a round's messages over together; returns the ids of those not
  // taken (no outcome follows for them).
  virtual std::vector<int64_t> Send(std::span<const OutgoingSms> batch) = 0;
};

// One row of the queue, for the operator (`sms-gateway sms list`). The
// phone of a reply is masked; a notification's is never stored.
struct SmsQueueRow {
  int64_t id = 0;
  std::string dossier_code;  // empty for a reply
  std::string event;
  std::string state;
  int attempts = 0;
  int parts = 0;
  std::string route;
  std::string message_id;
  std::string reason;
  std::string to;  // a reply's number, masked
  int64_t next_attempt_at = 0;
  int64_t updated_at = 0;
};

struct SmsQueueFilter {
  std::string state;  // "" = any
  std::string code;   // a dossier code as typed, "" = any
  int limit = 50;
};

// What the queue holds, by state (for metrics and `sms list`).
struct SmsQueueCounts {
  int64_t pending = 0, sending = 0, sent = 0, delivered = 0, failed = 0, skipped = 0;
};

}  // namespace dvc::gateway
