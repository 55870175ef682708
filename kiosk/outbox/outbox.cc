#include "outbox/outbox.h"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "catalog/validation.h"
#include "catalog/validators.h"
#include "core/file_util.h"
#include "core/hex.h"
#include "dossier/dossier_code.h"
#include "dossier/masking.h"
#include "outbox/kiosk_schema.h"
#include "receipt/qr_payload.h"
#include "store/transaction.h"
#include "sync/sealing.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::kiosk {

namespace {

std::optional<calendar::LocalDateTime> ParseOptionalLocal(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto parsed = calendar::LocalDateTime::ParseIso(text);
  if (!parsed.ok()) return std::nullopt;
  return *parsed;
}

// Columns read by Query, in this order.
#define DVC_OUTBOX_COLUMNS                                                                   \
  "SELECT d.seq, d.id, d.code, d.service_id, d.catalog_version, d.masked_name, d.phone,"     \
  " d.received_local, d.appointment_local, d.status, d.status_at, d.masked_phone, s.state,"  \
  " s.official_appointment, s.reason, d.receipt_qr FROM dossiers d LEFT JOIN dossier_sync s" \
  " ON s.dossier_seq = d.seq"

// dossier_sync.state ids; NULL (no row) is kNotEnrolled.
constexpr std::pair<std::string_view, SyncState> kSyncStateIds[] = {
    {"queued", SyncState::kQueued},
    {"acked", SyncState::kAcked},
    {"set_aside", SyncState::kSetAside},
};

// What a QR payload can be (receipt::kMaxQrPayloadBytes, ASCII): checked
// before storing, since one bad text would make every push of its batch
// unreadable to the gateway.
bool IsStorableQrText(std::string_view text) {
  return !text.empty() && text.size() <= receipt::kMaxQrPayloadBytes &&
         std::all_of(text.begin(), text.end(), [](char ch) {
           return static_cast<unsigned char>(ch) >= 0x20 && static_cast<unsigned char>(ch) <= 0x7E;
         });
}

std::span<const uint8_t> Bytes(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

}  // namespace

Outbox::Outbox(std::string data_dir, OutboxOptions options, std::unique_ptr<store::Database> db,
               std::unique_ptr<dossier::CodeIssuer> issuer, std::optional<Enrolment> enrolment)
    : data_dir_(std::move(data_dir)),
      options_(std::move(options)),
      db_(std::move(db)),
      issuer_(std::move(issuer)),
      enrolment_(std::move(enrolment)) {
  if (enrolment_) {
    auto key = SealingKeyOf(*enrolment_);
    // ReadEnrolment checked the key; a bad one here is a broken invariant.
    if (!key.ok()) std::abort();
    sealing_key_ = *key;
  }
}

Result<std::unique_ptr<Outbox>> Outbox::Open(const std::string& data_dir,
                                             const OutboxOptions& options) {
  if (options.catalog == nullptr || options.reference == nullptr) {
    return Status::InvalidInput("outbox: a catalog and reference tables are required");
  }
  DVC_RETURN_IF_ERROR(core::CreateDirectoriesDurably(data_dir + "/attachments"));
  auto db = OpenKioskDatabase(data_dir, /*create=*/true);
  if (!db.ok()) return db.status();
  auto enrolment = ReadEnrolment(**db);
  if (!enrolment.ok()) return enrolment.status();
  OutboxOptions effective = options;
  if (enrolment->has_value()) {
    // A crash after an enrolment's commit may have left clear copies to wipe.
    DVC_RETURN_IF_ERROR(FinishPurge(**db, data_dir));
    effective.commune_code = (*enrolment)->commune_code;
    effective.issuer = (*enrolment)->issuer;
  }
  auto issuer = dossier::CodeIssuer::Open(**db, effective.commune_code, effective.issuer);
  if (!issuer.ok()) return issuer.status();
  return std::make_unique<Outbox>(data_dir, effective, std::move(db).value(),
                                  std::move(issuer).value(), std::move(enrolment).value());
}

std::string Outbox::AttachmentPath(std::string_view sha256) const {
  return data_dir_ + "/attachments/" + std::string(sha256);
}

Result<dossier::AttachmentRef> Outbox::StoreAttachment(const std::string& source_path,
                                                       std::string_view field) {
  if (sealing_key_) {
    // Sealed: the clear bytes only ever live in memory here.
    const uint64_t limit = std::min<uint64_t>(options_.max_attachment_bytes,
                                              sync::kMaxAttachmentBytes - crypto_box_SEALBYTES);
    auto clear = core::ReadFile(source_path, limit);
    if (!clear.ok()) return clear.status();
    auto sealed = WriteSealedAttachment(data_dir_ + "/attachments", *sealing_key_, *clear);
    sodium_memzero(clear->data(), clear->size());
    if (!sealed.ok()) return sealed.status();
    return dossier::AttachmentRef{std::string(field), sealed->sha256, sealed->size};
  }
  // One read: copied while hashed, named by the hash of the bytes copied.
  auto sha = core::CopyIntoContentStore(source_path, data_dir_ + "/attachments", 0600,
                                        options_.max_attachment_bytes);
  if (!sha.ok()) return sha.status();
  const std::string target = AttachmentPath(*sha);
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(target, ec);
  if (ec) return Status::Io(target + ": " + ec.message());
  return dossier::AttachmentRef{std::string(field), *sha, size};
}

Status Outbox::CheckAttachments(const catalog::Service& service, const SubmissionRequest& request,
                                const nlohmann::json& answers) const {
  // Every hash an attachment field answers with is listed, with its field, and
  // nothing else is; every listed file is in the store with its size.
  std::set<std::pair<std::string, std::string>> in_answers;
  for (const catalog::Field& field : service.form.fields) {
    if (field.type != catalog::FieldType::kAttachment) continue;
    auto it = answers.find(field.id);
    if (it == answers.end() || !it->is_array()) continue;
    for (const nlohmann::json& hash : *it) {
      if (hash.is_string()) in_answers.emplace(field.id, hash.get<std::string>());
    }
  }
  std::set<std::pair<std::string, std::string>> listed;
  for (const dossier::AttachmentRef& ref : request.attachments) {
    if (!core::IsSha256Hex(ref.sha256)) {
      return Status::InvalidInput("attachment for " + ref.field + ": not a SHA-256 hash");
    }
    listed.emplace(ref.field, ref.sha256);
    std::error_code ec;
    const uint64_t size = std::filesystem::file_size(AttachmentPath(ref.sha256), ec);
    if (ec || size != ref.size) {
      return Status::InvalidInput("attachment " + ref.sha256 + " for " + ref.field +
                                  ": not in the attachment store (store it first)");
    }
  }
  if (listed != in_answers) {
    return Status::InvalidInput(
        "attachments: the files listed do not match the attachment fields' answers");
  }
  return Status::Ok();
}

Status Outbox::CheckEnrolmentUnchanged() {
  auto now = ReadEnrolment(*db_);
  if (!now.ok()) return now.status();
  const bool same =
      now->has_value() == enrolment_.has_value() &&
      (!enrolment_ || ((*now)->kiosk_id == enrolment_->kiosk_id &&
                       (*now)->province.sealing_key == enrolment_->province.sealing_key));
  if (!same) {
    return Status::Conflict(
        "submit: the kiosk was enrolled since it started; restart it before taking dossiers");
  }
  return Status::Ok();
}

Result<SubmittedDossier> Outbox::Submit(const SubmissionRequest& request) {
  // --- Checks that change nothing --------------------------------------------
  const catalog::Catalog& cat = *options_.catalog;
  const catalog::Service* service = cat.FindService(request.service_id);
  if (service == nullptr) {
    return Status::InvalidInput("submit: unknown procedure \"" + request.service_id + "\"");
  }
  if (request.catalog_version != cat.version()) {
    return Status::InvalidInput("submit: the form was filled on catalog " +
                                request.catalog_version + ", the kiosk now has " + cat.version() +
                                "; start again");
  }
  if (request.form_version != service->form.version) {
    return Status::InvalidInput("submit: form version " + std::to_string(request.form_version) +
                                " is not the current one (" +
                                std::to_string(service->form.version) + ")");
  }
  catalog::ValidationContext ctx;
  ctx.today = request.received.date;
  ctx.reference = options_.reference;
  ctx.units = options_.units;
  ctx.province_code = cat.header().province_code;
  catalog::ValidationResult validated =
      catalog::ValidateAnswers(service->form, request.answers, ctx);
  if (!validated.ok()) {
    const catalog::FieldMessage& first = validated.errors.front();
    return Status::InvalidInput(first.field_id + ": " + first.text.vi);
  }
  DVC_RETURN_IF_ERROR(CheckAttachments(*service, request, validated.answers));
  if (!text::IsValidUtf8(request.phone) || request.phone.size() > 32) {
    return Status::InvalidInput("submit: phone: not a phone number");
  }

  const std::string id = dossier::NewDossierId();
  const std::string masked_name = dossier::MaskName(request.applicant_name);
  const std::string answers_text = validated.answers.dump();
  const int64_t created_at = request.received.ToUnixSeconds();
  const std::string appointment =
      request.appointment ? request.appointment->ToIso() : std::string();

  // Once enrolled, the personal data goes only into the sealed private part.
  std::string sealed;
  if (sealing_key_) {
    sync::PrivatePart part;
    part.answers = validated.answers;
    part.phone = request.phone;
    part.applicant_name = text::ToNfc(text::SanitizeUtf8(request.applicant_name));
    std::string plain = sync::ToJson(part).dump();
    sealed = sync::Seal(*sealing_key_, plain);
    sodium_memzero(plain.data(), plain.size());
  }

  // --- One transaction: code, dossier, attachments, first status -------------
  auto tx = store::Transaction::Begin(*db_);
  if (!tx.ok()) return tx.status().WithContext("submit");
  DVC_RETURN_IF_ERROR(CheckEnrolmentUnchanged());
  auto code = issuer_->NextInTransaction(*tx);
  if (!code.ok()) return code.status();
  SubmittedDossier submitted;
  submitted.id = id;
  submitted.code = code->compact();
  submitted.received = request.received;
  submitted.appointment = request.appointment;
  submitted.masked_name = masked_name;
  if (request.sign_receipt) {
    // Signed here, so the text the resident gets is durable with the dossier
    // and a reprint or the gateway's copy carries exactly the same QR.
    Result<std::string> qr = request.sign_receipt(submitted);
    if (!qr.ok()) return qr.status().WithContext("submit: receipt QR");
    if (!IsStorableQrText(*qr)) {
      return Status::InvalidInput("submit: receipt QR: not 1 to " +
                                  std::to_string(receipt::kMaxQrPayloadBytes) +
                                  " bytes of printable ASCII");
    }
    submitted.receipt_qr = std::move(*qr);
  }
  {
    auto insert = db_->Prepare(
        "insert dossier",
        "INSERT INTO dossiers(id, code, service_id, catalog_version, form_version, answers,"
        " phone, masked_name, received_local, created_at, appointment_local, status, status_at,"
        " masked_phone, receipt_qr)"
        " VALUES(:id, :code, :service, :catalog, :form, :answers, :phone, :masked, :received,"
        " :created, :appointment, :status, :created, :masked_phone, :receipt_qr)");
    if (!insert.ok()) return insert.status();
    DVC_RETURN_IF_ERROR(insert->BindText(":id", id));
    DVC_RETURN_IF_ERROR(insert->BindText(":code", code->compact()));
    DVC_RETURN_IF_ERROR(insert->BindText(":service", service->id));
    DVC_RETURN_IF_ERROR(insert->BindText(":catalog", cat.version()));
    DVC_RETURN_IF_ERROR(insert->BindInt64(":form", service->form.version));
    DVC_RETURN_IF_ERROR(insert->BindText(":answers", sealing_key_ ? "" : answers_text));
    DVC_RETURN_IF_ERROR(insert->BindText(":phone", sealing_key_ ? "" : request.phone));
    DVC_RETURN_IF_ERROR(insert->BindText(":masked_phone", dossier::MaskPhone(request.phone)));
    DVC_RETURN_IF_ERROR(insert->BindText(":masked", masked_name));
    DVC_RETURN_IF_ERROR(insert->BindText(":received", request.received.ToIso()));
    DVC_RETURN_IF_ERROR(insert->BindInt64(":created", created_at));
    DVC_RETURN_IF_ERROR(insert->BindText(":appointment", appointment));
    DVC_RETURN_IF_ERROR(submitted.receipt_qr.empty()
                            ? insert->BindNull(":receipt_qr")
                            : insert->BindText(":receipt_qr", submitted.receipt_qr));
    DVC_RETURN_IF_ERROR(
        insert->BindText(":status", dossier::StatusId(dossier::DossierStatus::kQueuedAtKiosk)));
    DVC_RETURN_IF_ERROR(insert->Run());
  }
  const int64_t seq = db_->LastInsertRowId();
  {
    auto status = db_->Prepare("record first status",
                               "INSERT INTO dossier_statuses(dossier_seq, from_status, to_status,"
                               " at, actor) VALUES(?, NULL, ?, ?, ?)");
    if (!status.ok()) return status.status();
    DVC_RETURN_IF_ERROR(status->BindInt64(1, seq));
    DVC_RETURN_IF_ERROR(
        status->BindText(2, dossier::StatusId(dossier::DossierStatus::kQueuedAtKiosk)));
    DVC_RETURN_IF_ERROR(status->BindInt64(3, created_at));
    DVC_RETURN_IF_ERROR(status->BindText(4, dossier::ActorId(dossier::Actor::kKiosk)));
    DVC_RETURN_IF_ERROR(status->Run());
  }
  if (!request.attachments.empty()) {
    auto attach = db_->Prepare("record attachment",
                               "INSERT OR IGNORE INTO dossier_attachments(dossier_seq, field,"
                               " sha256, size) VALUES(?, ?, ?, ?)");
    if (!attach.ok()) return attach.status();
    for (const dossier::AttachmentRef& ref : request.attachments) {
      attach->Reset(true);
      DVC_RETURN_IF_ERROR(attach->BindInt64(1, seq));
      DVC_RETURN_IF_ERROR(attach->BindText(2, ref.field));
      DVC_RETURN_IF_ERROR(attach->BindText(3, ref.sha256));
      DVC_RETURN_IF_ERROR(attach->BindInt64(4, static_cast<int64_t>(ref.size)));
      DVC_RETURN_IF_ERROR(attach->Run());
    }
  }
  if (sealing_key_) {
    auto queue = db_->Prepare("queue the sealed dossier",
                              "INSERT INTO dossier_sync(dossier_seq, state, sealed)"
                              " VALUES(?, 'queued', ?)");
    if (!queue.ok()) return queue.status();
    DVC_RETURN_IF_ERROR(queue->BindInt64(1, seq));
    DVC_RETURN_IF_ERROR(queue->BindBlob(2, Bytes(sealed)));
    DVC_RETURN_IF_ERROR(queue->Run());
    auto track = db_->Prepare("track a sealed attachment",
                              "INSERT OR IGNORE INTO attachment_sync(sha256, size) VALUES(?, ?)");
    if (!track.ok()) return track.status();
    for (const dossier::AttachmentRef& ref : request.attachments) {
      track->Reset(true);
      DVC_RETURN_IF_ERROR(track->BindText(1, ref.sha256));
      DVC_RETURN_IF_ERROR(track->BindInt64(2, static_cast<int64_t>(ref.size)));
      DVC_RETURN_IF_ERROR(track->Run());
    }
  }
  DVC_RETURN_IF_ERROR(tx->Commit().WithContext("submit"));

  submitted.answers = std::move(validated.answers);
  return submitted;
}

Result<std::vector<OutboxEntry>> Outbox::Query(store::Statement& select) {
  std::vector<std::pair<int64_t, OutboxEntry>> rows;
  for (;;) {
    auto row = select.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    OutboxEntry entry;
    entry.id = select.ColumnText(1);
    entry.code = select.ColumnText(2);
    entry.service_id = select.ColumnText(3);
    entry.catalog_version = select.ColumnText(4);
    entry.masked_name = select.ColumnText(5);
    // masked_phone is NULL for a dossier submitted before the sync schema.
    entry.masked_phone =
        select.ColumnIsNull(11) ? dossier::MaskPhone(select.ColumnText(6)) : select.ColumnText(11);
    auto received = calendar::LocalDateTime::ParseIso(select.ColumnText(7));
    if (!received.ok()) return Status::Corrupt("dossier " + entry.code + ": bad received time");
    entry.received = *received;
    entry.appointment = ParseOptionalLocal(select.ColumnText(8));
    entry.kiosk_appointment = entry.appointment;
    if (!select.ColumnIsNull(15)) entry.receipt_qr = select.ColumnText(15);
    auto status = dossier::StatusFromId(select.ColumnText(9));
    if (!status) return Status::Corrupt("dossier " + entry.code + ": unknown status");
    entry.status = *status;
    entry.status_at = dossier::Timestamp(std::chrono::seconds(select.ColumnInt64(10)));
    if (!select.ColumnIsNull(12)) {
      const std::string state = select.ColumnText(12);
      auto it = std::find_if(std::begin(kSyncStateIds), std::end(kSyncStateIds),
                             [&](const auto& pair) { return pair.first == state; });
      if (it == std::end(kSyncStateIds)) {
        return Status::Corrupt("dossier " + entry.code + ": unknown sync state");
      }
      entry.sync_state = it->second;
    }
    if (!select.ColumnIsNull(13)) {
      auto official = calendar::Date::ParseIso(select.ColumnText(13));
      if (!official.ok()) {
        return Status::Corrupt("dossier " + entry.code + ": bad official appointment");
      }
      entry.official_appointment = *official;
      const calendar::TimeOfDay time =
          entry.appointment ? entry.appointment->time : entry.received.time;
      entry.appointment = calendar::LocalDateTime{*official, time};
    }
    if (!select.ColumnIsNull(14)) entry.set_aside_reason = select.ColumnText(14);
    rows.emplace_back(select.ColumnInt64(0), std::move(entry));
  }
  auto attachments = PrepareAttachmentRefs(*db_);
  if (!attachments.ok()) return attachments.status();
  std::vector<OutboxEntry> out;
  out.reserve(rows.size());
  for (auto& [seq, entry] : rows) {
    DVC_RETURN_IF_ERROR(ReadAttachmentRefs(*attachments, seq, entry.attachments));
    out.push_back(std::move(entry));
  }
  return out;
}

Result<std::vector<OutboxEntry>> Outbox::List(size_t limit, size_t offset) {
  auto select =
      db_->Prepare("list dossiers", DVC_OUTBOX_COLUMNS " ORDER BY d.seq DESC LIMIT ? OFFSET ?");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(
      select->BindInt64(1, static_cast<int64_t>(std::min<size_t>(limit, INT64_MAX))));
  DVC_RETURN_IF_ERROR(
      select->BindInt64(2, static_cast<int64_t>(std::min<size_t>(offset, INT64_MAX))));
  return Query(*select);
}

Result<std::optional<OutboxEntry>> Outbox::FindByCode(std::string_view typed_code) {
  auto code = dossier::ParseDossierCode(typed_code);
  if (!code.ok()) return code.status();
  auto select = db_->Prepare("find dossier by code", DVC_OUTBOX_COLUMNS " WHERE d.code = ?");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindText(1, code->compact()));
  auto rows = Query(*select);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<OutboxEntry>();
  return std::optional<OutboxEntry>(std::move(rows->front()));
}

Result<int64_t> Outbox::Count() {
  auto select = db_->Prepare("count dossiers", "SELECT count(*) FROM dossiers");
  if (!select.ok()) return select.status();
  auto row = select->Step();
  if (!row.ok()) return row.status();
  return select->ColumnInt64(0);
}

}  // namespace dvc::kiosk
