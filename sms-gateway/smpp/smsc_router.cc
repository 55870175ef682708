#include "smpp/smsc_router.h"

#include <algorithm>
#include <set>

namespace dvc::gateway::smpp {
namespace {

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The length of the longest prefix of `route` that starts `number`, 0 if none.
size_t LongestMatch(const SmscRoute& route, std::string_view number) {
  size_t best = 0;
  for (const std::string& prefix : route.prefixes) {
    if (prefix.size() > best && number.substr(0, prefix.size()) == prefix) best = prefix.size();
  }
  return best;
}

}  // namespace

Result<SmscRouter> SmscRouter::Create(std::vector<SmscRoute> routes) {
  std::set<std::string> names;
  for (const SmscRoute& route : routes) {
    if (route.session.empty()) return Status::InvalidInput("a route has no session name");
    if (!names.insert(route.session).second) {
      return Status::InvalidInput("session \"" + route.session + "\" has two routes");
    }
    for (const std::string& prefix : route.prefixes) {
      if (prefix.empty() || !AllDigits(prefix)) {
        return Status::InvalidInput("route \"" + route.session + "\": prefix \"" + prefix +
                                    "\" is not a string of digits");
      }
    }
  }
  return SmscRouter(std::move(routes));
}

std::vector<std::string> SmscRouter::Pick(std::string_view number,
                                          const std::vector<std::string>& bound) const {
  struct Candidate {
    size_t match;
    size_t order;
  };
  std::vector<Candidate> candidates;
  candidates.reserve(routes_.size());
  for (size_t i = 0; i < routes_.size(); ++i) {
    if (std::find(bound.begin(), bound.end(), routes_[i].session) == bound.end()) continue;
    candidates.push_back({LongestMatch(routes_[i], number), i});
  }
  // Longest match first; stable keeps route order among equals (and among the non-matching).
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.match > b.match; });
  std::vector<std::string> order;
  order.reserve(candidates.size());
  for (const Candidate& c : candidates) order.push_back(routes_[c.order].session);
  return order;
}

}  // namespace dvc::gateway::smpp
