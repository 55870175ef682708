// Filling "{name}" placeholders in the texts residents read (SMS
// notifications and replies, USSD screens), with the typography rules that
// keep a substituted text reading as one sentence.
//
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace dvc::text {

// What a "{name}" with no value becomes.
enum class UnknownPlaceholder {
  kKeep,  // stays as written, braces included (USSD: a menu typo shows, not hides)
  kDrop,  // disappears (SMS: templates are checked at load; a missing value is empty)
};

// A placeholder's name and its value.
using TemplateValue = std::pair<std::string_view, std::string_view>;

// `pattern` with each "{name}" replaced by its value (the first one given for
// that name). Braces are not escaped: a '{' without a later '}', or whose
// '}' comes after another '{', is plain text ("{code" stays "{code"; in
// "{{code}}" the inner placeholder is filled, "{A}").
//
// Two rules so that a value reads as part of its sentence:
//  - a value ending with '.', '!' or '?' swallows a '.' right after the
//    placeholder: "{note}." with "Bo sung CCCD." gives "Bo sung CCCD.", not
//    "..". The dot stays when the value is empty or ends otherwise.
//  - an empty value (given as "" or dropped) between two spaces leaves one
//    space: "Ho so {x} da xong" with x = "" gives "Ho so da xong".
//
// Never fails; any bytes are accepted and copied as they are.
std::string FillTemplate(std::string_view pattern, std::span<const TemplateValue> values,
                         UnknownPlaceholder unknown);

// The same with the values in a map (e.g. built up field by field).
std::string FillTemplate(std::string_view pattern,
                         const std::map<std::string, std::string, std::less<>>& values,
                         UnknownPlaceholder unknown);

}  // namespace dvc::text
