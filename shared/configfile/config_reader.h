// Reading a TOML configuration file against a key table: every key=value is
// looked up, checked (CheckValue) and kept with its line; everything else is a
// problem naming the line and the key. Problems become one error message:
//   "kiosk.toml:12: idle_timeout_s: expected an integer between 30 and 3600"
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "configfile/config_key.h"
#include "configfile/key_index.h"
#include "core/status.h"

namespace dvc::configfile {

// One problem found in a file, kept with its line so they are reported in file order.
struct Problem {
  uint32_t line = 0;  // 0: not tied to a line
  std::string text;   // "idle_timeout_s: expected ..."
};

// A key set in the file, with its value already checked.
struct Setting {
  size_t key = 0;         // position in the KeyIndex
  std::string_view name;  // the key's name (the table's, so it outlives the Reading)
  uint32_t line = 0;
  Value value;
};

// The keys a file sets, for the cross-key rules to name the line of a key.
class SeenKeys {
 public:
  SeenKeys() = default;  // nothing seen: a flag, or the defaults
  explicit SeenKeys(const std::vector<Setting>& settings);
  // The line `name` was set on; 0 when it was not set.
  uint32_t LineOf(std::string_view name) const;

 private:
  std::vector<std::pair<std::string_view, uint32_t>> lines_;
};

struct Reading {
  std::vector<Setting> settings;  // in file order
  std::vector<Problem> problems;  // unknown keys and sections, values that do not fit
};

// Parses `toml_text` and walks it against `index`. Top-level tables must be
// sections of the index ("[printer]"); an unknown one is one problem, with
// the nearest section suggested.
// Errors (kInvalidInput): TOML syntax, as "<file_name>:<line>: <toml++'s
// description>"; kInternal when the parser cannot allocate. Never throws.
// Problems with keys are not errors here: they are in the Reading.
Result<Reading> ReadToml(std::string_view toml_text, std::string_view file_name,
                         const KeyIndex& index);

// One kInvalidInput status listing at most five problems, sorted by line, each
// "<file_name>:<line>: <text>" (no ":<line>" when the line is 0), and
// "(N more)" when there were more.
Status ProblemsStatus(std::vector<Problem> problems, std::string_view file_name);

}  // namespace dvc::configfile
