#include "core/status.h"

namespace dvc {

// Out of line on purpose: inlined, g++ 12 reports a false -Warray-bounds in
// std::string concatenation here.
Status Status::WithContext(const std::string& prefix) const {
  if (ok()) return *this;
  std::string message;
  message.reserve(prefix.size() + 2 + message_.size());
  message.append(prefix).append(": ").append(message_);
  return Status(code_, std::move(message));
}

}  // namespace dvc
