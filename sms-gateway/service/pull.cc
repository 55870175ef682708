// GET /v1/changes and GET /v1/lookup/<code>.
#include "service/gateway_service.h"
#include "service/service_impl.h"
#include "store/transaction.h"

namespace dvc::gateway {

ApiResult<sync::ChangesPage> GatewayService::Changes(const KioskRef& kiosk, int64_t after,
                                                     int limit) {
  if (limit < 1 || static_cast<size_t>(limit) > sync::kMaxChangesPerPull) {
    return MakeApiError(400, "bad_request", "limit: between 1 and 1000");
  }
  if (after < 0) return MakeApiError(400, "bad_request", "after: not negative");
  sync::ChangesPage page;
  page.next = after;
  {
    auto db = impl_->readers->Acquire();
    if (!db.ok()) return InternalError(db.status());
    // Only this kiosk's dossiers: the WHERE is on the change row's kiosk.
    auto select =
        (*db)->Prepare("read changes",
                       "SELECT c.seq, d.id, d.code, c.status, c.at, c.note, c.official_appointment "
                       "FROM changes c JOIN dossiers d ON d.rowid = c.dossier "
                       "WHERE c.kiosk_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?");
    if (!select.ok()) return InternalError(select.status());
    Status s = select->BindInt64(1, kiosk.kiosk_id);
    if (s.ok()) s = select->BindInt64(2, after);
    if (s.ok()) s = select->BindInt64(3, limit + 1);
    if (!s.ok()) return InternalError(s);
    while (true) {
      auto row = select->Step();
      if (!row.ok()) return InternalError(row.status());
      if (!*row) break;
      if (page.changes.size() == static_cast<size_t>(limit)) {
        page.more = true;
        break;
      }
      sync::Change change;
      change.seq = select->ColumnInt64(0);
      change.id = select->ColumnText(1);
      change.code = select->ColumnText(2);
      auto status = dossier::StatusFromId(select->ColumnText(3));
      if (!status) return InternalError(Status::Corrupt("change with unknown status"));
      change.status = *status;
      change.at = FromUnix(select->ColumnInt64(4));
      change.note = select->ColumnText(5);
      if (!select->ColumnIsNull(6)) {
        if (auto date = calendar::Date::ParseIso(select->ColumnText(6)); date.ok()) {
          change.official_appointment = *date;
        }
      }
      page.next = change.seq;
      page.changes.push_back(std::move(change));
    }
  }
  page.catalog = impl_->CurrentCatalog();
  std::lock_guard lock(impl_->kiosk_mu);
  impl_->last_pull_ms[kiosk.kiosk_id] = impl_->NowMs();
  return page;
}

ApiResult<sync::LookupAnswer> GatewayService::Lookup(const KioskRef& /*kiosk*/,
                                                     std::string_view typed_code) {
  // Any enrolled kiosk may ask about any code; the answer carries status and
  // dates only, whoever asks, so nothing depends on the caller here.
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return InternalError(db.status());
  DossierRow row;
  if (auto error = impl_->LocateDossier(**db, typed_code, row)) return *error;
  sync::LookupAnswer answer;
  answer.code = row.code;
  auto status = dossier::StatusFromId(row.status);
  if (!status) return InternalError(Status::Corrupt("dossier with unknown status"));
  answer.status = *status;
  answer.received_at = FromUnix(row.received_at);
  if (auto date = calendar::Date::ParseIso(row.official_appointment); date.ok()) {
    answer.official_appointment = *date;
  }
  answer.updated_at = FromUnix(row.updated_at);
  return answer;
}

}  // namespace dvc::gateway
