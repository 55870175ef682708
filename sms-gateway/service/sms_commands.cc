// GatewayService::ReceiveMo and IsOptedOut (sms_commands.h has the rules).
#include "service/sms_commands.h"

#include <array>
#include <variant>

#include "calendar/date.h"
#include "dossier/dossier_code.h"
#include "dossier/status.h"
#include "service/gateway_service.h"
#include "service/service_impl.h"
#include "service/sms_notifications.h"
#include "store/transaction.h"
#include "sync/sealing.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::gateway {
namespace {

constexpr int64_t kHourS = 3600;
constexpr int64_t kDayS = 24 * 3600;
// The inbox keeps what was sent, up to this much (a message_payload can be 64 KiB).
constexpr size_t kMaxStoredTextBytes = 1600;
// A code as typed, echoed in a reply, is cut to this many characters.
constexpr size_t kMaxEchoedCodeChars = 24;

// What a look-up found, worked out before the write lock (sealed part opened).
struct LookupFinding {
  std::string outcome;  // answered_owner / answered_status_only / mistyped / not_found
  std::string reply_key;
  std::map<std::string, std::string, std::less<>> values;
};

// `s` cut to at most `max_bytes` at a code point boundary (s valid UTF-8).
std::string CutUtf8(std::string s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  s.resize(end);
  return s;
}

// A 14-character code typed with a typo, grouped as the receipt shows codes
// ("12345-7K-4HQ-2M9-X") so the resident can compare it group by group.
std::string GroupedLikeACode(const std::string& typed) {
  if (typed.size() != dossier::DossierCode::kLength) {
    return CutUtf8(typed, kMaxEchoedCodeChars);
  }
  return typed.substr(0, 5) + "-" + typed.substr(5, 2) + "-" + typed.substr(7, 3) + "-" +
         typed.substr(10, 3) + "-" + typed.substr(13, 1);
}

// Weighted count of the messages `from` sent since `since` (see MoOptions).
Result<int64_t> CountSince(store::Database& db, const std::string& from, int64_t since,
                           int failed_weight) {
  auto count =
      db.Prepare("count mo",
                 "SELECT COUNT(*) + ? * COALESCE(SUM(outcome IN ('not_found', 'mistyped')), 0)"
                 " FROM sms_inbox WHERE from_phone = ? AND received_at > ?");
  if (!count.ok()) return count.status();
  DVC_RETURN_IF_ERROR(count->BindInt64(1, failed_weight > 1 ? failed_weight - 1 : 0));
  DVC_RETURN_IF_ERROR(count->BindText(2, from));
  DVC_RETURN_IF_ERROR(count->BindInt64(3, since));
  auto row = count->Step();
  if (!row.ok()) return row.status();
  return count->ColumnInt64(0);
}

// Whether `from` was already sent a reply recorded with `outcome` since `since`.
Result<bool> RepliedSince(store::Database& db, const std::string& from, std::string_view outcome,
                          int64_t since) {
  auto select = db.Prepare("mo replied since",
                           "SELECT EXISTS (SELECT 1 FROM sms_inbox WHERE from_phone = ?"
                           " AND outcome = ? AND reply IS NOT NULL AND received_at > ?)");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindText(1, from));
  DVC_RETURN_IF_ERROR(select->BindText(2, outcome));
  DVC_RETURN_IF_ERROR(select->BindInt64(3, since));
  auto row = select->Step();
  if (!row.ok()) return row.status();
  return select->ColumnInt64(0) != 0;
}

Status SetOptOut(store::Database& db, const std::string& phone_key, bool stopped, int64_t now) {
  if (stopped) {
    auto insert = db.Prepare("opt out",
                             "INSERT OR IGNORE INTO sms_optout(phone_key, since)"
                             " VALUES (?, ?)");
    if (!insert.ok()) return insert.status();
    DVC_RETURN_IF_ERROR(insert->BindText(1, phone_key));
    DVC_RETURN_IF_ERROR(insert->BindInt64(2, now));
    return insert->Run();
  }
  auto remove = db.Prepare("opt in", "DELETE FROM sms_optout WHERE phone_key = ?");
  if (!remove.ok()) return remove.status();
  DVC_RETURN_IF_ERROR(remove->BindText(1, phone_key));
  return remove->Run();
}

