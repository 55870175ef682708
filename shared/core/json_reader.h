// Reading hand-edited or received JSON with errors that name the file and the
// JSON path ("services/x.json: $.form.fields[2].type: unknown field type
// \"txt\""), so whoever edits the data sees exactly what to fix.
//
// ParseJsonText turns bytes into a DOM (duplicate keys refused, nesting
// bounded, syntax errors with line and column); JsonNode reads typed values
// from it. The one JSON reader of the project: the catalog, the holiday file
// and dossiers all go through it.
// Thread-safety: ParseJsonText is a pure function; a JsonNode is a cheap view
// into a DOM it does not own (the DOM must outlive it) and is safe to use from
// several threads for reading.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace dvc::core {

// Default deepest nesting of arrays/objects accepted (catalog files need about 6).
inline constexpr int kMaxJsonDepth = 64;

// Parses `text` as one JSON value, refusing (before parsing) arrays/objects
// nested more than `max_depth` deep, so hostile text cannot make anything
// recurse deeply. Errors (kInvalidInput) start with `file_name`: a syntax
// error or too deep nesting gives "line L, column C (byte B): ...", a
// duplicate key gives its JSON path ("$.years: duplicate key \"2026\"").
// Strings come back exactly as written (callers normalise if they need to).
Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view file_name,
                                     int max_depth = kMaxJsonDepth);

// "a string", "an array", "a fractional number"... for error messages.
std::string_view JsonTypeName(const nlohmann::json& value);

// Whether a key must be present (and not null).
enum class Need { kRequired, kOptional };

// A position in a parsed document: the value, the file it came from and its
// JSON path. Read* functions check the type and report failures as
// "file: path.key: what" (just "path.key: what" when the file name is empty,
// for documents that are not files, whose root path names them instead);
// when an optional key is absent or null they leave the output untouched and
// return OK.
class JsonNode {
 public:
  // `value` and `file` must outlive the node.
  JsonNode(const nlohmann::json& value, const std::string& file, std::string path = "$");

  const nlohmann::json& value() const { return *value_; }
  const std::string& path() const { return path_; }
  const std::string& file() const { return *file_; }

  // kInvalidInput "file: path: what".
  Status Fail(std::string_view what) const;
  // Fails unless this is an object whose keys are all in `allowed`; an
  // unknown key is reported at its own path with the list of allowed keys
  // ("$.years.2026.day_off: unknown key (expected one of: days_off, note)").
  Status ExpectObject(std::span<const std::string_view> allowed) const;
  Status ExpectObject(std::initializer_list<std::string_view> allowed) const {
    return ExpectObject(std::span<const std::string_view>(allowed.begin(), allowed.size()));
  }
  // True when this is an object holding `key` with a non-null value.
  bool Has(std::string_view key) const;
  // The member `key` (a null value when absent or when this is not an object).
  JsonNode Child(std::string_view key) const;

  Status ReadString(std::string_view key, std::string* out, Need need) const;
  Status ReadBool(std::string_view key, bool* out, Need need) const;
  // An integer in [min, max] (a JSON number without fraction).
  Status ReadInt(std::string_view key, int64_t* out, Need need, int64_t min, int64_t max) const;
  Status ReadNumber(std::string_view key, double* out, Need need) const;
  // A string that must be one of `names`; `what` names the kind in the error
  // ("unknown field type \"txt\"").
  template <typename E>
  Status ReadEnum(std::string_view key, const std::vector<std::pair<std::string_view, E>>& names,
                  std::string_view what, E* out, Need need) const {
    std::string s;
    bool present = Has(key);
    DVC_RETURN_IF_ERROR(ReadString(key, &s, need));
    if (!present) return Status::Ok();
    for (const auto& [name, e] : names) {
      if (name == s) {
        *out = e;
        return Status::Ok();
      }
    }
    return Child(key).Fail("unknown " + std::string(what) + " \"" + s + "\"");
  }
  // Calls `fn` on each element of the array `key`, stopping at the first error.
  Status ForEach(std::string_view key, Need need,
                 const std::function<Status(const JsonNode& element, size_t index)>& fn) const;
  // Calls `fn` on each member of the object `key` (in key order), stopping at
  // the first error.
  Status ForEachMember(
      std::string_view key, Need need,
      const std::function<Status(const JsonNode& member, const std::string& member_key)>& fn) const;

 private:
  std::string ChildPath(std::string_view key) const;

  const nlohmann::json* value_;
  const std::string* file_;
  std::string path_;
};

}  // namespace dvc::core
