// GatewayService: opening, clock, shared helpers, health and metrics. The
// endpoints live in kiosk_auth.cc, push.cc, attachments.cc, pull.cc,
// catalog_publish.cc and operator.cc.
#include "service/gateway_service.h"

#include <sodium.h>

#include <chrono>
#include <filesystem>

#include "calendar/appointment.h"
#include "calendar/holiday_data.h"
#include "core/file_util.h"
#include "core/sha256.h"
#include "service/service_impl.h"
#include "store/audit_log.h"
#include "store/schema.h"

namespace dvc::gateway {

dossier::Timestamp FromUnix(int64_t s) { return dossier::Timestamp(std::chrono::seconds(s)); }
int64_t ToUnix(dossier::Timestamp t) { return t.time_since_epoch().count(); }

std::vector<uint8_t> Sha256(std::string_view bytes) {
  const std::array<uint8_t, core::kSha256Bytes> digest = core::Sha256(bytes);
  return {digest.begin(), digest.end()};
}

DossierRow ReadDossierRow(const store::Statement& s) {
  DossierRow r;
  r.rowid = s.ColumnInt64(0);
  r.id = s.ColumnText(1);
  r.code = s.ColumnText(2);
  r.province_number = s.ColumnText(3);
  r.kiosk_id = s.ColumnInt64(4);
  r.commune_code = s.ColumnText(5);
  r.service_id = s.ColumnText(6);
  r.catalog_version = s.ColumnText(7);
  r.form_version = static_cast<int>(s.ColumnInt64(8));
  r.content_hash = s.ColumnBlob(9);
  std::vector<uint8_t> sealed = s.ColumnBlob(10);
  r.sealed.assign(sealed.begin(), sealed.end());
  r.attachments_json = s.ColumnText(11);
  r.created_at = s.ColumnInt64(12);
  r.received_at = s.ColumnInt64(13);
  r.kiosk_appointment = s.ColumnText(14);
  r.official_appointment = s.ColumnText(15);
  r.status = s.ColumnText(16);
  r.updated_at = s.ColumnInt64(17);
  return r;
}

Result<std::optional<DossierRow>> FindDossierBy(store::Database& db, std::string_view purpose,
                                                store::Sql sql, std::string_view key) {
  auto select = db.Prepare(purpose, sql);
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindText(1, key));
  auto row = select->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<DossierRow>();
  return std::optional<DossierRow>(ReadDossierRow(*select));
}

std::optional<sync::ApiError> GatewayService::Impl::LocateDossier(store::Database& db,
                                                                  std::string_view typed,
                                                                  DossierRow& out) {
  static constexpr store::Sql kByCode =
      "SELECT rowid, id, code, COALESCE(province_number, ''), kiosk_id, commune_code, "
      "service_id, catalog_version, form_version, content_hash, sealed, attachments_json, "
      "created_at, received_at, COALESCE(kiosk_appointment, ''), "
      "COALESCE(official_appointment, ''), status, updated_at FROM dossiers WHERE code = ?";
  static constexpr store::Sql kByNumber =
      "SELECT rowid, id, code, COALESCE(province_number, ''), kiosk_id, commune_code, "
      "service_id, catalog_version, form_version, content_hash, sealed, attachments_json, "
      "created_at, received_at, COALESCE(kiosk_appointment, ''), "
      "COALESCE(official_appointment, ''), status, updated_at FROM dossiers "
      "WHERE province_number = ?";
  auto examined = dossier::ExamineDossierCode(typed);
  if (auto* code = std::get_if<dossier::DossierCode>(&examined)) {
    auto found = FindDossierBy(db, "find dossier by code", kByCode, code->compact());
    if (!found.ok()) return InternalError(found.status());
    if (!found->has_value()) {
      return MakeApiError(404, "not_found", "no dossier has the code " + code->compact());
    }
    out = std::move(**found);
    return std::nullopt;
  }
  const auto& problem = std::get<dossier::CodeProblem>(examined);
  // Not a code: perhaps the province's own number.
  if (!typed.empty() && typed.size() <= 64) {
    auto found = FindDossierBy(db, "find dossier by province number", kByNumber, typed);
    if (!found.ok()) return InternalError(found.status());
    if (found->has_value()) {
      out = std::move(**found);
      return std::nullopt;
    }
  }
  if (problem.kind == dossier::CodeProblem::Kind::kCheckMismatch) {
    return MakeApiError(400, "code_mistyped", "dossier code: " + problem.Message());
  }
  return MakeApiError(404, "not_found", "no dossier has this code or province number");
}

