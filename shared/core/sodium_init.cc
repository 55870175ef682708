#include "core/sodium_init.h"

#include <sodium.h>

#include <cstdlib>

namespace dvc::core {

void InitSodiumOrAbort() {
  if (sodium_init() < 0) std::abort();
}

}  // namespace dvc::core
