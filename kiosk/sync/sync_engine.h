// SyncEngine: one exchange with the gateway, run by the sync worker's thread
// (docs/sync-api.md):
//   1. push the queued dossiers in batches of `batch_size` until none is left
//      (a refused dossier is set aside by the store and never blocks the rest;
//      a batch refused whole with 400 is pushed again one dossier at a time,
//      and a dossier refused alone with a 4xx other than 401/408/429 is set
//      aside with the gateway's message);
//   2. upload the pending attachments in chunks of `chunk_bytes`, from the
//      offset the gateway confirmed: after any failure (and for each
//      attachment first touched since start) HEAD asks the gateway first, so
//      a chunk it acknowledged is never sent again; only the gateway's
//      verdicts on the file (hash_mismatch, length_mismatch,
//      attachment_too_large, attachment_not_referenced) set it aside, any
//      other failure is retried after the back-off;
//   3. pull status changes after the cursor until `more` is false;
//   4. fetch, verify and install a newer catalog the pull points at;
//   5. record the success and the clock offset.
// Any failure ends the exchange; the worker waits (back-off) and runs again.
//
// Thread-safety: one thread (the worker's). Ownership: borrows the store,
// the gateway, the clock and the stop flag.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "sync/corrected_clock.h"
#include "sync/gateway_client.h"
#include "sync/sync_store.h"

namespace dvc::kiosk {

struct SyncSettings {
  size_t batch_size = 50;
  size_t chunk_bytes = 256u << 10;
  size_t changes_limit = 500;
  std::string data_dir;              // for catalog updates
  std::string catalog_version;       // the catalog the kiosk runs on
  std::string province_signing_key;  // 64 hex, from the enrolment
};

enum class CycleOutcome {
  kOk,
  kTransport,  // no answer: offline
  kAuth,       // 401: refused-auth
  kServer,     // 5xx, an unreadable answer, or a whole request refused
  kLocal,      // the outbox could not be read or written
  kStopped,    // Stop() while it ran
};

struct CycleReport {
  CycleOutcome outcome = CycleOutcome::kOk;
  std::string error;  // for staff: what failed, and the gateway's message
  size_t pushed = 0;
  size_t chunks_sent = 0;
  size_t uploads_completed = 0;
  size_t changes = 0;
  std::string catalog_installed;  // a version written this exchange
};

class SyncEngine {
 public:
  SyncEngine(SyncStore& store, GatewayApi& gateway, CorrectedClock& clock, SyncSettings settings,
             const std::atomic<bool>* stop = nullptr);

  CycleReport RunCycle();

  // Called on the engine's thread before each request of an exchange, so
  // the worker can serve a resident's look-up between two requests of a
  // long exchange (a photo over 2G). Must not use this engine.
  void SetBetweenRequests(std::function<void()> hook) { between_requests_ = std::move(hook); }

 private:
  bool Stopping() const { return stop_ != nullptr && stop_->load(); }
  // Runs the between-requests hook; returns Stopping().
  bool Checkpoint() {
    if (between_requests_) between_requests_();
    return Stopping();
  }
  // Each returns false when the exchange must end (report filled).
  bool PushAll(CycleReport& report);
  // `batch` was refused whole with `batch_error` (400): each dossier alone.
  bool PushOneByOne(const sync::PushRequest& batch, const GatewayError& batch_error,
                    CycleReport& report);
  bool RecordPushAnswer(const sync::PushRequest& request, const sync::PushResponse& answer,
                        CycleReport& report);
  bool UploadAll(CycleReport& report);
  bool UploadOne(const PendingUpload& upload, CycleReport& report);
  bool PullAll(CycleReport& report, std::optional<sync::CatalogPointer>& catalog);
  void UpdateCatalog(const sync::CatalogPointer& pointer, CycleReport& report);
  bool Fail(CycleReport& report, const GatewayError& error, std::string_view during);
  bool FailLocal(CycleReport& report, const Status& status);

  SyncStore& store_;
  GatewayApi& gateway_;
  CorrectedClock& clock_;
  SyncSettings settings_;
  const std::atomic<bool>* stop_;
  std::function<void()> between_requests_;
  // Offsets the gateway confirmed to this process; an attachment missing
  // here is asked for with HEAD before any chunk is sent.
  std::map<std::string, uint64_t> confirmed_;
  // Catalog versions that failed verification: not fetched again this run.
  std::set<std::string> bad_catalogs_;
};

}  // namespace dvc::kiosk
