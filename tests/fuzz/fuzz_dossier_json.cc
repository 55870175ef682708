// Reads a dossier from arbitrary JSON text, as the sync API does with a kiosk's
// push. Must never crash; a dossier that is accepted must serialise and read back
// to an equal dossier.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dossier/dossier_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto dossier = dvc::dossier::DossierFromJsonText(text);
  if (!dossier.ok()) {
    if (dossier.status().message().empty()) std::abort();
    return 0;
  }
  auto again = dvc::dossier::DossierFromJsonText(dvc::dossier::DossierToJsonText(*dossier));
  if (!again.ok() || !(*again == *dossier)) std::abort();
  return 0;
}