Result<calendar::Date> GatewayService::Impl::OfficialAppointment(int64_t received_s,
                                                                 int64_t processing_days) const {
  auto local = calendar::LocalDateTime::FromUnixSeconds(received_s);
  if (!local.ok()) return local.status();
  if (processing_days > calendar::kMaxProcessingWorkingDays) {
    return Status::InvalidInput("processing time too long");
  }
  auto appointment = calendar::ComputeAppointment(*local, static_cast<int>(processing_days),
                                                  options.office_hours, *calendar);
  if (!appointment.ok()) return appointment.status();
  return appointment->due.date;
}

catalog::ValidationContext GatewayService::Impl::Context(int64_t now_s) const {
  catalog::ValidationContext ctx;
  auto local = calendar::LocalDateTime::FromUnixSeconds(now_s);
  ctx.today = local.ok() ? local->date : calendar::Date::Ymd(2000, 1, 1);
  ctx.reference = &*reference;
  ctx.units = units ? &*units : nullptr;
  return ctx;
}

Result<std::optional<KioskRecord>> GatewayService::Impl::FindKiosk(int64_t kiosk_id) {
  {
    std::lock_guard lock(kiosk_mu);
    auto it = kiosks.find(kiosk_id);
    if (it != kiosks.end()) return std::optional<KioskRecord>(it->second);
  }
  auto db = readers->Acquire();
  if (!db.ok()) return db.status();
  auto select = (*db)->Prepare("find kiosk",
                               "SELECT kiosk_id, commune_code, issuer, signer_id, name, "
                               "public_key, revoked_at IS NOT NULL FROM kiosks WHERE kiosk_id = ?");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindInt64(1, kiosk_id));
  auto row = select->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<KioskRecord>();
  KioskRecord record;
  record.ref = {select->ColumnInt64(0), select->ColumnText(1),
                static_cast<uint32_t>(select->ColumnInt64(2)), select->ColumnText(3),
                select->ColumnText(4)};
  std::vector<uint8_t> key = select->ColumnBlob(5);
  if (key.size() != record.public_key.size()) return Status::Corrupt("kiosk key length");
  std::copy(key.begin(), key.end(), record.public_key.begin());
  record.revoked = select->ColumnInt64(6) != 0;
  if (options.after_kiosk_read_for_test) options.after_kiosk_read_for_test(kiosk_id);
  std::lock_guard lock(kiosk_mu);
  // The row may be stale: a revocation may have committed since the snapshot.
  // RevokeKiosk always writes the revoked record into the cache after its
  // commit, so an entry present now is at least as new as this read: keep it
  // (emplace never overwrites). If the revocation's cache write comes after
  // this insert, it overwrites it.
  auto [it, inserted] = kiosks.emplace(kiosk_id, record);
  return std::optional<KioskRecord>(it->second);
}

