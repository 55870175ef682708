// The outbound SMS queue (sms_notifications.h, sms_queue.h): claiming the
// messages that are due, recording what the channels made of them, delivery
// receipts, and the synchronous DispatchSms built on those.
#include <algorithm>

#include "calendar/local_time.h"
#include "dossier/dossier_code.h"
#include "service/gateway_service.h"
#include "service/receipts.h"
#include "service/service_impl.h"
#include "service/sms_commands.h"
#include "service/sms_notifications.h"
#include "service/sms_queue.h"
#include "store/transaction.h"
#include "sync/sealing.h"
#include "text/gsm7_safe.h"

namespace dvc::gateway {
namespace {

// A due row with what its text needs.
struct DueSms {
  int64_t id = 0;
  std::string event;
  int attempts = 0;
  std::string to_phone;  // a reply's number; empty for a notification
  std::string text;      // a reply's text
  std::string code;
  std::string service_id;
  std::string catalog_version;
  std::string sealed;
  std::string appointment;  // ISO; the official one when set
  std::string kiosk_appointment;
  std::string note;
};

// Replies are due at any hour; notifications only when ?2 says the send
// hours are open. Oldest first.
constexpr store::Sql kSelectDue =
    "SELECT o.id, o.event, o.attempts, COALESCE(o.to_phone, ''), COALESCE(o.text, ''),"
    " COALESCE(d.code, ''), COALESCE(d.service_id, ''), COALESCE(d.catalog_version, ''),"
    " COALESCE(d.sealed, ''),"
    " COALESCE(NULLIF(d.official_appointment, ''), d.kiosk_appointment, ''),"
    " COALESCE(d.kiosk_appointment, ''), COALESCE(h.note, '')"
    " FROM sms_outbox o LEFT JOIN dossiers d ON d.rowid = o.dossier"
    " LEFT JOIN status_history h ON h.dossier = o.dossier AND h.idx = o.history_idx"
    " WHERE o.state = 'pending' AND o.next_attempt_at <= ?1"
    "   AND (o.dossier IS NULL OR ?2)"
    " ORDER BY o.next_attempt_at, o.id LIMIT ?3";

std::string VietnameseDate(const std::string& iso) {
  if (auto date = calendar::Date::ParseIso(iso); date.ok()) return date->ToVietnamese();
  return "";
}

// A row's new state, written by one UPDATE guarded by the state it left.
struct RowChange {
  int64_t id = 0;
  std::string_view from;  // the state it must still be in
  std::string_view to;
  int attempts = 0;
  int64_t next_at = 0;
  std::string text;  // "" keeps the stored one
  int parts = 0;     // 0 keeps the stored one
  std::string route;
  std::string message_id;
  std::string reason;
};

constexpr store::Sql kChangeRow =
    "UPDATE sms_outbox SET state = ?, attempts = ?, next_attempt_at = ?,"
    " text = COALESCE(NULLIF(?, ''), text), parts = COALESCE(NULLIF(?, 0), parts),"
    " route = COALESCE(NULLIF(?, ''), route), message_id = NULLIF(?, ''),"
    " reason = NULLIF(?, ''), updated_at = ? WHERE id = ? AND state = ?";

// `update` is kChangeRow prepared once per transaction.
Status ApplyChange(store::Statement& update, const RowChange& c, int64_t now) {
  update.Reset();
  DVC_RETURN_IF_ERROR(update.BindText(1, c.to));
  DVC_RETURN_IF_ERROR(update.BindInt64(2, c.attempts));
  DVC_RETURN_IF_ERROR(update.BindInt64(3, c.next_at));
  DVC_RETURN_IF_ERROR(update.BindText(4, c.text));
  DVC_RETURN_IF_ERROR(update.BindInt64(5, c.parts));
  DVC_RETURN_IF_ERROR(update.BindText(6, c.route));
  DVC_RETURN_IF_ERROR(update.BindText(7, c.message_id));
  DVC_RETURN_IF_ERROR(update.BindText(8, c.reason));
  DVC_RETURN_IF_ERROR(update.BindInt64(9, now));
  DVC_RETURN_IF_ERROR(update.BindInt64(10, c.id));
  DVC_RETURN_IF_ERROR(update.BindText(11, c.from));
  return update.Run();
}

// Seconds before a message that never reached an SMSC is due again.
constexpr int64_t kNotSentDelayS = 2;

// What a round claims, rendered before the write lock is taken.
struct ClaimPlan {
  std::vector<OutgoingSms> claimed;
  std::vector<RowChange> changes;  // 'sending' for the claimed, 'failed'/'skipped' for others
};

// An accepted message needs neither its attempts nor its text: one guarded
// UPDATE, whose changed-row count says whether it was still 'sending'.
constexpr store::Sql kMarkSent =
    "UPDATE sms_outbox SET state = 'sent', route = ?1, message_id = NULLIF(?2, ''),"
    " reason = NULL, next_attempt_at = ?3, updated_at = ?3 WHERE id = ?4 AND state = 'sending'";

// The outcomes' changes, inside the caller's transaction.
Status ApplyOutcomes(store::Database& db, std::span<const SmsOutcome> outcomes, int max_attempts,
                     int64_t now, SmsDispatchReport* report) {
  if (outcomes.empty()) return Status::Ok();
  // Kept compiled on the connection: every round runs them (sms_pump.h).
  auto sent_kept = db.PrepareCached("sms sent", kMarkSent);
  if (!sent_kept.ok()) return sent_kept.status();
  store::Statement& sent = **sent_kept;
  auto attempts_of_kept = db.PrepareCached(
      "sms attempts", "SELECT attempts FROM sms_outbox WHERE id = ? AND state = 'sending'");
  if (!attempts_of_kept.ok()) return attempts_of_kept.status();
  store::Statement& attempts_of = **attempts_of_kept;
  auto part_kept = db.PrepareCached("sms part",
                                    "INSERT OR REPLACE INTO sms_parts(route, message_id, sms, part)"
                                    " VALUES (?, ?, ?, ?)");
  if (!part_kept.ok()) return part_kept.status();
  store::Statement& part = **part_kept;
  auto update_kept = db.PrepareCached("sms row change", kChangeRow);
  if (!update_kept.ok()) return update_kept.status();
  store::Statement& update = **update_kept;
  for (const SmsOutcome& o : outcomes) {
    if (o.kind == SmsOutcome::Kind::kAccepted) {
      sent.Reset();
      DVC_RETURN_IF_ERROR(sent.BindText(1, o.route));
      DVC_RETURN_IF_ERROR(sent.BindText(2, o.message_ids.empty() ? "" : o.message_ids.front()));
      DVC_RETURN_IF_ERROR(sent.BindInt64(3, now));
      DVC_RETURN_IF_ERROR(sent.BindInt64(4, o.id));
      DVC_RETURN_IF_ERROR(sent.Run());
      if (db.ChangedRows() == 0) continue;  // requeued or finished meanwhile
      ++report->sent;
      // Kept only where a delivery receipt will name them.
      if (!o.receipts_expected) continue;
      for (size_t i = 0; i < o.message_ids.size(); ++i) {
        part.Reset();
        DVC_RETURN_IF_ERROR(part.BindText(1, o.route));
        DVC_RETURN_IF_ERROR(part.BindText(2, o.message_ids[i]));
        DVC_RETURN_IF_ERROR(part.BindInt64(3, o.id));
        DVC_RETURN_IF_ERROR(part.BindInt64(4, static_cast<int64_t>(i) + 1));
        DVC_RETURN_IF_ERROR(part.Run());
      }
      continue;
    }
    attempts_of.Reset();
    DVC_RETURN_IF_ERROR(attempts_of.BindInt64(1, o.id));
    auto row = attempts_of.Step();
    if (!row.ok()) return row.status();
    if (!*row) continue;  // requeued or finished meanwhile: nothing to record
    const int attempts = static_cast<int>(attempts_of.ColumnInt64(0));
    attempts_of.Reset();
    RowChange c;
    c.id = o.id;
    c.from = "sending";
    c.attempts = attempts;
    c.next_at = now;
    c.route = o.route;
    c.reason = o.reason;
    switch (o.kind) {
      case SmsOutcome::Kind::kAccepted:
        std::abort();  // handled above
      case SmsOutcome::Kind::kRejected:
        c.to = "failed";
        ++report->failed;
        break;
      case SmsOutcome::Kind::kRetry:
        if (attempts >= max_attempts) {
          c.to = "failed";
          ++report->failed;
        } else {
          c.to = "pending";
          c.next_at = now + SmsRetryDelaySeconds(attempts);
          ++report->retried;
        }
        break;
      case SmsOutcome::Kind::kNotSent:
        c.to = "pending";
        c.attempts = std::max(0, attempts - 1);
        c.next_at = now + kNotSentDelayS;
        ++report->not_sent;
        break;
    }
    DVC_RETURN_IF_ERROR(ApplyChange(update, c, now));
  }
  return Status::Ok();
}

// Delivery receipts, inside the caller's transaction; returns how many
// matched a part we sent.
Result<int> ApplyReceipts(store::Database& db, std::span<const SmsReceiptNotice> receipts,
                          int64_t now) {
  if (receipts.empty()) return 0;
  auto mark_kept = db.PrepareCached("sms receipt",
                                    "UPDATE sms_parts SET stat = ?, done_at = ? WHERE route = ? AND"
                                    " message_id = ? RETURNING sms");
  if (!mark_kept.ok()) return mark_kept.status();
  store::Statement& mark = **mark_kept;
  // A message is delivered once every part is; one part that could not be
  // (UNDELIV, EXPIRED, REJECTD...) fails it, with the SMSC's word as reason.
  auto settle_kept = db.PrepareCached(
      "sms settle",
      "UPDATE sms_outbox SET state = CASE WHEN ?2 THEN 'delivered' ELSE 'failed' END,"
      " reason = CASE WHEN ?2 THEN NULL ELSE 'delivery receipt: ' || ?3 END, updated_at = ?4"
      " WHERE id = ?1 AND state = 'sent' AND (NOT ?2 OR NOT EXISTS (SELECT 1 FROM sms_parts"
      "   WHERE sms = ?1 AND (stat IS NULL OR stat <> 'DELIVRD')))");
  if (!settle_kept.ok()) return settle_kept.status();
  store::Statement& settle = **settle_kept;
  int matched = 0;
  for (const SmsReceiptNotice& r : receipts) {
    const std::string stat = r.delivered ? "DELIVRD" : (r.stat.empty() ? "UNDELIV" : r.stat);
    mark.Reset();
    DVC_RETURN_IF_ERROR(mark.BindText(1, stat));
    DVC_RETURN_IF_ERROR(mark.BindInt64(2, now));
    DVC_RETURN_IF_ERROR(mark.BindText(3, r.route));
    DVC_RETURN_IF_ERROR(mark.BindText(4, r.message_id));
    auto row = mark.Step();
    if (!row.ok()) return row.status();
    if (!*row) continue;  // not ours, or from before a store was reset
    const int64_t sms = mark.ColumnInt64(0);
    mark.Reset();
    ++matched;
    settle.Reset();
    DVC_RETURN_IF_ERROR(settle.BindInt64(1, sms));
    DVC_RETURN_IF_ERROR(settle.BindInt64(2, stat == "DELIVRD" ? 1 : 0));
    DVC_RETURN_IF_ERROR(settle.BindText(3, stat));
    DVC_RETURN_IF_ERROR(settle.BindInt64(4, now));
    DVC_RETURN_IF_ERROR(settle.Run());
  }
  return matched;
}

// Renders up to `max` due messages (reads only: opening sealed parts and
// filling templates happen without the write lock).
Result<ClaimPlan> RenderDueSms(GatewayService& service, GatewayService::Impl& impl,
                               const SmsDispatchOptions& options, size_t max, int64_t now,
                               SmsDispatchReport* report) {
  Result<calendar::LocalDateTime> local = calendar::LocalDateTime::FromUnixSeconds(now);
  if (!local.ok()) return local.status();
  const bool open_hours = options.send_hours.IsOpenAt(local->time);
  if (!open_hours) report->outside_send_hours = true;
  ClaimPlan plan;
  std::vector<OutgoingSms>& claimed = plan.claimed;
  std::vector<RowChange>& changes = plan.changes;
  std::vector<DueSms> due;
  {
    auto db = impl.readers->Acquire();
    if (!db.ok()) return db.status();
    auto cached = (*db)->PrepareCached("due sms", kSelectDue);
    if (!cached.ok()) return cached.status();
    store::Statement& select = **cached;
    DVC_RETURN_IF_ERROR(select.BindInt64(1, now));
    DVC_RETURN_IF_ERROR(select.BindInt64(2, open_hours ? 1 : 0));
    DVC_RETURN_IF_ERROR(
        select.BindInt64(3, static_cast<int64_t>(std::min<size_t>(max, options.batch))));
    for (;;) {
      auto row = select.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      DueSms d;
      d.id = select.ColumnInt64(0);
      d.event = select.ColumnText(1);
      d.attempts = static_cast<int>(select.ColumnInt64(2));
      d.to_phone = select.ColumnText(3);
      d.text = select.ColumnText(4);
      d.code = select.ColumnText(5);
      d.service_id = select.ColumnText(6);
      d.catalog_version = select.ColumnText(7);
      d.sealed = select.ColumnText(8);
      d.appointment = select.ColumnText(9);
      d.kiosk_appointment = select.ColumnText(10);
      d.note = select.ColumnText(11);
      due.push_back(std::move(d));
    }
  }

  // Rendering (opening sealed parts) happens without the write lock; the
  // claims are then committed in one transaction.
  const PhoneKeyer keyer(*impl.options.keys);
  auto opt_out_db = impl.readers->Acquire();
  if (!opt_out_db.ok()) return opt_out_db.status();
  for (const DueSms& sms : due) {
    auto finish = [&](std::string_view state, std::string reason) {
      RowChange c;
      c.id = sms.id;
      c.from = "pending";
      c.to = state;
      c.attempts = sms.attempts;
      c.next_at = now;
      c.reason = std::move(reason);
      changes.push_back(std::move(c));
      ++(state == "failed" ? report->failed : report->skipped);
    };
    OutgoingSms out;
    out.id = sms.id;
    out.encoding = options.encoding;
    out.event = sms.event;
    out.attempt = sms.attempts + 1;
    if (!sms.to_phone.empty()) {
      out.phone = sms.to_phone;
      out.text = sms.text;
    } else {
      const std::string* tmpl = nullptr;
      if (auto it = options.templates.by_status.find(sms.event);
          it != options.templates.by_status.end()) {
        tmpl = &it->second;
      }
      if (tmpl == nullptr) {
        finish("skipped", "no SMS for status " + sms.event);
        continue;
      }
      // A dossier whose sealed part cannot be read (a store damaged behind
      // the gateway's back) fails alone: the rows behind it still go.
      Result<sync::PrivatePart> part = sync::OpenPrivatePart(*impl.options.keys, sms.sealed);
      if (!part.ok()) {
        finish("failed", "the dossier's sealed part: " + part.status().message());
        continue;
      }
      if (part->phone.empty()) {
        finish("skipped", "the dossier has no phone");
        continue;
      }
      Result<bool> opted_out = IsPhoneOptedOut(**opt_out_db, keyer, part->phone);
      if (!opted_out.ok()) return opted_out.status();
      if (*opted_out) {
        finish("skipped", "the resident stopped notifications (stop command)");
        continue;
      }
      // The receipt SMS carries the receipt page's link when the gateway
      // has a public address and a text for it.
      std::string link;
      if (sms.event == "received" && !options.public_url.empty()) {
        if (auto it = options.templates.by_status.find("received_with_link");
            it != options.templates.by_status.end()) {
          // Without a token (the store failing) the receipt goes without it.
          if (ApiResult<std::string> token = service.ReceiptLink(sms.code); token.ok()) {
            link = ReceiptUrl(options.public_url, *token);
            tmpl = &it->second;
          }
        }
      }
      out.phone = part->phone;
      out.dossier_code = sms.code;
      std::string service_name = sms.service_id;
      if (auto catalog = impl.CatalogOf(sms.catalog_version); catalog.ok() && *catalog) {
        if (const catalog::Service* s = (*catalog)->FindService(sms.service_id)) {
          service_name = s->name.vi;
        }
      }
      // Grouped as on the receipt ("12430-23-Z6B-2DD-W"): easier to read out
      // and type back in a look-up, which accepts it with or without dashes.
      std::string shown_code = sms.code;
      if (auto parsed = dossier::ParseDossierCode(sms.code); parsed.ok()) {
        shown_code = parsed->Display();
      }
      out.text =
          FillSmsTemplate(*tmpl, {{"code", shown_code},
                                  {"service", service_name},
                                  {"appointment", VietnameseDate(sms.appointment)},
                                  {"kiosk_appointment", VietnameseDate(sms.kiosk_appointment)},
                                  {"note", sms.note},
                                  {"short_code", options.short_code},
                                  {"link", link}});
    }
    if (options.encoding == text::SmsEncoding::kGsm7) out.text = text::ToGsm7Safe(out.text);
    Result<size_t> parts = text::CountSegments(out.text, options.encoding);
    if (!parts.ok()) {
      finish("failed", "the text cannot be sent: " + parts.status().message());
      continue;
    }
    RowChange c;
    c.id = sms.id;
    c.from = "pending";
    c.to = "sending";
    c.attempts = sms.attempts + 1;
    c.next_at = now;
    c.text = out.text;
    c.parts = static_cast<int>(*parts);
    changes.push_back(std::move(c));
    claimed.push_back(std::move(out));
  }
  return plan;
}

}  // namespace

Result<std::vector<OutgoingSms>> GatewayService::SmsRound(
    const SmsDispatchOptions& options, std::span<const SmsOutcome> outcomes,
    std::span<const SmsReceiptNotice> receipts, size_t max, SmsDispatchReport* report) {
  const int64_t now = impl_->NowS();
  // A claim that cannot be rendered (the store failing on a read) still lets
  // the channels' answers be recorded.
  Result<ClaimPlan> plan = max > 0 ? RenderDueSms(*this, *impl_, options, max, now, report)
                                   : Result<ClaimPlan>(ClaimPlan{});
  const std::vector<RowChange> no_changes;
  const std::vector<RowChange>& changes = plan.ok() ? plan->changes : no_changes;
  if (!outcomes.empty() || !receipts.empty() || !changes.empty()) {
    std::lock_guard lock(impl_->write_mu);
    store::Database& db = *impl_->writer;
    auto tx = store::Transaction::Begin(db);
    if (!tx.ok()) return tx.status();
    DVC_RETURN_IF_ERROR(ApplyOutcomes(db, outcomes, options.max_attempts, now, report));
    Result<int> matched = ApplyReceipts(db, receipts, now);
    if (!matched.ok()) return matched.status();
    if (!changes.empty()) {
      auto update = db.PrepareCached("sms row change", kChangeRow);
      if (!update.ok()) return update.status();
      for (const RowChange& c : changes) DVC_RETURN_IF_ERROR(ApplyChange(**update, c, now));
    }
    DVC_RETURN_IF_ERROR(tx->Commit());
    report->receipts_matched += *matched;
  }
  if (!plan.ok()) return plan.status();
  report->claimed += static_cast<int>(plan->claimed.size());
  return std::move(plan->claimed);
}

Result<int> GatewayService::ResumeInterruptedSms() {
  const int64_t now = impl_->NowS();
  std::lock_guard lock(impl_->write_mu);
  store::Database& db = *impl_->writer;
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return tx.status();
  auto update = db.Prepare("resume sms",
                           "UPDATE sms_outbox SET state = 'pending', next_attempt_at = ?1,"
                           " reason = 'interrupted by a restart: sent again', updated_at = ?1"
                           " WHERE state = 'sending'");
  if (!update.ok()) return update.status();
  DVC_RETURN_IF_ERROR(update->BindInt64(1, now));
  DVC_RETURN_IF_ERROR(update->Run());
  const int changed = static_cast<int>(db.ChangedRows());
  DVC_RETURN_IF_ERROR(tx->Commit());
  return changed;
}

Result<SmsDispatchReport> GatewayService::DispatchSms(const SmsDispatchOptions& options,
                                                      const SmsTransport& transport) {
  SmsDispatchReport report;
  Result<std::vector<OutgoingSms>> claimed =
      SmsRound(options, {}, {}, static_cast<size_t>(options.batch), &report);
  if (!claimed.ok()) return claimed.status();
  std::vector<SmsOutcome> outcomes;
  for (const OutgoingSms& sms : *claimed) {
    Result<std::string> sent = transport(sms);
    SmsOutcome o;
    o.id = sms.id;
    o.route = "direct";
    if (sent.ok()) {
      o.message_ids.push_back(*sent);
    } else {
      o.kind = SmsOutcome::Kind::kRetry;
      o.reason = sent.status().message();
    }
    outcomes.push_back(std::move(o));
  }
  Result<std::vector<OutgoingSms>> recorded = SmsRound(options, outcomes, {}, 0, &report);
  if (!recorded.ok()) return recorded.status();
  return report;
}

}  // namespace dvc::gateway
