// SMS notifications to residents: what they say and when they leave.
//
// Every status change committed to status_history owes its resident one SMS:
// a trigger records it in sms_outbox in the same transaction (store/schema.cc),
// so a change committed is a notification owed, exactly once, whatever crashes
// after. GatewayService::DispatchSms then renders each due row from the
// templates (assets/sms/notifications.json, one text per status; a status
// without one sends nothing), reads the phone from the dossier's sealed part at
// that moment (no phone is stored in clear), hands it to the transport and
// records the outcome. Notifications leave only within the send hours (no SMS
// at night); a transport failure is retried with back-off, up to a limit.
//
// A crash after the transport accepted a message and before its row was marked
// sent makes that one message go again at the next start: the documented
// duplicate window.
//
// Thread-safety: SmsTemplates is immutable after loading; the functions are pure.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "calendar/office_hours.h"
#include "core/status.h"
#include "text/sms_segment.h"

namespace dvc::gateway {

// The texts by event, NFC: a status id ("received", "needs_supplement", ...),
// "appointment_changed" (the province's appointment date differs from the one
// the kiosk printed) or "received_with_link" (the receipt SMS when the
// gateway has a public address for receipt pages: it carries {link}).
struct SmsTemplates {
  std::map<std::string, std::string, std::less<>> by_status;
};

// Reads the templates file (a JSON object of event → text; keys starting
// with "_" are comments). Errors (kInvalidInput, naming the file and key): not
// JSON, an event that is neither a status id shared/dossier knows nor one of
// the two above, a placeholder other than {code} {service} {appointment}
// {kiosk_appointment} {note} {short_code} {link}, an unclosed brace;
// kIo when it cannot be read.
Result<SmsTemplates> ParseSmsTemplates(std::string_view json_text, std::string_view file_name);
Result<SmsTemplates> LoadSmsTemplates(const std::string& path);

// `text` with each {name} replaced by values[name] ("" when absent), by
// text::FillTemplate's rules: a value ending in . ! ? swallows a '.' right
// after it ("{note}." never reads ".."), an empty value between two spaces
// leaves one.
std::string FillSmsTemplate(std::string_view text,
                            const std::map<std::string, std::string, std::less<>>& values);

// One SMS for the transport: `text` is final (without diacritics for GSM-7).
struct OutgoingSms {
  int64_t id = 0;  // sms_outbox.id
  std::string phone;
  std::string text;
  text::SmsEncoding encoding = text::SmsEncoding::kGsm7;
  std::string event;         // the status it announces, or "reply"
  std::string dossier_code;  // for the transport's log; empty for a reply
  int attempt = 1;           // 1 for the first try
};

// Sends one SMS; returns the transport's message id, or an error to retry
// later. Called without any gateway lock held.
using SmsTransport = std::function<Result<std::string>(const OutgoingSms&)>;

struct SmsDispatchOptions {
  SmsTemplates templates;
  // The receipt pages' public base ("https://dvc.example.gov.vn"); empty: the
  // receipt SMS carries no link.
  std::string public_url;
  text::SmsEncoding encoding = text::SmsEncoding::kGsm7;
  std::string short_code;
  calendar::OfficeHours send_hours = calendar::OfficeHours::Default();
  int max_attempts = 8;  // then 'failed' with the last error
  int batch = 100;       // rows looked at per call
};

struct SmsDispatchReport {
  int claimed = 0;  // handed to the transport
  int sent = 0;
  int skipped = 0;           // no template for the status, or no phone
  int retried = 0;           // transport failures with attempts left
  int not_sent = 0;          // never reached an SMSC: due again shortly, not counted
  int failed = 0;            // transport failures, attempts exhausted
  int receipts_matched = 0;  // delivery receipts that matched a part we sent
  bool outside_send_hours = false;
};

// Seconds to wait after the n-th failed attempt (n >= 1): 60 s doubling, at
// most an hour.
int64_t SmsRetryDelaySeconds(int attempts);

}  // namespace dvc::gateway
