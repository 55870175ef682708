// kiosk_sync_soak: the enrolled kiosk minus its screens, for the fault loops
// (tests/sync/fault_loop.sh, issue 4 "Faults"). It opens the kiosk's real
// outbox desk and starts the real SyncWorker as kiosk/main.cc does, then
//
//   --submit-every-ms N   submits a realistic dossier every N ms through
//                         OutboxDesk::Submit (the path the form's "Nộp hồ sơ"
//                         takes) and, once Submit returned (the dossier is
//                         committed), appends its code to <dir>/receipts.log
//                         and fsyncs: the moment a resident sees the receipt.
//                         With --attachment-bytes B > 0, every
//                         --attachment-every K-th dossier is a birth
//                         registration with a scan of B random bytes.
//                         With --count N it stops after N receipts (a failed
//                         submit is then an error, exit 2) without starting
//                         the sync worker: a queue of exactly N dossiers for
//                         a drain to time (tests/bench/sync_drain.sh).
//   --drain               submits nothing; exits 0 once an exchange succeeded
//                         after which nothing is queued, set aside or pending
//                         upload, 1 after --timeout-s (the figures printed).
//
// Every attachment chunk the worker sends, every push and the gateway's
// answers are logged to <dir>/chunks.log (see ChunkLoggingGateway), so the
// loop can prove that no chunk the gateway acknowledged is ever sent again
// and show that pushes were answered "duplicate" (the idempotent path ran).
//
//   kiosk_sync_soak --config C --data-dir D --dir W (--submit-every-ms N
//       [--attachment-bytes B] [--attachment-every K] [--count N]
//       | --drain [--timeout-s S])
//
// Exit codes: 0 done (drain, --count) or stopped by SIGTERM/SIGINT (submit), 1 drain
// timed out, 2 bad flags or start-up error.
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "app/app_state.h"
#include "app/outbox_desk.h"
#include "config/kiosk_config.h"
#include "core/unique_fd.h"
#include "outbox/enrolment_store.h"
#include "outbox/outbox_test_support.h"
#include "outbox/sync_queue.h"
#include "sync/catalog_updates.h"
#include "sync/enrol_command.h"
#include "sync/http_client.h"
#include "sync/sealing.h"
#include "sync/sync_setup.h"
#include "sync/sync_worker.h"

namespace dvc::kiosk {
namespace {

std::atomic<bool> g_stop{false};
void OnSignal(int) { g_stop = true; }

struct Flags {
  std::string config_path;
  std::string data_dir;
  std::string dir;  // receipts.log, chunks.log, scans/
  int64_t submit_every_ms = 0;
  int64_t attachment_bytes = 0;
  int64_t attachment_every = 3;
  int64_t count = 0;  // submit: stop after this many receipts (0: until a signal)
  bool drain = false;
  int64_t timeout_s = 120;
};

bool ParseCount(const char* text, int64_t lo, int64_t hi, int64_t* out) {
  char* end = nullptr;
  const long long v = std::strtoll(text, &end, 10);
  if (end == text || *end != '\0' || v < lo || v > hi) return false;
  *out = v;
  return true;
}

bool ParseFlags(int argc, char** argv, Flags& f) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--drain") {
      f.drain = true;
      continue;
    }
    if (i + 1 >= argc) return false;
    const char* v = argv[++i];
    if (arg == "--config") {
      f.config_path = v;
    } else if (arg == "--data-dir") {
      f.data_dir = v;
    } else if (arg == "--dir") {
      f.dir = v;
    } else if (arg == "--submit-every-ms") {
      if (!ParseCount(v, 1, 60000, &f.submit_every_ms)) return false;
    } else if (arg == "--attachment-bytes") {
      if (!ParseCount(v, 0, 20 << 20, &f.attachment_bytes)) return false;
    } else if (arg == "--attachment-every") {
      if (!ParseCount(v, 1, 1000, &f.attachment_every)) return false;
    } else if (arg == "--count") {
      if (!ParseCount(v, 1, 1000000, &f.count)) return false;
    } else if (arg == "--timeout-s") {
      if (!ParseCount(v, 1, 86400, &f.timeout_s)) return false;
    } else {
      return false;
    }
  }
  return !f.dir.empty() && !f.data_dir.empty() && (f.drain != (f.submit_every_ms > 0)) &&
         (f.count == 0 || !f.drain);
}

