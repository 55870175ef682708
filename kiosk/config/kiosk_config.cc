#include "config/kiosk_config.h"

#include <string>
#include <vector>

#include "config/config_keys.h"
#include "configfile/key_table.h"
#include "outbox/kiosk_identity.h"
#include "outbox/kiosk_schema.h"

namespace dvc::kiosk {

namespace {

using configfile::Problem;
using configfile::SeenKeys;

// Rules that involve more than one key, run after every key is assigned.
std::vector<Problem> CrossKeyRules(const KioskConfig& config, const SeenKeys& seen) {
  std::vector<Problem> problems;
  if (config.idle_warning_s >= config.idle_timeout_s) {
    const uint32_t line = seen.LineOf("idle_warning_s") ? seen.LineOf("idle_warning_s")
                                                        : seen.LineOf("idle_timeout_s");
    problems.push_back({line, "idle_warning_s: expected less than idle_timeout_s (" +
                                  std::to_string(config.idle_timeout_s) + ")"});
  }
  return problems;
}

const configfile::KeyTable<KioskConfig>& Table() {
  static const configfile::KeyTable<KioskConfig> table(ConfigKeys(), CrossKeyRules);
  return table;
}

}  // namespace

std::string KioskConfig::DatabasePath() const { return KioskDatabasePath(data_dir); }
std::string KioskConfig::KeyPath() const { return KioskIdentity::KeyPath(data_dir); }

KioskConfig DefaultKioskConfig() { return Table().Defaults(); }

Result<KioskConfig> ParseKioskConfig(std::string_view toml_text, std::string_view file_name) {
  return Table().Parse(toml_text, file_name);
}

Result<KioskConfig> LoadKioskConfig(const std::string& path) {
  if (path.empty()) return DefaultKioskConfig();
  return Table().Load(path);
}

Status ApplyOverride(KioskConfig& config, std::string_view key, std::string_view value) {
  return Table().Override(config, key, value);
}

std::string RenderExampleConfig() {
  return Table().RenderExample(
      "# Kiosk configuration: every key with its default (docs/kiosk-config.md).\n"
      "# Generated from kiosk/config/config_keys.cc; a test keeps the two identical.\n"
      "# Values marked EXAMPLE must be set for each kiosk.\n");
}

}  // namespace dvc::kiosk