Result<std::unique_ptr<GatewayService>> GatewayService::Open(GatewayServiceOptions options) {
  if (!options.keys) return Status::InvalidInput("gateway service: the province keys are missing");
  if (options.data_dir.empty()) return Status::InvalidInput("gateway service: no data directory");
  if (options.reference_dir.empty()) {
    return Status::InvalidInput("gateway service: no reference data directory");
  }
  if (sodium_init() < 0) return Status::Internal("libsodium cannot initialise");
  if (!options.now_ms) {
    options.now_ms = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
  auto impl = std::make_unique<Impl>(std::move(options));
  const GatewayServiceOptions& o = impl->options;
  DVC_RETURN_IF_ERROR(core::CreateDirectoriesDurably(o.data_dir + "/attachments"));
  impl->db_path = o.data_dir + "/gateway.db";
  impl->attachments_dir = o.data_dir + "/attachments";

  calendar::HolidayData holidays;
  if (!o.holidays_file.empty()) {
    auto loaded = calendar::HolidayData::LoadFile(o.holidays_file);
    if (!loaded.ok()) return loaded.status();
    holidays = std::move(loaded).value();
  }
  impl->calendar = std::make_unique<calendar::WorkingCalendar>(holidays);
  auto reference = catalog::LoadReferenceData(o.reference_dir);
  if (!reference.ok()) return reference.status();
  impl->reference = std::move(reference).value();
  if (!o.units_csv.empty()) {
    auto units = catalog::LoadUnits(o.units_csv);
    if (!units.ok()) return units.status();
    impl->units = std::move(units).value();
  }

  auto writer = store::Database::Open(impl->db_path, GatewayMigrations());
  if (!writer.ok()) return writer.status();
  impl->writer = std::move(writer).value();
  impl->readers = std::make_unique<ReaderPool>(
      impl->db_path, GatewayMigrations(), static_cast<size_t>(std::max(1, o.reader_connections)));

  auto service = std::unique_ptr<GatewayService>(new GatewayService(std::move(impl)));
  DVC_RETURN_IF_ERROR(service->BootstrapCatalog());
  return service;
}

GatewayService::GatewayService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GatewayService::~GatewayService() = default;

int64_t GatewayService::NowMs() const { return impl_->NowMs(); }

ApiResult<MetricsSnapshot> GatewayService::Metrics() {
  MetricsSnapshot m;
  m.now_s = impl_->NowS();
  for (dossier::DossierStatus s : dossier::AllStatuses()) {
    m.dossiers_by_status[std::string(dossier::StatusId(s))] = 0;
  }
  m.push_requests_total = impl_->push_requests.load();
  m.push_dossiers_total = {{"stored", impl_->pushed_stored.load()},
                           {"duplicate", impl_->pushed_duplicate.load()},
                           {"refused", impl_->pushed_refused.load()}};
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return InternalError(db.status());
  auto counts =
      (*db)->Prepare("count dossiers", "SELECT status, COUNT(*) FROM dossiers GROUP BY status");
  if (!counts.ok()) return InternalError(counts.status());
  while (true) {
    auto row = counts->Step();
    if (!row.ok()) return InternalError(row.status());
    if (!*row) break;
    m.dossiers_by_status[counts->ColumnText(0)] = counts->ColumnInt64(1);
  }
  auto kiosks = (*db)->Prepare("kiosk activity",
                               "SELECT kiosk_id, last_seen FROM kiosks WHERE revoked_at IS NULL "
                               "ORDER BY kiosk_id");
  if (!kiosks.ok()) return InternalError(kiosks.status());
  std::lock_guard lock(impl_->kiosk_mu);
  while (true) {
    auto row = kiosks->Step();
    if (!row.ok()) return InternalError(row.status());
    if (!*row) break;
    KioskActivity a;
    a.kiosk_id = kiosks->ColumnInt64(0);
    if (!kiosks->ColumnIsNull(1)) a.last_seen_s = kiosks->ColumnInt64(1);
    if (auto it = impl_->last_seen_ms.find(a.kiosk_id); it != impl_->last_seen_ms.end()) {
      a.last_seen_s = std::max(a.last_seen_s.value_or(0), Impl::FloorDiv(it->second, 1000));
    }
    if (auto it = impl_->last_pull_ms.find(a.kiosk_id); it != impl_->last_pull_ms.end()) {
      a.last_pull_s = Impl::FloorDiv(it->second, 1000);
    }
    m.kiosks.push_back(a);
  }
  return m;
}

HealthReport GatewayService::Health() {
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return {false, db.status().message()};
  auto check = (*db)->Prepare("health check", "SELECT COUNT(*) FROM catalog_versions");
  if (!check.ok()) return {false, check.status().message()};
  auto row = check->Step();
  if (!row.ok()) return {false, row.status().message()};
  return {true, "ok"};
}

ApiResult<AuditCheck> GatewayService::VerifyAudit() {
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return InternalError(db.status());
  auto tx = store::Transaction::Begin(**db, store::TransactionKind::kDeferred);  // one snapshot
  if (!tx.ok()) return InternalError(tx.status());
  auto count = (*db)->Prepare("count audit rows", "SELECT COUNT(*) FROM audit_log");
  if (!count.ok()) return InternalError(count.status());
  auto row = count->Step();
  if (!row.ok()) return InternalError(row.status());
  AuditCheck check;
  check.rows = count->ColumnInt64(0);
  const Status chain = VerifyAuditChain(**db);
  if (chain.ok()) {
    check.intact = true;
  } else if (chain.code() == ErrorCode::kCorrupt) {
    check.problem = chain.message();
  } else {
    return InternalError(chain);
  }
  return check;
}

}  // namespace dvc::gateway
