// The operator API's dossier actions and the one-stop system's events: list,
// show (private part opened), status changes through shared/dossier's state
// machine, and paper dossiers registered at the counter (issuer 0). Every
// change appends to the audit log in its own transaction.
#include "catalog/catalog.h"
#include "dossier/code_issuer.h"
#include "service/gateway_service.h"
#include "service/service_impl.h"
#include "store/audit_log.h"
#include "store/transaction.h"
#include "sync/message_fields.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::gateway {
namespace {

using nlohmann::json;
// shared/dossier refuses a longer note (dossier.cc); the kiosk's reader
// (shared/sync message_fields.h) accepts up to 4,000 bytes, so every note the
// gateway stores passes it.
constexpr size_t kMaxNoteBytes = 2000;

// A status note as every kiosk's strict reader accepts it (the rules of
// shared/sync's ReadText): valid UTF-8, line breaks as "\n" ("\r\n" and "\r"
// from a one-stop system are rewritten), no control character but tab and
// line feed (sync::fields::HasControlCharacter), NFC, at most kMaxNoteBytes.
// A note that would break the kiosks' pulls is refused here, at input,
// rather than stored and sent to every pull for ever.
Result<std::string> NormaliseNote(std::string_view note) {
  if (!text::IsValidUtf8(note)) return Status::InvalidInput("note: not valid UTF-8");
  std::string lines;
  lines.reserve(note.size());
  for (size_t i = 0; i < note.size(); ++i) {
    if (note[i] != '\r') {
      lines.push_back(note[i]);
      continue;
    }
    lines.push_back('\n');
    if (i + 1 < note.size() && note[i + 1] == '\n') ++i;
  }
  if (sync::fields::HasControlCharacter(lines)) {
    return Status::InvalidInput(
        "note: a control character (only tab and line breaks may stand in a note)");
  }
  std::string nfc = text::ToNfc(lines);
  if (nfc.size() > kMaxNoteBytes) {
    return Status::InvalidInput("note: " + std::to_string(nfc.size()) + " bytes, at most " +
                                std::to_string(kMaxNoteBytes));
  }
  return nfc;
}

dossier::OnlineLevel LevelOf(const catalog::Catalog* catalog, const std::string& service_id) {
  const catalog::Service* service = catalog ? catalog->FindService(service_id) : nullptr;
  return service && service->online_label == catalog::OnlineLabel::kToanTrinh
             ? dossier::OnlineLevel::kFull
             : dossier::OnlineLevel::kPartial;
}

Result<std::vector<dossier::StatusChange>> ReadHistory(store::Database& db, int64_t rowid) {
  auto select = db.Prepare("read history",
                           "SELECT from_status, to_status, at, actor, note FROM status_history "
                           "WHERE dossier = ? ORDER BY idx");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindInt64(1, rowid));
  std::vector<dossier::StatusChange> out;
  while (true) {
    auto row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    auto from = dossier::StatusFromId(select->ColumnText(0));
    auto to = dossier::StatusFromId(select->ColumnText(1));
    auto actor = dossier::ActorFromId(select->ColumnText(3));
    if (!from || !to || !actor) return Status::Corrupt("history row with unknown ids");
    out.push_back({*from, *to, FromUnix(select->ColumnInt64(2)), *actor, select->ColumnText(4)});
  }
}