// Appends one line with a single write(): lines from the worker thread never
// interleave, and a kill -9 loses at most the line being written (the
// kernel keeps what write() returned for). `durable` adds an fsync (a
// receipt must survive a power cut as the dossier does).
class LineLog {
 public:
  // `stamped`: each line starts with the Unix time in milliseconds.
  LineLog(const std::string& path, bool stamped)
      : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)),
        stamped_(stamped) {}
  bool ok() const { return fd_.valid(); }
  bool Append(const std::string& line, bool durable) {
    const std::string text = (stamped_ ? std::to_string(SystemUnixMs()) + " " : "") + line + "\n";
    if (::write(fd_.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
      return false;
    }
    return !durable || ::fsync(fd_.get()) == 0;
  }

 private:
  core::UniqueFd fd_;
  bool stamped_;
};

// The production GatewayClient with every chunk and push logged around it
// (each line after the Unix time in milliseconds):
//   send <sha> <offset> <bytes>                  before the PATCH
//   ok <sha> <offset> <new offset> <complete>    the gateway answered 2xx
//   fail <sha> <offset> <kind> <http> <code>     anything else
//   head <sha> <offset> <complete>               a HEAD answer
//   push <n> <result>:<code>... | push <n> fail <http>  a push's answer
//   body <n> <code>:<bytes>...                   before a push: each dossier's
//                                                JSON size (a drain's floor)
// A re-sent finished chunk is a `send` for a (sha, offset) that already had
// an `ok`: the loop counts them (there must be none). Only a decorator: the
// calls and answers pass through unchanged.
class ChunkLoggingGateway : public GatewayApi {
 public:
  ChunkLoggingGateway(std::unique_ptr<GatewayApi> inner, std::shared_ptr<LineLog> log)
      : inner_(std::move(inner)), log_(std::move(log)) {}

  GatewayAnswer<sync::PushResponse> Push(const sync::PushRequest& batch) override {
    std::string sizes = "body " + std::to_string(batch.dossiers.size());
    for (const sync::PushDossier& d : batch.dossiers) {
      sizes += " " + d.code + ":" + std::to_string(sync::ToJson(d).dump().size());
    }
    log_->Append(sizes, false);
    GatewayAnswer<sync::PushResponse> answer = inner_->Push(batch);
    std::string line = "push " + std::to_string(batch.dossiers.size());
    if (answer.ok()) {
      for (const sync::PushResult& r : answer->results) {
        line += " " + std::string(sync::PushOutcomeName(r.result)) + ":" + r.code;
      }
    } else {
      line += " fail " + std::to_string(answer.error().http_status);
    }
    log_->Append(line, false);
    return answer;
  }
  GatewayAnswer<UploadState> AttachmentOffset(std::string_view sha256) override {
    GatewayAnswer<UploadState> answer = inner_->AttachmentOffset(sha256);
    if (answer.ok()) {
      log_->Append("head " + std::string(sha256) + " " + std::to_string(answer->offset) + " " +
                       (answer->complete ? "1" : "0"),
                   false);
    }
    return answer;
  }
  GatewayAnswer<UploadState> AppendChunk(std::string_view sha256, uint64_t offset, uint64_t total,
                                         std::string_view bytes) override {
    const std::string sha(sha256);
    const std::string at = std::to_string(offset);
    log_->Append("send " + sha + " " + at + " " + std::to_string(bytes.size()), false);
    GatewayAnswer<UploadState> answer = inner_->AppendChunk(sha256, offset, total, bytes);
    if (answer.ok()) {
      log_->Append("ok " + sha + " " + at + " " + std::to_string(answer->offset) + " " +
                       (answer->complete ? "1" : "0"),
                   false);
    } else {
      const GatewayError& e = answer.error();
      log_->Append("fail " + sha + " " + at + " " + std::to_string(static_cast<int>(e.kind)) + " " +
                       std::to_string(e.http_status) + " " + (e.code.empty() ? "-" : e.code),
                   false);
    }
    return answer;
  }
  GatewayAnswer<sync::ChangesPage> Changes(int64_t after, size_t limit) override {
    return inner_->Changes(after, limit);
  }
  GatewayAnswer<nlohmann::json> Catalog(std::string_view version) override {
    return inner_->Catalog(version);
  }
  GatewayAnswer<std::optional<sync::LookupAnswer>> Lookup(std::string_view code) override {
    return inner_->Lookup(code);
  }

 private:
  std::unique_ptr<GatewayApi> inner_;
  std::shared_ptr<LineLog> log_;
};

