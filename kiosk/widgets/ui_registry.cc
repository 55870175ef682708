#include "widgets/ui_registry.h"

namespace dvc::kiosk {

void UiRegistry::BeginFrame() {
  targets_.clear();
  texts_.clear();
}

const UiTarget* UiRegistry::FindByLabel(std::string_view label) const {
  for (auto it = targets_.rbegin(); it != targets_.rend(); ++it) {
    if (it->label == label) return &*it;
  }
  return nullptr;
}

const UiTarget* UiRegistry::FindByKey(char32_t key) const {
  for (auto it = targets_.rbegin(); it != targets_.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

bool UiRegistry::IsTextVisible(std::string_view needle) const {
  for (const std::string& text : texts_) {
    if (text.find(needle) != std::string::npos) return true;
  }
  for (const UiTarget& target : targets_) {
    if (target.label.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::string UiRegistry::DescribeTargets() const {
  std::string out;
  for (const UiTarget& target : targets_) {
    if (target.key != 0) continue;  // keyboard keys would drown the list
    if (!out.empty()) out += ", ";
    out += '"' + target.label + '"';
    if (!target.enabled) out += " (disabled)";
  }
  return out.empty() ? "(none)" : out;
}

}  // namespace dvc::kiosk
