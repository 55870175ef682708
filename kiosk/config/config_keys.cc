#include "config/config_keys.h"

#include <algorithm>
#include <array>

#include "calendar/office_hours.h"
#include "text/utf8.h"

// Where the read-only data lives: an installed build defines DVC_ASSETS_DIR
// (/usr/share/dvc, a copy of the repository's assets/); a development build
// reads the source tree's assets/ directly, so `kiosk` runs from the build
// directory with no install step.
#ifdef DVC_ASSETS_DIR
#define DVC_KIOSK_ASSETS DVC_ASSETS_DIR
#else
#define DVC_KIOSK_ASSETS DVC_SOURCE_DIR "/assets"
#endif

namespace dvc::kiosk {

namespace {

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

std::string PathText(std::string_view v) {
  if (v.empty()) return "expected a non-empty path";
  if (v.find('\0') != std::string_view::npos) return "expected a path without NUL characters";
  return "";
}

// Empty allowed: no printer.
std::string OptionalPath(std::string_view v) { return v.empty() ? "" : PathText(v); }

// --- Defaults and choices ----------------------------------------------------

constexpr std::string_view kLanguages[] = {"vi", "en"};
constexpr int64_t kPrinterWidths[] = {58, 80};
constexpr std::string_view kScanFolders[] = {"/var/spool/dvc-kiosk/scans"};
constexpr std::string_view kUsbRoots[] = {"/media", "/run/media"};

// The table. Keys inside a TOML table come after every top-level key (TOML
// requires that order in a file, and the example file follows this order).
const ConfigKey kKeys[] = {
    {.name = "data_dir",
     .type = KeyType::kString,
     .member = &KioskConfig::data_dir,
     .doc = "Directory of the kiosk's own files: kiosk.db (outbox, staff PIN), kiosk.key "
            "(identity), attachments/, receipts/. Must be writable by the kiosk's user.",
     .default_string = "/var/lib/dvc-kiosk",
     .check = PathText},
    {.name = "catalog_dir",
     .type = KeyType::kString,
     .member = &KioskConfig::catalog_dir,
     .doc = "The service catalog (catalog.json, agencies.json, services/). Default: the "
            "build's assets (the source tree, or /usr/share/dvc when installed).",
     .default_string = DVC_KIOSK_ASSETS "/catalog",
     .check = PathText,
     .example = "/usr/share/dvc/catalog"},
    {.name = "units_csv",
     .type = KeyType::kString,
     .member = &KioskConfig::units_csv,
     .doc = "Administrative units (communes) CSV, for the address commune picker.",
     .default_string = DVC_KIOSK_ASSETS "/units/units.csv",
     .check = PathText,
     .example = "/usr/share/dvc/units/units.csv"},
    {.name = "holidays_file",
     .type = KeyType::kString,
     .member = &KioskConfig::holidays_file,
     .doc = "Declared holidays and make-up working days (docs/calendar.md), for appointment "
            "dates.",
     .default_string = DVC_KIOSK_ASSETS "/holidays/vn.json",
     .check = PathText,
     .example = "/usr/share/dvc/holidays/vn.json"},
    {.name = "reference_dir",
     .type = KeyType::kString,
     .member = &KioskConfig::reference_dir,
     .doc = "Reference tables for validation (citizen ID provinces, mobile prefixes).",
     .default_string = DVC_KIOSK_ASSETS "/reference",
     .check = PathText,
     .example = "/usr/share/dvc/reference"},
    {.name = "commune_code",
     .type = KeyType::kString,
     .member = &KioskConfig::commune_code,
     .doc = "The commune this kiosk serves: its 5-digit administrative unit code. It starts "
            "every dossier code. EXAMPLE value: set your commune's.",
     .default_string = "12430",
     .check = CommuneCode},
    {.name = "commune_name",
     .type = KeyType::kString,
     .member = &KioskConfig::commune_name,
     .doc = "The commune's name as printed on receipts. EXAMPLE value.",
     .default_string = "Phường Thái Bình",
     .check = DisplayName,
     .nfc = true},
    {.name = "kiosk_name",
     .type = KeyType::kString,
     .member = &KioskConfig::kiosk_name,
     .doc = "This kiosk's name as printed on receipts (where it stands).",
     .default_string = "Bộ phận Một cửa - Kiosk 1",
     .check = DisplayName,
     .nfc = true},
    {.name = "issuer_number",
     .type = KeyType::kInteger,
     .member = &KioskConfig::issuer_number,
     .doc = "Issuer number in this kiosk's dossier codes (1-1023, unique in the commune; 0 is "
            "the gateway's). Enrolment with the province replaces it.",
     .default_integer = 1,
     .min = 1,
     .max = 1023},
    {.name = "language",
     .type = KeyType::kString,
     .member = &KioskConfig::language,
     .doc = "Language the welcome screen starts in: \"vi\" or \"en\".",
     .default_string = "vi",
     .string_choices = kLanguages},
    {.name = "idle_timeout_s",
     .type = KeyType::kInteger,
     .member = &KioskConfig::idle_timeout_s,
     .doc = "Seconds without a touch before the kiosk offers to continue, then wipes the "
            "resident's session.",
     .default_integer = 90,
     .min = 30,
     .max = 3600},
    {.name = "idle_warning_s",
     .type = KeyType::kInteger,
     .member = &KioskConfig::idle_warning_s,
     .doc = "Length of the visible countdown before the wipe (at least 20 s, less than "
            "idle_timeout_s).",
     .default_integer = 20,
     .min = 20,
     .max = 600},
    {.name = "sms_short_code",
     .type = KeyType::kString,
     .member = &KioskConfig::sms_short_code,
     .doc = "SMS short code printed on receipts (\"TT <code>\" to this number). EXAMPLE "
            "value: the province's gateway number.",
     .default_string = "8088",
     .check = ShortCode},
    {.name = "office_hours",
     .type = KeyType::kOfficeHours,
     .member = &KioskConfig::office_hours,
     .doc = "Sessions the office receives dossiers on a working day; a dossier submitted "
            "outside them counts from the next opening.",
     .default_string = "07:30-11:30,13:30-17:00"},
    {.name = "scan_folders",
     .type = KeyType::kStringList,
     .member = &KioskConfig::scan_folders,
     .doc = "Folders where the document scanner saves scans (JPEG, PNG, PDF), offered to "
            "staff as attachments.",
     .default_list = kScanFolders,
     .check = PathText},
    {.name = "usb_roots",
     .type = KeyType::kStringList,
     .member = &KioskConfig::usb_roots,
     .doc = "Mount roots searched (a few levels deep) for scans on USB sticks.",
     .default_list = kUsbRoots,
     .check = PathText},
    {.name = "printer.device",
     .type = KeyType::kString,
     .member = &KioskConfig::printer_device,
     .doc = "ESC/POS thermal printer device, e.g. \"/dev/usb/lp0\". Empty: no printer; "
            "receipts are written as PNG and ESC/POS files under data_dir/receipts.",
     .default_string = "",
     .check = OptionalPath},
    {.name = "printer.width_mm",
     .type = KeyType::kInteger,
     .member = &KioskConfig::printer_width_mm,
     .doc = "Paper width: 58 or 80 (mm).",
     .default_integer = 80,
     .min = 58,
     .max = 80,
     .integer_choices = kPrinterWidths},
    {.name = "staff.max_failures",
     .type = KeyType::kInteger,
     .member = &KioskConfig::staff_max_failures,
     .doc = "Consecutive wrong staff PINs before staff mode locks.",
     .default_integer = 5,
     .min = 1,
     .max = 20},
    {.name = "staff.lockout_s",
     .type = KeyType::kInteger,
     .member = &KioskConfig::staff_lockout_s,
     .doc = "Seconds staff mode stays locked after too many wrong PINs (kept across restarts).",
     .default_integer = 300,
     .min = 30,
     .max = 86400},
    {.name = "sync.interval_s",
     .type = KeyType::kInteger,
     .member = &KioskConfig::sync_interval_s,
     .doc = "Seconds between exchanges with the province gateway when all is synced (a new "
            "dossier starts one at once; failures back off from 1 s to 300 s with jitter).",
     .default_integer = 60,
     .min = 5,
     .max = 86400},
    {.name = "sync.batch_size",
     .type = KeyType::kInteger,
     .member = &KioskConfig::sync_batch_size,
     .doc = "Dossiers sent in one push request (the gateway takes at most 100).",
     .default_integer = 50,
     .min = 1,
     .max = 100},
    {.name = "sync.chunk_kib",
     .type = KeyType::kInteger,
     .member = &KioskConfig::sync_chunk_kib,
     .doc = "Size of one attachment upload chunk in KiB; after a cut the upload resumes from "
            "the last chunk the gateway confirmed, so smaller chunks lose less on a bad link.",
     .default_integer = 256,
     .min = 16,
     .max = 4096},
    {.name = "sync.allow_plain_http",
     .type = KeyType::kBoolean,
     .member = &KioskConfig::sync_allow_plain_http,
     .doc = "Accept an http:// gateway URL on a host other than this machine (a test network "
            "only: dossiers would cross it unencrypted). https:// is always accepted, and "
            "http:// to a loopback address.",
     .default_boolean = false},
};

constexpr std::string_view kSections[] = {"printer", "staff", "sync"};

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
    // A key written without its table ("device" for "printer.device") is a
    // plausible mistake too: compare with the last part as well.
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

}  // namespace dvc::kiosk
