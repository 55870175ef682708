// OperatorClient: the operator commands' one way to the running daemon, its
// token-protected operator API (docs/sync-api.md, "Operator API"), so every
// change an operator makes takes the same path as any other client's and
// lands in the audit log.
//
// Thread-safety: one client per thread (it owns one connection).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sync/messages.h"

namespace httplib {
class Client;
}

namespace dvc::gateway {

// Why a call failed.
struct CallFailure {
  enum class Kind {
    kUnreachable,  // no daemon answering at the URL (message says so)
    kRefused,      // the daemon answered with an error (api_error holds it)
    kBadAnswer,    // an answer that is not the JSON expected
  };
  Kind kind = Kind::kUnreachable;
  std::string message;  // for the operator, complete
  std::optional<sync::ApiError> api_error;
};

struct CallResult {
  std::optional<nlohmann::json> json;  // set on success
  std::optional<CallFailure> failure;  // set on failure
  bool ok() const { return json.has_value(); }
};

class OperatorClient {
 public:
  // `base_url` "http://127.0.0.1:8460" or "https://..."; `token` the operator
  // token; `actor` the operator's login name for the audit log (may be empty).
  // A TLS server's certificate is verified unless the host is a loopback
  // address (the daemon's own certificate names its public host, not
  // 127.0.0.1, and nothing sits between two processes on one machine).
  OperatorClient(const std::string& base_url, std::string token, std::string actor);
  ~OperatorClient();
  OperatorClient(const OperatorClient&) = delete;
  OperatorClient& operator=(const OperatorClient&) = delete;

  // GET `path_and_query`; POST `path` with a JSON body. The answer's JSON, or
  // the failure with a message naming the URL (unreachable), the API error
  // (refused; a 401 explains the token file) or the bad answer.
  CallResult Get(const std::string& path_and_query);
  CallResult Post(const std::string& path, const nlohmann::json& body);

  const std::string& base_url() const { return base_url_; }

 private:
  std::string base_url_;
  std::string token_;
  std::string actor_;
  std::unique_ptr<httplib::Client> client_;
};

// Percent-encodes one path segment (everything but A-Z a-z 0-9 - . _ ~).
std::string EncodePathSegment(std::string_view segment);

}  // namespace dvc::gateway