Result<int64_t> InsertReply(store::Database& db, const std::string& to, const std::string& text,
                            int64_t now) {
  auto insert = db.Prepare("insert mo reply",
                           "INSERT INTO sms_outbox(dossier, history_idx, event, to_phone, state,"
                           " text, next_attempt_at, created_at, updated_at)"
                           " VALUES (NULL, NULL, 'reply', ?, 'pending', ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  DVC_RETURN_IF_ERROR(insert->BindText(1, to));
  DVC_RETURN_IF_ERROR(insert->BindText(2, text));
  DVC_RETURN_IF_ERROR(insert->BindInt64(3, now));
  DVC_RETURN_IF_ERROR(insert->BindInt64(4, now));
  DVC_RETURN_IF_ERROR(insert->BindInt64(5, now));
  DVC_RETURN_IF_ERROR(insert->Run());
  return db.LastInsertRowId();
}

Result<int64_t> InsertInbox(store::Database& db, const MoMessage& mo, const std::string& from,
                            int64_t now, const MoOutcome& outcome) {
  auto insert = db.Prepare("insert mo",
                           "INSERT INTO sms_inbox(route, from_phone, to_addr, text, received_at,"
                           " outcome, reply) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  // Whatever the SMSC sent, the row holds valid UTF-8 of bounded size.
  DVC_RETURN_IF_ERROR(insert->BindText(1, CutUtf8(text::ToNfc(mo.route), 64)));
  DVC_RETURN_IF_ERROR(insert->BindText(2, from));
  DVC_RETURN_IF_ERROR(insert->BindText(3, CutUtf8(text::ToNfc(mo.to), 64)));
  DVC_RETURN_IF_ERROR(insert->BindText(4, CutUtf8(text::ToNfc(mo.text), kMaxStoredTextBytes)));
  DVC_RETURN_IF_ERROR(insert->BindInt64(5, now));
  DVC_RETURN_IF_ERROR(insert->BindText(6, outcome.outcome));
  if (outcome.reply_id) {
    DVC_RETURN_IF_ERROR(insert->BindInt64(7, *outcome.reply_id));
  } else {
    DVC_RETURN_IF_ERROR(insert->BindNull(7));
  }
  DVC_RETURN_IF_ERROR(insert->Run());
  return db.LastInsertRowId();
}

}  // namespace

Result<bool> IsPhoneOptedOut(store::Database& db, const PhoneKeyer& keyer, std::string_view phone) {
  auto select =
      db.Prepare("is opted out", "SELECT EXISTS (SELECT 1 FROM sms_optout WHERE phone_key = ?)");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindText(1, keyer.KeyOf(phone)));
  auto row = select->Step();
  if (!row.ok()) return row.status();
  return select->ColumnInt64(0) != 0;
}

Result<bool> GatewayService::IsOptedOut(std::string_view phone) {
  const PhoneKeyer keyer(*impl_->options.keys);
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return db.status();
  return IsPhoneOptedOut(**db, keyer, phone);
}

