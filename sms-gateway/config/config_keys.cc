#include "config/config_keys.h"

#include <arpa/inet.h>

#include <algorithm>

#include "configfile/assets_dir.h"

namespace dvc::gateway {

namespace {

using configfile::CheckOptionalPath;
using configfile::CheckPath;
using configfile::KeyType;

// --- Checks of string values (return "expected ..." or empty) ---------------

// An address to bind: an IPv4 or IPv6 literal or a host name, no port.
std::string ListenAddress(std::string_view v) {
  constexpr std::string_view kExpected =
      "expected an IP address or host name without a port, e.g. \"127.0.0.1\"";
  // A colon only appears in an IPv6 literal ("host:port" is a common mistake).
  if (v.find(':') != std::string_view::npos) {
    in6_addr address{};
    const std::string text(v);
    return ::inet_pton(AF_INET6, text.c_str(), &address) == 1 ? "" : std::string(kExpected);
  }
  const bool ok = !v.empty() && v.size() <= 253 && std::all_of(v.begin(), v.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '-';
  });
  return ok ? "" : std::string(kExpected);
}

constexpr std::string_view kSmsTransports[] = {"log", "smpp"};

// An http(s) base URL without a trailing slash, or empty.
std::string PublicUrl(std::string_view v) {
  if (v.empty()) return "";
  const bool scheme = v.starts_with("https://") || v.starts_with("http://");
  const bool ok = scheme && !v.ends_with("/") && v.size() <= 200 &&
                  std::all_of(v.begin(), v.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  return ok ? ""
            : "expected an http(s) address without a trailing slash, e.g. "
              "\"https://dvc.example.gov.vn\"";
}
constexpr std::string_view kSmsEncodings[] = {"gsm7", "ucs2"};

// A short code or phone number residents can text: 3 to 15 digits.
std::string ShortCode(std::string_view v) {
  const bool ok = v.size() >= 3 && v.size() <= 15 &&
                  std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  return ok ? "" : "expected 3 to 15 digits";
}

// The table. Keys inside a TOML table come after every top-level key (TOML
// requires that order in a file, and the example file follows this order).
constexpr ConfigKey kKeys[] = {
    {{.name = "data_dir",
      .type = KeyType::kString,
      .doc = "Directory of the gateway's own files: gateway.db (dossiers, kiosks, audit log), "
             "the province keys, the tokens, attachments/. Owner-only; created by "
             "`sms-gateway keys init`.",
      .default_string = "/var/lib/dvc-gateway",
      .check = CheckPath},
     &GatewayConfig::data_dir},
    {{.name = "catalog_dir",
      .type = KeyType::kString,
      .doc = "The service catalog the gateway starts with (catalog.json, agencies.json, "
             "services/) until an operator publishes one. Default: the build's assets (the "
             "source tree, or /usr/share/dvc when installed).",
      .default_string = DVC_DEFAULT_ASSETS "/catalog",
      .check = CheckPath,
      .example = "/usr/share/dvc/catalog"},
     &GatewayConfig::catalog_dir},
    {{.name = "units_csv",
      .type = KeyType::kString,
      .doc = "Administrative units (communes) CSV: commune codes accepted for kiosks and "
             "counter dossiers.",
      .default_string = DVC_DEFAULT_ASSETS "/units/units.csv",
      .check = CheckPath,
      .example = "/usr/share/dvc/units/units.csv"},
     &GatewayConfig::units_csv},
    {{.name = "holidays_file",
      .type = KeyType::kString,
      .doc = "Declared holidays and make-up working days (docs/calendar.md), for the official "
             "appointment dates.",
      .default_string = DVC_DEFAULT_ASSETS "/holidays/vn.json",
      .check = CheckPath,
      .example = "/usr/share/dvc/holidays/vn.json"},
     &GatewayConfig::holidays_file},
    {{.name = "reference_dir",
      .type = KeyType::kString,
      .doc = "Reference tables for validating answers (citizen ID provinces, mobile prefixes).",
      .default_string = DVC_DEFAULT_ASSETS "/reference",
      .check = CheckPath,
      .example = "/usr/share/dvc/reference"},
     &GatewayConfig::reference_dir},
    {{.name = "office_hours",
      .type = KeyType::kOfficeHours,
      .doc = "Sessions the offices receive dossiers on a working day; a dossier received "
             "outside them counts from the next opening (official appointment dates).",
      .default_string = "07:30-11:30,13:30-17:00"},
     &GatewayConfig::office_hours},
    {{.name = "http.listen",
      .type = KeyType::kString,
      .doc = "Address the sync, operator and metrics API listens on. 127.0.0.1 keeps it on "
             "this machine (behind a reverse proxy); \"0.0.0.0\" serves every interface.",
      .default_string = "127.0.0.1",
      .check = ListenAddress},
     &GatewayConfig::http_listen},
    {{.name = "http.port",
      .type = KeyType::kInteger,
      .doc = "TCP port of the API (0: any free port, reported in the log).",
      .default_integer = 8460,
      .min = 0,
      .max = 65535},
     &GatewayConfig::http_port},
    {{.name = "http.threads",
      .type = KeyType::kInteger,
      .doc = "Worker threads answering requests (each holds one connection at a time).",
      .default_integer = 16,
      .min = 1,
      .max = 256},
     &GatewayConfig::http_threads},
    {{.name = "http.tls_cert",
      .type = KeyType::kString,
      .doc = "PEM certificate chain for HTTPS. Empty: plain HTTP (kiosks accept that only on "
             "loopback or with allow_plain_http). Set together with tls_key.",
      .default_string = "",
      .check = CheckOptionalPath},
     &GatewayConfig::tls_cert},
    {{.name = "http.tls_key",
      .type = KeyType::kString,
      .doc = "PEM private key of tls_cert.",
      .default_string = "",
      .check = CheckOptionalPath},
     &GatewayConfig::tls_key},
    {{.name = "http.public_url",
      .type = KeyType::kString,
      .doc = "The address residents' phones reach this gateway's receipt pages at (behind "
             "the province's reverse proxy); each SMS receipt then carries its link. Empty: no "
             "link.",
      .default_string = "",
      .check = PublicUrl},
     &GatewayConfig::http_public_url},
    {{.name = "enrolment.code_ttl_h",
      .type = KeyType::kInteger,
      .doc = "Hours a one-time kiosk enrolment code stays valid after `sms-gateway kiosk "
             "enroll` prints it.",
      .default_integer = 24,
      .min = 1,
      .max = 720},
     &GatewayConfig::enrolment_code_ttl_h},
    {{.name = "operator.token_file",
      .type = KeyType::kString,
      .doc = "File holding the operator API's bearer token (64 hex digits, owner-only), used "
             "by the sms-gateway commands. Empty: data_dir/operator.token.",
      .default_string = "",
      .check = CheckOptionalPath},
     &GatewayConfig::operator_token_file},
    {{.name = "events.token_file",
      .type = KeyType::kString,
      .doc = "File holding the bearer token of POST /v1/events, given to the provincial "
             "one-stop system. Empty: data_dir/events.token.",
      .default_string = "",
      .check = CheckOptionalPath},
     &GatewayConfig::events_token_file},
    {{.name = "sms.transport",
      .type = KeyType::kString,
      .doc = "How SMS leave: \"log\" writes each one to data_dir/sms.log (and the daemon's "
             "log) instead of sending it; \"smpp\" sends through the SMSC connections of "
             "sms.smsc_dir.",
      .default_string = "log",
      .string_choices = kSmsTransports},
     &GatewayConfig::sms_transport},
    {{.name = "sms.smsc_dir",
      .type = KeyType::kString,
      .doc = "With transport \"smpp\": a directory of SMSC connection files, one <name>.toml "
             "per connection (`sms-gateway config smsc-example` shows one).",
      .default_string = "",
      .check = CheckOptionalPath},
     &GatewayConfig::sms_smsc_dir},
    {{.name = "sms.encoding",
      .type = KeyType::kString,
      .doc = "\"gsm7\": Vietnamese without diacritics, 160 characters per SMS, readable on "
             "every phone; \"ucs2\": with diacritics, 70 characters per SMS.",
      .default_string = "gsm7",
      .string_choices = kSmsEncodings},
     &GatewayConfig::sms_encoding},
    {{.name = "sms.short_code",
      .type = KeyType::kString,
      .doc = "The number residents text to look a dossier up (\"TT <code>\"), named in every "
             "notification.",
      .default_string = "8079",
      .check = ShortCode},
     &GatewayConfig::sms_short_code},
    {{.name = "sms.templates_file",
      .type = KeyType::kString,
      .doc = "The notification texts, one per dossier status (JSON, Vietnamese).",
      .default_string = DVC_DEFAULT_ASSETS "/sms/notifications.json",
      .check = CheckPath,
      .example = "/usr/share/dvc/sms/notifications.json"},
     &GatewayConfig::sms_templates_file},
    {{.name = "sms.send_hours",
      .type = KeyType::kOfficeHours,
      .doc = "Local times notifications may be sent; outside them they wait (no SMS at "
             "night).",
      .default_string = "07:00-21:00"},
     &GatewayConfig::sms_send_hours},
    {{.name = "sms.commands_file",
      .type = KeyType::kString,
      .doc = "The keywords residents text (look-up, help, stop, start), JSON "
             "(docs/sms-commands.md).",
      .default_string = DVC_DEFAULT_ASSETS "/sms/mo_commands.json",
      .check = CheckPath,
      .example = "/usr/share/dvc/sms/mo_commands.json"},
     &GatewayConfig::sms_commands_file},
    {{.name = "sms.replies_file",
      .type = KeyType::kString,
      .doc = "The replies to residents' messages (JSON, Vietnamese).",
      .default_string = DVC_DEFAULT_ASSETS "/sms/replies.json",
      .check = CheckPath,
      .example = "/usr/share/dvc/sms/replies.json"},
     &GatewayConfig::sms_replies_file},
    {{.name = "sms.mo_per_hour",
      .type = KeyType::kInteger,
      .doc = "Messages one number may send per hour before it gets no more answers (a "
             "failed look-up counts three times): stops guessing codes.",
      .default_integer = 10,
      .min = 1,
      .max = 1000},
     &GatewayConfig::sms_mo_per_hour},
    {{.name = "sms.mo_per_day",
      .type = KeyType::kInteger,
      .doc = "The same per day.",
      .default_integer = 30,
      .min = 1,
      .max = 10000},
     &GatewayConfig::sms_mo_per_day},
    {{.name = "sms.keep_days",
      .type = KeyType::kInteger,
      .doc = "Days residents' messages (their numbers, in clear) and the replies to them are "
             "kept, then deleted (personal data). Replies not yet sent, dossier notifications "
             "and opt-outs are never deleted; the rate limits need the last day.",
      .default_integer = 90,
      .min = 2,
      .max = 3650},
     &GatewayConfig::sms_keep_days},
    {{.name = "ussd.menu_file",
      .type = KeyType::kString,
      .doc = "The USSD menu (JSON, Vietnamese; docs/ussd.md).",
      .default_string = DVC_DEFAULT_ASSETS "/ussd/menu.json",
      .check = CheckPath,
      .example = "/usr/share/dvc/ussd/menu.json"},
     &GatewayConfig::ussd_menu_file},
    {{.name = "ussd.token_file",
      .type = KeyType::kString,
      .doc = "File holding the shared secret the USSD aggregator sends in X-Ussd-Token to "
             "POST /v1/ussd. Empty: no aggregator callback (the route answers 404); SMPP USSD "
             "still works.",
      .default_string = "",
      .check = CheckOptionalPath},
     &GatewayConfig::ussd_token_file},
    {{.name = "ussd.session_timeout_s",
      .type = KeyType::kInteger,
      .doc = "Seconds of silence after which a USSD session has expired.",
      .default_integer = 120,
      .min = 10,
      .max = 600},
     &GatewayConfig::ussd_session_timeout_s},
};

}  // namespace

std::span<const ConfigKey> ConfigKeys() { return kKeys; }

}  // namespace dvc::gateway
