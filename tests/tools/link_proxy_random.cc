#include "link_proxy_random.h"

#include <cassert>
#include <cmath>

namespace dvc::linkproxy {

double LinkRandom::Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

uint64_t LinkRandom::CutAfterBytes(uint64_t mean_bytes) {
  assert(mean_bytes > 0);
  // Inverse transform: -mean × ln(1 - u) with u in [0, 1), so the log is finite.
  const double bytes = -static_cast<double>(mean_bytes) * std::log1p(-Uniform());
  if (!(bytes >= 1.0)) return 1;
  // Far beyond any test traffic; keeps the conversion defined.
  if (bytes >= 0x1.0p62) return uint64_t{1} << 62;
  return static_cast<uint64_t>(std::ceil(bytes));
}

bool LinkRandom::Chance(double probability) {
  if (probability <= 0.0) return false;
  return Uniform() < probability;
}

}  // namespace dvc::linkproxy
