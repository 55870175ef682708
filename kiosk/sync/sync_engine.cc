#include "sync/sync_engine.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/unique_fd.h"
#include "sync/catalog_updates.h"
#include "sync/sealing.h"

namespace dvc::kiosk {
namespace {

// Attachments listed per query of the store.
constexpr size_t kUploadsPerQuery = 32;
// 409 offset_mismatch answers in a row before the exchange gives up.
constexpr int kMaxOffsetMismatches = 3;

dossier::Timestamp TimestampAt(int64_t unix_seconds) {
  return dossier::Timestamp(std::chrono::seconds(unix_seconds));
}

// Reads bytes [offset, offset+length) of `path`. Errors: kIo.
Result<std::string> ReadRange(const std::string& path, uint64_t offset, size_t length) {
  const core::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return Status::Io(path + ": cannot open (" + std::strerror(errno) + ")");
  std::string bytes(length, '\0');
  size_t done = 0;
  while (done < length) {
    const ssize_t n =
        ::pread(fd.get(), bytes.data() + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::Io(path + ": read failed (" + std::strerror(errno) + ")");
    if (n == 0) return Status::Io(path + ": shorter than its recorded size");
    done += static_cast<size_t>(n);
  }
  return bytes;
}

CycleOutcome OutcomeOf(GatewayFailure kind) {
  switch (kind) {
    case GatewayFailure::kTransport:
      return CycleOutcome::kTransport;
    case GatewayFailure::kAuth:
      return CycleOutcome::kAuth;
    case GatewayFailure::kRefused:
    case GatewayFailure::kServer:
      return CycleOutcome::kServer;
  }
  return CycleOutcome::kServer;
}

std::string Describe(const GatewayError& error) {
  std::string text;
  if (error.http_status != 0) text += "HTTP " + std::to_string(error.http_status) + " ";
  if (!error.code.empty()) text += error.code + ": ";
  return text + error.message;
}

}  // namespace

SyncEngine::SyncEngine(SyncStore& store, GatewayApi& gateway, CorrectedClock& clock,
                       SyncSettings settings, const std::atomic<bool>* stop)
    : store_(store), gateway_(gateway), clock_(clock), settings_(std::move(settings)), stop_(stop) {
  if (settings_.batch_size == 0) settings_.batch_size = 1;
  if (settings_.chunk_bytes == 0) settings_.chunk_bytes = 1;
  if (settings_.changes_limit == 0) settings_.changes_limit = 1;
}

bool SyncEngine::Fail(CycleReport& report, const GatewayError& error, std::string_view during) {
  report.outcome = error.kind == GatewayFailure::kTransport && Stopping() ? CycleOutcome::kStopped
                                                                          : OutcomeOf(error.kind);
  report.error = std::string(during) + ": " + Describe(error);
  return false;
}

bool SyncEngine::FailLocal(CycleReport& report, const Status& status) {
  report.outcome = CycleOutcome::kLocal;
  report.error = "outbox: " + status.message();
  return false;
}

CycleReport SyncEngine::RunCycle() {
  CycleReport report;
  std::optional<sync::CatalogPointer> catalog;
  if (!PushAll(report) || !UploadAll(report) || !PullAll(report, catalog)) return report;
  if (catalog) UpdateCatalog(*catalog, report);
  if (Stopping()) {
    report.outcome = CycleOutcome::kStopped;
    return report;
  }
  if (Status s = store_.RecordSyncSuccess(TimestampAt(clock_.NowSeconds()), clock_.offset_ms());
      !s.ok()) {
    FailLocal(report, s);
  }
  return report;
}

bool SyncEngine::PushAll(CycleReport& report) {
  while (true) {
    if (Stopping()) return Fail(report, {GatewayFailure::kTransport, 0, "", "stopped", {}}, "push");
    Result<std::vector<sync::PushDossier>> batch = store_.NextPushBatch(settings_.batch_size);
    if (!batch.ok()) return FailLocal(report, batch.status());
    if (batch->empty()) return true;
    sync::PushRequest request;
    request.dossiers = std::move(*batch);
    GatewayAnswer<sync::PushResponse> answer = gateway_.Push(request);
    if (!answer.ok()) return Fail(report, answer.error(), "push");
    if (Status s = store_.RecordPushResults(*answer, TimestampAt(clock_.NowSeconds())); !s.ok()) {
      return FailLocal(report, s);
    }
    // The store answers every id it was given; an answer that acknowledged
    // none of them would bring the same batch back for ever.
    bool any_known = false;
    for (const sync::PushResult& r : answer->results) {
      for (const sync::PushDossier& d : request.dossiers) any_known |= d.id == r.id;
    }
    if (!any_known) {
      return Fail(
          report,
          {GatewayFailure::kServer, 200, "", "the push answer names none of the dossiers", {}},
          "push");
    }
    report.pushed += request.dossiers.size();
  }
}

bool SyncEngine::UploadAll(CycleReport& report) {
  std::set<std::string> tried;  // each attachment once per exchange
  while (true) {
    Result<std::vector<PendingUpload>> pending = store_.PendingUploads(kUploadsPerQuery);
    if (!pending.ok()) return FailLocal(report, pending.status());
    bool any = false;
    for (const PendingUpload& upload : *pending) {
      if (!tried.insert(upload.sha256).second) continue;
      any = true;
      if (!UploadOne(upload, report)) return false;
    }
    if (!any) return true;
  }
}

bool SyncEngine::UploadOne(const PendingUpload& upload, CycleReport& report) {
  const std::string& sha = upload.sha256;
  const std::string during = "upload " + sha.substr(0, 12);
  uint64_t offset = 0;
  if (auto it = confirmed_.find(sha); it != confirmed_.end()) {
    offset = it->second;
  } else {
    if (Stopping()) return Fail(report, {GatewayFailure::kTransport, 0, "", "stopped", {}}, during);
    GatewayAnswer<UploadState> head = gateway_.AttachmentOffset(sha);
    if (!head.ok()) {
      if (head.error().kind == GatewayFailure::kRefused) {
        Status s = store_.RecordUploadRefused(sha, Describe(head.error()));
        return s.ok() ? true : FailLocal(report, s);
      }
      return Fail(report, head.error(), during);
    }
    if (head->complete) {
      confirmed_.erase(sha);
      Status s = store_.RecordUploadComplete(sha);
      if (s.ok()) ++report.uploads_completed;
      return s.ok() ? true : FailLocal(report, s);
    }
    offset = head->offset;
    if (offset > upload.size) {
      return Fail(
          report,
          {GatewayFailure::kServer, 200, "", "the gateway holds more bytes than the file", {}},
          during);
    }
    if (Status s = store_.RecordUploadOffset(sha, offset); !s.ok()) return FailLocal(report, s);
    confirmed_[sha] = offset;
  }
  int mismatches = 0;
  while (offset < upload.size) {
    if (Stopping()) return Fail(report, {GatewayFailure::kTransport, 0, "", "stopped", {}}, during);
    const size_t length =
        static_cast<size_t>(std::min<uint64_t>(settings_.chunk_bytes, upload.size - offset));
    Result<std::string> bytes = ReadRange(upload.path, offset, length);
    if (!bytes.ok()) {
      // The sealed file is gone or short: it can never be uploaded.
      Status s = store_.RecordUploadRefused(sha, bytes.status().message());
      return s.ok() ? true : FailLocal(report, s);
    }
    GatewayAnswer<UploadState> answer = gateway_.AppendChunk(sha, offset, upload.size, *bytes);
    ++report.chunks_sent;
    if (!answer.ok()) {
      const GatewayError& error = answer.error();
      if (error.code == "offset_mismatch" && error.upload_offset &&
          *error.upload_offset <= upload.size && ++mismatches <= kMaxOffsetMismatches) {
        offset = *error.upload_offset;
        confirmed_[sha] = offset;
        if (Status s = store_.RecordUploadOffset(sha, offset); !s.ok()) return FailLocal(report, s);
        continue;
      }
      confirmed_.erase(sha);  // after any failure, HEAD tells where to resume
      if (error.kind == GatewayFailure::kRefused && error.code != "offset_mismatch") {
        Status s = store_.RecordUploadRefused(sha, Describe(error));
        return s.ok() ? true : FailLocal(report, s);
      }
      return Fail(report, error, during);
    }
    if (answer->complete) {
      confirmed_.erase(sha);
      Status s = store_.RecordUploadComplete(sha);
      if (s.ok()) ++report.uploads_completed;
      return s.ok() ? true : FailLocal(report, s);
    }
    if (answer->offset <= offset || answer->offset > upload.size) {
      confirmed_.erase(sha);
      return Fail(report,
                  {GatewayFailure::kServer,
                   204,
                   "",
                   "the gateway answered offset " + std::to_string(answer->offset) +
                       " after a chunk at " + std::to_string(offset),
                   {}},
                  during);
    }
    offset = answer->offset;
    confirmed_[sha] = offset;
    if (Status s = store_.RecordUploadOffset(sha, offset); !s.ok()) return FailLocal(report, s);
  }
  // Every byte is there but the gateway did not say it verified them: ask
  // again at the next exchange.
  confirmed_.erase(sha);
  return Fail(report,
              {GatewayFailure::kServer, 204, "", "all bytes sent but not reported complete", {}},
              during);
}

bool SyncEngine::PullAll(CycleReport& report, std::optional<sync::CatalogPointer>& catalog) {
  Result<SyncSummary> summary = store_.Summarize();
  if (!summary.ok()) return FailLocal(report, summary.status());
  int64_t cursor = summary->cursor;
  while (true) {
    if (Stopping()) return Fail(report, {GatewayFailure::kTransport, 0, "", "stopped", {}}, "pull");
    GatewayAnswer<sync::ChangesPage> page = gateway_.Changes(cursor, settings_.changes_limit);
    if (!page.ok()) return Fail(report, page.error(), "pull");
    if (Status s = store_.ApplyChanges(*page); !s.ok()) return FailLocal(report, s);
    report.changes += page->changes.size();
    catalog = page->catalog;
    // A cursor that does not move would ask for the same page for ever.
    if (!page->more || page->next <= cursor) return true;
    cursor = page->next;
  }
}

void SyncEngine::UpdateCatalog(const sync::CatalogPointer& pointer, CycleReport& report) {
  if (pointer.version.empty() || pointer.version == settings_.catalog_version ||
      bad_catalogs_.count(pointer.version) > 0 ||
      IsCatalogInstalled(settings_.data_dir, pointer.version)) {
    return;
  }
  Result<std::array<uint8_t, 32>> key = sync::Key32FromHex(settings_.province_signing_key);
  if (!key.ok()) {
    bad_catalogs_.insert(pointer.version);
    report.error = "catalog " + pointer.version + ": no province signing key";
    return;
  }
  GatewayAnswer<nlohmann::json> bundle = gateway_.Catalog(pointer.version);
  if (!bundle.ok()) {
    // The exchange still succeeded: statuses came back. The catalog is
    // asked for again at the next one.
    report.error = "catalog " + pointer.version + ": " + Describe(bundle.error());
    return;
  }
  Status installed = InstallCatalogBundle(settings_.data_dir, pointer.version, *bundle, *key);
  if (installed.code() == ErrorCode::kInvalidInput) bad_catalogs_.insert(pointer.version);
  if (!installed.ok()) {
    report.error = installed.message();
    return;
  }
  report.catalog_installed = pointer.version;
}

}  // namespace dvc::kiosk
