// GatewayConfig: the gateway's settings, read from a TOML file (docs/gateway.md).
//
// Every key is declared once, in the table of config_keys.h (name, type,
// default, bounds, description); that table drives parsing, validation, the
// defaults and the documented example file deploy/gateway.example.toml, so
// the code, the file and the documentation cannot drift apart.
//
// Errors name the file, the line and the key, e.g.
//   "gateway.toml:7: http.port: expected an integer between 0 and 65535"
// and an unknown key is refused with the nearest known key suggested.
//
// Thread-safety: GatewayConfig is a value; the functions are pure apart from
// LoadGatewayConfig reading its file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "calendar/office_hours.h"
#include "core/status.h"

namespace dvc::gateway {

struct GatewayConfig {
  // Directory of the gateway's own files: database, province keys, tokens.
  std::string data_dir;
  // Read-only data: the initial service catalog, administrative units, holiday
  // data, reference tables.
  std::string catalog_dir;
  std::string units_csv;
  std::string holidays_file;
  std::string reference_dir;
  // Sessions receiving dossiers, parsed once from "07:30-11:30,13:30-17:00".
  calendar::OfficeHours office_hours = calendar::OfficeHours::Default();
  // [http]
  std::string http_listen;  // address to bind
  int64_t http_port = 0;    // 0: any free port
  int64_t http_threads = 0;
  std::string tls_cert;  // both empty, or both set (then HTTPS)
  std::string tls_key;
  // The address residents' phones reach the receipt pages at
  // ("https://dvc.example.gov.vn"); empty: SMS receipts carry no link.
  std::string http_public_url;
  // [enrolment]
  int64_t enrolment_code_ttl_h = 0;
  // [operator], [events]: empty means the default file under data_dir.
  std::string operator_token_file;
  std::string events_token_file;
  // [sms]: notifications to residents (sms-gateway/service/sms_notifications.h).
  std::string sms_transport;       // "log" or "smpp"
  std::string sms_smsc_dir;        // with "smpp": one <name>.toml per SMSC connection
  std::string sms_encoding;        // "gsm7" (no diacritics) or "ucs2"
  std::string sms_short_code;      // the number residents text ("TT <code>")
  std::string sms_templates_file;  // assets/sms/notifications.json
  calendar::OfficeHours sms_send_hours = calendar::OfficeHours::Default();
  std::string sms_commands_file;  // assets/sms/mo_commands.json (MO keywords)
  std::string sms_replies_file;   // assets/sms/replies.json
  int64_t sms_mo_per_hour = 0;    // messages a number may send per hour / day
  int64_t sms_mo_per_day = 0;
  // Days residents' messages and the replies to them are kept, then purged.
  int64_t sms_keep_days = 0;
  // [ussd]: the menu (sms-gateway/ussd/), over the aggregator callback and SMPP.
  std::string ussd_menu_file;     // assets/ussd/menu.json
  std::string ussd_token_file;    // the aggregator's shared secret; empty: no callback route
  int64_t ussd_session_timeout_s = 0;

  // The token files actually used: the configured path, or
  // <data_dir>/operator.token and <data_dir>/events.token.
  std::string OperatorTokenPath() const;
  std::string EventsTokenPath() const;
  // True when both tls_cert and tls_key are set.
  bool UsesTls() const { return !tls_cert.empty(); }
  // The URL the operator commands use to reach the daemon on this machine:
  // "http://127.0.0.1:8460" ("https" with TLS; a wildcard listen address is
  // reached through loopback; IPv6 literals in brackets).
  std::string LocalUrl() const;
};

// Every key at its default (the values listed in deploy/gateway.example.toml).
GatewayConfig DefaultGatewayConfig();

// Parses TOML text. `file_name` prefixes error messages ("gateway.toml:12: ...").
// Keys absent from the text keep their defaults.
// Errors (kInvalidInput): TOML syntax (with toml++'s description), an unknown
// key or section (with a suggestion), a value of the wrong type or out of bounds, or a
// cross-key rule (tls_cert and tls_key are set together). At most five
// problems are listed, in file order. Never throws, whatever the text.
Result<GatewayConfig> ParseGatewayConfig(std::string_view toml_text, std::string_view file_name);

// Reads and parses `path`. Errors: kIo naming the path when it cannot be
// read or is larger than 1 MiB (no configuration file is); as ParseGatewayConfig.
Result<GatewayConfig> LoadGatewayConfig(const std::string& path);

// The documented example configuration, generated from the key table: every
// key with its description and its default. deploy/gateway.example.toml holds
// this text (a test checks it).
std::string RenderExampleConfig();

}  // namespace dvc::gateway
