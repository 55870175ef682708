// Parses arbitrary bytes as a dossier code (what arrives by SMS, USSD or a
// scanner). Must never crash; a code that parses must re-format and re-parse to
// itself, from both its compact and its display form.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "dossier/dossier_code.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dvc::dossier::CodeProblem;
  using dvc::dossier::DossierCode;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto examined = dvc::dossier::ExamineDossierCode(text);
  if (const auto* problem = std::get_if<CodeProblem>(&examined)) {
    if (problem->Message().empty()) std::abort();
    return 0;
  }
  const DossierCode& code = std::get<DossierCode>(examined);
  if (code.compact().size() != DossierCode::kLength) std::abort();
  for (const std::string& form : {code.compact(), code.Display()}) {
    auto again = dvc::dossier::ParseDossierCode(form);
    if (!again.ok() || !(*again == code)) std::abort();
  }
  auto rebuilt = DossierCode::FromParts(code.commune_code(), code.issuer(), code.scrambled());
  if (!rebuilt.ok() || !(*rebuilt == code)) std::abort();
  return 0;
}
