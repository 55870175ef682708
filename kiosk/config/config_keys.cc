#include "config/config_keys.h"

#include <algorithm>

#include "configfile/assets_dir.h"
#include "text/utf8.h"

namespace dvc::kiosk {

namespace {

using configfile::CheckOptionalPath;
using configfile::CheckPath;
using configfile::KeyType;

// --- Checks of string values (return "expected ..." or empty) -------------------

std::string Digits(std::string_view v, size_t min, size_t max) {
  const bool ok = v.size() >= min && v.size() <= max &&
                  std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (ok) return "";
  return min == max ? "expected exactly " + std::to_string(min) + " digits"
                    : "expected " + std::to_string(min) + " to " + std::to_string(max) + " digits";
}

std::string CommuneCode(std::string_view v) { return Digits(v, 5, 5); }
std::string ShortCode(std::string_view v) { return Digits(v, 3, 6); }

std::string DisplayName(std::string_view v) {
  if (v.empty()) return "expected a non-empty name";
  if (text::CodePointCount(v) > 100) return "expected at most 100 characters";
  return "";
}

// --- Defaults and choices ----------------------------------------------------

constexpr std::string_view kLanguages[] = {"vi", "en"};
constexpr int64_t kPrinterWidths[] = {58, 80};
constexpr std::string_view kScanFolders[] = {"/var/spool/dvc-kiosk/scans"};
constexpr std::string_view kUsbRoots[] = {"/media", "/run/media"};

// The table. Keys inside a TOML table come after every top-level key (TOML
// requires that order in a file, and the example file follows this order).
constexpr ConfigKey kKeys[] = {
    {{.name = "data_dir",
      .type = KeyType::kString,
      .doc = "Directory of the kiosk's own files: kiosk.db (outbox, staff PIN), kiosk.key "
             "(identity), attachments/, receipts/. Must be writable by the kiosk's user.",
      .default_string = "/var/lib/dvc-kiosk",
      .check = CheckPath},
     &KioskConfig::data_dir},
    {{.name = "catalog_dir",
      .type = KeyType::kString,
      .doc = "The service catalog (catalog.json, agencies.json, services/). Default: the "
             "build's assets (the source tree, or /usr/share/dvc when installed).",
      .default_string = DVC_DEFAULT_ASSETS "/catalog",
      .check = CheckPath,
      .example = "/usr/share/dvc/catalog"},
     &KioskConfig::catalog_dir},
    {{.name = "units_csv",
      .type = KeyType::kString,
      .doc = "Administrative units (communes) CSV, for the address commune picker.",
      .default_string = DVC_DEFAULT_ASSETS "/units/units.csv",
      .check = CheckPath,
      .example = "/usr/share/dvc/units/units.csv"},
     &KioskConfig::units_csv},
    {{.name = "holidays_file",
      .type = KeyType::kString,
      .doc = "Declared holidays and make-up working days (docs/calendar.md), for appointment "
             "dates.",
      .default_string = DVC_DEFAULT_ASSETS "/holidays/vn.json",
      .check = CheckPath,
      .example = "/usr/share/dvc/holidays/vn.json"},
     &KioskConfig::holidays_file},
    {{.name = "reference_dir",
      .type = KeyType::kString,
      .doc = "Reference tables for validation (citizen ID provinces, mobile prefixes).",
      .default_string = DVC_DEFAULT_ASSETS "/reference",
      .check = CheckPath,
      .example = "/usr/share/dvc/reference"},
     &KioskConfig::reference_dir},
    {{.name = "commune_code",
      .type = KeyType::kString,
      .doc = "The commune this kiosk serves: its 5-digit administrative unit code. It starts "
             "every dossier code. EXAMPLE value: set your commune's.",
      .default_string = "12430",
      .check = CommuneCode},
     &KioskConfig::commune_code},
    {{.name = "commune_name",
      .type = KeyType::kString,
      .doc = "The commune's name as printed on receipts. EXAMPLE value.",
      .default_string = "Phường Thái Bình",
      .check = DisplayName,
      .nfc = true},
     &KioskConfig::commune_name},
    {{.name = "kiosk_name",
      .type = KeyType::kString,
      .doc = "This kiosk's name as printed on receipts (where it stands).",
      .default_string = "Bộ phận Một cửa - Kiosk 1",
      .check = DisplayName,
      .nfc = true},
     &KioskConfig::kiosk_name},
    {{.name = "issuer_number",
      .type = KeyType::kInteger,
      .doc = "Issuer number in this kiosk's dossier codes (1-1023, unique in the commune; 0 is "
             "the gateway's). Enrolment with the province replaces it.",
      .default_integer = 1,
      .min = 1,
      .max = 1023},
     &KioskConfig::issuer_number},
    {{.name = "language",
      .type = KeyType::kString,
      .doc = "Language the welcome screen starts in: \"vi\" or \"en\".",
      .default_string = "vi",
      .string_choices = kLanguages},
     &KioskConfig::language},
    {{.name = "idle_timeout_s",
      .type = KeyType::kInteger,
      .doc = "Seconds without a touch before the kiosk offers to continue, then wipes the "
             "resident's session.",
      .default_integer = 90,
      .min = 30,
      .max = 3600},
     &KioskConfig::idle_timeout_s},
    {{.name = "idle_warning_s",
      .type = KeyType::kInteger,
      .doc = "Length of the visible countdown before the wipe (at least 20 s, less than "
             "idle_timeout_s).",
      .default_integer = 20,
      .min = 20,
      .max = 600},
     &KioskConfig::idle_warning_s},
    {{.name = "sms_short_code",
      .type = KeyType::kString,
      .doc = "SMS short code printed on receipts (\"TT <code>\" to this number). EXAMPLE "
             "value: it must be the gateway's [sms] short_code (8079 in its example).",
      .default_string = "8079",
      .check = ShortCode},
     &KioskConfig::sms_short_code},
    {{.name = "office_hours",
      .type = KeyType::kOfficeHours,
      .doc = "Sessions the office receives dossiers on a working day; a dossier submitted "
             "outside them counts from the next opening.",
      .default_string = "07:30-11:30,13:30-17:00"},
     &KioskConfig::office_hours},
    {{.name = "scan_folders",
      .type = KeyType::kStringList,
      .doc = "Folders where the document scanner saves scans (JPEG, PNG, PDF), offered to "
             "staff as attachments.",
      .default_list = kScanFolders,
      .check = CheckPath},
     &KioskConfig::scan_folders},
    {{.name = "usb_roots",
      .type = KeyType::kStringList,
      .doc = "Mount roots searched (a few levels deep) for scans on USB sticks.",
      .default_list = kUsbRoots,
      .check = CheckPath},
     &KioskConfig::usb_roots},
    {{.name = "printer.device",
      .type = KeyType::kString,
      .doc = "ESC/POS thermal printer device, e.g. \"/dev/usb/lp0\". Empty: no printer; "
             "receipts are written as PNG and ESC/POS files under data_dir/receipts.",
      .default_string = "",
      .check = CheckOptionalPath},
     &KioskConfig::printer_device},
    {{.name = "printer.width_mm",
      .type = KeyType::kInteger,
      .doc = "Paper width: 58 or 80 (mm).",
      .default_integer = 80,
      .min = 58,
      .max = 80,
      .integer_choices = kPrinterWidths},
     &KioskConfig::printer_width_mm},
    {{.name = "staff.max_failures",
      .type = KeyType::kInteger,
      .doc = "Consecutive wrong staff PINs before staff mode locks.",
      .default_integer = 5,
      .min = 1,
      .max = 20},
     &KioskConfig::staff_max_failures},
    {{.name = "staff.lockout_s",
      .type = KeyType::kInteger,
      .doc = "Seconds staff mode stays locked after too many wrong PINs (kept across restarts).",
      .default_integer = 300,
      .min = 30,
      .max = 86400},
     &KioskConfig::staff_lockout_s},
    {{.name = "sync.interval_s",
      .type = KeyType::kInteger,
      .doc = "Seconds between exchanges with the province gateway when all is synced (a new "
             "dossier starts one at once; failures back off from 1 s to 300 s with jitter).",
      .default_integer = 60,
      .min = 5,
      .max = 86400},
     &KioskConfig::sync_interval_s},
    {{.name = "sync.batch_size",
      .type = KeyType::kInteger,
      .doc = "Dossiers sent in one push request (the gateway takes at most 100).",
      .default_integer = 50,
      .min = 1,
      .max = 100},
     &KioskConfig::sync_batch_size},
    {{.name = "sync.chunk_kib",
      .type = KeyType::kInteger,
      .doc = "Size of one attachment upload chunk in KiB; after a cut the upload resumes from "
             "the last chunk the gateway confirmed, so smaller chunks lose less on a bad link.",
      .default_integer = 256,
      .min = 16,
      .max = 4096},
     &KioskConfig::sync_chunk_kib},
    {{.name = "sync.allow_plain_http",
      .type = KeyType::kBoolean,
      .doc = "Accept an http:// gateway URL on a host other than this machine (a test network "
             "only: dossiers would cross it unencrypted). https:// is always accepted, and "
             "http:// to a loopback address.",
      .default_boolean = false},
     &KioskConfig::sync_allow_plain_http},
    {{.name = "sync.ca_file",
      .type = KeyType::kString,
      .doc = "PEM file of the certificate authorities trusted for the gateway's https:// "
             "certificate, e.g. the province's own CA. Empty: the system's store "
             "(/etc/ssl/certs, package ca-certificates).",
      .default_string = "",
      .check = configfile::CheckOptionalPath,
      .example = "/etc/dvc/province-ca.pem"},
     &KioskConfig::sync_ca_file},
};

}  // namespace

std::span<const ConfigKey> ConfigKeys() { return kKeys; }

}  // namespace dvc::kiosk
