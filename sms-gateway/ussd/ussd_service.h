// UssdService: the USSD menu (docs/ussd.md) for residents dialling the
// province's short code, through an aggregator's HTTP callback (Answer) or
// an SMSC's SMPP ussd_service_op (AnswerSmppStep). Same engine for both: the
// menu is replayed from the main screen on every request (ussd_replay.h);
// the session table (ussd_session.h) expires idle sessions, limits look-ups
// and, for SMPP, keeps the steps.
//
// The data comes from a UssdBackend: the current published catalog and the
// dossier look-up (status and dates only — USSD callers are not
// authenticated). GatewayUssdBackend reads both from a GatewayService.
//
// Thread-safety: Answer and AnswerSmppStep may be called concurrently from
// any number of threads. Ownership: the service owns its backend.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "service/gateway_service.h"
#include "ussd/ussd_layout.h"
#include "ussd/ussd_menu.h"
#include "ussd/ussd_replay.h"
#include "ussd/ussd_session.h"

namespace dvc::gateway {

// Where the menu's data comes from. Implementations must be thread-safe.
class UssdBackend {
 public:
  virtual ~UssdBackend() = default;
  // The current published catalog; nullptr when none (or unreadable).
  virtual std::shared_ptr<const catalog::Catalog> CurrentCatalog() = 0;
  // A dossier by code as typed (or province number): status and dates.
  virtual UssdLookup Lookup(std::string_view typed_code) = 0;
};

// The backend over `service` (which must outlive it).
std::unique_ptr<UssdBackend> GatewayUssdBackend(GatewayService& service);

struct UssdOptions {
  UssdSessionOptions sessions;
};

// A screen to send: `end` → "END " (PSSR response over SMPP), else "CON "
// (USSR request). `text` is GSM-7 safe, at most 160 septets.
using UssdAnswer = UssdScreen;

class UssdService {
 public:
  UssdService(UssdMenu menu, std::unique_ptr<UssdBackend> backend, UssdOptions options = {});

  // One aggregator callback: `text_so_far` is every step since the dial
  // joined by "*" ("" at the dial). `service_code` and `phone` are not used
  // by the menu (kept for the contract and logs). Never fails: bad input
  // gives a short screen.
  UssdAnswer Answer(std::string_view session_id, std::string_view service_code,
                    std::string_view phone, std::string_view text_so_far, int64_t now_ms);

  // One SMPP step (deliver_sm with ussd_service_op): `source_addr` and the
  // session number (high octet of its_session_info) identify the session;
  // `begins` for a PSSR indication (ussd_service_op 1, the dial: `input` is
  // the dialled string and is not a step); otherwise (USSR confirm, 18)
  // `input` is this step's text alone and is added to the session's steps.
  UssdAnswer AnswerSmppStep(std::string_view source_addr, uint16_t its_session_info, bool begins,
                            std::string_view input, int64_t now_ms);

  // Sessions currently tracked.
  size_t session_count() const { return sessions_.size(); }

 private:
  UssdAnswer Run(const std::string& key, const std::vector<std::string_view>& steps);
  std::shared_ptr<const UssdLayout> Layout();

  UssdMenu menu_;
  std::unique_ptr<UssdBackend> backend_;
  UssdSessionTable sessions_;
  std::mutex layout_mu_;
  std::shared_ptr<const UssdLayout> layout_;  // guarded by layout_mu_
  std::shared_ptr<const catalog::Catalog> layout_catalog_;
};

}  // namespace dvc::gateway
