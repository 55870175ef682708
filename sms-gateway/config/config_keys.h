// The one table of the gateway's configuration keys.
//
// Each row names a key as written in TOML (dotted for a key inside a table:
// "http.port" is `port` under `[http]`), its type, default, bounds, the
// GatewayConfig member it fills and the sentence that documents it. The
// parser, the validation, DefaultGatewayConfig and RenderExampleConfig all
// read this table; nothing else lists keys (STYLE.md, "tables as the single
// source of truth").
//
// Thread-safety: constant data.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "calendar/office_hours.h"
#include "config/gateway_config.h"

namespace dvc::gateway {

// kOfficeHours: written as a string ("07:30-11:30,13:30-17:00"), stored parsed.
enum class KeyType { kString, kInteger, kOfficeHours };

using ConfigMember = std::variant<std::string GatewayConfig::*, int64_t GatewayConfig::*,
                                  calendar::OfficeHours GatewayConfig::*>;

struct ConfigKey {
  std::string_view name;  // "data_dir", "http.port"
  KeyType type = KeyType::kString;
  ConfigMember member;
  std::string_view doc = {};  // one or two sentences, English, for the example file
  // The default, in the field matching `type` (default_string for kOfficeHours).
  std::string_view default_string = {};
  int64_t default_integer = 0;
  // Integers: inclusive bounds.
  int64_t min = 0;
  int64_t max = 0;
  // Strings: an extra check; returns "expected ..." text on failure (the
  // caller prefixes file, line and key), empty when fine.
  std::string (*check)(std::string_view value) = nullptr;
  // What the example file shows when the default depends on the build (the
  // source tree's assets); empty: the default itself.
  std::string_view example = {};
};

// Every key, in the order of the example file: top-level keys, then each table.
std::span<const ConfigKey> ConfigKeys();

// The row for a dotted name, or nullptr.
const ConfigKey* FindConfigKey(std::string_view name);

// The known key closest to `name` by edit distance when it is close enough to
// be a plausible typo (distance <= max(2, length / 3)); empty otherwise.
std::string NearestConfigKey(std::string_view name);

// The table names that group keys ("http", "enrolment", "operator", "events").
bool IsConfigSection(std::string_view name);

}  // namespace dvc::gateway
