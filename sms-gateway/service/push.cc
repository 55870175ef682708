// POST /v1/dossiers: look every id up first (a batch sent again after a cut
// is answered from the stored rows, without opening its seals or validating
// its answers), check every new dossier of a batch outside the write lock
// (code ownership, catalog version, service, form version, sealed part,
// answers, attachment references, appointment), then store the accepted ones
// in one IMMEDIATE transaction committed with synchronous=FULL before the
// results are returned. A dossier's receipt_qr, when sent, must be the
// pushing kiosk's own signature over exactly this dossier's receipt fields
// (bad_receipt_qr otherwise), since the gateway's copy of the receipt shows it.
#include <algorithm>
#include <set>

#include "calendar/local_time.h"
#include "catalog/catalog.h"
#include "catalog/validation.h"
#include "dossier/dossier_code.h"
#include "receipt/qr_payload.h"
#include "receipt/receipt_data.h"
#include "service/gateway_service.h"
#include "service/service_impl.h"
#include "store/transaction.h"

namespace dvc::gateway {
namespace {

using nlohmann::json;

struct Checked {
  std::vector<uint8_t> content_hash;
  std::string sealed;  // raw box bytes
  std::string attachments_json;
  calendar::Date official_appointment;
  dossier::StatusChange arrival;
};

sync::ApiError Refusal(std::string code, std::string message) {
  return sync::ApiError{0, std::move(code), std::move(message)};
}

std::vector<uint8_t> ContentHash(const sync::PushDossier& d) {
  return Sha256(sync::ToJson(d).dump());
}

// The (field, sha) pairs the answers' attachment fields name.
std::set<std::pair<std::string, std::string>> AnsweredAttachments(const catalog::Form& form,
                                                                  const json& answers) {
  std::set<std::pair<std::string, std::string>> out;
  for (const catalog::Field& field : form.fields) {
    if (field.type != catalog::FieldType::kAttachment) continue;
    auto it = answers.find(field.id);
    if (it == answers.end() || !it->is_array()) continue;
    for (const json& sha : *it) {
      if (sha.is_string()) out.emplace(field.id, sha.get<std::string>());
    }
  }
  return out;
}

// Fills the stored/duplicate result from a stored row.
void Acknowledge(sync::PushResult& result, sync::PushOutcome outcome, int64_t received_at,
                 const std::string& appointment, const std::string& status) {
  result.result = outcome;
  result.received_at = FromUnix(received_at);
  if (auto date = calendar::Date::ParseIso(appointment); date.ok()) {
    result.official_appointment = *date;
  }
  result.status = dossier::StatusFromId(status);
}

// Looks `d`'s id up with `find` (kFindPushedId); when it was stored before,
// answers `result` with the original acknowledgement (same content) or
// id_conflict (other content) and returns true.
constexpr store::Sql kFindPushedId =
    "SELECT content_hash, received_at, COALESCE(official_appointment, ''), status FROM dossiers "
    "WHERE id = ?";
Result<bool> AnswerIfSeen(store::Statement& find, const sync::PushDossier& d,
                          sync::PushResult& result) {
  find.Reset(true);
  DVC_RETURN_IF_ERROR(find.BindText(1, d.id));
  auto row = find.Step();
  if (!row.ok() || !*row) return row;
  if (find.ColumnBlob(0) == ContentHash(d)) {
    result.error.reset();
    Acknowledge(result, sync::PushOutcome::kDuplicate, find.ColumnInt64(1), find.ColumnText(2),
                find.ColumnText(3));
  } else {
    result =
        sync::PushResult{d.id,
                         d.code,
                         sync::PushOutcome::kRefused,
                         {},
                         {},
                         {},
                         Refusal("id_conflict", "id " + d.id + " was stored with other content")};
  }
  find.Reset(true);
  return true;
}

// The context a dossier's answers are checked in: "today" is the Vietnam
// date the resident filled the form on (the dossier's created_at), since a
// dossier that waited days in a kiosk's outbox was valid when its receipt was
// printed; never later than the gateway's own today, so a kiosk whose clock
// runs ahead gains nothing.
catalog::ValidationContext ContextFor(const sync::PushDossier& d,
                                      catalog::ValidationContext gateway_ctx) {
  auto filled = calendar::LocalDateTime::FromUnixSeconds(ToUnix(d.created_at));
  if (filled.ok() && filled->date < gateway_ctx.today) gateway_ctx.today = filled->date;
  return gateway_ctx;
}

// Empty when `d.receipt_qr` verifies with `kiosk`'s own key (no other
// signer: the gateway will show it as this kiosk's receipt) and signs this
// dossier: its code `code`, the procedure code of `service` (national code,
// else our id, as receipt::ProcedureCode), created_at on Vietnam's clock to
// the minute and kiosk_appointment. Else what is wrong, for the kiosk's staff.
std::string ReceiptQrProblem(const sync::PushDossier& d, const std::string& code,
                             const catalog::Service& service, const KioskRecord& kiosk) {
  const receipt::PublicKeyLookup own_key_only =
      [&](std::string_view signer) -> std::optional<receipt::PublicKey> {
    if (signer != kiosk.ref.signer_id) return std::nullopt;
    return kiosk.public_key;
  };
  Result<receipt::QrFields> fields = receipt::VerifyQrPayload(d.receipt_qr, own_key_only);
  if (!fields.ok()) {
    if (fields.status().code() == ErrorCode::kNotFound) {
      return "receipt_qr: not signed by this kiosk (" + kiosk.ref.signer_id +
             "): a kiosk sends only the receipts it signed itself";
    }
    return "receipt_qr: " + fields.status().message();
  }
  const std::string procedure = receipt::ProcedureCode(service);
  auto created = calendar::LocalDateTime::FromUnixSeconds(ToUnix(d.created_at));
  if (created.ok()) created->time.second = 0;
  const auto differs = [](std::string_view field, const std::string& qr, const std::string& ours) {
    return "receipt_qr: its " + std::string(field) + " is " + qr + ", the dossier's is " + ours;
  };
  if (fields->dossier_code != code) return differs("dossier code", fields->dossier_code, code);
  if (fields->procedure_code != procedure) {
    return differs("procedure code", fields->procedure_code, procedure);
  }
  if (!created.ok() || fields->received != *created) {
    return differs("received time", fields->received.ToIso(),
                   created.ok() ? created->ToIso() : "unreadable");
  }
  if (!d.kiosk_appointment || fields->appointment != *d.kiosk_appointment) {
    return differs("appointment date", fields->appointment.ToIso(),
                   d.kiosk_appointment ? d.kiosk_appointment->ToIso() : "absent");
  }
  return "";
}

}  // namespace

ApiResult<sync::PushResponse> GatewayService::Push(const KioskRef& kiosk,
                                                   const sync::PushRequest& request) {
  if (request.dossiers.size() > sync::kMaxDossiersPerPush) {
    return MakeApiError(413, "batch_too_large",
                        std::to_string(request.dossiers.size()) + " dossiers, at most " +
                            std::to_string(sync::kMaxDossiersPerPush) + " per push");
  }
  impl_->push_requests.fetch_add(1);
  const int64_t now = impl_->NowS();
  const catalog::ValidationContext ctx = impl_->Context(now);
  const sync::ProvinceKeys& keys = *impl_->options.keys;

  sync::PushResponse response;
  response.results.resize(request.dossiers.size());
  std::vector<std::optional<Checked>> checked(request.dossiers.size());
  // Ids found stored before phase 2: answered already, never checked again.
  std::vector<bool> seen(request.dossiers.size(), false);
  std::set<std::string> ids_in_batch;
  // The pushing kiosk's key, read once for the first receipt_qr to check.
  std::optional<KioskRecord> kiosk_record;

  // Phase 1, no lock: ids stored before are answered from a reader (a kiosk
  // resends its whole batch after a cut, so this is the common case and must
  // cost a lookup); everything that costs CPU for the others.
  auto reader = impl_->readers->Acquire();
  if (!reader.ok()) return InternalError(reader.status());
  auto find_seen = (*reader)->Prepare("find pushed id", kFindPushedId);
  if (!find_seen.ok()) return InternalError(find_seen.status());
  for (size_t i = 0; i < request.dossiers.size(); ++i) {
    const sync::PushDossier& d = request.dossiers[i];
    sync::PushResult& result = response.results[i];
    result.id = d.id;
    result.code = d.code;
    auto refuse = [&](std::string code, std::string message) {
      result.result = sync::PushOutcome::kRefused;
      result.error = Refusal(std::move(code), std::move(message));
    };
    if (dossier::IsValidDossierId(d.id)) {
      auto answered = AnswerIfSeen(*find_seen, d, result);
      if (!answered.ok()) return InternalError(answered.status());
      if (*answered) {
        seen[i] = true;
        continue;
      }
    }
    if (!dossier::IsValidDossierId(d.id) || !ids_in_batch.insert(d.id).second) {
      refuse("bad_dossier", "id: not a UUID v4, or sent twice in one batch");
      continue;
    }
    auto code = dossier::ParseDossierCode(d.code);
    if (!code.ok()) {
      refuse("bad_dossier", code.status().message());
      continue;
    }
    if (code->commune_code() != kiosk.commune_code || code->issuer() != kiosk.issuer) {
      refuse("code_not_yours", "code " + code->compact() + " belongs to commune " +
                                   std::string(code->commune_code()) + " issuer " +
                                   std::to_string(code->issuer()) + ", not to this kiosk");
      continue;
    }
    result.code = code->compact();
    auto catalog = impl_->CatalogOf(d.catalog_version);
    if (!catalog.ok()) return InternalError(catalog.status());
    if (!*catalog) {
      refuse("unknown_catalog_version",
             "catalog version " + d.catalog_version + " was never published");
      continue;
    }
    const catalog::Service* service = (*catalog)->FindService(d.service_id);
    if (service == nullptr) {
      refuse("unknown_service", "catalog " + d.catalog_version + " has no service " + d.service_id);
      continue;
    }
    if (service->form.version != d.form_version) {
      refuse("form_version_mismatch",
             "service " + d.service_id + " in catalog " + d.catalog_version + " has form version " +
                 std::to_string(service->form.version) + ", not " + std::to_string(d.form_version));
      continue;
    }
    if (!d.receipt_qr.empty()) {
      if (!kiosk_record) {
        auto found = impl_->FindKiosk(kiosk.kiosk_id);
        if (!found.ok()) return InternalError(found.status());
        if (!found->has_value()) {
          return InternalError(Status::NotFound("kiosk " + std::to_string(kiosk.kiosk_id) +
                                                " authenticated but not found"));
        }
        kiosk_record = std::move(*found);
      }
      if (std::string problem = ReceiptQrProblem(d, result.code, *service, *kiosk_record);
          !problem.empty()) {
        refuse("bad_receipt_qr", std::move(problem));
        continue;
      }
    }
    Checked c;
    auto sealed = sync::Base64Decode(d.sealed);
    if (!sealed.ok()) {
      refuse("bad_seal", "sealed: " + sealed.status().message());
      continue;
    }
    Result<sync::PrivatePart> part = sync::OpenPrivatePart(keys, *sealed);
    if (!part.ok()) {
      refuse("bad_seal", part.status().message());
      continue;
    }
    catalog::ValidationResult validation =
        catalog::ValidateAnswers(service->form, part->answers, ContextFor(d, ctx));
    if (!validation.ok()) {
      const catalog::FieldMessage& first = validation.errors.front();
      refuse("invalid_answers", first.field_id + ": " + first.text.In(catalog::Language::kEn));
      continue;
    }
    std::set<std::pair<std::string, std::string>> refs;
    bool bad_ref = false;
    for (const dossier::AttachmentRef& ref : d.attachments) {
      if (ref.size > sync::kMaxAttachmentBytes) bad_ref = true;
      if (!refs.emplace(ref.field, ref.sha256).second) bad_ref = true;
    }
    if (bad_ref || refs != AnsweredAttachments(service->form, validation.answers)) {
      refuse("bad_dossier",
             "attachments: the list does not match the attachment fields' answers (or a file "
             "is over 20 MiB)");
      continue;
    }
    auto appointment = impl_->OfficialAppointment(now, service->processing_days);
    if (!appointment.ok()) return InternalError(appointment.status());
    c.official_appointment = *appointment;
    dossier::Dossier state;
    state.status = dossier::DossierStatus::kQueuedAtKiosk;
    const auto level = service->online_label == catalog::OnlineLabel::kToanTrinh
                           ? dossier::OnlineLevel::kFull
                           : dossier::OnlineLevel::kPartial;
    if (Status s = dossier::ChangeStatus(state, dossier::DossierStatus::kReceived,
                                         dossier::Actor::kGateway, FromUnix(now), "", level);
        !s.ok()) {
      return InternalError(s);
    }
    c.arrival = state.history.back();
    json attachments = json::array();
    for (const dossier::AttachmentRef& ref : d.attachments) {
      attachments.push_back({{"field", ref.field}, {"sha256", ref.sha256}, {"size", ref.size}});
    }
    c.attachments_json = attachments.dump();
    c.sealed = std::move(sealed).value();
    c.content_hash = ContentHash(d);
    checked[i] = std::move(c);
  }

  // Phase 2: one transaction for the batch, when it has anything to store.
  const bool anything_to_store =
      std::any_of(checked.begin(), checked.end(), [](const auto& c) { return c.has_value(); });
  if (anything_to_store) {
    std::lock_guard lock(impl_->write_mu);
    store::Database& db = *impl_->writer;
    auto tx = store::Transaction::Begin(db);
    if (!tx.ok()) return InternalError(tx.status());
    auto find = db.Prepare("find pushed id", kFindPushedId);
    auto find_code = db.Prepare("find pushed code", "SELECT 1 FROM dossiers WHERE code = ?");
    auto insert = db.Prepare(
        "store dossier",
        "INSERT INTO dossiers(id, code, kiosk_id, commune_code, service_id, catalog_version, "
        "form_version, content_hash, sealed, attachments_json, created_at, received_at, "
        "kiosk_appointment, official_appointment, status, updated_at, receipt_qr) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto history = db.Prepare("store arrival",
                              "INSERT INTO status_history(dossier, idx, from_status, to_status, "
                              "at, actor, note) VALUES(?, 0, ?, ?, ?, ?, ?)");
    auto change = db.Prepare("store change",
                             "INSERT INTO changes(kiosk_id, dossier, status, at, note, "
                             "official_appointment) VALUES(?, ?, ?, ?, ?, ?)");
    auto attachment = db.Prepare("store attachment",
                                 "INSERT OR IGNORE INTO attachments(sha256, size) VALUES(?, ?)");
    auto link = db.Prepare("link attachment",
                           "INSERT OR IGNORE INTO dossier_attachments(dossier, kiosk_id, sha256, "
                           "field) VALUES(?, ?, ?, ?)");
    for (auto* s : {&find, &find_code, &insert, &history, &change, &attachment, &link}) {
      if (!s->ok()) return InternalError(s->status());
    }
    for (size_t i = 0; i < request.dossiers.size(); ++i) {
      sync::PushResult& result = response.results[i];
      // Every id not answered in phase 1 is checked again under the lock,
      // refused ones too: another request may have stored it meanwhile, and
      // a dossier accepted earlier and sent again (perhaps after the catalog
      // moved on) is a duplicate.
      const sync::PushDossier& d = request.dossiers[i];
      if (seen[i] || !dossier::IsValidDossierId(d.id)) continue;
      auto answered = AnswerIfSeen(*find, d, result);
      if (!answered.ok()) return InternalError(answered.status());
      if (*answered) {
        checked[i].reset();
        continue;
      }
      if (!checked[i]) continue;
      Status s;
      const Checked& c = *checked[i];
      find_code->Reset(true);
      if (s = find_code->BindText(1, result.code); !s.ok()) return InternalError(s);
      auto code_row = find_code->Step();
      if (!code_row.ok()) return InternalError(code_row.status());
      if (*code_row) {
        result.result = sync::PushOutcome::kRefused;
        result.error =
            Refusal("id_conflict", "code " + result.code + " was stored for another dossier id");
        checked[i].reset();
        continue;
      }
      const std::string appointment = c.official_appointment.ToIso();
      const std::string received =
          std::string(dossier::StatusId(dossier::DossierStatus::kReceived));
      insert->Reset(true);
      s = insert->BindText(1, d.id);
      if (s.ok()) s = insert->BindText(2, result.code);
      if (s.ok()) s = insert->BindInt64(3, kiosk.kiosk_id);
      if (s.ok()) s = insert->BindText(4, kiosk.commune_code);
      if (s.ok()) s = insert->BindText(5, d.service_id);
      if (s.ok()) s = insert->BindText(6, d.catalog_version);
      if (s.ok()) s = insert->BindInt64(7, d.form_version);
      if (s.ok()) s = insert->BindBlob(8, c.content_hash);
      if (s.ok()) {
        s = insert->BindBlob(
            9, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(c.sealed.data()),
                                        c.sealed.size()));
      }
      if (s.ok()) s = insert->BindText(10, c.attachments_json);
      if (s.ok()) s = insert->BindInt64(11, ToUnix(d.created_at));
      if (s.ok()) s = insert->BindInt64(12, now);
      if (s.ok()) {
        s = d.kiosk_appointment ? insert->BindText(13, d.kiosk_appointment->ToIso())
                                : insert->BindNull(13);
      }
      if (s.ok()) s = insert->BindText(14, appointment);
      if (s.ok()) s = insert->BindText(15, received);
      if (s.ok()) s = insert->BindInt64(16, now);
      if (s.ok()) {
        s = d.receipt_qr.empty() ? insert->BindNull(17) : insert->BindText(17, d.receipt_qr);
      }
      if (s.ok()) s = insert->Run();
      const int64_t rowid = db.LastInsertRowId();
      if (s.ok()) {
        history->Reset(true);
        s = history->BindInt64(1, rowid);
        if (s.ok()) s = history->BindText(2, dossier::StatusId(c.arrival.from));
        if (s.ok()) s = history->BindText(3, dossier::StatusId(c.arrival.to));
        if (s.ok()) s = history->BindInt64(4, ToUnix(c.arrival.at));
        if (s.ok()) s = history->BindText(5, dossier::ActorId(c.arrival.actor));
        if (s.ok()) s = history->BindText(6, c.arrival.note);
        if (s.ok()) s = history->Run();
      }
      if (s.ok()) {
        change->Reset(true);
        s = change->BindInt64(1, kiosk.kiosk_id);
        if (s.ok()) s = change->BindInt64(2, rowid);
        if (s.ok()) s = change->BindText(3, received);
        if (s.ok()) s = change->BindInt64(4, now);
        if (s.ok()) s = change->BindText(5, "");
        if (s.ok()) s = change->BindText(6, appointment);
        if (s.ok()) s = change->Run();
      }
      for (const dossier::AttachmentRef& ref : d.attachments) {
        if (!s.ok()) break;
        attachment->Reset(true);
        s = attachment->BindText(1, ref.sha256);
        if (s.ok()) s = attachment->BindInt64(2, static_cast<int64_t>(ref.size));
        if (s.ok()) s = attachment->Run();
        if (!s.ok()) break;
        link->Reset(true);
        s = link->BindInt64(1, rowid);
        if (s.ok()) s = link->BindInt64(2, kiosk.kiosk_id);
        if (s.ok()) s = link->BindText(3, ref.sha256);
        if (s.ok()) s = link->BindText(4, ref.field);
        if (s.ok()) s = link->Run();
      }
      if (!s.ok()) return InternalError(s);
      result.error.reset();
      result.result = sync::PushOutcome::kStored;
      result.received_at = FromUnix(now);
      result.official_appointment = c.official_appointment;
      result.status = dossier::DossierStatus::kReceived;
    }
    // Statements must be finished before COMMIT can release their locks.
    for (auto* s : {&find, &find_code, &insert, &history, &change, &attachment, &link}) {
      (*s)->Reset(true);
    }
    if (Status s = tx->Commit(); !s.ok()) return InternalError(s);
  }
  for (const sync::PushResult& r : response.results) {
    auto& counter = r.result == sync::PushOutcome::kStored      ? impl_->pushed_stored
                    : r.result == sync::PushOutcome::kDuplicate ? impl_->pushed_duplicate
                                                                : impl_->pushed_refused;
    counter.fetch_add(1);
  }
  return response;
}

}  // namespace dvc::gateway