// kiosk/main.cc's worker (MakeSyncWorker), with a ChunkLoggingGateway around
// its gateway; null when the config refuses the gateway URL (said on stderr).
std::unique_ptr<SyncWorker> MakeSoakWorker(const KioskConfig& config, const Enrolment& enrolment,
                                           const std::string& catalog_version,
                                           CorrectedClock& clock, std::shared_ptr<LineLog> log) {
  Result<std::unique_ptr<SyncWorker>> worker =
      MakeSyncWorker(config, enrolment, catalog_version, clock,
                     [log](std::unique_ptr<GatewayApi> inner) -> std::unique_ptr<GatewayApi> {
                       return std::make_unique<ChunkLoggingGateway>(std::move(inner), log);
                     });
  if (!worker.ok()) {
    std::fprintf(stderr, "kiosk_sync_soak: %s\n", worker.status().message().c_str());
    return nullptr;
  }
  return std::move(*worker);
}

// The n-th dossier: a certified copy (outbox_test_support.h's request), or
// every `attachment_every`-th one, when attachments are on, a birth
// registration with a freshly "scanned" file of random bytes.
Result<SubmissionDraft> MakeDraft(const KioskData& data, const Flags& flags, int64_t n,
                                  const calendar::Date& today) {
  SubmissionDraft draft;
  const bool with_scan = flags.attachment_bytes > 0 && n % flags.attachment_every == 0;
  if (!with_scan) {
    const SubmissionRequest request = testing::CertifiedCopyRequest();
    draft.service = data.catalog.FindService(request.service_id);
    draft.answers = request.answers;
    draft.applicant_name = request.applicant_name;
    draft.phone = request.phone;
  } else {
    draft.service = data.catalog.FindService("dang-ky-khai-sinh");
    // As kiosk/outbox/sync_test_support.h's BirthRequest, born a week ago so
    // the date stays valid whatever day the loop runs.
    draft.answers = {{"child_name", "Nguyễn Minh Khôi"},
                     {"child_birth_date", today.AddDays(-7).ToIso()},
                     {"child_sex", "nam"},
                     {"child_birth_place", "Bệnh viện Đa khoa tỉnh Thái Bình"},
                     {"child_ethnicity", "Kinh"},
                     {"child_nationality", "viet-nam"},
                     {"hometown", "Thái Bình"},
                     {"mother_name", "Trần Thị Lan"},
                     {"mother_id", "034195001234"},
                     {"requester_relation", "me"},
                     {"requester_name", "Trần Thị Lan"},
                     {"phone", "0912345678"}};
    draft.applicant_name = "Trần Thị Lan";
    draft.phone = "0912345678";
    const std::string scan =
        flags.dir + "/scans/scan-" + std::to_string(::getpid()) + "-" + std::to_string(n) + ".jpg";
    std::string bytes(static_cast<size_t>(flags.attachment_bytes), '\0');
    randombytes_buf(bytes.data(), bytes.size());
    std::ofstream out(scan, std::ios::binary | std::ios::trunc);
    out << bytes;
    out.close();
    if (!out) return Status::Io(scan + ": cannot write the scan");
    draft.attachments.push_back(DraftAttachment{"birth_cert_scan", scan});
  }
  if (draft.service == nullptr)
    return Status::NotFound("the soak's procedure is not in the catalog");
  return draft;
}

void PrintSnapshot(const char* what, const LinkSnapshot& s) {
  std::fprintf(stderr,
               "kiosk_sync_soak: %s: state=%s queued=%lld set_aside=%lld uploads_pending=%lld "
               "exchanges=%lld last_error=\"%s\"\n",
               what, std::string(LinkStateName(s.state)).c_str(), static_cast<long long>(s.queued),
               static_cast<long long>(s.set_aside), static_cast<long long>(s.uploads_pending),
               static_cast<long long>(s.exchanges), s.last_error.c_str());
  for (const SetAsideDossier& d : s.set_aside_dossiers) {
    std::fprintf(stderr, "kiosk_sync_soak: set aside %s %s: %s %s\n", d.code.c_str(), d.id.c_str(),
                 d.error_code.c_str(), d.reason.c_str());
  }
}

