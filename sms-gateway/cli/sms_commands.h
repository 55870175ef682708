// The operator's view of the outbound SMS queue (docs/gateway.md, "SMS to
// residents"), through the daemon's operator API (http/sms_admin.h):
//   sms-gateway sms list [--state S] [--code CODE] [--limit N]
//   sms-gateway sms requeue ID... | --failed
//
// Each function returns an exit code (exit_codes.h): kExitUsage for arguments
// refused before asking the daemon, kExitRefused when the daemon refuses or
// is not running. Results go to `output.out`, failures to `output.err`.
//
// Thread-safety: run from main only.
#pragma once

#include <string>
#include <vector>

#include "cli/operator_client.h"
#include "cli/operator_commands.h"

namespace dvc::gateway {

struct SmsListArgs {
  std::string state;  // "" = any; one of pending, sending, sent, delivered, failed, skipped
  std::string code;   // a dossier code with or without dashes; "" = any
  int limit = 50;     // 1..1000
};

// Prints a table, newest first (id, dossier code or masked number, event,
// state, attempts, parts, route, SMSC message id, last change, reason) and a
// line with the queue's counts by state; with --json the API's answer.
int ListSms(OperatorClient& client, const SmsListArgs& args, const OperatorOutput& output);

// Puts failed (or skipped) messages back in the queue, their attempts counted
// afresh: the ones named by `ids` (decimal message ids from `sms list`), or
// every failed one when `all_failed`. Exactly one of the two must be given.
// Prints how many were re-queued.
int RequeueSms(OperatorClient& client, const std::vector<std::string>& ids, bool all_failed,
               const OperatorOutput& output);

}  // namespace dvc::gateway
