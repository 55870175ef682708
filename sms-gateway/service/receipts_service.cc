// GatewayService's receipt operations: link tokens, the rendered receipt and
// the signed kiosk key list (gateway_service.h, receipts.h). A kiosk
// dossier's receipt carries the QR the kiosk signed and sent with it
// (dossiers.receipt_qr); others are signed by the province ("P").
#include <mutex>
#include <nlohmann/json.hpp>

#include "calendar/appointment.h"
#include "catalog/catalog.h"
#include "core/hex.h"
#include "dossier/masking.h"
#include "dossier/timestamp.h"
#include "receipt/receipt.h"
#include "service/gateway_service.h"
#include "service/receipts.h"
#include "service/receipts_png.h"
#include "service/receipts_verify.h"
#include "service/service_impl.h"
#include "store/transaction.h"
#include "sync/sealing.h"

namespace dvc::gateway {

namespace {

// LocateDossier's columns (ReadDossierRow's order), by receipt token.
constexpr store::Sql kDossierByToken =
    "SELECT rowid, id, code, COALESCE(province_number, ''), kiosk_id, commune_code, "
    "service_id, catalog_version, form_version, content_hash, sealed, attachments_json, "
    "created_at, received_at, COALESCE(kiosk_appointment, ''), "
    "COALESCE(official_appointment, ''), status, updated_at FROM dossiers "
    "WHERE rowid = (SELECT dossier FROM receipt_links WHERE token = ?)";

// Where a counter dossier was received (kiosk_id 0).
constexpr std::string_view kCounterPlace = "Bộ phận Một cửa (quầy tiếp nhận)";

// One renderer for the process: opening the fonts costs more than a render,
// and a renderer is used by one thread at a time.
struct SharedRenderer {
  std::mutex mu;
  std::unique_ptr<receipt::ReceiptRenderer> renderer;  // guarded by mu
};

SharedRenderer& Renderer() {
  static SharedRenderer shared;
  return shared;
}

Result<std::vector<uint8_t>> RenderPng(const receipt::ReceiptData& data) {
  SharedRenderer& shared = Renderer();
  std::lock_guard lock(shared.mu);
  if (!shared.renderer) {
    auto opened = receipt::ReceiptRenderer::Open(receipt::FontPaths{});
    if (!opened.ok()) return opened.status();
    shared.renderer = std::move(*opened);
  }
  auto image =
      shared.renderer->Render(data, receipt::RenderOptions{.width_dots = receipt::kWidth80mm});
  if (!image.ok()) return image.status();
  std::vector<uint8_t> png = receipt::EncodePng(*image);
  if (png.empty()) return Status::Internal("the receipt image could not be encoded as PNG");
  std::vector<uint8_t> with_text = AddPngText(png, kQrPayloadPngKeyword, data.qr_text);
  if (with_text.empty()) return Status::Internal("the QR payload could not be added to the PNG");
  return with_text;
}

}  // namespace

ApiResult<std::string> GatewayService::ReceiptLink(std::string_view code) {
  DossierRow row;
  {
    auto db = impl_->readers->Acquire();
    if (!db.ok()) return InternalError(db.status());
    auto tx = store::Transaction::Begin(**db, store::TransactionKind::kDeferred);
    if (!tx.ok()) return InternalError(tx.status());
    if (auto error = impl_->LocateDossier(**db, code, row)) return *error;
    auto find = (*db)->Prepare("receipt link", "SELECT token FROM receipt_links WHERE dossier = ?");
    if (!find.ok()) return InternalError(find.status());
    if (Status s = find->BindInt64(1, row.rowid); !s.ok()) return InternalError(s);
    auto found = find->Step();
    if (!found.ok()) return InternalError(found.status());
    if (*found) return find->ColumnText(0);
  }
  const std::string fresh = NewReceiptToken();
  std::lock_guard lock(impl_->write_mu);
  store::Database& db = *impl_->writer;
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return InternalError(tx.status());
  // A concurrent first call may have won: its token stays (dossier is UNIQUE).
  auto insert = db.Prepare("new receipt link",
                           "INSERT OR IGNORE INTO receipt_links(token, dossier, created_at) "
                           "VALUES(?, ?, ?)");
  if (!insert.ok()) return InternalError(insert.status());
  Status s = insert->BindText(1, fresh);
  if (s.ok()) s = insert->BindInt64(2, row.rowid);
  if (s.ok()) s = insert->BindInt64(3, impl_->NowS());
  if (s.ok()) s = insert->Run();
  if (!s.ok()) return InternalError(s);
  auto find = db.Prepare("receipt link", "SELECT token FROM receipt_links WHERE dossier = ?");
  if (!find.ok()) return InternalError(find.status());
  if (s = find->BindInt64(1, row.rowid); !s.ok()) return InternalError(s);
  auto found = find->Step();
  if (!found.ok()) return InternalError(found.status());
  if (!*found) return InternalError(Status::Internal("receipt link vanished after its insert"));
  std::string token = find->ColumnText(0);
  find.value().Reset(true);
  if (s = tx->Commit(); !s.ok()) return InternalError(s);
  return token;
}

ApiResult<std::vector<uint8_t>> GatewayService::RenderReceipt(std::string_view code_or_token) {
  DossierRow row;
  std::string kiosk_name(kCounterPlace);
  std::string kiosk_signer;
  std::string kiosk_qr;  // the QR text the kiosk printed, when it sent one
  {
    auto db = impl_->readers->Acquire();
    if (!db.ok()) return InternalError(db.status());
    auto tx = store::Transaction::Begin(**db, store::TransactionKind::kDeferred);  // one snapshot
    if (!tx.ok()) return InternalError(tx.status());
    if (IsReceiptToken(code_or_token)) {
      auto found = FindDossierBy(**db, "dossier by receipt token", kDossierByToken, code_or_token);
      if (!found.ok()) return InternalError(found.status());
      if (!found->has_value()) return MakeApiError(404, "not_found", "no receipt has this link");
      row = std::move(**found);
    } else if (auto error = impl_->LocateDossier(**db, code_or_token, row)) {
      return *error;
    }
    if (row.kiosk_id != 0) {
      auto kiosk =
          (*db)->Prepare("kiosk name", "SELECT name, signer_id FROM kiosks WHERE kiosk_id = ?");
      if (!kiosk.ok()) return InternalError(kiosk.status());
      if (Status s = kiosk->BindInt64(1, row.kiosk_id); !s.ok()) return InternalError(s);
      auto step = kiosk->Step();
      if (!step.ok()) return InternalError(step.status());
      if (*step) {
        kiosk_name = kiosk->ColumnText(0);
        kiosk_signer = kiosk->ColumnText(1);
      }
      auto qr = (*db)->Prepare("kiosk receipt qr",
                               "SELECT COALESCE(receipt_qr, '') FROM dossiers WHERE rowid = ?");
      if (!qr.ok()) return InternalError(qr.status());
      if (Status s = qr->BindInt64(1, row.rowid); !s.ok()) return InternalError(s);
      auto found = qr->Step();
      if (!found.ok()) return InternalError(found.status());
      if (*found) kiosk_qr = qr->ColumnText(0);
    }
  }
  auto catalog = impl_->CatalogOf(row.catalog_version);
  if (!catalog.ok()) return InternalError(catalog.status());
  const catalog::Service* service = *catalog ? (*catalog)->FindService(row.service_id) : nullptr;
  if (service == nullptr) {
    return InternalError(Status::NotFound("service " + row.service_id + " of catalog " +
                                          row.catalog_version + " is not loaded"));
  }
  Result<sync::PrivatePart> part = sync::OpenPrivatePart(*impl_->options.keys, row.sealed);
  if (!part.ok()) {
    return InternalError(Status::Corrupt(
        "dossier " + row.code + ": the sealed part cannot be read: " + part.status().message()));
  }
  auto received = calendar::LocalDateTime::FromUnixSeconds(row.created_at);
  if (!received.ok()) return InternalError(received.status());
  received->time.second = 0;
  // The official date is the gateway's; its hour is the one the rules give
  // for that date, else the office's first opening.
  auto computed =
      calendar::ComputeAppointment(*received, static_cast<int>(service->processing_days),
                                   impl_->options.office_hours, *impl_->calendar);
  if (!computed.ok()) return InternalError(computed.status());
  calendar::LocalDateTime appointment = computed->due;
  if (auto official = calendar::Date::ParseIso(row.official_appointment);
      official.ok() && *official != appointment.date) {
    appointment =
        calendar::LocalDateTime{*official, impl_->options.office_hours.sessions().front().open};
  }

  receipt::ReceiptContext context;
  context.applicant_name = dossier::MaskName(part->applicant_name);
  context.applicant_phone = dossier::MaskPhone(part->phone);
  context.commune_name = "Mã xã " + row.commune_code;
  if (impl_->units) {
    if (const catalog::Unit* unit = impl_->units->UnitAt(row.commune_code, received->date)) {
      context.commune_name = unit->name;
    }
  }
  context.kiosk_name = kiosk_name;
  auto kiosk_date = calendar::Date::ParseIso(row.kiosk_appointment);
  receipt::ReceiptData data;
  if (!kiosk_qr.empty() && !kiosk_signer.empty() && kiosk_date.ok()) {
    // The kiosk's own QR, as printed on the resident's paper (checked at
    // push against the kiosk's key and this dossier's fields): the page
    // prints what it signs, the kiosk's time and appointment, and the
    // official date on a line of its own when the province's differs.
    calendar::LocalDateTime signed_appointment{*kiosk_date, computed->due.time};
    if (*kiosk_date != computed->due.date) {
      signed_appointment.time = impl_->options.office_hours.sessions().front().open;
    }
    context.signer_id = kiosk_signer;
    data = receipt::MakeReceiptData(row.code, *received, signed_appointment, *service, context);
    data.qr_text = kiosk_qr;
    if (appointment.date != signed_appointment.date) data.official_appointment = appointment;
  } else {
    // A counter dossier, or a kiosk's that came without its text: the
    // province vouches for the dossier as it holds it.
    context.signer_id = std::string(receipt::kProvinceSignerId);
    data = receipt::MakeReceiptData(row.code, *received, appointment, *service, context);
    if (Status s = receipt::SignReceipt(data, impl_->options.keys->signing_secret()); !s.ok()) {
      return InternalError(s);
    }
  }
  Result<std::vector<uint8_t>> png = RenderPng(data);
  if (!png.ok()) return InternalError(png.status());
  return std::move(*png);
}

ApiResult<std::string> GatewayService::ExportKioskKeys() {
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return InternalError(db.status());
  auto kiosks = (*db)->Prepare("kiosk keys",
                               "SELECT signer_id, public_key, revoked_at IS NOT NULL FROM kiosks "
                               "ORDER BY kiosk_id");
  if (!kiosks.ok()) return InternalError(kiosks.status());
  nlohmann::json keys = nlohmann::json::array();
  while (true) {
    auto step = kiosks->Step();
    if (!step.ok()) return InternalError(step.status());
    if (!*step) break;
    keys.push_back({{"signer_id", kiosks->ColumnText(0)},
                    {"public_key", core::HexOf(kiosks->ColumnBlob(1))},
                    {"revoked", kiosks->ColumnInt64(2) != 0}});
  }
  nlohmann::json doc = {{"format", kKioskKeysFormat},
                        {"generated_at", dossier::FormatTimestamp(FromUnix(impl_->NowS()))},
                        {"kiosk_keys", std::move(keys)}};
  doc["signature"] = sync::SignJsonDocument(impl_->options.keys->signing_secret(), doc);
  return doc.dump(2);
}

}  // namespace dvc::gateway
