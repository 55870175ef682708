// The operator's view of the outbound SMS queue (docs/gateway.md, "SMS to
// residents"; issue 5 item 2):
//   GET  /v1/admin/sms?state=&code=&limit=  {"counts": {<state>: n},
//                                            "messages": [<row>, ...]} newest first
//   POST /v1/admin/sms/requeue  {"ids": [1, 2]} or {"failed": true}  {"requeued": n}
// A reply's number appears masked ("091****678"); a notification's is never
// stored, so a row shows its dossier code instead.
//
// Thread-safety: handlers run concurrently, each on its own context; the
// other functions are pure and never throw, whatever the body.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/routes.h"
#include "service/sms_queue.h"

namespace dvc::gateway {

// At most this many ids in one requeue request (as GatewayService::RequeueSms).
inline constexpr size_t kMaxRequeueIds = 10000;

// POST /v1/admin/sms/requeue: exactly one of "ids" (a non-empty array of
// positive integers, at most kMaxRequeueIds) or "failed": true (every failed
// row). `ids` is empty exactly when all failed rows are meant.
struct SmsRequeueRequest {
  std::vector<int64_t> ids;
  bool all_failed = false;
};

// Parses and checks the body. Errors: kInvalidInput "body is not JSON: ..."
// or naming the JSON path ("$.ids[2]: expected a positive integer").
Result<SmsRequeueRequest> ReadSmsRequeueRequest(std::string_view body);

// {"id", "code", "to", "event", "state", "attempts", "parts", "route",
// "message_id", "reason", "next_attempt_at", "updated_at"}: empty texts as
// null, times RFC 3339 UTC.
nlohmann::json SmsQueueRowToJson(const SmsQueueRow& row);
// {"pending": n, "sending": n, "sent": n, "delivered": n, "failed": n, "skipped": n}.
nlohmann::json SmsQueueCountsToJson(const SmsQueueCounts& counts);

// GET /v1/admin/sms: 400 bad_request for an unknown state, a malformed code
// or a limit outside 1..1000 (default 50).
void ServeSmsList(RouteContext& context);
// POST /v1/admin/sms/requeue: 400 bad_request for a body of the wrong shape;
// the re-queue lands in the audit log under the operator's name.
void ServeSmsRequeue(RouteContext& context);

}  // namespace dvc::gateway
