// GatewayService::PurgeSmsHistory (sms_retention.h): residents' numbers and
// texts are not kept forever.
#include "service/sms_retention.h"

#include <algorithm>

#include "service/gateway_service.h"
#include "service/service_impl.h"
#include "store/transaction.h"

namespace dvc::gateway {
namespace {

constexpr int64_t kDayS = 24 * 3600;

constexpr store::Sql kDeleteInbox = "DELETE FROM sms_inbox WHERE received_at < ?1";

// The replies a purge removes: final state, last updated before the cutoff,
// no inbox row pointing at them. The set is written out in both statements
// (Sql takes literals only); they run in one transaction, so the parts
// deleted are exactly those of the replies deleted. Parts first:
// sms_parts.sms references sms_outbox (foreign keys are on). Indexes keep the
// hourly purge from scanning under the write lock: a reply is created before
// it is last updated, so `created_at < ?1` changes nothing but lets the
// search walk sms_outbox_reply_created, and sms_inbox_reply answers the
// NOT EXISTS per candidate.
constexpr store::Sql kDeleteParts =
    "DELETE FROM sms_parts WHERE sms IN ("
    "SELECT o.id FROM sms_outbox o WHERE o.to_phone IS NOT NULL AND o.created_at < ?1"
    " AND o.state IN ('sent', 'delivered', 'failed', 'skipped') AND o.updated_at < ?1"
    " AND NOT EXISTS (SELECT 1 FROM sms_inbox i WHERE i.reply = o.id))";
constexpr store::Sql kDeleteReplies =
    "DELETE FROM sms_outbox WHERE to_phone IS NOT NULL AND created_at < ?1"
    " AND state IN ('sent', 'delivered', 'failed', 'skipped') AND updated_at < ?1"
    " AND NOT EXISTS (SELECT 1 FROM sms_inbox i WHERE i.reply = sms_outbox.id)";

// Runs one DELETE bound to the cutoff; returns how many rows it removed.
Result<int64_t> DeleteBefore(store::Database& db, std::string_view purpose, store::Sql sql,
                             int64_t before_s) {
  auto statement = db.Prepare(purpose, sql);
  if (!statement.ok()) return statement.status();
  DVC_RETURN_IF_ERROR(statement->BindInt64(1, before_s));
  DVC_RETURN_IF_ERROR(statement->Run());
  return db.ChangedRows();
}

}  // namespace

Result<SmsPurgeCounts> GatewayService::PurgeSmsHistory(int64_t before_s) {
  // The rate limits count the last day's messages: whatever the caller
  // asks, those stay.
  const int64_t cutoff = std::min(before_s, impl_->NowS() - kMinSmsKeepDays * kDayS);
  SmsPurgeCounts counts;
  std::lock_guard lock(impl_->write_mu);
  store::Database& db = *impl_->writer;
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return tx.status();
  // The inbox first: a reply whose message was just deleted is no longer
  // pointed at, and goes in the same purge.
  Result<int64_t> inbox = DeleteBefore(db, "purge sms inbox", kDeleteInbox, cutoff);
  if (!inbox.ok()) return inbox.status();
  Result<int64_t> parts = DeleteBefore(db, "purge sms parts", kDeleteParts, cutoff);
  if (!parts.ok()) return parts.status();
  Result<int64_t> replies = DeleteBefore(db, "purge sms replies", kDeleteReplies, cutoff);
  if (!replies.ok()) return replies.status();
  DVC_RETURN_IF_ERROR(tx->Commit());
  counts.inbox = *inbox;
  counts.parts = *parts;
  counts.replies = *replies;
  return counts;
}

}  // namespace dvc::gateway
