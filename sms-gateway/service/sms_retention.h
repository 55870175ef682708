// Retention of residents' SMS (DESIGN.md section 9: a phone number is
// personal data, kept no longer than it serves). The gateway records every
// message a resident sends (sms_inbox: the number in clear, the text) and the
// reply it queued (sms_outbox rows with to_phone). GatewayService::
// PurgeSmsHistory deletes those older than a cutoff; the SMS pump runs it
// hourly with `sms.keep_days`.
//
// Never deleted: a reply still pending or sending (it has not gone yet, or
// its answer is not recorded), dossier notifications (they carry no phone:
// it is read from the sealed part at send time), opt-outs (sms_optout: the
// resident's wish, stored as a keyed hash).
//
// Thread-safety: values.
#pragma once

#include <cstdint>

namespace dvc::gateway {

// Per-number rate limits (sms_commands.h) count the inbox rows of the last
// day: a purge never reaches into the last kMinSmsKeepDays days.
inline constexpr int64_t kMinSmsKeepDays = 2;

// What one purge deleted.
struct SmsPurgeCounts {
  int64_t inbox = 0;    // sms_inbox rows: messages residents sent
  int64_t replies = 0;  // sms_outbox reply rows
  int64_t parts = 0;    // their sms_parts rows (delivery receipt bookkeeping)
};

}  // namespace dvc::gateway
