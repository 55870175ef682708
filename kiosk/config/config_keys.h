// The one table of the kiosk's configuration keys.
//
// Each row names a key as written in TOML (dotted for a key inside a table:
// "printer.device" is `device` under `[printer]`), its type, default, bounds,
// the KioskConfig member it fills and the sentence that documents it. The
// shared engine (configfile/key_table.h) reads this table for parsing,
// validation, DefaultKioskConfig and RenderExampleConfig; nothing else lists
// keys.
//
// Thread-safety: constant data.
#pragma once

#include <span>

#include "config/kiosk_config.h"
#include "configfile/config_key.h"

namespace dvc::kiosk {

using ConfigKey = configfile::ConfigKey<KioskConfig>;

// Every key, in the order of the example file: top-level keys, then each table.
std::span<const ConfigKey> ConfigKeys();

}  // namespace dvc::kiosk
