// Fuzzes the USSD menu with arbitrary input. The first byte chooses what the
// rest is: the aggregator's text_so_far replayed over the repository's menu
// and catalog (every answer must be GSM-7 of at most 160 septets, and the
// same text must always give the same screen), a callback body read as form
// or JSON, or SMPP steps (split at NUL) through one session.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "text/gsm7.h"
#include "ussd/ussd_callback.h"
#include "ussd/ussd_replay.h"
#include "ussd/ussd_service.h"

namespace {

using dvc::gateway::UssdLookup;

void Require(bool ok) {
  if (!ok) std::abort();
}

class FuzzBackend final : public dvc::gateway::UssdBackend {
 public:
  explicit FuzzBackend(std::shared_ptr<const dvc::catalog::Catalog> catalog)
      : catalog_(std::move(catalog)) {}
  std::shared_ptr<const dvc::catalog::Catalog> CurrentCatalog() override { return catalog_; }
  UssdLookup Lookup(std::string_view typed) override {
    UssdLookup found;
    // Any answer shape, chosen by the typed text's length.
    found.kind = static_cast<UssdLookup::Kind>(typed.size() % 6);
    found.answer.code = std::string(typed);
    found.answer.status = static_cast<dvc::dossier::DossierStatus>(typed.size() % 12);
    if (typed.size() % 2 == 0)
      found.answer.official_appointment = dvc::calendar::Date::Ymd(2026, 1, 2);
    return found;
  }

 private:
  std::shared_ptr<const dvc::catalog::Catalog> catalog_;
};

struct Fixture {
  Fixture() {
    const std::string dir = DVC_SOURCE_DIR;
    menu = dvc::gateway::LoadUssdMenu(dir + "/assets/ussd/menu.json").value();
    catalog = std::make_shared<const dvc::catalog::Catalog>(
        dvc::catalog::LoadCatalog(dir + "/assets/catalog").value());
    layout = dvc::gateway::UssdLayout::Build(menu, catalog);
  }
  dvc::gateway::UssdMenu menu;
  std::shared_ptr<const dvc::catalog::Catalog> catalog;
  std::shared_ptr<const dvc::gateway::UssdLayout> layout;
};

const Fixture& TheFixture() {
  static const Fixture fixture;
  return fixture;
}

void CheckScreen(const dvc::gateway::UssdScreen& screen) {
  auto septets = dvc::text::EncodeGsm7(screen.text);
  Require(septets.ok());
  Require(septets->size() <= dvc::gateway::kUssdScreenSeptets);
  Require(!screen.text.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 4096) return 0;
  const Fixture& f = TheFixture();
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      FuzzBackend backend(f.catalog);
      const dvc::gateway::UssdLookupFn lookup = [&](std::string_view typed) {
        return backend.Lookup(typed);
      };
      const auto steps = dvc::gateway::SplitUssdSteps(input);
      const auto first = dvc::gateway::ReplayUssd(*f.layout, steps, lookup);
      CheckScreen(first);
      const auto again = dvc::gateway::ReplayUssd(*f.layout, steps, lookup);
      Require(first.text == again.text && first.end == again.end);
      break;
    }
    case 1: {
      auto json = dvc::gateway::ParseUssdCallback("application/json", input);
      auto form = dvc::gateway::ParseUssdCallback("application/x-www-form-urlencoded", input);
      for (const auto* parsed : {&json, &form}) {
        if (!parsed->ok()) continue;
        Require(!(*parsed)->session_id.empty());
        dvc::gateway::UssdService ussd(f.menu, std::make_unique<FuzzBackend>(f.catalog));
        CheckScreen(ussd.Answer((*parsed)->session_id, (*parsed)->service_code,
                                (*parsed)->phone_number, (*parsed)->text, 0));
      }
      break;
    }
    default: {
      dvc::gateway::UssdService ussd(f.menu, std::make_unique<FuzzBackend>(f.catalog));
      CheckScreen(ussd.AnswerSmppStep("84912345678", 0x0100, true, "*123#", 0));
      size_t pos = 0;
      int64_t now = 0;
      while (pos <= input.size()) {
        const size_t end = std::min(input.find('\0', pos), input.size());
        const auto answer = ussd.AnswerSmppStep("84912345678", 0x0102, false,
                                                input.substr(pos, end - pos), now += 1000);
        CheckScreen(answer);
        if (answer.end) break;
        pos = end + 1;
      }
      break;
    }
  }
  return 0;
}
