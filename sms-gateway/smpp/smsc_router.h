// Which SMSC session to try for a phone number: the session of the number's
// network first (longest matching prefix), then every other bound session,
// since numbers are ported between networks and every SMSC account accepts
// any Vietnamese number (failover). Pure: the caller passes which sessions
// are bound now.
//
// Thread-safety: SmscRouter is immutable after construction; concurrent Pick
// calls are safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sms/phone_number.h"

namespace dvc::gateway::smpp {

// One session and the international prefixes of its network, e.g.
// {"viettel", {"8486", "8496", "8497", "8498", "8432", ..., "8439"}}.
struct SmscRoute {
  std::string session;
  std::vector<std::string> prefixes;  // digits only
};

class SmscRouter {
 public:
  // Errors: kInvalidInput for an empty or duplicate session name, or a
  // prefix that is empty or not all digits. A prefix listed by two sessions
  // is allowed (both are "home" for it; the earlier route is tried first).
  static Result<SmscRouter> Create(std::vector<SmscRoute> routes);

  // The sessions to try for `number` (international digits, see
  // NormalizeVietnamesePhone), in order: the bound sessions whose longest
  // matching prefix is longest first (ties in route order), then the other
  // bound sessions in route order. Unbound sessions are left out; an empty
  // result means no session can take the message now.
  // `bound` names the sessions bound now (e.g. from Session::Bound).
  std::vector<std::string> Pick(std::string_view number,
                                const std::vector<std::string>& bound) const;

  const std::vector<SmscRoute>& routes() const { return routes_; }

 private:
  explicit SmscRouter(std::vector<SmscRoute> routes) : routes_(std::move(routes)) {}
  std::vector<SmscRoute> routes_;
};

// Moved to sms/phone_number.h; kept under this name for the callers in smpp/
// and cli/.
using dvc::gateway::NormalizeVietnamesePhone;

}  // namespace dvc::gateway::smpp
