// GatewayService::DispatchSms: sends the SMS residents are owed
// (sms_notifications.h has the model).
#include "calendar/local_time.h"
#include "dossier/dossier_code.h"
#include "service/gateway_service.h"
#include "service/service_impl.h"
#include "service/sms_notifications.h"
#include "store/transaction.h"
#include "sync/sealing.h"
#include "text/gsm7_safe.h"

namespace dvc::gateway {
namespace {

// A due notification with what its text needs.
struct DueSms {
  int64_t id = 0;
  std::string event;
  int attempts = 0;
  std::string code;
  std::string service_id;
  std::string catalog_version;
  std::string sealed;
  std::string appointment;  // ISO; the official one when set
  std::string note;
};

constexpr store::Sql kSelectDue =
    "SELECT o.id, o.event, o.attempts, d.code, d.service_id, d.catalog_version, d.sealed,"
    " COALESCE(NULLIF(d.official_appointment, ''), d.kiosk_appointment, ''),"
    " COALESCE(h.note, '')"
    " FROM sms_outbox o JOIN dossiers d ON d.rowid = o.dossier"
    " LEFT JOIN status_history h ON h.dossier = o.dossier AND h.idx = o.history_idx"
    " WHERE o.state = 'pending' AND o.next_attempt_at <= ?"
    " ORDER BY o.next_attempt_at, o.id LIMIT ?";

}  // namespace

Result<SmsDispatchReport> GatewayService::DispatchSms(const SmsDispatchOptions& options,
                                                      const SmsTransport& transport) {
  SmsDispatchReport report;
  const int64_t now = impl_->NowS();
  Result<calendar::LocalDateTime> local = calendar::LocalDateTime::FromUnixSeconds(now);
  if (!local.ok()) return local.status();
  if (!options.send_hours.IsOpenAt(local->time)) {
    report.outside_send_hours = true;
    return report;
  }

  std::vector<DueSms> due;
  {
    auto db = impl_->readers->Acquire();
    if (!db.ok()) return db.status();
    auto select = (*db)->Prepare("due sms", kSelectDue);
    if (!select.ok()) return select.status();
    DVC_RETURN_IF_ERROR(select->BindInt64(1, now));
    DVC_RETURN_IF_ERROR(select->BindInt64(2, options.batch));
    for (;;) {
      auto row = select->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      due.push_back({select->ColumnInt64(0), select->ColumnText(1),
                     static_cast<int>(select->ColumnInt64(2)), select->ColumnText(3),
                     select->ColumnText(4), select->ColumnText(5), select->ColumnText(6),
                     select->ColumnText(7), select->ColumnText(8)});
    }
  }

  // Each outcome is its own short transaction: the transport runs without
  // the write lock, and a crash loses at most the one message in flight.
  auto record = [this, now](int64_t id, std::string_view state, int attempts, int64_t next_at,
                            const std::string& message_id, const std::string& text,
                            const std::string& reason) -> Status {
    std::lock_guard lock(impl_->write_mu);
    store::Database& db = *impl_->writer;
    auto tx = store::Transaction::Begin(db);
    if (!tx.ok()) return tx.status();
    auto update = db.Prepare("record sms",
                             "UPDATE sms_outbox SET state = ?, attempts = ?, next_attempt_at = ?,"
                             " message_id = NULLIF(?, ''), text = NULLIF(?, ''),"
                             " reason = NULLIF(?, ''), updated_at = ?"
                             " WHERE id = ? AND state = 'pending'");
    if (!update.ok()) return update.status();
    DVC_RETURN_IF_ERROR(update->BindText(1, state));
    DVC_RETURN_IF_ERROR(update->BindInt64(2, attempts));
    DVC_RETURN_IF_ERROR(update->BindInt64(3, next_at));
    DVC_RETURN_IF_ERROR(update->BindText(4, message_id));
    DVC_RETURN_IF_ERROR(update->BindText(5, text));
    DVC_RETURN_IF_ERROR(update->BindText(6, reason));
    DVC_RETURN_IF_ERROR(update->BindInt64(7, now));
    DVC_RETURN_IF_ERROR(update->BindInt64(8, id));
    DVC_RETURN_IF_ERROR(update->Run());
    return tx->Commit();
  };

  for (const DueSms& sms : due) {
    auto tmpl = options.templates.by_status.find(sms.event);
    if (tmpl == options.templates.by_status.end()) {
      DVC_RETURN_IF_ERROR(
          record(sms.id, "skipped", sms.attempts, now, "", "", "no SMS for status " + sms.event));
      ++report.skipped;
      continue;
    }
    // A dossier whose sealed part cannot be read (a store damaged behind the
    // gateway's back) fails alone: the rows behind it still go.
    Result<sync::PrivatePart> part = sync::OpenPrivatePart(*impl_->options.keys, sms.sealed);
    if (!part.ok()) {
      DVC_RETURN_IF_ERROR(record(sms.id, "failed", sms.attempts, now, "", "",
                                 "the dossier's sealed part: " + part.status().message()));
      ++report.failed;
      continue;
    }
    const std::string& phone = part->phone;
    if (phone.empty()) {
      DVC_RETURN_IF_ERROR(
          record(sms.id, "skipped", sms.attempts, now, "", "", "the dossier has no phone"));
      ++report.skipped;
      continue;
    }
    std::string service_name = sms.service_id;
    if (auto catalog = impl_->CatalogOf(sms.catalog_version); catalog.ok() && *catalog) {
      if (const catalog::Service* s = (*catalog)->FindService(sms.service_id)) {
        service_name = s->name.vi;
      }
    }
    std::string appointment;
    if (auto date = calendar::Date::ParseIso(sms.appointment); date.ok()) {
      appointment = date->ToVietnamese();
    }
    // Grouped as on the receipt ("12430-23-Z6B-2DD-W"): easier to read out and
    // type back in a look-up, which accepts it with or without the dashes.
    std::string shown_code = sms.code;
    if (auto parsed = dossier::ParseDossierCode(sms.code); parsed.ok()) {
      shown_code = parsed->Display();
    }
    OutgoingSms out;
    out.id = sms.id;
    out.phone = phone;
    out.encoding = options.encoding;
    out.event = sms.event;
    out.dossier_code = sms.code;
    out.text = FillSmsTemplate(tmpl->second, {{"code", shown_code},
                                              {"service", service_name},
                                              {"appointment", appointment},
                                              {"note", sms.note},
                                              {"short_code", options.short_code}});
    if (options.encoding == text::SmsEncoding::kGsm7) out.text = text::ToGsm7Safe(out.text);
    Result<std::string> sent = transport(out);
    const int attempts = sms.attempts + 1;
    if (sent.ok()) {
      DVC_RETURN_IF_ERROR(record(sms.id, "sent", attempts, now, *sent, out.text, ""));
      ++report.sent;
    } else if (attempts >= options.max_attempts) {
      DVC_RETURN_IF_ERROR(
          record(sms.id, "failed", attempts, now, "", out.text, sent.status().message()));
      ++report.failed;
    } else {
      // Still pending: the update keeps it so, due again after the back-off.
      DVC_RETURN_IF_ERROR(record(sms.id, "pending", attempts, now + SmsRetryDelaySeconds(attempts),
                                 "", "", sent.status().message()));
      ++report.retried;
    }
  }
  return report;
}

}  // namespace dvc::gateway
