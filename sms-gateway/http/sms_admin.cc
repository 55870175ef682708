#include "http/sms_admin.h"

#include <charconv>
#include <limits>
#include <optional>
#include <utility>

#include "core/json_reader.h"
#include "dossier/timestamp.h"
#include "http/http_response.h"
#include "sync/messages.h"

namespace dvc::gateway {

namespace {

// Documents that are not files: errors name the JSON path only.
const std::string kNoAdminFile;

// Latest second FormatTimestamp renders (9999-12-31T23:59:59Z).
constexpr int64_t kLastRenderableSecond = 253402300799;

sync::ApiError BadRequest(std::string message) {
  return MakeApiError(400, "bad_request", std::move(message));
}

// A positive JSON integer that fits int64_t, or nullopt.
std::optional<int64_t> PositiveId(const nlohmann::json& value) {
  if (value.is_number_unsigned()) {
    const uint64_t u = value.get<uint64_t>();
    if (u == 0 || u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<int64_t>(u);
  }
  if (value.is_number_integer() && value.get<int64_t>() > 0) return value.get<int64_t>();
  return std::nullopt;
}

// A text, or null when empty (the API's way of saying "none").
nlohmann::json TextOrNull(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

// Seconds since the epoch as RFC 3339; null for 0 or a value out of range
// (a corrupt row must not abort the daemon).
nlohmann::json TimeOrNull(int64_t seconds) {
  if (seconds <= 0 || seconds > kLastRenderableSecond) return nullptr;
  return dossier::FormatTimestamp(dossier::Timestamp(std::chrono::seconds(seconds)));
}

// "limit": absent → 50; a decimal 1..1000 otherwise.
std::optional<int> ListLimit(const httplib::Request& request) {
  if (!request.has_param("limit")) return 50;
  const std::string text = request.get_param_value("limit");
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || text[0] == '-' || text[0] == '+' || error != std::errc() ||
      end != text.data() + text.size() || value < 1 || value > 1000) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<SmsRequeueRequest> ReadSmsRequeueRequest(std::string_view body) {
  if (body.size() > sync::kMaxBodyBytes) return Status::InvalidInput("body is too large");
  Result<nlohmann::json> json = core::ParseJsonText(body, "body");
  if (!json.ok()) return json.status();
  const core::JsonNode root(*json, kNoAdminFile);
  if (!root.value().is_object()) return root.Fail("expected an object");
  DVC_RETURN_IF_ERROR(root.ExpectObject({"ids", "failed"}));
  SmsRequeueRequest request;
  DVC_RETURN_IF_ERROR(root.ReadBool("failed", &request.all_failed, core::Need::kOptional));
  const bool has_ids = root.Has("ids");
  if (request.all_failed == has_ids) {
    return root.Fail("expected either \"ids\": [...] or \"failed\": true");
  }
  if (!has_ids) return request;
  const nlohmann::json& ids = root.Child("ids").value();
  if (!ids.is_array() || ids.empty()) {
    return root.Child("ids").Fail("expected a non-empty array of message ids");
  }
  if (ids.size() > kMaxRequeueIds) {
    return root.Child("ids").Fail("at most " + std::to_string(kMaxRequeueIds) + " ids at once");
  }
  DVC_RETURN_IF_ERROR(
      root.ForEach("ids", core::Need::kRequired, [&](const core::JsonNode& element, size_t) {
        const std::optional<int64_t> id = PositiveId(element.value());
        if (!id) return element.Fail("expected a positive integer (a message id)");
        request.ids.push_back(*id);
        return Status::Ok();
      }));
  return request;
}

nlohmann::json SmsQueueRowToJson(const SmsQueueRow& row) {
  return {{"id", row.id},
          {"code", TextOrNull(row.dossier_code)},
          {"to", TextOrNull(row.to)},
          {"event", row.event},
          {"state", row.state},
          {"attempts", row.attempts},
          {"parts", row.parts},
          {"route", TextOrNull(row.route)},
          {"message_id", TextOrNull(row.message_id)},
          {"reason", TextOrNull(row.reason)},
          {"next_attempt_at", TimeOrNull(row.next_attempt_at)},
          {"updated_at", TimeOrNull(row.updated_at)}};
}

nlohmann::json SmsQueueCountsToJson(const SmsQueueCounts& counts) {
  return {{"pending", counts.pending}, {"sending", counts.sending},
          {"sent", counts.sent},       {"delivered", counts.delivered},
          {"failed", counts.failed},   {"skipped", counts.skipped}};
}

void ServeSmsList(RouteContext& c) {
  SmsQueueFilter filter;
  filter.state = c.request.get_param_value("state");
  filter.code = c.request.get_param_value("code");
  const std::optional<int> limit = ListLimit(c.request);
  if (!limit) return WriteError(c.response, BadRequest("limit must be an integer from 1 to 1000"));
  filter.limit = *limit;
  ApiResult<std::vector<SmsQueueRow>> rows = c.service.ListSms(filter);
  if (!rows.ok()) return WriteError(c.response, rows.error());
  ApiResult<SmsQueueCounts> counts = c.service.CountSms();
  if (!counts.ok()) return WriteError(c.response, counts.error());
  nlohmann::json messages = nlohmann::json::array();
  for (const SmsQueueRow& row : *rows) messages.push_back(SmsQueueRowToJson(row));
  c.response.set_header("Cache-Control", "no-store");
  WriteJson(c.response, 200,
            {{"counts", SmsQueueCountsToJson(*counts)}, {"messages", std::move(messages)}});
}

void ServeSmsRequeue(RouteContext& c) {
  Result<SmsRequeueRequest> request = ReadSmsRequeueRequest(c.body);
  if (!request.ok()) return WriteError(c.response, BadRequest(request.status().message()));
  WriteResult(c.service.RequeueSms(request->ids, c.actor), c.response, [](int requeued) {
    return nlohmann::json{{"requeued", requeued}};
  });
}

}  // namespace dvc::gateway
