#include "cli/operator_client.h"

#include <httplib.h>

#include <utility>

#include "core/url_host.h"

namespace dvc::gateway {

namespace {

// What a person should do about a transport failure.
std::string TransportHint(httplib::Error error) {
  switch (error) {
    case httplib::Error::Connection:
      return "nothing answers there; is `sms-gateway serve` running, and are [http] listen and "
             "port right in the config?";
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLServerVerification:
    case httplib::Error::SSLLoadingCerts:
      return "the TLS connection failed (is the URL https:// with a valid certificate?)";
    case httplib::Error::Read:
    case httplib::Error::Write:
      return "the connection broke during the request (the daemon may have stopped)";
    default:
      return "the request failed (" + httplib::to_string(error) + ")";
  }
}

// The answer's JSON, or why there is none.
CallResult Finish(const std::string& base_url, const httplib::Result& result) {
  CallResult out;
  if (!result) {
    out.failure = CallFailure{
        CallFailure::Kind::kUnreachable,
        "cannot reach the gateway at " + base_url + ": " + TransportHint(result.error()),
        std::nullopt};
    return out;
  }
  nlohmann::json json = nlohmann::json::parse(result->body, nullptr, false);
  if (result->status >= 200 && result->status < 300) {
    if (json.is_discarded()) {
      out.failure = CallFailure{CallFailure::Kind::kBadAnswer,
                                base_url + " answered HTTP " + std::to_string(result->status) +
                                    " without JSON (is it the gateway?)",
                                std::nullopt};
    } else {
      out.json = std::move(json);
    }
    return out;
  }
  Result<sync::ApiError> error = json.is_discarded()
                                     ? Result<sync::ApiError>(Status::InvalidInput("not JSON"))
                                     : sync::ApiErrorFromJson(json, result->status);
  if (!error.ok()) {
    out.failure = CallFailure{CallFailure::Kind::kBadAnswer,
                              base_url + " answered HTTP " + std::to_string(result->status) +
                                  " without the gateway's error body (is it the gateway?)",
                              std::nullopt};
    return out;
  }
  std::string message =
      error->message + " (" + error->code + ", HTTP " + std::to_string(error->http_status) + ")";
  if (error->code == "bad_token") {
    message =
        "the gateway refused the operator token: the token file does not match the "
        "daemon's (its [operator] token_file); use the same config as `sms-gateway serve`";
  }
  out.failure = CallFailure{CallFailure::Kind::kRefused, std::move(message), *error};
  return out;
}

}  // namespace

OperatorClient::OperatorClient(const std::string& base_url, std::string token, std::string actor)
    : base_url_(base_url),
      token_(std::move(token)),
      actor_(std::move(actor)),
      client_(std::make_unique<httplib::Client>(base_url)) {
  client_->set_connection_timeout(5);
  // Publishing a catalog validates every form: allow it time.
  client_->set_read_timeout(120);
  client_->set_write_timeout(60);
  client_->set_compress(false);
  client_->set_decompress(true);
  client_->set_default_headers({{"Accept-Encoding", "gzip"}});
  // A self-signed certificate is accepted only on this machine itself.
  client_->enable_server_certificate_verification(
      !core::IsLoopbackHost(core::UrlHost(base_url)));
}

OperatorClient::~OperatorClient() = default;

CallResult OperatorClient::Get(const std::string& path_and_query) {
  httplib::Headers headers = {{"Authorization", "Bearer " + token_}};
  if (!actor_.empty()) headers.emplace("X-DVC-Actor", actor_);
  httplib::Result result = client_->Get(path_and_query, headers);
  return Finish(base_url_, result);
}

CallResult OperatorClient::Post(const std::string& path, const nlohmann::json& body) {
  httplib::Headers headers = {{"Authorization", "Bearer " + token_}};
  if (!actor_.empty()) headers.emplace("X-DVC-Actor", actor_);
  httplib::Result result = client_->Post(
      path, headers, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      "application/json");
  return Finish(base_url_, result);
}

std::string EncodePathSegment(std::string_view segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : segment) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

}  // namespace dvc::gateway
