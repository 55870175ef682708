// Text a resident sees, in Vietnamese and (optionally) English.
// Thread-safety: value type.
#pragma once

#include <string>

namespace dvc::catalog {

enum class Language { kVi, kEn };

// `vi` is always present (NFC); `en` may be empty, and then readers of the
// English variant fall back to `vi` (the kiosk shows Vietnamese rather than nothing).
struct Text {
  std::string vi;
  std::string en;

  // The text in `lang`, falling back to Vietnamese when English is missing.
  const std::string& In(Language lang) const {
    return lang == Language::kEn && !en.empty() ? en : vi;
  }
  friend bool operator==(const Text&, const Text&) = default;
};

}  // namespace dvc::catalog
