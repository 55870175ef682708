// GatewayService::Impl: the state behind the service (private to service/).
//
// Concurrency: `writer` is the one write connection, used only under
// `write_mu`; every write is one IMMEDIATE transaction on it. Reads go through
// `readers` (WAL snapshots). Catalogs are loaded once per version and shared
// as immutable values (`catalog_mu` guards the map only). Kiosk records are
// cached (`kiosk_mu`); FindKiosk fills it on a miss without overwriting
// an entry, and RevokeKiosk writes the revoked record after its commit whether
// or not one exists, so a stale read racing a revoke cannot stay cached. Attachment file work is
// serialised per sha by a striped mutex. Counters are atomics.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "calendar/working_calendar.h"
#include "catalog/catalog.h"
#include "catalog/reference_data.h"
#include "catalog/units.h"
#include "catalog/validation.h"
#include "dossier/code_issuer.h"
#include "service/gateway_service.h"
#include "store/connection_pool.h"
#include "store/database.h"

namespace dvc::gateway {

// A kiosk row as authentication needs it.
struct KioskRecord {
  KioskRef ref;
  std::array<uint8_t, 32> public_key{};
  bool revoked = false;
};

// A dossier row (no private part opened).
struct DossierRow {
  int64_t rowid = 0;
  std::string id;
  std::string code;
  std::string province_number;
  int64_t kiosk_id = 0;
  std::string commune_code;
  std::string service_id;
  std::string catalog_version;
  int form_version = 0;
  std::vector<uint8_t> content_hash;
  std::string sealed;
  std::string attachments_json;
  int64_t created_at = 0;
  int64_t received_at = 0;
  std::string kiosk_appointment;
  std::string official_appointment;
  std::string status;
  int64_t updated_at = 0;
};

class GatewayService::Impl {
 public:
  explicit Impl(GatewayServiceOptions opts) : options(std::move(opts)) {}

  int64_t NowMs() const { return options.now_ms(); }
  int64_t NowS() const { return FloorDiv(NowMs(), 1000); }
  static int64_t FloorDiv(int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
  }

  // Catalog of `version` (cached); nullptr with no error when not published.
  Result<std::shared_ptr<const catalog::Catalog>> CatalogOf(const std::string& version);
  // The current (latest published) version and its signature; nullopt if none.
  std::optional<sync::CatalogPointer> CurrentCatalog();
  void SetCurrentCatalog(sync::CatalogPointer pointer);

  Result<std::optional<KioskRecord>> FindKiosk(int64_t kiosk_id);

  // The appointment date for a dossier received at `received_s`.
  Result<calendar::Date> OfficialAppointment(int64_t received_s, int64_t processing_days) const;
  catalog::ValidationContext Context(int64_t now_s) const;

  // Finds a dossier by typed code or province number. Errors: ApiError
  // code_mistyped / not_found; internal.
  std::optional<sync::ApiError> LocateDossier(store::Database& db, std::string_view typed,
                                              DossierRow& out);

  GatewayServiceOptions options;
  std::string db_path;
  std::string attachments_dir;
  std::unique_ptr<calendar::WorkingCalendar> calendar;
  std::optional<catalog::ReferenceData> reference;
  std::optional<catalog::UnitTable> units;

  std::mutex write_mu;
  std::unique_ptr<store::Database> writer;  // guarded by write_mu
  std::map<std::string, std::unique_ptr<dossier::CodeIssuer>> counter_issuers;  // write_mu
  int64_t last_nonce_prune_s = 0;                                               // write_mu
  std::unique_ptr<ReaderPool> readers;

  std::mutex catalog_mu;
  std::map<std::string, std::shared_ptr<const catalog::Catalog>, std::less<>> catalogs;
  std::optional<sync::CatalogPointer> current_catalog;
  bool current_catalog_known = false;

  std::mutex kiosk_mu;
  std::unordered_map<int64_t, KioskRecord> kiosks;
  std::unordered_map<int64_t, int64_t> last_seen_ms;          // precise, in memory
  std::unordered_map<int64_t, int64_t> last_seen_written_ms;  // last written to the DB
  std::unordered_map<int64_t, int64_t> last_pull_ms;

  std::array<std::mutex, 16> attachment_mu;

  std::atomic<int64_t> push_requests{0};
  std::atomic<int64_t> pushed_stored{0};
  std::atomic<int64_t> pushed_duplicate{0};
  std::atomic<int64_t> pushed_refused{0};
};

// Row readers shared by the service's files. ReadDossierRow reads the
// columns of LocateDossier's queries (gateway_service.cc), in their order.
DossierRow ReadDossierRow(const store::Statement& s);
// Looks one dossier up with `sql` (those columns + " WHERE x = ?"), bound to `key`.
Result<std::optional<DossierRow>> FindDossierBy(store::Database& db, std::string_view purpose,
                                                store::Sql sql, std::string_view key);

dossier::Timestamp FromUnix(int64_t s);
int64_t ToUnix(dossier::Timestamp t);
// core::Sha256 of `bytes`, as the blob the store binds and compares.
std::vector<uint8_t> Sha256(std::string_view bytes);

}  // namespace dvc::gateway