Result<MoOutcome> GatewayService::ReceiveMo(const MoMessage& mo, const MoOptions& options) {
  const std::string from = NormalizePhone(mo.from);
  const MoCommand command = mo.undecodable ? MoCommand{MoCommandKind::kUnknown, "", true}
                                           : ParseMoCommand(mo.text, options.keywords);
  const MoReplies& replies = options.replies;
  const std::string& short_code = options.short_code;

  // The look-up and the sealed part are read before the write lock (a
  // reader's snapshot): a status committed in between is in the next answer.
  std::optional<LookupFinding> finding;
  if (command.kind == MoCommandKind::kLookup && !from.empty()) {
    finding.emplace();
    auto db = impl_->readers->Acquire();
    if (!db.ok()) return db.status();
    DossierRow row;
    if (std::optional<sync::ApiError> error = impl_->LocateDossier(**db, command.code, row)) {
      if (error->code == "code_mistyped") {
        finding->outcome = "mistyped";
        finding->reply_key = "mistyped";
        finding->values = {{"typed", GroupedLikeACode(command.code)}};
      } else if (error->code == "not_found") {
        finding->outcome = "not_found";
        finding->reply_key = "not_found";
        std::string shown = command.code;
        if (auto parsed = dossier::ParseDossierCode(command.code); parsed.ok()) {
          shown = parsed->Display();
        }
        finding->values = {{"code", CutUtf8(shown, kMaxEchoedCodeChars)}};
      } else {
        return Status::Internal("sms look-up: " + error->message);
      }
    } else {
      std::string shown = row.code;
      if (auto parsed = dossier::ParseDossierCode(row.code); parsed.ok()) {
        shown = parsed->Display();
      }
      std::string status_name = row.status;
      if (auto status = dossier::StatusFromId(row.status)) {
        status_name = std::string(dossier::StatusLabelVi(*status));
      }
      const std::string& iso =
          row.official_appointment.empty() ? row.kiosk_appointment : row.official_appointment;
      std::string appointment = "chưa có";
      if (auto date = calendar::Date::ParseIso(iso); date.ok()) appointment = date->ToVietnamese();
      // A sealed part that cannot be opened proves no ownership: status only.
      bool owner = false;
      if (auto part = sync::OpenPrivatePart(*impl_->options.keys, row.sealed); part.ok()) {
        owner = !part->phone.empty() && NormalizePhone(part->phone) == from;
      }
      finding->values = {{"code", shown},
                         {"status", status_name},
                         {"appointment", appointment},
                         {"next", replies.Next(row.status)}};
      if (owner) {
        std::string service_name = row.service_id;
        if (auto catalog = impl_->CatalogOf(row.catalog_version); catalog.ok() && *catalog) {
          if (const catalog::Service* s = (*catalog)->FindService(row.service_id)) {
            service_name = s->name.vi;
          }
        }
        finding->values["service"] = service_name;
        finding->outcome = "answered_owner";
        finding->reply_key = "lookup_owner";
      } else {
        finding->outcome = "answered_status_only";
        finding->reply_key = "lookup_status_only";
      }
    }
  }
  const std::string phone_key = from.empty() ? "" : PhoneKeyer(*impl_->options.keys).KeyOf(from);

  std::lock_guard lock(impl_->write_mu);
  store::Database& db = *impl_->writer;
  const int64_t now = impl_->NowS();
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return tx.status();

  MoOutcome result;
  std::string reply_key;  // "" : no reply
  std::map<std::string, std::string, std::less<>> values = {{"short_code", short_code}};
  const bool is_optout_command =
      command.kind == MoCommandKind::kStop || command.kind == MoCommandKind::kStart;
  const bool nothing_to_answer =
      from.empty() || command.kind == MoCommandKind::kEmpty || command.not_text;

  // Rate limits: the messages before this one.
  bool limited = false;
  bool limit_reply_due = false;
  if (!nothing_to_answer) {
    auto hour = CountSince(db, from, now - kHourS, options.failed_lookup_weight);
    if (!hour.ok()) return hour.status();
    auto day = CountSince(db, from, now - kDayS, options.failed_lookup_weight);
    if (!day.ok()) return day.status();
    const bool over_day = *day >= options.max_per_day;
    limited = over_day || *hour >= options.max_per_hour;
    if (limited) {
      auto replied = RepliedSince(db, from, "rate_limited", now - (over_day ? kDayS : kHourS));
      if (!replied.ok()) return replied.status();
      limit_reply_due = !*replied;
    }
  }

  if (nothing_to_answer) {
    result.outcome = "ignored";
  } else if (is_optout_command) {
    // Always takes effect; only the confirmation obeys the limits.
    const bool stop = command.kind == MoCommandKind::kStop;
    DVC_RETURN_IF_ERROR(SetOptOut(db, phone_key, stop, now));
    result.outcome = stop ? "stopped" : "started";
    if (!limited) reply_key = stop ? "stopped" : "started";
  } else if (limited) {
    result.outcome = "rate_limited";
    if (limit_reply_due) reply_key = "rate_limited";
  } else if (command.kind == MoCommandKind::kHelp) {
    result.outcome = "help";
    reply_key = "help";
  } else if (command.kind == MoCommandKind::kUnknown) {
    // Unknown text gets the help at most once an hour: a chatty sender or
    // an SMSC's robot must not start an exchange of messages.
    auto replied = RepliedSince(db, from, "help", now - kHourS);
    if (!replied.ok()) return replied.status();
    result.outcome = *replied ? "ignored" : "help";
    if (!*replied) reply_key = "help";
  } else if (finding) {
    result.outcome = finding->outcome;
    reply_key = finding->reply_key;
    values.insert(finding->values.begin(), finding->values.end());
  } else {
    result.outcome = "ignored";
  }

  if (!reply_key.empty()) {
    result.reply_text = FitMoReply(replies.Text(reply_key), values, "service");
    auto reply_id = InsertReply(db, from, result.reply_text, now);
    if (!reply_id.ok()) return reply_id.status();
    result.reply_id = *reply_id;
  }
  // The row keeps a number it can answer; an empty sender is kept as "".
  auto inbox_id = InsertInbox(db, mo, from, now, result);
  if (!inbox_id.ok()) return inbox_id.status();
  result.inbox_id = *inbox_id;
  DVC_RETURN_IF_ERROR(tx->Commit());
  return result;
}

}  // namespace dvc::gateway
