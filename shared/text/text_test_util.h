// Helpers shared by the text tests. A header, not a .cc, because the build
// puts every non-test .cc into the library.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "core/status.h"

namespace dvc::text {

// The bytes (or unpacked GSM septets) given as small integers, e.g.
// Bytes({0x00, 0x41}) for UTF-16BE "A".
inline std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

// The value of `r`, or a test failure and T{} (never aborts the test binary).
template <typename T>
T Ok(const Result<T>& r) {
  if (!r.ok()) {
    ADD_FAILURE() << r.status().message();
    return T{};
  }
  return *r;
}

}  // namespace dvc::text
