#include "configfile/key_index.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace dvc::configfile {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

namespace {

// The candidate closest to `name` when it is a plausible typo of it
// (distance <= max(2, length / 3)); empty otherwise. `distance` measures one
// candidate.
template <class Candidates, class Distance>
std::string Closest(std::string_view name, const Candidates& candidates, Distance distance) {
  // Long garbage is not a typo; and the distance table must stay small.
  if (name.size() > 64) return "";
  std::string_view best;
  size_t best_distance = SIZE_MAX;
  for (const auto& candidate : candidates) {
    const auto [candidate_name, d] = distance(candidate);
    if (d < best_distance) {
      best = candidate_name;
      best_distance = d;
    }
  }
  const size_t limit = std::max<size_t>(2, name.size() / 3);
  if (best_distance > limit) return "";
  return std::string(best);
}

}  // namespace

KeyIndex::KeyIndex(std::vector<const KeySpec*> specs) : specs_(std::move(specs)) {
  for (const KeySpec* spec : specs_) {
    const size_t dot = spec->name.find('.');
    if (dot == std::string_view::npos) continue;
    const std::string_view section = spec->name.substr(0, dot);
    if (std::find(sections_.begin(), sections_.end(), section) == sections_.end()) {
      sections_.push_back(section);
    }
  }
}

std::optional<size_t> KeyIndex::Find(std::string_view name) const {
  for (size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i]->name == name) return i;
  }
  return std::nullopt;
}

bool KeyIndex::IsSection(std::string_view name) const {
  return std::find(sections_.begin(), sections_.end(), name) != sections_.end();
}

std::string KeyIndex::Nearest(std::string_view name) const {
  return Closest(name, specs_, [name](const KeySpec* spec) {
    // A key written without its table ("device" for "printer.device") is a
    // plausible mistake too: compare with the last part as well.
    const size_t dot = spec->name.rfind('.');
    size_t d = EditDistance(name, spec->name);
    if (dot != std::string_view::npos) {
      d = std::min(d, EditDistance(name, spec->name.substr(dot + 1)));
    }
    return std::pair(spec->name, d);
  });
}

std::string KeyIndex::UnknownKeyText(std::string_view name) const {
  std::string text = std::string(name) + ": unknown key";
  if (std::string nearest = Nearest(name); !nearest.empty()) {
    text += "; did you mean " + nearest + "?";
  }
  return text;
}

std::string KeyIndex::UnknownSectionText(std::string_view name) const {
  std::string text = std::string(name) + ": unknown section";
  const std::string nearest = Closest(name, sections_, [name](std::string_view section) {
    return std::pair(section, EditDistance(name, section));
  });
  if (!nearest.empty()) text += "; did you mean [" + nearest + "]?";
  return text;
}

}  // namespace dvc::configfile
