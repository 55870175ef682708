// The outbound SMS queue for the operator: `sms-gateway sms list` and
// `sms-gateway sms requeue` (sms_queue.h).
#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "dossier/dossier_code.h"
#include "dossier/masking.h"
#include "service/gateway_service.h"
#include "service/service_impl.h"
#include "service/sms_queue.h"
#include "store/audit_log.h"
#include "store/transaction.h"

namespace dvc::gateway {
namespace {

constexpr std::array<std::string_view, 6> kStates = {"pending",   "sending", "sent",
                                                     "delivered", "failed",  "skipped"};

constexpr store::Sql kList =
    "SELECT o.id, COALESCE(d.code, ''), o.event, o.state, o.attempts, COALESCE(o.parts, 0),"
    " COALESCE(o.route, ''), COALESCE(o.message_id, ''), COALESCE(o.reason, ''),"
    " COALESCE(o.to_phone, ''), o.next_attempt_at, o.updated_at"
    " FROM sms_outbox o LEFT JOIN dossiers d ON d.rowid = o.dossier"
    " WHERE (?1 = '' OR o.state = ?1) AND (?2 = '' OR d.code = ?2)"
    " ORDER BY o.id DESC LIMIT ?3";

}  // namespace

ApiResult<std::vector<SmsQueueRow>> GatewayService::ListSms(const SmsQueueFilter& filter) {
  if (!filter.state.empty() &&
      std::find(kStates.begin(), kStates.end(), filter.state) == kStates.end()) {
    return MakeApiError(400, "bad_request",
                        "state: expected pending, sending, sent, delivered, failed or skipped");
  }
  std::string code;
  if (!filter.code.empty()) {
    Result<dossier::DossierCode> parsed = dossier::ParseDossierCode(filter.code);
    if (!parsed.ok()) return MakeApiError(400, "bad_request", parsed.status().message());
    code = parsed->compact();
  }
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return InternalError(db.status());
  auto select = (*db)->Prepare("list sms", kList);
  if (!select.ok()) return InternalError(select.status());
  Status s = select->BindText(1, filter.state);
  if (s.ok()) s = select->BindText(2, code);
  if (s.ok()) s = select->BindInt64(3, std::clamp(filter.limit, 1, 1000));
  if (!s.ok()) return InternalError(s);
  std::vector<SmsQueueRow> rows;
  for (;;) {
    auto step = select->Step();
    if (!step.ok()) return InternalError(step.status());
    if (!*step) break;
    SmsQueueRow r;
    r.id = select->ColumnInt64(0);
    r.dossier_code = select->ColumnText(1);
    r.event = select->ColumnText(2);
    r.state = select->ColumnText(3);
    r.attempts = static_cast<int>(select->ColumnInt64(4));
    r.parts = static_cast<int>(select->ColumnInt64(5));
    r.route = select->ColumnText(6);
    r.message_id = select->ColumnText(7);
    r.reason = select->ColumnText(8);
    const std::string to = select->ColumnText(9);
    if (!to.empty()) r.to = dossier::MaskPhone(to);
    r.next_attempt_at = select->ColumnInt64(10);
    r.updated_at = select->ColumnInt64(11);
    rows.push_back(std::move(r));
  }
  return rows;
}

ApiResult<SmsQueueCounts> GatewayService::CountSms() {
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return InternalError(db.status());
  auto select =
      (*db)->Prepare("count sms", "SELECT state, COUNT(*) FROM sms_outbox GROUP BY state");
  if (!select.ok()) return InternalError(select.status());
  SmsQueueCounts counts;
  const std::array<std::pair<std::string_view, int64_t SmsQueueCounts::*>, 6> fields = {{
      {"pending", &SmsQueueCounts::pending},
      {"sending", &SmsQueueCounts::sending},
      {"sent", &SmsQueueCounts::sent},
      {"delivered", &SmsQueueCounts::delivered},
      {"failed", &SmsQueueCounts::failed},
      {"skipped", &SmsQueueCounts::skipped},
  }};
  for (;;) {
    auto step = select->Step();
    if (!step.ok()) return InternalError(step.status());
    if (!*step) break;
    const std::string state = select->ColumnText(0);
    for (const auto& [name, member] : fields) {
      if (name == state) counts.*member = select->ColumnInt64(1);
    }
  }
  return counts;
}

ApiResult<int> GatewayService::RequeueSms(std::span<const int64_t> ids, std::string_view actor) {
  if (ids.size() > 10000) return MakeApiError(400, "bad_request", "ids: at most 10000 at once");
  const int64_t now = impl_->NowS();
  std::lock_guard lock(impl_->write_mu);
  store::Database& db = *impl_->writer;
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return InternalError(tx.status());
  // Attempts start again from zero: the operator decided the cause is gone.
  constexpr store::Sql kOne =
      "UPDATE sms_outbox SET state = 'pending', attempts = 0, next_attempt_at = ?1,"
      " reason = 'requeued by the operator', updated_at = ?1"
      " WHERE id = ?2 AND state IN ('failed', 'skipped')";
  constexpr store::Sql kAllFailed =
      "UPDATE sms_outbox SET state = 'pending', attempts = 0, next_attempt_at = ?1,"
      " reason = 'requeued by the operator', updated_at = ?1 WHERE state = 'failed'";
  int changed = 0;
  if (ids.empty()) {
    auto update = db.Prepare("requeue failed sms", kAllFailed);
    if (!update.ok()) return InternalError(update.status());
    Status s = update->BindInt64(1, now);
    if (s.ok()) s = update->Run();
    if (!s.ok()) return InternalError(s);
    changed = static_cast<int>(db.ChangedRows());
  } else {
    auto update = db.Prepare("requeue sms", kOne);
    if (!update.ok()) return InternalError(update.status());
    for (int64_t id : ids) {
      update->Reset();
      Status s = update->BindInt64(1, now);
      if (s.ok()) s = update->BindInt64(2, id);
      if (s.ok()) s = update->Run();
      if (!s.ok()) return InternalError(s);
      changed += static_cast<int>(db.ChangedRows());
    }
  }
  const nlohmann::json detail = {
      {"ids", ids.empty() ? nlohmann::json("all failed")
                          : nlohmann::json(std::vector<int64_t>(ids.begin(), ids.end()))},
      {"requeued", changed}};
  Status s = AppendAudit(db, now, actor, "sms.requeue", "", detail.dump());
  if (s.ok()) s = tx->Commit();
  if (!s.ok()) return InternalError(s);
  return changed;
}

}  // namespace dvc::gateway
