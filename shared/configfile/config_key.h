// One row of a program's configuration-key table, and the checks every value
// goes through on its way into the program's config struct.
//
// A program declares its keys once, as an array of ConfigKey<Config> (name,
// type, default, bounds, description, the member it fills); KeyTable
// (key_table.h) drives parsing, validation, the defaults and the documented
// example file from that array, so code, file and documentation cannot drift.
//
// Thread-safety: constant data and pure functions.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "calendar/office_hours.h"
#include "core/status.h"

namespace dvc::configfile {

// kOfficeHours: written as a string ("07:30-11:30,13:30-17:00"), stored parsed.
// The order is that of Member<Config>'s alternatives: KeyTable checks each
// row's type against its member with it.
enum class KeyType { kString, kInteger, kStringList, kOfficeHours, kBoolean };

// Everything about a key but the member it fills: what the non-template part
// of the engine reads.
struct KeySpec {
  std::string_view name;  // "idle_timeout_s", "printer.device" (`device` under `[printer]`)
  KeyType type = KeyType::kString;
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

// The member of Config a key fills; its alternative must match the key's type.
template <class Config>
using Member =
    std::variant<std::string Config::*, int64_t Config::*, std::vector<std::string> Config::*,
                 calendar::OfficeHours Config::*, bool Config::*>;

// A row of a program's table, written
//   {{.name = "data_dir", .type = KeyType::kString, ...}, &KioskConfig::data_dir}
template <class Config>
struct ConfigKey : KeySpec {
  Member<Config> member;
};

// A value on its way into a config struct, from a TOML node or a flag's text.
// After CheckValue it holds the stored type (OfficeHours for kOfficeHours).
using Value = std::variant<std::monostate, std::string, int64_t, std::vector<std::string>,
                           calendar::OfficeHours, bool>;

// What `key` accepts, in the words of an error message: "expected an integer
// between 30 and 3600", "expected \"vi\" or \"en\"", "expected true or false".
std::string Expectation(const KeySpec& key);

// Checks `value` against `key`'s type, bounds, choices and check, and brings
// it to the stored form (NFC for `nfc` keys, parsed office hours). Returns the
// "expected ..." text when it does not fit, empty when `value` may be stored.
std::string CheckValue(const KeySpec& key, Value& value);

// `key`'s default as a Value (not yet checked).
Value DefaultValue(const KeySpec& key);

// A value as a command-line flag writes it: integers in decimal, booleans
// "true"/"false", lists comma-separated (empty text: an empty list). Text
// that is not of the key's type gives monostate (refused by CheckValue).
Value ValueFromText(const KeySpec& key, std::string_view text);

// Checks shared by the programs' tables (return "expected ..." or empty):
// a non-empty path without NUL characters; the same or empty ("not set").
std::string CheckPath(std::string_view value);
std::string CheckOptionalPath(std::string_view value);

// Stores a value CheckValue accepted for `member`'s key into `config`.
// Aborts when the value's type is not the member's (a table whose `type`
// disagrees with its `member`: a programming error every parse would hit).
template <class Config>
void Store(const Member<Config>& member, Value&& value, Config& config) {
  std::visit(
      [&](auto field) {
        using Field = std::remove_reference_t<decltype(config.*field)>;
        Field* stored = std::get_if<Field>(&value);
        if (stored == nullptr) std::abort();
        config.*field = std::move(*stored);
      },
      member);
}

}  // namespace dvc::configfile
