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

// The gateway's answers that condemn an attachment itself (docs/sync-api.md,
// Attachments): anything else — a HEAD 404 without a body, a proxy's 400/405,
// a read timeout's 408, a 413 or 429 from something in between — says nothing
// about the file and is retried after the back-off, HEAD first.
struct PermanentAttachmentRefusal {
  int http_status;
  std::string_view code;
};
constexpr PermanentAttachmentRefusal kPermanentAttachmentRefusals[] = {
    {422, "hash_mismatch"},
    {400, "length_mismatch"},
    {413, "attachment_too_large"},
    {404, "attachment_not_referenced"},
};

bool CondemnsAttachment(const GatewayError& error) {
  if (error.kind != GatewayFailure::kRefused) return false;
  for (const PermanentAttachmentRefusal& r : kPermanentAttachmentRefusals) {
    if (r.http_status == error.http_status && r.code == error.code) return true;
  }
  return false;
}

// A single dossier's push refused for the dossier itself: a 4xx other than
// auth (401), a read timeout (408) or a rate limit (429), which are the
// link's and the gateway's state, not the dossier's.
bool CondemnsDossier(const GatewayError& error) {
  return error.kind == GatewayFailure::kRefused && error.http_status >= 400 &&
         error.http_status < 500 && error.http_status != 401 && error.http_status != 408 &&
         error.http_status != 429;
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
    if (Checkpoint())
      return Fail(report, {GatewayFailure::kTransport, 0, "", "stopped", {}}, "push");
    Result<std::vector<sync::PushDossier>> batch = store_.NextPushBatch(settings_.batch_size);
    if (!batch.ok()) return FailLocal(report, batch.status());
    if (batch->empty()) return true;
    sync::PushRequest request;
    request.dossiers = std::move(*batch);
    GatewayAnswer<sync::PushResponse> answer = gateway_.Push(request);
    if (!answer.ok()) {
      // The gateway's strict reader refuses a whole batch with 400 when one
      // dossier in it cannot be read: push them one by one, so that one is
      // set aside and the others go through.
      if (answer.error().kind == GatewayFailure::kRefused && answer.error().http_status == 400) {
        if (!PushOneByOne(request, answer.error(), report)) return false;
        continue;
      }
      return Fail(report, answer.error(), "push");
    }
    if (!RecordPushAnswer(request, *answer, report)) return false;
  }
}

bool SyncEngine::PushOneByOne(const sync::PushRequest& batch, const GatewayError& batch_error,
                              CycleReport& report) {
  for (const sync::PushDossier& dossier : batch.dossiers) {
    sync::PushRequest single;
    single.dossiers.push_back(dossier);
    // A batch of one was already answered for this dossier alone.
    std::optional<GatewayAnswer<sync::PushResponse>> answer;
    if (batch.dossiers.size() == 1) {
      answer.emplace(batch_error);
    } else {
      if (Checkpoint()) {
        return Fail(report, {GatewayFailure::kTransport, 0, "", "stopped", {}}, "push");
      }
      answer.emplace(gateway_.Push(single));
    }
    if (answer->ok()) {
      if (!RecordPushAnswer(single, answer->value(), report)) return false;
      continue;
    }
    const GatewayError& error = answer->error();
    if (!CondemnsDossier(error)) return Fail(report, error, "push " + dossier.code);
    // Set aside with the gateway's own words; the results are matched to
    // the dossier by its id and code, as the kiosk sent them.
    sync::PushResult refused;
    refused.id = dossier.id;
    refused.code = dossier.code;
    refused.result = sync::PushOutcome::kRefused;
    refused.error = sync::ApiError{
        error.http_status,
        error.code.empty() ? "http_" + std::to_string(error.http_status) : error.code,
        error.message.empty() ? Describe(error) : error.message};
    sync::PushResponse response;
    response.results.push_back(std::move(refused));
    if (!RecordPushAnswer(single, response, report)) return false;
  }
  return true;
}

bool SyncEngine::RecordPushAnswer(const sync::PushRequest& request,
                                  const sync::PushResponse& answer, CycleReport& report) {
  if (Status s = store_.RecordPushResults(answer, TimestampAt(clock_.NowSeconds())); !s.ok()) {
    return FailLocal(report, s);
  }
  // The store answers every id it was given; an answer that acknowledged
  // none of them would bring the same batch back for ever.
  bool any_known = false;
  for (const sync::PushResult& r : answer.results) {
    for (const sync::PushDossier& d : request.dossiers) any_known |= d.id == r.id;
  }
  if (!any_known) {
    return Fail(
        report,
        {GatewayFailure::kServer, 200, "", "the push answer names none of the dossiers", {}},
        "push");
  }
  report.pushed += request.dossiers.size();
  return true;
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
  } else if (!upload.started) {
    // Nothing of it has left: recorded as started before the first chunk
    // goes, so a crash from here on asks the gateway (HEAD) next time; a
    // round trip per attachment saved on a link of 300 ms.
    if (Status s = store_.RecordUploadOffset(sha, 0); !s.ok()) return FailLocal(report, s);
    confirmed_[sha] = 0;
  } else {
    if (Checkpoint())
      return Fail(report, {GatewayFailure::kTransport, 0, "", "stopped", {}}, during);
    GatewayAnswer<UploadState> head = gateway_.AttachmentOffset(sha);
    if (!head.ok()) {
      if (CondemnsAttachment(head.error())) {
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
    if (Checkpoint())
      return Fail(report, {GatewayFailure::kTransport, 0, "", "stopped", {}}, during);
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
      if (CondemnsAttachment(error)) {
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
    if (Checkpoint())
      return Fail(report, {GatewayFailure::kTransport, 0, "", "stopped", {}}, "pull");
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
