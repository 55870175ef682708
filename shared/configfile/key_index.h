// Lookup over a program's key names: the row for a dotted name, the sections
// ("printer" for "printer.device"), and the nearest known key to a typo.
//
// Thread-safety: immutable after construction; const methods may be called
// from any thread. Does not own the specs (they are the program's static table).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "configfile/config_key.h"

namespace dvc::configfile {

// Edit distance (insert, delete, substitute) over bytes; key names are ASCII.
size_t EditDistance(std::string_view a, std::string_view b);

class KeyIndex {
 public:
  // `specs` in table order; each must outlive the index.
  explicit KeyIndex(std::vector<const KeySpec*> specs);

  size_t size() const { return specs_.size(); }
  const KeySpec& spec(size_t i) const { return *specs_[i]; }

  // The position of the key named `name` ("printer.device"), or nullopt.
  std::optional<size_t> Find(std::string_view name) const;

  // True when `name` is a table grouping keys: some key is "<name>.<...>".
  // The sections are derived from the names, so a new section needs no list.
  bool IsSection(std::string_view name) const;

  // The known key closest to `name` by edit distance, comparing with the last
  // part of a dotted key too (a key written without its table), when it is
  // close enough to be a plausible typo (distance <= max(2, length / 3));
  // empty otherwise, and for names longer than 64 bytes.
  std::string Nearest(std::string_view name) const;

  // "<name>: unknown key; did you mean <nearest>?" (without the suggestion
  // when nothing is near).
  std::string UnknownKeyText(std::string_view name) const;

  // "<name>: unknown section; did you mean [<nearest section>]?" for a table
  // that groups no keys (without the suggestion when no section is near).
  std::string UnknownSectionText(std::string_view name) const;

 private:
  std::vector<const KeySpec*> specs_;
  std::vector<std::string_view> sections_;  // derived from the names, in table order
};

}  // namespace dvc::configfile
