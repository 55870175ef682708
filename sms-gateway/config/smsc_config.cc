#include "config/smsc_config.h"

#include <algorithm>
#include <filesystem>

#include "configfile/key_table.h"
#include "core/file_util.h"

namespace dvc::gateway {
namespace {

using configfile::KeyType;
using SmscKey = configfile::ConfigKey<SmscFileConfig>;

// SMPP 3.4 bounds the C-octet strings (NUL excluded).
template <size_t kMax>
std::string AtMost(std::string_view v) {
  if (v.size() > kMax) return "expected at most " + std::to_string(kMax) + " characters";
  const bool printable =
      std::all_of(v.begin(), v.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
  return printable ? "" : "expected printable ASCII";
}

std::string Host(std::string_view v) {
  const bool ok = !v.empty() && v.size() <= 253 && std::all_of(v.begin(), v.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '-' || c == ':';
  });
  return ok ? "" : "expected a host name or IP address, e.g. \"10.1.2.3\"";
}

std::string Prefix(std::string_view v) {
  const bool ok = v.size() >= 2 && v.size() <= 8 && v.starts_with("84") &&
                  std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  return ok ? ""
            : "expected an international prefix of 2 to 8 digits starting with 84, e.g. "
              "\"8486\"";
}

constexpr std::string_view kBindModes[] = {"transceiver", "transmitter_receiver"};

constexpr SmscKey kSmscKeys[] = {
    {{.name = "host",
      .type = KeyType::kString,
      .doc = "The SMSC's address, as the telco's contract gives it.",
      .default_string = "127.0.0.1",
      .check = Host},
     &SmscFileConfig::host},
    {{.name = "port",
      .type = KeyType::kInteger,
      .doc = "The SMSC's SMPP port.",
      .default_integer = 2775,
      .min = 1,
      .max = 65535},
     &SmscFileConfig::port},
    {{.name = "system_id",
      .type = KeyType::kString,
      .doc = "The account's system_id (at most 15 characters).",
      .default_string = "",
      .check = AtMost<15>},
     &SmscFileConfig::system_id},
    {{.name = "password",
      .type = KeyType::kString,
      .doc = "The account's password (at most 8 characters). Keep this file owner-only.",
      .default_string = "",
      .check = AtMost<8>},
     &SmscFileConfig::password},
    {{.name = "system_type",
      .type = KeyType::kString,
      .doc = "system_type sent in the bind, if the telco asks for one (at most 12).",
      .default_string = "",
      .check = AtMost<12>},
     &SmscFileConfig::system_type},
    {{.name = "bind_mode",
      .type = KeyType::kString,
      .doc = "\"transceiver\": one connection both ways; \"transmitter_receiver\": a "
             "transmitter and a receiver connection, for SMSCs without transceiver binds.",
      .default_string = "transceiver",
      .string_choices = kBindModes},
     &SmscFileConfig::bind_mode},
    {{.name = "window",
      .type = KeyType::kInteger,
      .doc = "submit_sm sent and not yet answered, at most (the contract usually says).",
      .default_integer = 10,
      .min = 1,
      .max = 500},
     &SmscFileConfig::window},
    {{.name = "max_per_second",
      .type = KeyType::kInteger,
      .doc = "submit_sm per second at most (the contract's rate); 0: no limit of ours.",
      .default_integer = 0,
      .min = 0,
      .max = 10000},
     &SmscFileConfig::max_per_second},
    {{.name = "enquire_link_s",
      .type = KeyType::kInteger,
      .doc = "Seconds of silence after which an enquire_link checks the link.",
      .default_integer = 30,
      .min = 5,
      .max = 600},
     &SmscFileConfig::enquire_link_s},
    {{.name = "response_timeout_s",
      .type = KeyType::kInteger,
      .doc = "Seconds a request may wait for its answer before the link counts as dead.",
      .default_integer = 10,
      .min = 1,
      .max = 120},
     &SmscFileConfig::response_timeout_s},
    {{.name = "reconnect_min_s",
      .type = KeyType::kInteger,
      .doc = "First wait before reconnecting after a drop or a refused bind (doubles).",
      .default_integer = 1,
      .min = 1,
      .max = 600},
     &SmscFileConfig::reconnect_min_s},
    {{.name = "reconnect_max_s",
      .type = KeyType::kInteger,
      .doc = "Longest wait between reconnection attempts.",
      .default_integer = 60,
      .min = 1,
      .max = 3600},
     &SmscFileConfig::reconnect_max_s},
    {{.name = "throttle_pause_ms",
      .type = KeyType::kInteger,
      .doc = "Pause after ESME_RTHROTTLED or ESME_RMSGQFUL before one submit probes the SMSC "
             "again (doubles while throttling repeats, up to 2 s or this value if longer).",
      .default_integer = 500,
      .min = 50,
      .max = 8000},
     &SmscFileConfig::throttle_pause_ms},
    {{.name = "source_addr",
      .type = KeyType::kString,
      .doc = "The sender shown on phones; empty: [sms] short_code.",
      .default_string = "",
      .check = AtMost<20>},
     &SmscFileConfig::source_addr},
    {{.name = "source_ton",
      .type = KeyType::kInteger,
      .doc = "The sender's type of number (0 unknown, 1 international, 3 network-specific "
             "short code, 5 alphanumeric), as the telco asks.",
      .default_integer = 0,
      .min = 0,
      .max = 6},
     &SmscFileConfig::source_ton},
    {{.name = "source_npi",
      .type = KeyType::kInteger,
      .doc = "The sender's numbering plan (0 unknown, 1 E.164).",
      .default_integer = 0,
      .min = 0,
      .max = 18},
     &SmscFileConfig::source_npi},
    {{.name = "prefixes",
      .type = KeyType::kStringList,
      .doc = "Numbers this connection is tried first for (international prefixes). Numbers "
             "move between networks, so any connection takes any number when the preferred "
             "one is down.",
      .check = Prefix},
     &SmscFileConfig::prefixes},
    {{.name = "registered_delivery",
      .type = KeyType::kBoolean,
      .doc = "Ask for delivery receipts (messages become 'delivered' when they arrive).",
      .default_boolean = true},
     &SmscFileConfig::registered_delivery},
};

const configfile::KeyTable<SmscFileConfig>& SmscTable() {
  static const configfile::KeyTable<SmscFileConfig> table(kSmscKeys, nullptr);
  return table;
}

bool GoodName(std::string_view name) {
  return !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

}  // namespace

std::span<const configfile::ConfigKey<SmscFileConfig>> SmscConfigKeys() { return kSmscKeys; }

Result<SmscFileConfig> ParseSmscConfig(std::string_view toml_text, std::string_view file_name,
                                       std::string name) {
  Result<SmscFileConfig> config = SmscTable().Parse(toml_text, file_name);
  if (!config.ok()) return config.status();
  // Rules the defaults cannot meet (a connection has no default account), so
  // they are checked here rather than by the table.
  const std::string where(file_name);
  if (config->system_id.empty()) {
    return Status::InvalidInput(where + ": system_id: expected the account's system_id");
  }
  if (config->reconnect_max_s < config->reconnect_min_s) {
    return Status::InvalidInput(where + ": reconnect_max_s: expected at least reconnect_min_s");
  }
  config->name = std::move(name);
  return config;
}

Result<std::vector<SmscFileConfig>> LoadSmscConfigs(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  if (ec) return Status::Io(dir + ": cannot read the SMSC connections directory: " + ec.message());
  if (files.empty()) {
    return Status::InvalidInput(dir +
                                ": no SMSC connection file (*.toml); see `sms-gateway config "
                                "smsc-example`");
  }
  std::sort(files.begin(), files.end());
  std::vector<SmscFileConfig> out;
  for (const auto& path : files) {
    const std::string name = path.stem().string();
    if (!GoodName(name)) {
      return Status::InvalidInput(path.string() +
                                  ": a connection's file name must be [a-z0-9_-], 1 to 32 "
                                  "characters, e.g. viettel.toml");
    }
    Result<std::string> text = core::ReadFile(path.string(), configfile::kMaxConfigBytes);
    if (!text.ok()) return text.status();
    Result<SmscFileConfig> checked = ParseSmscConfig(*text, path.string(), name);
    if (!checked.ok()) return checked.status();
    out.push_back(std::move(*checked));
  }
  return out;
}

std::string SmscExampleFile() {
  return SmscTable().RenderExample(
      "One SMSC connection of the SMPP transport ([sms] transport = \"smpp\"). Save it as\n"
      "<smsc_dir>/<name>.toml, owner-only (it holds the password); <name> names the\n"
      "connection in logs and in `sms-gateway sms list`.");
}

}  // namespace dvc::gateway
