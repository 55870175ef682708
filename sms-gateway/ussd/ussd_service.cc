#include "ussd/ussd_service.h"

#include "dossier/dossier_code.h"
#include "text/gsm7_safe.h"

namespace dvc::gateway {

namespace {

class GatewayBackend final : public UssdBackend {
 public:
  explicit GatewayBackend(GatewayService& service) : service_(service) {}

  std::shared_ptr<const catalog::Catalog> CurrentCatalog() override {
    ApiResult<std::shared_ptr<const catalog::Catalog>> current = service_.CurrentCatalog();
    return current.ok() ? *current : nullptr;
  }

  UssdLookup Lookup(std::string_view typed_code) override {
    UssdLookup out;
    // The shape first: a wrong check character is a typo the resident can fix.
    const auto examined = dossier::ExamineDossierCode(typed_code);
    if (const auto* problem = std::get_if<dossier::CodeProblem>(&examined)) {
      if (problem->kind == dossier::CodeProblem::Kind::kCheckMismatch) {
        out.kind = UssdLookup::Kind::kMistyped;
        return out;
      }
    }
    // Lookup answers status and dates only, whoever asks (pull.cc).
    ApiResult<sync::LookupAnswer> answer = service_.Lookup(KioskRef{}, typed_code);
    if (answer.ok()) {
      out.kind = UssdLookup::Kind::kFound;
      out.answer = std::move(answer).value();
    } else if (answer.error().code == "code_mistyped") {
      out.kind = UssdLookup::Kind::kMistyped;
    } else if (answer.error().http_status >= 500) {
      out.kind = UssdLookup::Kind::kUnavailable;
    } else {
      // Not a code and no province number either: say what a code looks like.
      out.kind = std::holds_alternative<dossier::CodeProblem>(examined)
                     ? UssdLookup::Kind::kMalformed
                     : UssdLookup::Kind::kNotFound;
    }
    return out;
  }

 private:
  GatewayService& service_;
};

// A session id longer than this is not an aggregator's (refused as bad input).
constexpr size_t kMaxSessionIdBytes = 128;

}  // namespace

std::unique_ptr<UssdBackend> GatewayUssdBackend(GatewayService& service) {
  return std::make_unique<GatewayBackend>(service);
}

UssdService::UssdService(UssdMenu menu, std::unique_ptr<UssdBackend> backend, UssdOptions options)
    : menu_(std::move(menu)), backend_(std::move(backend)), sessions_(options.sessions) {}

std::shared_ptr<const UssdLayout> UssdService::Layout() {
  std::shared_ptr<const catalog::Catalog> catalog = backend_->CurrentCatalog();
  std::lock_guard lock(layout_mu_);
  if (layout_ == nullptr || catalog != layout_catalog_) {
    layout_ = UssdLayout::Build(menu_, catalog);
    layout_catalog_ = std::move(catalog);
  }
  return layout_;
}

UssdAnswer UssdService::Run(const std::string& key, const std::vector<std::string_view>& steps) {
  const std::shared_ptr<const UssdLayout> layout = Layout();
  const UssdLookupFn lookup = [&](std::string_view typed) {
    if (!sessions_.CountLookup(key)) return UssdLookup{UssdLookup::Kind::kTooMany, {}};
    return backend_->Lookup(typed);
  };
  UssdAnswer answer = ReplayUssd(*layout, steps, lookup);
  if (answer.end) sessions_.End(key);
  return answer;
}

UssdAnswer UssdService::Answer(std::string_view session_id, std::string_view /*service_code*/,
                               std::string_view /*phone*/, std::string_view text_so_far,
                               int64_t now_ms) {
  if (session_id.empty() || session_id.size() > kMaxSessionIdBytes) {
    return UssdAnswer{true, text::ToGsm7Safe(menu_.invalid_input)};
  }
  if (text_so_far.size() > kMaxUssdTextBytes) {
    return UssdAnswer{true, text::ToGsm7Safe(menu_.input_too_long)};
  }
  const std::string key = "http/" + std::string(session_id);
  const UssdSessionTable::Touched touched = sessions_.Touch(key, now_ms, text_so_far.empty());
  if (touched.expired) return UssdAnswer{true, text::ToGsm7Safe(menu_.session_expired)};
  return Run(key, SplitUssdSteps(text_so_far));
}

UssdAnswer UssdService::AnswerSmppStep(std::string_view source_addr, uint16_t its_session_info,
                                       bool begins, std::string_view input, int64_t now_ms) {
  if (source_addr.empty() || source_addr.size() > 32 || input.size() > kMaxUssdStepBytes) {
    return UssdAnswer{true, text::ToGsm7Safe(menu_.invalid_input)};
  }
  // Octet 1 of its_session_info is the session number; octet 2 the step's
  // sequence number and the end flag, which change every step.
  const std::string key =
      "smpp/" + std::string(source_addr) + "/" + std::to_string(its_session_info >> 8);
  const UssdSessionTable::Touched touched = sessions_.Touch(
      key, now_ms, begins, begins ? std::nullopt : std::optional<std::string_view>(input));
  if (touched.expired) return UssdAnswer{true, text::ToGsm7Safe(menu_.session_expired)};
  if (touched.steps.size() > kMaxUssdSteps) {
    sessions_.End(key);
    return UssdAnswer{true, text::ToGsm7Safe(menu_.input_too_long)};
  }
  std::vector<std::string_view> steps;
  for (const std::string& step : touched.steps) steps.emplace_back(step);
  return Run(key, steps);
}

}  // namespace dvc::gateway
