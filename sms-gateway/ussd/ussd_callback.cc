#include "ussd/ussd_callback.h"

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "config/token_file.h"
#include "core/json_reader.h"

namespace dvc::gateway {

namespace {

// The callback's fields: name in the body, member, largest size in bytes,
// whether it must be present and non-empty.
struct CallbackField {
  std::string_view name;
  std::string UssdCallbackRequest::*member;
  size_t max_bytes;
  bool required;
};

constexpr CallbackField kCallbackFields[] = {
    {"sessionId", &UssdCallbackRequest::session_id, 128, true},
    {"serviceCode", &UssdCallbackRequest::service_code, 32, false},
    {"phoneNumber", &UssdCallbackRequest::phone_number, 32, false},
    {"text", &UssdCallbackRequest::text, kMaxUssdTextBytes, false},
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded component: "+" is a space, %XX a byte.
Result<std::string> FormDecode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%') {
      const int hi = i + 2 < in.size() ? HexValue(in[i + 1]) : -1;
      const int lo = i + 2 < in.size() ? HexValue(in[i + 2]) : -1;
      if (hi < 0 || lo < 0) return Status::InvalidInput("a bad %-escape in the form body");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

Result<std::map<std::string, std::string>> ReadForm(std::string_view body) {
  std::map<std::string, std::string> values;
  size_t pos = 0;
  while (pos <= body.size()) {
    const size_t amp = std::min(body.find('&', pos), body.size());
    const std::string_view pair = body.substr(pos, amp - pos);
    pos = amp + 1;
    if (pair.empty()) continue;
    const size_t eq = std::min(pair.find('='), pair.size());
    Result<std::string> name = FormDecode(pair.substr(0, eq));
    if (!name.ok()) return name.status();
    Result<std::string> value =
        FormDecode(eq < pair.size() ? pair.substr(eq + 1) : std::string_view());
    if (!value.ok()) return value.status();
    if (values.count(*name) != 0) {
      return Status::InvalidInput(*name + ": given twice in the form body");
    }
    values.emplace(std::move(name).value(), std::move(value).value());
  }
  return values;
}

Result<std::map<std::string, std::string>> ReadJson(std::string_view body) {
  Result<nlohmann::json> parsed = core::ParseJsonText(body, "ussd callback", 4);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->is_object()) return Status::InvalidInput("the JSON body must be an object");
  std::map<std::string, std::string> values;
  for (const CallbackField& field : kCallbackFields) {
    const auto it = parsed->find(std::string(field.name));
    if (it == parsed->end() || it->is_null()) continue;
    if (!it->is_string()) {
      return Status::InvalidInput(std::string(field.name) + ": must be a string");
    }
    values.emplace(field.name, it->get<std::string>());
  }
  return values;
}

bool IsJson(std::string_view content_type, std::string_view body) {
  if (content_type.empty()) return !body.empty() && body.front() == '{';
  return content_type.substr(0, 16) == "application/json";
}

std::mutex& RegistryMutex() {
  static std::mutex mu;
  return mu;
}

std::map<const GatewayService*, std::shared_ptr<UssdEndpoint>>& Registry() {
  static std::map<const GatewayService*, std::shared_ptr<UssdEndpoint>> registry;
  return registry;
}

}  // namespace

Result<UssdCallbackRequest> ParseUssdCallback(std::string_view content_type,
                                              std::string_view body) {
  if (body.size() > kMaxUssdBodyBytes) {
    return Status::InvalidInput("the body is larger than " + std::to_string(kMaxUssdBodyBytes) +
                                " bytes");
  }
  Result<std::map<std::string, std::string>> values =
      IsJson(content_type, body) ? ReadJson(body) : ReadForm(body);
  if (!values.ok()) return values.status();
  UssdCallbackRequest request;
  for (const CallbackField& field : kCallbackFields) {
    const auto it = values->find(std::string(field.name));
    if (it == values->end() || it->second.empty()) {
      if (field.required) return Status::InvalidInput(std::string(field.name) + ": missing");
      continue;
    }
    if (it->second.size() > field.max_bytes) {
      return Status::InvalidInput(std::string(field.name) + ": longer than " +
                                  std::to_string(field.max_bytes) + " bytes");
    }
    request.*field.member = it->second;
  }
  return request;
}

UssdHttpAnswer UssdEndpoint::Handle(std::string_view token, std::string_view content_type,
                                    std::string_view body, int64_t now_ms) {
  if (options_.token.empty()) return UssdHttpAnswer{404, "not_found", "no such endpoint"};
  if (!TokenMatches(options_.token, token)) {
    return UssdHttpAnswer{401, "bad_token", "the USSD token is missing or wrong (X-Ussd-Token)"};
  }
  Result<UssdCallbackRequest> request = ParseUssdCallback(content_type, body);
  if (!request.ok()) return UssdHttpAnswer{400, "bad_request", request.status().message()};
  const UssdAnswer answer = ussd_.Answer(request->session_id, request->service_code,
                                         request->phone_number, request->text, now_ms);
  return UssdHttpAnswer{200, "", UssdCallbackBody(answer)};
}

UssdRouteBinding::UssdRouteBinding(const GatewayService& service,
                                   std::shared_ptr<UssdEndpoint> endpoint)
    : service_(&service), endpoint_(std::move(endpoint)) {
  std::lock_guard lock(RegistryMutex());
  Registry()[service_] = endpoint_;
}

UssdRouteBinding::~UssdRouteBinding() {
  std::lock_guard lock(RegistryMutex());
  auto it = Registry().find(service_);
  // Only our own binding: a later one for the same service stays.
  if (it != Registry().end() && it->second == endpoint_) Registry().erase(it);
}

std::shared_ptr<UssdEndpoint> FindUssdEndpoint(const GatewayService& service) {
  std::lock_guard lock(RegistryMutex());
  auto it = Registry().find(&service);
  return it == Registry().end() ? nullptr : it->second;
}

std::string UssdCallbackBody(const UssdAnswer& answer) {
  return (answer.end ? "END " : "CON ") + answer.text;
}

}  // namespace dvc::gateway
