// KioskConfig: the kiosk's settings, read from a TOML file (docs/kiosk-config.md).
//
// Every key is declared once, in the table of config_keys.h (name, type,
// default, bounds, description); that table drives parsing, validation, the
// defaults and the documented example file deploy/kiosk.example.toml, so the
// code, the file and the documentation cannot drift apart.
//
// Errors name the file, the line and the key, e.g.
//   "kiosk.toml:12: idle_timeout_s: expected an integer between 30 and 3600"
// and an unknown key is refused with the nearest known key suggested.
//
// Thread-safety: KioskConfig is a value; the functions are pure apart from
// LoadKioskConfig reading its file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/office_hours.h"
#include "core/status.h"

namespace dvc::kiosk {

struct KioskConfig {
  // Directory of the kiosk's own files: kiosk.db, kiosk.key, attachments/, receipts.
  std::string data_dir;
  // Read-only data: the service catalog, administrative units, holiday data,
  // reference tables (citizen ID provinces, mobile prefixes).
  std::string catalog_dir;
  std::string units_csv;
  std::string holidays_file;
  std::string reference_dir;
  // The commune this kiosk serves (5-digit unit code) and its name for receipts.
  std::string commune_code;
  std::string commune_name;
  std::string kiosk_name;
  // Issuer number of the dossier codes (1..1023) until enrolment sets it.
  int64_t issuer_number = 0;
  std::string language;  // "vi" or "en": the language the welcome screen starts in
  int64_t idle_timeout_s = 0;
  int64_t idle_warning_s = 0;    // length of the visible countdown before the wipe
  std::string printer_device;    // empty: no printer, receipts are written as files
  int64_t printer_width_mm = 0;  // 58 or 80
  std::string sms_short_code;
  // Sessions receiving dossiers, parsed once from "07:30-11:30,13:30-17:00".
  calendar::OfficeHours office_hours = calendar::OfficeHours::Default();
  std::vector<std::string> scan_folders;  // where the document scanner saves files
  std::vector<std::string> usb_roots;     // mount roots searched for USB sticks
  int64_t staff_max_failures = 0;
  int64_t staff_lockout_s = 0;
  // [sync]: the exchange with the province gateway (docs/sync-api.md).
  int64_t sync_interval_s = 0;
  int64_t sync_batch_size = 0;
  int64_t sync_chunk_kib = 0;
  bool sync_allow_plain_http = false;
  std::string sync_ca_file;  // PEM CA certificates for the gateway's TLS; empty: the system's

  // <data_dir>/kiosk.db and <data_dir>/kiosk.key, as Outbox::Open and
  // KioskIdentity::LoadOrCreate name them (KioskDatabasePath, KioskIdentity::KeyPath).
  std::string DatabasePath() const;
  std::string KeyPath() const;
};

// Every key at its default (the values listed in deploy/kiosk.example.toml).
KioskConfig DefaultKioskConfig();

// Parses TOML text. `file_name` prefixes error messages ("kiosk.toml:12: ...").
// Keys absent from the text keep their defaults.
// Errors (kInvalidInput): TOML syntax (with toml++'s description), an unknown
// key or section (with a suggestion), a value of the wrong type or out of
// bounds, or a cross-key rule (idle_warning_s must be below idle_timeout_s).
// At most five problems are listed, in file order. Never throws.
Result<KioskConfig> ParseKioskConfig(std::string_view toml_text, std::string_view file_name);

// Reads and parses `path`; an empty path gives DefaultKioskConfig().
// Errors: kIo naming the path when it cannot be read or is larger than 1 MiB
// (no configuration file is); as ParseKioskConfig.
Result<KioskConfig> LoadKioskConfig(const std::string& path);

// Sets one key from text, as a command-line flag gives it ("--data-dir X"
// → ApplyOverride(cfg, "data_dir", "X"); integers in decimal, lists
// comma-separated), and re-checks the cross-key rules.
// Errors: kInvalidInput "--idle_timeout_s: expected an integer between 30 and
// 3600", an unknown key (with a suggestion); `config` is unchanged on error.
Status ApplyOverride(KioskConfig& config, std::string_view key, std::string_view value);

// The documented example configuration, generated from the key table: every
// key with its description and its default. deploy/kiosk.example.toml holds
// this text (a test checks it).
std::string RenderExampleConfig();

}  // namespace dvc::kiosk