bool IsPhone(std::string_view phone) {
  if (phone.empty()) return true;
  size_t start = phone.front() == '+' ? 1 : 0;
  size_t digits = phone.size() - start;
  return digits >= 9 && digits <= 15 &&
         std::all_of(phone.begin() + static_cast<std::ptrdiff_t>(start), phone.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

ApiResult<std::vector<DossierSummary>> GatewayService::ListDossiers(const DossierFilter& filter) {
  if (!filter.status.empty() && !dossier::StatusFromId(filter.status)) {
    return MakeApiError(400, "bad_request", "status: unknown status " + filter.status);
  }
  const int limit = std::clamp(filter.limit, 1, 1000);
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return InternalError(db.status());
  auto select = (*db)->Prepare(
      "list dossiers",
      "SELECT id, code, COALESCE(province_number, ''), service_id, commune_code, kiosk_id, "
      "status, received_at, official_appointment, updated_at FROM dossiers "
      "WHERE (?1 = '' OR status = ?1) AND (?2 = '' OR commune_code = ?2) "
      "ORDER BY updated_at DESC, rowid DESC LIMIT ?3");
  if (!select.ok()) return InternalError(select.status());
  Status s = select->BindText(1, filter.status);
  if (s.ok()) s = select->BindText(2, filter.commune_code);
  if (s.ok()) s = select->BindInt64(3, limit);
  if (!s.ok()) return InternalError(s);
  std::vector<DossierSummary> out;
  while (true) {
    auto row = select->Step();
    if (!row.ok()) return InternalError(row.status());
    if (!*row) break;
    DossierSummary d;
    d.id = select->ColumnText(0);
    d.code = select->ColumnText(1);
    d.province_number = select->ColumnText(2);
    d.service_id = select->ColumnText(3);
    d.commune_code = select->ColumnText(4);
    d.kiosk_id = select->ColumnInt64(5);
    d.status =
        dossier::StatusFromId(select->ColumnText(6)).value_or(dossier::DossierStatus::kReceived);
    d.received_at = FromUnix(select->ColumnInt64(7));
    if (!select->ColumnIsNull(8)) {
      if (auto date = calendar::Date::ParseIso(select->ColumnText(8)); date.ok()) {
        d.official_appointment = *date;
      }
    }
    d.updated_at = FromUnix(select->ColumnInt64(9));
    out.push_back(std::move(d));
  }
  return out;
}

ApiResult<DossierDetail> GatewayService::ShowDossier(std::string_view code) {
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return InternalError(db.status());
  auto tx = store::Transaction::Begin(**db, store::TransactionKind::kDeferred);  // one snapshot
  if (!tx.ok()) return InternalError(tx.status());
  DossierRow row;
  if (auto error = impl_->LocateDossier(**db, code, row)) return *error;
  DossierDetail detail;
  dossier::Dossier& d = detail.dossier;
  d.id = row.id;
  d.code = row.code;
  d.province_number = row.province_number;
  d.service_id = row.service_id;
  d.catalog_version = row.catalog_version;
  d.form_version = row.form_version;
  d.created_at = FromUnix(row.created_at);
  d.received_at = FromUnix(row.received_at);
  if (auto date = calendar::Date::ParseIso(row.kiosk_appointment); date.ok()) {
    d.kiosk_appointment = *date;
  }
  if (auto date = calendar::Date::ParseIso(row.official_appointment); date.ok()) {
    d.official_appointment = *date;
  }
  d.status = dossier::StatusFromId(row.status).value_or(dossier::DossierStatus::kReceived);
  auto history = ReadHistory(**db, row.rowid);
  if (!history.ok()) return InternalError(history.status());
  d.history = std::move(history).value();
  try {
    for (const json& a : json::parse(row.attachments_json)) {
      d.attachments.push_back({a.at("field").get<std::string>(), a.at("sha256").get<std::string>(),
                               a.at("size").get<uint64_t>()});
    }
  } catch (const json::exception& e) {
    return InternalError(Status::Corrupt(std::string("stored attachments: ") + e.what()));
  }
  const sync::ProvinceKeys& keys = *impl_->options.keys;
  Result<sync::PrivatePart> part = sync::OpenPrivatePart(keys, row.sealed);
  if (!part.ok()) return InternalError(part.status().WithContext("dossier " + row.code));
  d.answers = std::move(part->answers);
  d.phone = std::move(part->phone);
  detail.applicant_name = std::move(part->applicant_name);
  detail.commune_code = row.commune_code;
  detail.kiosk_id = row.kiosk_id;
  detail.updated_at = FromUnix(row.updated_at);
  auto complete = (*db)->Prepare("complete attachments",
                                 "SELECT DISTINCT a.sha256 FROM dossier_attachments da JOIN "
                                 "attachments a ON a.sha256 = da.sha256 WHERE da.dossier = ? AND "
                                 "a.complete = 1 ORDER BY a.sha256");
  if (!complete.ok()) return InternalError(complete.status());
  if (Status s = complete->BindInt64(1, row.rowid); !s.ok()) return InternalError(s);
  while (true) {
    auto r = complete->Step();
    if (!r.ok()) return InternalError(r.status());
    if (!*r) break;
    detail.complete_attachments.push_back(complete->ColumnText(0));
  }
  return detail;
}

ApiResult<DossierDetail> GatewayService::SetStatus(std::string_view code,
                                                   std::string_view status_id,
                                                   std::string_view note, std::string_view actor) {
  return ChangeStatusOf(code, status_id, note, actor, nullptr);
}

ApiResult<DossierDetail> GatewayService::ApplyEvent(const StatusEvent& event,
                                                    std::string_view actor) {
  if (event.code.empty() && event.province_number.empty()) {
    return MakeApiError(400, "bad_request", "give code or province_number");
  }
  if (event.province_number.size() > 64 || !text::IsValidUtf8(event.province_number)) {
    return MakeApiError(400, "bad_request", "province_number: at most 64 bytes of UTF-8");
  }
  const std::string& key = event.code.empty() ? event.province_number : event.code;
  return ChangeStatusOf(key, event.status, event.note, actor, &event);
}

ApiResult<DossierDetail> GatewayService::ChangeStatusOf(std::string_view typed_code,
                                                        std::string_view status_id,
                                                        std::string_view note,
                                                        std::string_view actor,
                                                        const StatusEvent* event) {
  auto to = dossier::StatusFromId(status_id);
  if (!to)
    return MakeApiError(400, "bad_request", "status: unknown status " + std::string(status_id));
  Result<std::string> normalised = NormaliseNote(note);
  if (!normalised.ok()) return MakeApiError(400, "bad_request", normalised.status().message());
  const std::string clean_note = std::move(normalised).value();
  const int64_t now = impl_->NowS();
  const int64_t at = event && event->at ? ToUnix(*event->at) : now;
  std::string code;
  {
    std::lock_guard lock(impl_->write_mu);
    store::Database& db = *impl_->writer;
    auto tx = store::Transaction::Begin(db);
    if (!tx.ok()) return InternalError(tx.status());
    DossierRow row;
    if (auto error = impl_->LocateDossier(db, typed_code, row)) return *error;
    code = row.code;
    auto catalog = impl_->CatalogOf(row.catalog_version);
    if (!catalog.ok()) return InternalError(catalog.status());
    dossier::Dossier state;
    state.status = dossier::StatusFromId(row.status).value_or(dossier::DossierStatus::kReceived);
    Status changed = dossier::ChangeStatus(state, *to, dossier::Actor::kOfficer, FromUnix(at),
                                           clean_note, LevelOf(catalog->get(), row.service_id));
    if (!changed.ok()) {
      return MakeApiError(409, "illegal_transition",
                          "dossier " + row.code + ": " + changed.message());
    }
    std::string province_number = row.province_number;
    std::string appointment = row.official_appointment;
    if (event && !event->province_number.empty() && !event->code.empty()) {
      province_number = event->province_number;
      auto other = db.Prepare("province number taken",
                              "SELECT code FROM dossiers WHERE province_number = ? AND rowid <> ?");
      if (!other.ok()) return InternalError(other.status());
      Status s = other->BindText(1, province_number);
      if (s.ok()) s = other->BindInt64(2, row.rowid);
      auto taken = s.ok() ? other->Step() : Result<bool>(s);
      if (!taken.ok()) return InternalError(taken.status());
      if (*taken) {
        return MakeApiError(
            400, "bad_request",
            "province_number " + province_number + " belongs to dossier " + other->ColumnText(0));
      }
    }
    if (event && event->official_appointment) appointment = event->official_appointment->ToIso();
    const dossier::StatusChange& change = state.history.back();
    auto count =
        db.Prepare("count history", "SELECT COUNT(*) FROM status_history WHERE dossier = ?");
    if (!count.ok()) return InternalError(count.status());
    Status s = count->BindInt64(1, row.rowid);
    auto counted = s.ok() ? count->Step() : Result<bool>(s);
    if (!counted.ok()) return InternalError(counted.status());
    const int64_t idx = count->ColumnInt64(0);
    count->Reset();
    auto update = db.Prepare("update dossier status",
                             "UPDATE dossiers SET status = ?, updated_at = ?, province_number = "
                             "NULLIF(?, ''), official_appointment = NULLIF(?, '') WHERE rowid = ?");
    auto history = db.Prepare("append history",
                              "INSERT INTO status_history(dossier, idx, from_status, to_status, "
                              "at, actor, note) VALUES(?, ?, ?, ?, ?, ?, ?)");
    if (!update.ok()) return InternalError(update.status());
    if (!history.ok()) return InternalError(history.status());
    s = update->BindText(1, dossier::StatusId(*to));
    if (s.ok()) s = update->BindInt64(2, now);
    if (s.ok()) s = update->BindText(3, province_number);
    if (s.ok()) s = update->BindText(4, appointment);
    if (s.ok()) s = update->BindInt64(5, row.rowid);
    if (s.ok()) s = update->Run();
    if (s.ok()) s = history->BindInt64(1, row.rowid);
    if (s.ok()) s = history->BindInt64(2, idx);
    if (s.ok()) s = history->BindText(3, dossier::StatusId(change.from));
    if (s.ok()) s = history->BindText(4, dossier::StatusId(change.to));
    if (s.ok()) s = history->BindInt64(5, at);
    if (s.ok()) s = history->BindText(6, dossier::ActorId(change.actor));
    if (s.ok()) s = history->BindText(7, change.note);
    if (s.ok()) s = history->Run();
    if (s.ok() && row.kiosk_id != 0) {  // counter dossiers have no kiosk to tell
      auto insert = db.Prepare("store change",
                               "INSERT INTO changes(kiosk_id, dossier, status, at, note, "
                               "official_appointment) VALUES(?, ?, ?, ?, ?, NULLIF(?, ''))");
      if (!insert.ok()) return InternalError(insert.status());
      s = insert->BindInt64(1, row.kiosk_id);
      if (s.ok()) s = insert->BindInt64(2, row.rowid);
      if (s.ok()) s = insert->BindText(3, dossier::StatusId(*to));
      if (s.ok()) s = insert->BindInt64(4, at);
      if (s.ok()) s = insert->BindText(5, change.note);
      if (s.ok()) s = insert->BindText(6, appointment);
      if (s.ok()) s = insert->Run();
    }
    if (s.ok()) {
      json detail = {{"from", dossier::StatusId(change.from)},
                     {"to", dossier::StatusId(change.to)},
                     {"note", change.note}};
      if (event) detail["event"] = true;
      if (province_number != row.province_number) detail["province_number"] = province_number;
      if (appointment != row.official_appointment) detail["official_appointment"] = appointment;
      s = AppendAudit(db, now, actor, "dossier.status", row.code, detail.dump());
    }
    if (s.ok()) s = tx->Commit();
    if (!s.ok()) return InternalError(s);
  }
  return ShowDossier(code);
}

ApiResult<CounterDossierCreated> GatewayService::AddCounterDossier(
    const CounterDossierRequest& request, std::string_view actor) {
  const int64_t now = impl_->NowS();
  const std::string& commune = request.commune_code;
  bool digits = commune.size() == 5 && std::all_of(commune.begin(), commune.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return MakeApiError(400, "bad_request", "commune_code: expected 5 digits");
  if (!IsPhone(request.phone)) {
    return MakeApiError(400, "bad_request", "phone: 9 to 15 digits, optionally after +");
  }
  if (!text::IsValidUtf8(request.applicant_name) || request.applicant_name.size() > 200) {
    return MakeApiError(400, "bad_request", "applicant_name: at most 200 bytes of UTF-8");
  }
  auto current = impl_->CurrentCatalog();
  if (!current) return MakeApiError(409, "no_catalog", "no catalog version is published");
  auto catalog = impl_->CatalogOf(current->version);
  if (!catalog.ok()) return InternalError(catalog.status());
  const catalog::Service* service = (*catalog)->FindService(request.service_id);
  if (service == nullptr) {
    return MakeApiError(404, "unknown_service",
                        "catalog " + current->version + " has no service " + request.service_id);
  }
  auto appointment = impl_->OfficialAppointment(now, service->processing_days);
  if (!appointment.ok()) return InternalError(appointment.status());
  sync::PrivatePart part;
  part.phone = request.phone;
  part.applicant_name = text::ToNfc(request.applicant_name);
  // Sealed at rest like a kiosk's dossier: one way to read personal data.
  const std::string sealed =
      sync::Seal(impl_->options.keys->sealing_public(), sync::ToJson(part).dump());
  CounterDossierCreated created;
  created.id = dossier::NewDossierId();
  created.received_at = FromUnix(now);
  created.official_appointment = *appointment;

  std::lock_guard lock(impl_->write_mu);
  store::Database& db = *impl_->writer;
  auto& issuer = impl_->counter_issuers[commune];
  if (!issuer) {  // Open may write the issuer's first row: outside our transaction
    auto opened = dossier::CodeIssuer::Open(db, commune, dossier::DossierCode::kGatewayIssuer);
    if (!opened.ok()) {
      impl_->counter_issuers.erase(commune);
      return InternalError(opened.status());
    }
    issuer = std::move(opened).value();
  }
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return InternalError(tx.status());
  auto code = issuer->NextInTransaction(*tx);
  if (!code.ok()) return InternalError(code.status());
  created.code = code->compact();
  auto insert = db.Prepare(
      "store counter dossier",
      "INSERT INTO dossiers(id, code, kiosk_id, commune_code, service_id, catalog_version, "
      "form_version, content_hash, sealed, attachments_json, created_at, received_at, "
      "official_appointment, status, updated_at) "
      "VALUES(?, ?, 0, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, 'received', ?)");
  if (!insert.ok()) return InternalError(insert.status());
  Status s = insert->BindText(1, created.id);
  if (s.ok()) s = insert->BindText(2, created.code);
  if (s.ok()) s = insert->BindText(3, commune);
  if (s.ok()) s = insert->BindText(4, service->id);
  if (s.ok()) s = insert->BindText(5, current->version);
  if (s.ok()) s = insert->BindInt64(6, service->form.version);
  if (s.ok()) s = insert->BindBlob(7, Sha256(sealed));
  if (s.ok()) {
    s = insert->BindBlob(8, std::span<const uint8_t>(
                                reinterpret_cast<const uint8_t*>(sealed.data()), sealed.size()));
  }
  if (s.ok()) s = insert->BindInt64(9, now);
  if (s.ok()) s = insert->BindInt64(10, now);
  if (s.ok()) s = insert->BindText(11, appointment->ToIso());
  if (s.ok()) s = insert->BindInt64(12, now);
  if (s.ok()) s = insert->Run();
  if (s.ok()) {
    s = AppendAudit(db, now, actor, "dossier.add", created.code,
                    "service " + service->id + ", commune " + commune);
  }
  if (s.ok()) s = tx->Commit();
  if (!s.ok()) return InternalError(s);
  return created;
}

}  // namespace dvc::gateway