int Drain(SyncWorker& worker, const Flags& flags) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(flags.timeout_s);
  LinkSnapshot s;
  while (!g_stop && std::chrono::steady_clock::now() < deadline) {
    s = worker.Snapshot();
    // The figures are read after the exchange they follow, so a successful
    // exchange leaving nothing behind means everything reached the gateway.
    if (s.exchanges > 0 && s.state == LinkState::kOnline && s.queued == 0 && s.set_aside == 0 &&
        s.uploads_pending == 0) {
      PrintSnapshot("drained", s);
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  PrintSnapshot("not drained", s);
  return 1;
}

int Submit(OutboxDesk& desk, SyncWorker& worker, const KioskData& data, const Flags& flags,
           CorrectedClock& clock) {
  LineLog receipts(flags.dir + "/receipts.log", false);
  if (!receipts.ok()) {
    std::fprintf(stderr, "kiosk_sync_soak: cannot open %s/receipts.log\n", flags.dir.c_str());
    return 2;
  }
  int64_t n = 0, failures = 0, receipts_given = 0;
  auto next = std::chrono::steady_clock::now();
  while (!g_stop && (flags.count == 0 || receipts_given < flags.count)) {
    next += std::chrono::milliseconds(flags.submit_every_ms);
    std::this_thread::sleep_until(next);
    Result<calendar::LocalDateTime> now =
        calendar::LocalDateTime::FromUnixSeconds(clock.NowSeconds());
    if (!now.ok()) return 2;
    Result<SubmissionDraft> draft = MakeDraft(data, flags, ++n, now->date);
    if (!draft.ok()) {
      std::fprintf(stderr, "kiosk_sync_soak: %s\n", draft.status().message().c_str());
      return 2;
    }
    Result<receipt::ReceiptData> receipt = desk.Submit(*draft);
    for (const DraftAttachment& scan : draft->attachments) std::remove(scan.path.c_str());
    if (!receipt.ok()) {
      // No receipt shown: the resident would be told to try again.
      ++failures;
      std::fprintf(stderr, "kiosk_sync_soak: submit failed: %s\n",
                   receipt.status().message().c_str());
      if (flags.count > 0) return 2;  // the queue would not be the one asked for
      continue;
    }
    if (!receipts.Append(receipt->dossier_code, true)) {
      std::fprintf(stderr, "kiosk_sync_soak: cannot append to receipts.log\n");
      return 2;
    }
    ++receipts_given;
    worker.Notify();
  }
  std::fprintf(stderr, "kiosk_sync_soak: stopped after %lld submissions (%lld failed)\n",
               static_cast<long long>(n), static_cast<long long>(failures));
  PrintSnapshot("at stop", worker.Snapshot());
  return 0;
}

int Main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, flags)) {
    std::fprintf(stderr,
                 "usage: kiosk_sync_soak --config C --data-dir D --dir W (--submit-every-ms N "
                 "[--attachment-bytes B] [--attachment-every K] [--count N] | --drain "
                 "[--timeout-s S])\n");
    return 2;
  }
  if (sodium_init() < 0) return 2;
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);
  auto fail = [](const Status& s) {
    std::fprintf(stderr, "kiosk_sync_soak: %s\n", s.message().c_str());
    return 2;
  };
  // From here on, as kiosk/main.cc's Main for an enrolled kiosk.
  Result<KioskConfig> config = LoadKioskConfig(flags.config_path);
  if (!config.ok()) return fail(config.status());
  if (Status s = ApplyOverride(*config, "data_dir", flags.data_dir); !s.ok()) return fail(s);
  Result<KioskStartRecord> start = ReadKioskStart(config->data_dir);
  if (!start.ok()) return fail(start.status());
  if (!start->enrolment.has_value()) {
    return fail(Status::InvalidInput("the data dir is not enrolled"));
  }
  const Enrolment& e = *start->enrolment;
  if (std::string problems = AdoptEnrolment(*config, e); !problems.empty()) {
    std::fprintf(stderr, "kiosk_sync_soak: skipped catalogs: %s\n", problems.c_str());
  }
  CorrectedClock clock(SystemUnixMs, start->clock_offset_ms);
  auto unix_now = [&clock] { return clock.NowSeconds(); };
  Result<std::unique_ptr<KioskData>> data = LoadKioskData(*config);
  if (!data.ok()) return fail(data.status());
  Result<std::unique_ptr<OutboxDesk>> desk = OutboxDesk::Open(*config, **data, unix_now);
  if (!desk.ok()) return fail(desk.status());

  auto chunk_log = std::make_shared<LineLog>(flags.dir + "/chunks.log", true);
  if (!chunk_log->ok()) return fail(Status::Io(flags.dir + "/chunks.log: cannot open"));
  std::unique_ptr<SyncWorker> worker =
      MakeSoakWorker(*config, e, (*data)->catalog.version(), clock, chunk_log);
  if (!worker) return 2;
  // --count only queues: nothing may leave until the drain that is timed.
  if (flags.count == 0) worker->Start();
  const int status =
      flags.drain ? Drain(*worker, flags) : Submit(**desk, *worker, **data, flags, clock);
  worker->Stop();
  return status;
}

}  // namespace
}  // namespace dvc::kiosk

int main(int argc, char** argv) { return dvc::kiosk::Main(argc, argv); }
