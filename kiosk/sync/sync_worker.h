// SyncWorker: the kiosk's background sync thread (DESIGN.md section 7). It
// opens its own store on its own thread, runs SyncEngine exchanges, waits
// `interval_s` after a success (or until Notify(): the app calls it after each
// submission) and a back-off with full jitter after a failure (1 s doubling to
// 300 s), and publishes a LinkSnapshot for the UI.
//
// The UI thread never waits on the worker: TrySnapshot copies the snapshot
// only when its mutex is free at once (the worker holds it just to copy a
// finished snapshot in). Stop() raises the stop flag (libcurl's progress
// callback aborts a transfer within about a second) and joins.
//
// A resident's look-up of a code this kiosk does not hold is asked of the
// gateway by the worker too (RequestLookup): the worker serves it at once when
// idle or backing off (the request wakes it, without starting an exchange
// early), between two requests of a running exchange otherwise, and publishes
// the answer in the snapshot (`lookup`).
//
// Thread-safety: Start/Stop from the owning thread; Notify, RequestLookup,
// TrySnapshot and Snapshot from any thread. Ownership: owns its thread and, on that thread,
// the store and the gateway the factories make; borrows the clock.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sync/backoff.h"
#include "sync/corrected_clock.h"
#include "sync/gateway_client.h"
#include "sync/sync_engine.h"
#include "sync/sync_store.h"

namespace dvc::kiosk {

enum class LinkState { kNotEnrolled, kOffline, kSyncing, kOnline, kRefusedAuth };

enum class RemoteLookupOutcome {
  kFound,        // `answer` holds the status and dates
  kNotFound,     // 404 not_found: the province holds no such dossier
  kMistyped,     // 400 code_mistyped: the check character is wrong
  kUnreachable,  // no answer, or any other failure: try again later
};

// The gateway's answer to one RequestLookup.
struct RemoteLookup {
  uint64_t serial = 0;  // RequestLookup's return value; 0: no look-up answered yet
  std::string code;     // the compact code asked for
  RemoteLookupOutcome outcome = RemoteLookupOutcome::kUnreachable;
  std::optional<sync::LookupAnswer> answer;  // kFound only
  std::string error;                         // kUnreachable: why, for logs
};

// What staff mode and the script player see of the sync.
struct LinkSnapshot {
  LinkState state = LinkState::kNotEnrolled;
  std::optional<dossier::Timestamp> last_sync;
  int64_t queued = 0;
  int64_t set_aside = 0;
  int64_t uploads_pending = 0;
  int64_t clock_offset_ms = 0;
  std::string last_error;                           // "" after a clean exchange
  std::vector<SetAsideDossier> set_aside_dossiers;  // newest list the worker read
  std::string catalog_pending;  // a newer catalog installed, used from the next start
  // Notify() calls so far, and how many of them the last successful exchange
  // covered (it began after them): equal means every submission is synced.
  int64_t notifications = 0;
  int64_t synced_notifications = 0;
  int64_t exchanges = 0;  // successful exchanges since start
  RemoteLookup lookup;    // the latest look-up the worker answered
};

// What the UI holds of the sync: the worker, or nothing before enrolment.
class SyncLink {
 public:
  virtual ~SyncLink() = default;
  // A new dossier is queued: sync soon.
  virtual void Notify() = 0;
  // Asks the gateway for the status of `code` (compact form) without
  // waiting: the answer appears in a later snapshot's `lookup` with the
  // returned serial (> 0). A newer request replaces one not yet sent.
  virtual uint64_t RequestLookup(std::string_view code) = 0;
  // Copies the latest snapshot into *out unless the worker holds the lock
  // this instant (then *out keeps its previous value). Never blocks.
  virtual bool TrySnapshot(LinkSnapshot* out) const = 0;
};

struct SyncWorkerOptions {
  int64_t interval_s = 60;
  SyncSettings settings;
  uint64_t seed = 0;  // back-off jitter
};

class SyncWorker : public SyncLink {
 public:
  using StoreFactory = std::function<Result<std::unique_ptr<SyncStore>>()>;
  // Makes the gateway on the worker's thread; `stop` aborts its transfers.
  using GatewayFactory = std::function<std::unique_ptr<GatewayApi>(const std::atomic<bool>& stop)>;

  SyncWorker(SyncWorkerOptions options, StoreFactory store, GatewayFactory gateway,
             CorrectedClock& clock);
  ~SyncWorker() override;  // Stop()
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  void Start();
  void Stop();
  void Notify() override;
  uint64_t RequestLookup(std::string_view code) override;
  bool TrySnapshot(LinkSnapshot* out) const override;
  LinkSnapshot Snapshot() const;  // waits for the short lock (not for the UI)

  // The snapshot a store summary and a cycle's report make (exposed for tests).
  static void ApplyReport(const CycleReport& report, LinkSnapshot& snapshot);
  // One look-up asked of `gateway`, sorted for the screen (exposed for tests).
  static RemoteLookup AskGateway(GatewayApi& gateway, uint64_t serial, const std::string& code);

 private:
  void Run();
  void Publish(const LinkSnapshot& snapshot);
  // Reads the queue's figures into `snapshot`; false when the store failed.
  static bool ReadStore(SyncStore& store, LinkSnapshot& snapshot);
  // Waits up to `delay` or until Stop (or Notify, when `wake_on_notify`),
  // serving the look-ups requested meanwhile.
  void Wait(std::chrono::milliseconds delay, bool wake_on_notify, int64_t seen_notifications,
            GatewayApi& gateway, LinkSnapshot& snapshot);
  // Sends the pending look-up, if any, and publishes its answer.
  void ServeLookup(GatewayApi& gateway, LinkSnapshot& snapshot);

  SyncWorkerOptions options_;
  StoreFactory store_factory_;
  GatewayFactory gateway_factory_;
  CorrectedClock& clock_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> notifications_{0};
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  // Guarded by wake_mutex_: the look-up not yet sent, and the last serial.
  std::optional<std::pair<uint64_t, std::string>> pending_lookup_;
  uint64_t lookup_serial_ = 0;
  mutable std::mutex snapshot_mutex_;
  LinkSnapshot snapshot_;
  std::thread thread_;
};

std::string_view LinkStateName(LinkState state);  // "online", for logs

}  // namespace dvc::kiosk
