// SMS commands from residents (MO): look a dossier up, ask for help, stop or
// restart notifications. GatewayService::ReceiveMo records each message and
// its answer in ONE write transaction (sms_inbox row, reply row in
// sms_outbox, opt-out change); the SMPP layer acknowledges the deliver_sm
// only after it returns ok, so a message is never lost, and a crash before
// the commit makes the SMSC deliver it again.
//
// Privacy: a look-up reply tells anyone who has the code the status, the
// appointment date and what to do next (what the receipt's holder needs).
// Only when the sender's number is the dossier's registered phone does it
// also name the procedure. It never carries the citizen ID, nor the
// applicant's name: the registered phone proves possession of a SIM, which
// families share and carriers recycle, and the owner knows their own name.
//
// Abuse: per-number limits over the last hour and day (failed look-ups
// weigh more, since they are what guessing codes looks like); over a limit
// the message is recorded 'rate_limited' with at most one "try later" reply
// per window. Stop and start always take effect (an opt-out is a right).
//
// Thread-safety: the types are values; see GatewayService for the calls.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "sms/mo_command.h"
#include "sms/mo_command_replies.h"
#include "sms/phone_key.h"
#include "store/database.h"

namespace dvc::gateway {

// One message a resident sent, as the SMPP layer received it.
struct MoMessage {
  std::string route;  // the SMSC route it came through (config name)
  std::string from;   // source_addr: "84912345678", "0912345678", "+84..."
  std::string to;     // destination_addr: the short code
  std::string text;   // DecodeSmsText's UTF-8 (stored as is, NFC, capped)
  // DecodeSmsText failed (odd UCS-2, unsupported charset): recorded, ignored.
  bool undecodable = false;
};

struct MoOptions {
  MoKeywords keywords;  // LoadMoKeywords(assets/sms/mo_commands.json)
  MoReplies replies;    // LoadMoReplies(assets/sms/replies.json)
  std::string short_code;
  // Messages per number (all outcomes count; a failed look-up counts
  // failed_lookup_weight times) before 'rate_limited'.
  int max_per_hour = 10;
  int max_per_day = 30;
  int failed_lookup_weight = 3;
};

// What ReceiveMo recorded.
struct MoOutcome {
  int64_t inbox_id = 0;  // sms_inbox.id
  // 'answered_owner', 'answered_status_only', 'mistyped', 'not_found', 'help',
  // 'stopped', 'started', 'rate_limited', 'ignored'.
  std::string outcome;
  std::optional<int64_t> reply_id;  // sms_outbox.id of the reply, if any
  std::string reply_text;           // with diacritics; "" without a reply
};

// Whether the number (any form NormalizePhone reads) sent the stop command
// and not start since, read on `db` (any connection; the dispatcher's).
// Errors: the store's.
Result<bool> IsPhoneOptedOut(store::Database& db, const PhoneKeyer& keyer, std::string_view phone);

}  // namespace dvc::gateway
