#include "config/config_keys.h"

#include <arpa/inet.h>

#include <algorithm>
#include <vector>

// Where the read-only data lives: an installed build defines DVC_ASSETS_DIR
// (/usr/share/dvc, a copy of the repository's assets/); a development build
// reads the source tree's assets/ directly, so the gateway runs from the
// build directory with no install step (as the kiosk does).
#ifdef DVC_ASSETS_DIR
#define DVC_GATEWAY_ASSETS DVC_ASSETS_DIR
#else
#define DVC_GATEWAY_ASSETS DVC_SOURCE_DIR "/assets"
#endif

namespace dvc::gateway {

namespace {

// --- Checks of string values (return "expected ..." or empty) ---------------

std::string PathText(std::string_view v) {
  if (v.empty()) return "expected a non-empty path";
  if (v.find('\0') != std::string_view::npos) return "expected a path without NUL characters";
  return "";
}

// Empty allowed: "not set" (TLS off, or a path derived from data_dir).
std::string OptionalPath(std::string_view v) { return v.empty() ? "" : PathText(v); }

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

// The table. Keys inside a TOML table come after every top-level key (TOML
// requires that order in a file, and the example file follows this order).
const ConfigKey kKeys[] = {
    {.name = "data_dir",
     .type = KeyType::kString,
     .member = &GatewayConfig::data_dir,
     .doc = "Directory of the gateway's own files: gateway.db (dossiers, kiosks, audit log), "
            "the province keys, the tokens, attachments/. Owner-only; created by "
            "`sms-gateway keys init`.",
     .default_string = "/var/lib/dvc-gateway",
     .check = PathText},
    {.name = "catalog_dir",
     .type = KeyType::kString,
     .member = &GatewayConfig::catalog_dir,
     .doc = "The service catalog the gateway starts with (catalog.json, agencies.json, "
            "services/) until an operator publishes one. Default: the build's assets (the "
            "source tree, or /usr/share/dvc when installed).",
     .default_string = DVC_GATEWAY_ASSETS "/catalog",
     .check = PathText,
     .example = "/usr/share/dvc/catalog"},
    {.name = "units_csv",
     .type = KeyType::kString,
     .member = &GatewayConfig::units_csv,
     .doc = "Administrative units (communes) CSV: commune codes accepted for kiosks and "
            "counter dossiers.",
     .default_string = DVC_GATEWAY_ASSETS "/units/units.csv",
     .check = PathText,
     .example = "/usr/share/dvc/units/units.csv"},
    {.name = "holidays_file",
     .type = KeyType::kString,
     .member = &GatewayConfig::holidays_file,
     .doc = "Declared holidays and make-up working days (docs/calendar.md), for the official "
            "appointment dates.",
     .default_string = DVC_GATEWAY_ASSETS "/holidays/vn.json",
     .check = PathText,
     .example = "/usr/share/dvc/holidays/vn.json"},
    {.name = "reference_dir",
     .type = KeyType::kString,
     .member = &GatewayConfig::reference_dir,
     .doc = "Reference tables for validating answers (citizen ID provinces, mobile prefixes).",
     .default_string = DVC_GATEWAY_ASSETS "/reference",
     .check = PathText,
     .example = "/usr/share/dvc/reference"},
    {.name = "office_hours",
     .type = KeyType::kOfficeHours,
     .member = &GatewayConfig::office_hours,
     .doc = "Sessions the offices receive dossiers on a working day; a dossier received "
            "outside them counts from the next opening (official appointment dates).",
     .default_string = "07:30-11:30,13:30-17:00"},
    {.name = "http.listen",
     .type = KeyType::kString,
     .member = &GatewayConfig::http_listen,
     .doc = "Address the sync, operator and metrics API listens on. 127.0.0.1 keeps it on "
            "this machine (behind a reverse proxy); \"0.0.0.0\" serves every interface.",
     .default_string = "127.0.0.1",
     .check = ListenAddress},
    {.name = "http.port",
     .type = KeyType::kInteger,
     .member = &GatewayConfig::http_port,
     .doc = "TCP port of the API (0: any free port, reported in the log).",
     .default_integer = 8460,
     .min = 0,
     .max = 65535},
    {.name = "http.threads",
     .type = KeyType::kInteger,
     .member = &GatewayConfig::http_threads,
     .doc = "Worker threads answering requests (each holds one connection at a time).",
     .default_integer = 16,
     .min = 1,
     .max = 256},
    {.name = "http.tls_cert",
     .type = KeyType::kString,
     .member = &GatewayConfig::tls_cert,
     .doc = "PEM certificate chain for HTTPS. Empty: plain HTTP (kiosks accept that only on "
            "loopback or with allow_plain_http). Set together with tls_key.",
     .default_string = "",
     .check = OptionalPath},
    {.name = "http.tls_key",
     .type = KeyType::kString,
     .member = &GatewayConfig::tls_key,
     .doc = "PEM private key of tls_cert.",
     .default_string = "",
     .check = OptionalPath},
    {.name = "enrolment.code_ttl_h",
     .type = KeyType::kInteger,
     .member = &GatewayConfig::enrolment_code_ttl_h,
     .doc = "Hours a one-time kiosk enrolment code stays valid after `sms-gateway kiosk "
            "enroll` prints it.",
     .default_integer = 24,
     .min = 1,
     .max = 720},
    {.name = "operator.token_file",
     .type = KeyType::kString,
     .member = &GatewayConfig::operator_token_file,
     .doc = "File holding the operator API's bearer token (64 hex digits, owner-only), used "
            "by the sms-gateway commands. Empty: data_dir/operator.token.",
     .default_string = "",
     .check = OptionalPath},
    {.name = "events.token_file",
     .type = KeyType::kString,
     .member = &GatewayConfig::events_token_file,
     .doc = "File holding the bearer token of POST /v1/events, given to the provincial "
            "one-stop system. Empty: data_dir/events.token.",
     .default_string = "",
     .check = OptionalPath},
};

constexpr std::string_view kSections[] = {"http", "enrolment", "operator", "events"};

// Edit distance (insert, delete, substitute) over bytes; keys are ASCII.
size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::span<const ConfigKey> ConfigKeys() { return kKeys; }

const ConfigKey* FindConfigKey(std::string_view name) {
  for (const ConfigKey& key : kKeys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

bool IsConfigSection(std::string_view name) {
  return std::find(std::begin(kSections), std::end(kSections), name) != std::end(kSections);
}

std::string NearestConfigKey(std::string_view name) {
  // Long garbage is not a typo; and the distance table must stay small.
  if (name.size() > 64) return "";
  const ConfigKey* best = nullptr;
  size_t best_distance = 0;
  for (const ConfigKey& key : kKeys) {
    // A key written without its table ("port" for "http.port") is a plausible
    // mistake too: compare with the last part as well.
    const size_t dot = key.name.rfind('.');
    size_t d = Distance(name, key.name);
    if (dot != std::string_view::npos) d = std::min(d, Distance(name, key.name.substr(dot + 1)));
    if (best == nullptr || d < best_distance) {
      best = &key;
      best_distance = d;
    }
  }
  const size_t limit = std::max<size_t>(2, name.size() / 3);
  if (best == nullptr || best_distance > limit) return "";
  return std::string(best->name);
}

}  // namespace dvc::gateway
