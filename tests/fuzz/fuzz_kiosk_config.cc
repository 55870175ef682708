// Parses arbitrary bytes as the kiosk's TOML configuration (a file an
// administrator edits by hand). Must never crash or throw; an error must name
// the file; a configuration that parses must satisfy the key table's rules, and
// a key set from its own value through ApplyOverride must be accepted.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/kiosk_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A configuration file is small; toml++ is recursive, so bound the input.
  if (size > 64 * 1024) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = dvc::kiosk::ParseKioskConfig(text, "kiosk.toml");
  if (!parsed.ok()) {
    if (parsed.status().message().rfind("kiosk.toml", 0) != 0) std::abort();
    return 0;
  }
  const dvc::kiosk::KioskConfig& config = *parsed;
  if (config.idle_warning_s < 20 || config.idle_warning_s >= config.idle_timeout_s) std::abort();
  if (config.printer_width_mm != 58 && config.printer_width_mm != 80) std::abort();
  if (config.commune_code.size() != 5) std::abort();
  if (config.language != "vi" && config.language != "en") std::abort();
  dvc::kiosk::KioskConfig copy = config;
  if (!dvc::kiosk::ApplyOverride(copy, "idle_timeout_s", std::to_string(config.idle_timeout_s))
           .ok() ||
      !dvc::kiosk::ApplyOverride(copy, "data_dir", config.data_dir).ok()) {
    std::abort();
  }
  return 0;
}
