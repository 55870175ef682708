// KeyTable<Config>: the configuration engine of a program, over its table of
// ConfigKey<Config> rows. It gives the defaults, parses a TOML file (unknown
// keys refused with the nearest known key suggested; types, bounds, choices
// and checks applied; the program's cross-key rules run last), applies a
// command-line override by the same rules, and renders the example file.
//
// Errors name the file, the line and the key, e.g.
//   "kiosk.toml:12: idle_timeout_s: expected an integer between 30 and 3600"
//
// Usage, in a program's config .cc:
//   const configfile::KeyTable<KioskConfig>& Table() {
//     static const configfile::KeyTable<KioskConfig> table(ConfigKeys(), CrossKeyRules);
//     return table;
//   }
//
// Thread-safety: immutable after construction; const methods may be called
// from any thread. Does not own the rows (the program's static table).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "configfile/config_key.h"
#include "configfile/config_reader.h"
#include "configfile/example_file.h"
#include "configfile/key_index.h"
#include "core/file_util.h"
#include "core/status.h"

namespace dvc::configfile {

// A configuration file is a few kilobytes; anything far larger is not one.
inline constexpr uint64_t kMaxConfigBytes = 1u << 20;

template <class Config>
class KeyTable {
 public:
  // Rules involving more than one key, run after every key of a file (or an
  // override) is stored; each problem's text starts with the key it blames
  // ("idle_warning_s: expected less than ..."), its line from `seen`.
  using CrossKeyRules = std::vector<Problem> (*)(const Config& config, const SeenKeys& seen);

  // `keys` in the order of the example file: top-level keys, then each
  // section's (TOML requires that order in a file). Aborts when a row's type
  // disagrees with its member or the defaults break the table's own rules:
  // a programming error, met by the first use of the table.
  explicit KeyTable(std::span<const ConfigKey<Config>> keys, CrossKeyRules rules = nullptr)
      : keys_(keys), index_(Specs(keys)), rules_(rules) {
    for (const ConfigKey<Config>& key : keys_) {
      if (key.member.index() != static_cast<size_t>(key.type)) std::abort();
      Value value = DefaultValue(key);
      if (!CheckValue(key, value).empty()) std::abort();
      Store(key.member, std::move(value), defaults_);
    }
    if (!RuleProblems(defaults_, SeenKeys()).empty()) std::abort();
  }

  std::span<const ConfigKey<Config>> keys() const { return keys_; }
  const KeyIndex& index() const { return index_; }

  // Every key at its default.
  const Config& Defaults() const { return defaults_; }

  // Parses TOML text; keys absent from it keep their defaults. `file_name`
  // prefixes error messages ("kiosk.toml:12: ...").
  // Errors (kInvalidInput): TOML syntax (with toml++'s description), an
  // unknown key or section (with a suggestion), a value of the wrong type or
  // out of bounds, a cross-key rule; at most five problems, in file order.
  // kInternal when the parser cannot allocate. Never throws.
  Result<Config> Parse(std::string_view toml_text, std::string_view file_name) const {
    Result<Reading> reading = ReadToml(toml_text, file_name, index_);
    if (!reading.ok()) return reading.status();
    if (!reading->problems.empty()) return ProblemsStatus(std::move(reading->problems), file_name);
    Config config = defaults_;
    const SeenKeys seen(reading->settings);
    for (Setting& setting : reading->settings) {
      Store(keys_[setting.key].member, std::move(setting.value), config);
    }
    if (std::vector<Problem> problems = RuleProblems(config, seen); !problems.empty()) {
      return ProblemsStatus(std::move(problems), file_name);
    }
    return config;
  }

  // Reads (at most kMaxConfigBytes) and parses `path`; errors name the path
  // as given, so the administrator finds it. Errors: kIo when it cannot be
  // read; kInvalidInput when it is larger than kMaxConfigBytes; as Parse.
  Result<Config> Load(const std::string& path) const {
    Result<std::string> text = core::ReadFile(path, kMaxConfigBytes);
    if (!text.ok()) return text.status();
    return Parse(*text, path);
  }

  // Sets one key from text, as a command-line flag gives it (ValueFromText),
  // and re-checks the cross-key rules.
  // Errors (kInvalidInput): "--idle_timeout_s: expected an integer between 30
  // and 3600"; an unknown key (with a suggestion); `config` is unchanged.
  Status Override(Config& config, std::string_view key_name, std::string_view text) const {
    const std::optional<size_t> i = index_.Find(key_name);
    if (!i) return Status::InvalidInput(index_.UnknownKeyText(key_name));
    const ConfigKey<Config>& key = keys_[*i];
    Value value = ValueFromText(key, text);
    if (std::string problem = CheckValue(key, value); !problem.empty()) {
      return Status::InvalidInput("--" + std::string(key_name) + ": " + problem);
    }
    Config updated = config;
    Store(key.member, std::move(value), updated);
    if (std::vector<Problem> problems = RuleProblems(updated, SeenKeys()); !problems.empty()) {
      return Status::InvalidInput("--" + problems.front().text);
    }
    config = std::move(updated);
    return Status::Ok();
  }

  // The example file (example_file.h) with `header` first.
  std::string RenderExample(std::string_view header) const {
    return configfile::RenderExample(header, index_);
  }

 private:
  static std::vector<const KeySpec*> Specs(std::span<const ConfigKey<Config>> keys) {
    std::vector<const KeySpec*> specs;
    for (const ConfigKey<Config>& key : keys) specs.push_back(&key);
    return specs;
  }

  std::vector<Problem> RuleProblems(const Config& config, const SeenKeys& seen) const {
    return rules_ != nullptr ? rules_(config, seen) : std::vector<Problem>{};
  }

  std::span<const ConfigKey<Config>> keys_;
  KeyIndex index_;
  CrossKeyRules rules_;
  Config defaults_{};
};

}  // namespace dvc::configfile
