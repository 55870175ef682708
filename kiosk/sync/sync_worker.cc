#include "sync/sync_worker.h"

#include <cstdio>

namespace dvc::kiosk {

std::string_view LinkStateName(LinkState state) {
  switch (state) {
    case LinkState::kNotEnrolled:
      return "not enrolled";
    case LinkState::kOffline:
      return "offline";
    case LinkState::kSyncing:
      return "syncing";
    case LinkState::kOnline:
      return "online";
    case LinkState::kRefusedAuth:
      return "refused (auth)";
  }
  return "?";
}

SyncWorker::SyncWorker(SyncWorkerOptions options, StoreFactory store, GatewayFactory gateway,
                       CorrectedClock& clock)
    : options_(std::move(options)),
      store_factory_(std::move(store)),
      gateway_factory_(std::move(gateway)),
      clock_(clock) {
  snapshot_.state = LinkState::kOffline;
  snapshot_.clock_offset_ms = clock_.offset_ms();
}

SyncWorker::~SyncWorker() { Stop(); }

void SyncWorker::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void SyncWorker::Stop() {
  {
    std::lock_guard lock(wake_mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncWorker::Notify() {
  {
    std::lock_guard lock(wake_mutex_);
    ++notifications_;
  }
  wake_.notify_all();
}

bool SyncWorker::TrySnapshot(LinkSnapshot* out) const {
  std::unique_lock lock(snapshot_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return false;
  *out = snapshot_;
  out->notifications = notifications_.load();
  return true;
}

LinkSnapshot SyncWorker::Snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  LinkSnapshot copy = snapshot_;
  copy.notifications = notifications_.load();
  return copy;
}

void SyncWorker::Publish(const LinkSnapshot& snapshot) {
  std::lock_guard lock(snapshot_mutex_);
  snapshot_ = snapshot;
}

bool SyncWorker::ReadStore(SyncStore& store, LinkSnapshot& snapshot) {
  Result<SyncSummary> summary = store.Summarize();
  if (!summary.ok()) {
    snapshot.last_error = "outbox: " + summary.status().message();
    return false;
  }
  snapshot.queued = summary->queued;
  snapshot.set_aside = summary->set_aside;
  snapshot.uploads_pending = summary->uploads_pending;
  snapshot.last_sync = summary->last_sync;
  Result<std::vector<SetAsideDossier>> aside = store.SetAside();
  if (aside.ok()) snapshot.set_aside_dossiers = std::move(*aside);
  return true;
}

void SyncWorker::ApplyReport(const CycleReport& report, LinkSnapshot& snapshot) {
  switch (report.outcome) {
    case CycleOutcome::kOk:
      snapshot.state = LinkState::kOnline;
      break;
    case CycleOutcome::kAuth:
      snapshot.state = LinkState::kRefusedAuth;
      break;
    case CycleOutcome::kTransport:
    case CycleOutcome::kServer:
    case CycleOutcome::kLocal:
    case CycleOutcome::kStopped:
      snapshot.state = LinkState::kOffline;
      break;
  }
  // A clean exchange may still carry a note (a catalog that failed to verify).
  snapshot.last_error = report.error;
  if (!report.catalog_installed.empty()) snapshot.catalog_pending = report.catalog_installed;
}

void SyncWorker::Wait(std::chrono::milliseconds delay, bool wake_on_notify,
                      int64_t seen_notifications) {
  std::unique_lock lock(wake_mutex_);
  wake_.wait_for(lock, delay, [&] {
    return stop_.load() || (wake_on_notify && notifications_.load() != seen_notifications);
  });
}

void SyncWorker::Run() {
  Backoff backoff(options_.seed);
  std::unique_ptr<SyncStore> store;
  std::unique_ptr<GatewayApi> gateway;
  // One engine for the thread's life: it remembers the upload offsets the
  // gateway confirmed and the catalogs that failed verification.
  std::unique_ptr<SyncEngine> engine;
  LinkSnapshot snapshot = Snapshot();
  while (!stop_) {
    if (!store) {
      Result<std::unique_ptr<SyncStore>> opened = store_factory_();
      if (!opened.ok()) {
        snapshot.state = LinkState::kOffline;
        snapshot.last_error = "outbox: " + opened.status().message();
        Publish(snapshot);
        Wait(backoff.Next(), false, 0);
        continue;
      }
      store = std::move(*opened);
      gateway = gateway_factory_(stop_);
      engine = std::make_unique<SyncEngine>(*store, *gateway, clock_, options_.settings, &stop_);
      ReadStore(*store, snapshot);
    }
    const int64_t seen = notifications_.load();
    snapshot.state = LinkState::kSyncing;
    Publish(snapshot);

    const CycleReport report = engine->RunCycle();
    ApplyReport(report, snapshot);
    ReadStore(*store, snapshot);
    snapshot.clock_offset_ms = clock_.offset_ms();
    if (report.outcome == CycleOutcome::kOk) {
      snapshot.synced_notifications = seen;
      ++snapshot.exchanges;
    }
    Publish(snapshot);
    if (report.outcome == CycleOutcome::kStopped) break;
    if (report.outcome == CycleOutcome::kOk) {
      backoff.Reset();
      Wait(std::chrono::seconds(options_.interval_s), true, seen);
    } else {
      Wait(backoff.Next(), false, seen);
    }
  }
}

}  // namespace dvc::kiosk
