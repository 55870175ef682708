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

uint64_t SyncWorker::RequestLookup(std::string_view code) {
  uint64_t serial = 0;
  {
    std::lock_guard lock(wake_mutex_);
    serial = ++lookup_serial_;
    pending_lookup_.emplace(serial, std::string(code));
  }
  wake_.notify_all();
  return serial;
}

RemoteLookup SyncWorker::AskGateway(GatewayApi& gateway, uint64_t serial, const std::string& code) {
  RemoteLookup out;
  out.serial = serial;
  out.code = code;
  GatewayAnswer<std::optional<sync::LookupAnswer>> answer = gateway.Lookup(code);
  if (answer.ok()) {
    out.outcome =
        answer->has_value() ? RemoteLookupOutcome::kFound : RemoteLookupOutcome::kNotFound;
    out.answer = std::move(*answer);
    return out;
  }
  const GatewayError& error = answer.error();
  // Only the gateway's own verdict on the code; a proxy's 400 or a revoked
  // kiosk's 401 says nothing about it.
  if (error.kind == GatewayFailure::kRefused && error.http_status == 400 &&
      error.code == "code_mistyped") {
    out.outcome = RemoteLookupOutcome::kMistyped;
    return out;
  }
  out.outcome = RemoteLookupOutcome::kUnreachable;
  out.error = (error.http_status != 0 ? "HTTP " + std::to_string(error.http_status) + " " : "") +
              (error.code.empty() ? "" : error.code + ": ") + error.message;
  return out;
}

void SyncWorker::ServeLookup(GatewayApi& gateway, LinkSnapshot& snapshot) {
  std::optional<std::pair<uint64_t, std::string>> request;
  {
    std::lock_guard lock(wake_mutex_);
    request.swap(pending_lookup_);
  }
  if (!request || stop_) return;
  snapshot.lookup = AskGateway(gateway, request->first, request->second);
  Publish(snapshot);
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
                      int64_t seen_notifications, GatewayApi& gateway, LinkSnapshot& snapshot) {
  const auto deadline = std::chrono::steady_clock::now() + delay;
  const auto ends_wait = [&] {
    return stop_.load() || (wake_on_notify && notifications_.load() != seen_notifications);
  };
  std::unique_lock lock(wake_mutex_);
  while (true) {
    if (!wake_.wait_until(lock, deadline, [&] { return ends_wait() || pending_lookup_; })) return;
    if (ends_wait()) return;
    // A look-up does not end the wait: a back-off still holds for the exchange.
    lock.unlock();
    ServeLookup(gateway, snapshot);
    lock.lock();
  }
}

void SyncWorker::Run() {
  Backoff backoff(options_.seed);
  std::unique_ptr<SyncStore> store;
  // The gateway first: look-ups need it even while the outbox cannot open.
  const std::unique_ptr<GatewayApi> gateway = gateway_factory_(stop_);
  // One engine for the thread's life: it remembers the upload offsets the
  // gateway confirmed and the catalogs that failed verification.
  std::unique_ptr<SyncEngine> engine;
  LinkSnapshot snapshot = Snapshot();
  while (!stop_) {
    ServeLookup(*gateway, snapshot);
    if (!store) {
      Result<std::unique_ptr<SyncStore>> opened = store_factory_();
      if (!opened.ok()) {
        snapshot.state = LinkState::kOffline;
        snapshot.last_error = "outbox: " + opened.status().message();
        Publish(snapshot);
        Wait(backoff.Next(), false, 0, *gateway, snapshot);
        continue;
      }
      store = std::move(*opened);
      engine = std::make_unique<SyncEngine>(*store, *gateway, clock_, options_.settings, &stop_);
      // A resident waiting at the look-up screen is served between two
      // requests of a long exchange.
      engine->SetBetweenRequests([&] { ServeLookup(*gateway, snapshot); });
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
      Wait(std::chrono::seconds(options_.interval_s), true, seen, *gateway, snapshot);
    } else {
      // An exchange that failed after moving dossiers or chunks shows a link
      // that works between cuts: start the back-off again from its first
      // step, or a link cut more often than the backlog drains would wait up
      // to the cap between exchanges that each make progress.
      if (report.pushed > 0 || report.chunks_sent > 0 || report.uploads_completed > 0) {
        backoff.Reset();
      }
      Wait(backoff.Next(), false, seen, *gateway, snapshot);
    }
  }
}

}  // namespace dvc::kiosk
