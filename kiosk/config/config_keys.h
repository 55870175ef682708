// The one table of the kiosk's configuration keys.
//
// Each row names a key as written in TOML (dotted for a key inside a table:
// "printer.device" is `device` under `[printer]`), its type, default, bounds,
// the KioskConfig member it fills and the sentence that documents it. The
// parser, the validation, DefaultKioskConfig and RenderExampleConfig all read
// this table; nothing else lists keys.
//
// Thread-safety: constant data.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "calendar/office_hours.h"
#include "config/kiosk_config.h"
#include "core/status.h"

namespace dvc::kiosk {

// kOfficeHours: written as a string ("07:30-11:30,13:30-17:00"), stored parsed.
enum class KeyType { kString, kInteger, kStringList, kOfficeHours, kBoolean };

using ConfigMember = std::variant<std::string KioskConfig::*, int64_t KioskConfig::*,
                                  std::vector<std::string> KioskConfig::*,
                                  calendar::OfficeHours KioskConfig::*, bool KioskConfig::*>;

struct ConfigKey {
  std::string_view name;  // "idle_timeout_s", "printer.device"
  KeyType type = KeyType::kString;
  ConfigMember member;
  std::string_view doc = {};  // one or two sentences, English, for the example file
  // The default, in the field matching `type` (default_string for kOfficeHours).
  std::string_view default_string = {};
  int64_t default_integer = 0;
  bool default_boolean = false;
  std::span<const std::string_view> default_list = {};
  // Integers: inclusive bounds, and when not empty the only values allowed.
  int64_t min = 0;
  int64_t max = 0;
  std::span<const int64_t> integer_choices = {};
  // Strings: when not empty the only values allowed.
  std::span<const std::string_view> string_choices = {};
  // Strings and list items: an extra check; returns "expected ..." text on
  // failure (the caller prefixes file, line and key), empty when fine.
  std::string (*check)(std::string_view value) = nullptr;
  // What the example file shows when the default depends on the build (the
  // source tree's assets); empty: the default itself.
  std::string_view example = {};
  // Strings shown to residents: stored NFC-normalised.
  bool nfc = false;
};

// Every key, in the order of the example file: top-level keys, then each table.
std::span<const ConfigKey> ConfigKeys();

// The row for a dotted name, or nullptr.
const ConfigKey* FindConfigKey(std::string_view name);

// The known key closest to `name` by edit distance when it is close enough to
// be a plausible typo (distance ≤ max(2, length / 3)); empty otherwise.
std::string NearestConfigKey(std::string_view name);

// The table names that group keys ("printer", "staff", "sync").
bool IsConfigSection(std::string_view name);

}  // namespace dvc::kiosk
