// The documented example configuration file of a key table: `header`, then
// every key with its description as a wrapped comment and its default (or
// its `example`) as the value, top-level keys first, then a "[section]" line
// before each section's keys. The programs' deploy/*.example.toml files are
// this text (their tests check it), so it must stay byte-stable.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "configfile/key_index.h"

namespace dvc::configfile {

// `header` is copied as is (comment lines ending in '\n').
std::string RenderExample(std::string_view header, const KeyIndex& index);

}  // namespace dvc::configfile
