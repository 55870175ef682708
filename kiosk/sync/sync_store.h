// SyncStore: the part of the outbox the sync worker reads and records into.
// Production: SyncQueueStore over kiosk/outbox's SyncQueue (its own SQLite
// connection, opened on the worker's thread). Unit tests of the worker's loop
// substitute an in-memory queue, so the loop's rules are tested on their own.
//
// Thread-safety: one thread at a time. Ownership: as the implementation says.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "outbox/sync_queue.h"

namespace dvc::kiosk {

class SyncStore {
 public:
  virtual ~SyncStore() = default;
  virtual Result<std::vector<sync::PushDossier>> NextPushBatch(size_t limit) = 0;
  virtual Status RecordPushResults(const sync::PushResponse& response, dossier::Timestamp now) = 0;
  virtual Result<std::vector<PendingUpload>> PendingUploads(size_t limit) = 0;
  virtual Status RecordUploadOffset(const std::string& sha256, uint64_t offset) = 0;
  virtual Status RecordUploadComplete(const std::string& sha256) = 0;
  virtual Status RecordUploadRefused(const std::string& sha256, const std::string& reason) = 0;
  virtual Status ApplyChanges(const sync::ChangesPage& page) = 0;
  virtual Status RecordSyncSuccess(dossier::Timestamp at, int64_t clock_offset_ms) = 0;
  virtual Result<SyncSummary> Summarize() = 0;
  virtual Result<std::vector<SetAsideDossier>> SetAside() = 0;
};

// The production store: forwards to a SyncQueue it owns.
class SyncQueueStore : public SyncStore {
 public:
  explicit SyncQueueStore(std::unique_ptr<SyncQueue> queue) : queue_(std::move(queue)) {}

  Result<std::vector<sync::PushDossier>> NextPushBatch(size_t limit) override {
    return queue_->NextPushBatch(limit);
  }
  Status RecordPushResults(const sync::PushResponse& response, dossier::Timestamp now) override {
    return queue_->RecordPushResults(response, now);
  }
  Result<std::vector<PendingUpload>> PendingUploads(size_t limit) override {
    return queue_->PendingUploads(limit);
  }
  Status RecordUploadOffset(const std::string& sha256, uint64_t offset) override {
    return queue_->RecordUploadOffset(sha256, offset);
  }
  Status RecordUploadComplete(const std::string& sha256) override {
    return queue_->RecordUploadComplete(sha256);
  }
  Status RecordUploadRefused(const std::string& sha256, const std::string& reason) override {
    return queue_->RecordUploadRefused(sha256, reason);
  }
  Status ApplyChanges(const sync::ChangesPage& page) override { return queue_->ApplyChanges(page); }
  Status RecordSyncSuccess(dossier::Timestamp at, int64_t clock_offset_ms) override {
    return queue_->RecordSyncSuccess(at, clock_offset_ms);
  }
  Result<SyncSummary> Summarize() override { return queue_->Summarize(); }
  Result<std::vector<SetAsideDossier>> SetAside() override { return queue_->SetAside(); }

 private:
  std::unique_ptr<SyncQueue> queue_;
};

}  // namespace dvc::kiosk
