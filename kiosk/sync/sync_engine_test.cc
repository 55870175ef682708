// The worker's loop against an in-memory outbox and a scripted gateway: push
// → ack → attachments resumed from the gateway's offset after a cut, never
// re-sending a chunk it acknowledged → pull → cursor.
#include "sync/sync_engine.h"

#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <thread>

#include "core/hex.h"
#include "store/scratch_dir.h"
#include "sync/sync_worker.h"

namespace dvc::kiosk {
namespace {

// ---- an in-memory SyncStore -------------------------------------------------

class MemoryStore : public SyncStore {
 public:
  enum class State { kQueued, kAcked, kAside };
  struct Held {
    sync::PushDossier dossier;
    State state = State::kQueued;
    std::string reason;
  };
  struct Upload {
    PendingUpload pending;
    bool done = false;
    bool refused = false;
    std::string reason;
  };

  std::vector<Held> dossiers;
  std::map<std::string, Upload> uploads;  // by sha256; pending once the dossier is acked
  std::map<std::string, std::string> attachment_paths;  // sha → file
  int64_t cursor = 0;
  std::vector<sync::Change> applied;
  int successes = 0;
  int64_t recorded_offset_ms = 0;
  // The uploads of dossiers acked from now on were started by an earlier run
  // (which may have sent bytes it never recorded).
  bool uploads_already_started = false;

  Result<std::vector<sync::PushDossier>> NextPushBatch(size_t limit) override {
    std::vector<sync::PushDossier> out;
    for (const Held& h : dossiers) {
      if (h.state == State::kQueued && out.size() < limit) out.push_back(h.dossier);
    }
    return out;
  }
  Status RecordPushResults(const sync::PushResponse& response, dossier::Timestamp) override {
    for (const sync::PushResult& r : response.results) {
      for (Held& h : dossiers) {
        if (h.dossier.id != r.id || h.state != State::kQueued) continue;
        if (r.result == sync::PushOutcome::kRefused) {
          h.state = State::kAside;
          h.reason = r.error ? r.error->message : "";
          continue;
        }
        h.state = State::kAcked;
        for (const dossier::AttachmentRef& a : h.dossier.attachments) {
          uploads[a.sha256].pending = PendingUpload{a.sha256, a.size, attachment_paths.at(a.sha256),
                                                    0, uploads_already_started};
        }
      }
    }
    return Status::Ok();
  }
  Result<std::vector<PendingUpload>> PendingUploads(size_t limit) override {
    std::vector<PendingUpload> out;
    for (const auto& [sha, u] : uploads) {
      if (!u.done && !u.refused && out.size() < limit) out.push_back(u.pending);
    }
    return out;
  }
  Status RecordUploadOffset(const std::string& sha, uint64_t offset) override {
    uploads.at(sha).pending.acked_offset = offset;
    uploads.at(sha).pending.started = true;
    return Status::Ok();
  }
  Status RecordUploadComplete(const std::string& sha) override {
    uploads.at(sha).done = true;
    return Status::Ok();
  }
  Status RecordUploadRefused(const std::string& sha, const std::string& reason) override {
    uploads.at(sha).refused = true;
    uploads.at(sha).reason = reason;
    return Status::Ok();
  }
  Status ApplyChanges(const sync::ChangesPage& page) override {
    applied.insert(applied.end(), page.changes.begin(), page.changes.end());
    cursor = page.next;
    return Status::Ok();
  }
  Status RecordSyncSuccess(dossier::Timestamp, int64_t offset_ms) override {
    ++successes;
    recorded_offset_ms = offset_ms;
    return Status::Ok();
  }
  Result<SyncSummary> Summarize() override {
    SyncSummary s;
    for (const Held& h : dossiers) {
      s.queued += h.state == State::kQueued;
      s.set_aside += h.state == State::kAside;
    }
    for (const auto& [sha, u] : uploads) s.uploads_pending += !u.done && !u.refused;
    s.cursor = cursor;
    return s;
  }
  Result<std::vector<SetAsideDossier>> SetAside() override {
    std::vector<SetAsideDossier> out;
    for (const Held& h : dossiers) {
      if (h.state == State::kAside)
        out.push_back({h.dossier.id, h.dossier.code, "", "", "", h.reason, {}});
    }
    return out;
  }
};

// ---- a scripted gateway -----------------------------------------------------

class FakeGateway : public GatewayApi {
 public:
  struct Chunk {
    uint64_t offset;
    size_t length;
  };
  std::map<std::string, sync::PushDossier> stored;
  std::map<std::string, std::string> expected;  // sha → the bytes it must end up holding
  std::map<std::string, std::string> held;      // sha → bytes received so far
  std::vector<Chunk> chunks_stored;             // every chunk the gateway kept
  int heads = 0;
  bool head_answers_zero = false;  // a HEAD answered from a lagging replica
  int pushes = 0;
  int changes_calls = 0;
  // Store the n-th chunk (1-based, over the gateway's life) and lose its answer.
  int cut_after_chunk = -1;
  int chunk_count = 0;
  std::optional<GatewayError> push_error;  // every push fails with this
  std::vector<sync::Change> changes;
  std::set<std::string> refuse_service;  // pushed dossiers of these services are refused
  // A batch holding one of these ids is refused whole (the strict reader's 400 bad_json).
  std::set<std::string> unreadable_ids;
  std::vector<size_t> push_sizes;
  std::optional<GatewayError> single_push_error;  // every push of one dossier fails with this
  // The next HEADs / chunks fail with these, one each, before the normal answers.
  std::deque<GatewayError> head_errors;
  std::deque<GatewayError> chunk_errors;
  // Look-ups: the answer given, and every request in order ("push", "head",
  // "chunk", "changes", "lookup <code>").
  GatewayAnswer<std::optional<sync::LookupAnswer>> lookup_answer =
      std::optional<sync::LookupAnswer>();
  std::vector<std::string> calls;
  std::function<void()> on_push;  // runs inside each Push (e.g. a resident asks meanwhile)
  // When set, receives `calls` as this gateway is destroyed: a worker's
  // gateway lives on the worker's thread and dies with it at Stop().
  std::vector<std::string>* calls_out = nullptr;
  ~FakeGateway() override {
    if (calls_out != nullptr) *calls_out = calls;
  }

  GatewayAnswer<sync::PushResponse> Push(const sync::PushRequest& batch) override {
    ++pushes;
    calls.push_back("push");
    push_sizes.push_back(batch.dossiers.size());
    if (on_push) on_push();
    if (push_error) return *push_error;
    if (single_push_error && batch.dossiers.size() == 1) return *single_push_error;
    for (const sync::PushDossier& d : batch.dossiers) {
      if (unreadable_ids.count(d.id)) {
        return GatewayError{GatewayFailure::kRefused,
                            400,
                            "bad_json",
                            "$.dossiers[0].created_at: expected a time",
                            {}};
      }
    }
    sync::PushResponse response;
    for (const sync::PushDossier& d : batch.dossiers) {
      sync::PushResult r;
      r.id = d.id;
      r.code = d.code;
      if (refuse_service.count(d.service_id)) {
        r.result = sync::PushOutcome::kRefused;
        r.error = sync::ApiError{0, "unknown_service", "no service " + d.service_id};
      } else {
        r.result = stored.count(d.id) ? sync::PushOutcome::kDuplicate : sync::PushOutcome::kStored;
        stored[d.id] = d;
        r.status = dossier::DossierStatus::kReceived;
      }
      response.results.push_back(r);
    }
    return response;
  }
  GatewayAnswer<UploadState> AttachmentOffset(std::string_view sha) override {
    ++heads;
    calls.push_back("head");
    if (!head_errors.empty()) {
      GatewayError error = head_errors.front();
      head_errors.pop_front();
      return error;
    }
    const std::string& bytes = held[std::string(sha)];
    const std::string& want = expected.at(std::string(sha));
    return UploadState{head_answers_zero ? 0 : bytes.size(), want.size(), bytes == want};
  }
  GatewayAnswer<UploadState> AppendChunk(std::string_view sha, uint64_t offset, uint64_t total,
                                         std::string_view bytes) override {
    calls.push_back("chunk");
    if (!chunk_errors.empty()) {
      GatewayError error = chunk_errors.front();
      chunk_errors.pop_front();
      return error;
    }
    std::string& have = held[std::string(sha)];
    const std::string& want = expected.at(std::string(sha));
    if (offset != have.size()) {
      return GatewayError{GatewayFailure::kRefused, 409, "offset_mismatch", "offset", have.size()};
    }
    EXPECT_EQ(total, want.size());
    have.append(bytes);
    chunks_stored.push_back({offset, bytes.size()});
    if (++chunk_count == cut_after_chunk) {
      return GatewayError{GatewayFailure::kTransport, 0, "", "connection reset", {}};
    }
    if (have.size() == want.size() && have != want) {
      have.clear();
      return GatewayError{GatewayFailure::kRefused, 422, "hash_mismatch", "hash differs", {}};
    }
    return UploadState{have.size(), want.size(), have == want};
  }
  GatewayAnswer<sync::ChangesPage> Changes(int64_t after, size_t limit) override {
    ++changes_calls;
    calls.push_back("changes");
    sync::ChangesPage page;
    page.next = after;
    for (const sync::Change& c : changes) {
      if (c.seq <= after) continue;
      if (page.changes.size() == limit) {
        page.more = true;
        break;
      }
      page.changes.push_back(c);
      page.next = c.seq;
    }
    return page;
  }
  GatewayAnswer<nlohmann::json> Catalog(std::string_view) override {
    return GatewayError{GatewayFailure::kRefused, 404, "unknown_catalog_version", "none", {}};
  }
  GatewayAnswer<std::optional<sync::LookupAnswer>> Lookup(std::string_view code) override {
    calls.push_back("lookup " + std::string(code));
    return lookup_answer;
  }
};

class SyncEngineTest : public ::testing::Test {
 protected:
  // A queued dossier; with `attachment_bytes` > 0 it carries a sealed file of that size.
  void Queue(const std::string& id, const std::string& service, size_t attachment_bytes = 0) {
    MemoryStore::Held held;
    held.dossier.id = id;
    held.dossier.code = "12430-" + id;
    held.dossier.service_id = service;
    if (attachment_bytes > 0) {
      std::string bytes(attachment_bytes, '\0');
      for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>('a' + (i * 7 + id.size()) % 26);
      std::string sha(64, '0');
      const std::string tag = core::HexOf(std::span<const uint8_t>(
          reinterpret_cast<const uint8_t*>(id.data()), std::min<size_t>(id.size(), 32)));
      sha.replace(0, tag.size(), tag);
      const std::string path = scratch_.File(sha);
      std::ofstream(path, std::ios::binary) << bytes;
      store_.attachment_paths[sha] = path;
      gateway_.expected[sha] = bytes;
      held.dossier.attachments.push_back({"giay", sha, bytes.size()});
    }
    store_.dossiers.push_back(held);
  }

  SyncEngine Engine(size_t batch = 2, size_t chunk = 256) {
    SyncSettings settings;
    settings.batch_size = batch;
    settings.chunk_bytes = chunk;
    settings.changes_limit = 2;
    settings.data_dir = scratch_.File("data");
    settings.catalog_version = "2026.11.1";
    return SyncEngine(store_, gateway_, clock_, settings, &stop_);
  }

  store::ScratchDir scratch_;
  MemoryStore store_;
  FakeGateway gateway_;
  int64_t local_ms_ = 1'790'000'000'000;
  CorrectedClock clock_{[this] { return local_ms_; }};
  std::atomic<bool> stop_{false};
};

TEST_F(SyncEngineTest, PushesUploadsAfterACutWithoutResendingAndPullsToTheCursor) {
  Queue("d1", "chung-thuc");
  Queue("d2", "bogus");  // refused: set aside, the next ones still go
  Queue("d3", "khai-sinh", 1000);
  Queue("d4", "chung-thuc");
  gateway_.cut_after_chunk = 2;  // the gateway keeps chunk 2 but its answer is lost
  for (int64_t seq = 1; seq <= 5; ++seq) {
    sync::Change c;
    c.seq = seq;
    c.id = "d1";
    gateway_.changes.push_back(c);
  }
  gateway_.refuse_service = {"bogus"};
  SyncEngine engine = Engine();

  CycleReport first = engine.RunCycle();
  EXPECT_EQ(first.outcome, CycleOutcome::kTransport) << first.error;
  EXPECT_EQ(gateway_.pushes, 2);  // 4 dossiers in batches of 2
  EXPECT_EQ(gateway_.stored.size(), 3u);
  EXPECT_EQ(store_.dossiers[1].state, MemoryStore::State::kAside);
  EXPECT_EQ(store_.dossiers[1].reason, "no service bogus");
  EXPECT_EQ(store_.dossiers[3].state, MemoryStore::State::kAcked);
  EXPECT_EQ(store_.successes, 0);

  CycleReport second = engine.RunCycle();
  ASSERT_EQ(second.outcome, CycleOutcome::kOk) << second.error;
  EXPECT_EQ(gateway_.pushes, 2);  // nothing left to push
  // No HEAD on first touch (nothing of it had left), one after the cut.
  EXPECT_EQ(gateway_.heads, 1);
  const std::string& sha = store_.dossiers[2].dossier.attachments[0].sha256;
  EXPECT_TRUE(store_.uploads.at(sha).done);
  EXPECT_EQ(gateway_.held[sha], gateway_.expected[sha]);
  // Every byte went up exactly once: 0, 256, 512, 768.
  ASSERT_EQ(gateway_.chunks_stored.size(), 4u);
  for (size_t i = 0; i < gateway_.chunks_stored.size(); ++i) {
    EXPECT_EQ(gateway_.chunks_stored[i].offset, 256 * i);
  }
  EXPECT_EQ(second.chunks_sent, 2u);  // 512 and 768: the lost answer's chunk was not re-sent
  // Pages of 2: 1-2, 3-4, 5.
  EXPECT_EQ(gateway_.changes_calls, 3);
  EXPECT_EQ(store_.cursor, 5);
  EXPECT_EQ(store_.applied.size(), 5u);
  EXPECT_EQ(store_.successes, 1);

  // A third exchange has nothing to do but an empty pull.
  CycleReport third = engine.RunCycle();
  EXPECT_EQ(third.outcome, CycleOutcome::kOk);
  EXPECT_EQ(third.pushed + third.chunks_sent + third.changes, 0u);
  EXPECT_EQ(store_.cursor, 5);
}

TEST_F(SyncEngineTest, ResumesWhereTheGatewaySaysWhenItHoldsMoreThanRecorded) {
  Queue("d1", "khai-sinh", 700);
  const std::string sha = store_.dossiers[0].dossier.attachments[0].sha256;
  // A previous run's chunk reached the gateway; the kiosk died before recording it.
  gateway_.held[sha] = gateway_.expected[sha].substr(0, 256);
  store_.uploads_already_started = true;
  SyncEngine engine = Engine(50, 256);
  CycleReport report = engine.RunCycle();
  ASSERT_EQ(report.outcome, CycleOutcome::kOk) << report.error;
  EXPECT_EQ(gateway_.heads, 1);
  ASSERT_EQ(gateway_.chunks_stored.size(), 2u);
  EXPECT_EQ(gateway_.chunks_stored[0].offset, 256u);
  EXPECT_EQ(gateway_.chunks_stored[1].offset, 512u);
  EXPECT_TRUE(store_.uploads.at(sha).done);
}

TEST_F(SyncEngineTest, OffsetMismatchMovesToTheGatewaysOffset) {
  Queue("d1", "khai-sinh", 600);
  const std::string sha = store_.dossiers[0].dossier.attachments[0].sha256;
  gateway_.held[sha] = gateway_.expected[sha].substr(0, 256);
  gateway_.head_answers_zero = true;
  SyncEngine engine = Engine(50, 256);
  CycleReport report = engine.RunCycle();
  ASSERT_EQ(report.outcome, CycleOutcome::kOk) << report.error;
  // The chunk at 0 was answered 409 with 256; the upload went on from there.
  ASSERT_EQ(gateway_.chunks_stored.size(), 2u);
  EXPECT_EQ(gateway_.chunks_stored[0].offset, 256u);
  EXPECT_EQ(gateway_.chunks_stored[1].offset, 512u);
  EXPECT_EQ(report.chunks_sent, 3u);
  EXPECT_TRUE(store_.uploads.at(sha).done);
}

TEST_F(SyncEngineTest, ARefusedAttachmentIsSetAsideAndTheOthersGoOn) {
  Queue("d1", "khai-sinh", 300);
  Queue("d2", "khai-sinh", 300);
  const std::string bad = store_.dossiers[0].dossier.attachments[0].sha256;
  const std::string good = store_.dossiers[1].dossier.attachments[0].sha256;
  gateway_.expected[bad][0] ^= 1;  // the sealed file no longer hashes to its name
  SyncEngine engine = Engine(50, 256);
  CycleReport report = engine.RunCycle();
  ASSERT_EQ(report.outcome, CycleOutcome::kOk) << report.error;
  EXPECT_TRUE(store_.uploads.at(bad).refused);
  EXPECT_NE(store_.uploads.at(bad).reason.find("hash_mismatch"), std::string::npos);
  EXPECT_TRUE(store_.uploads.at(good).done);
}

TEST_F(SyncEngineTest, AnAuthRefusalKeepsTheQueue) {
  Queue("d1", "chung-thuc");
  gateway_.push_error = GatewayError{GatewayFailure::kAuth, 401, "revoked_kiosk", "revoked", {}};
  SyncEngine engine = Engine();
  CycleReport report = engine.RunCycle();
  EXPECT_EQ(report.outcome, CycleOutcome::kAuth);
  EXPECT_NE(report.error.find("revoked_kiosk"), std::string::npos);
  EXPECT_EQ(store_.dossiers[0].state, MemoryStore::State::kQueued);
  EXPECT_EQ(store_.successes, 0);
  EXPECT_EQ(gateway_.changes_calls, 0);
}

TEST_F(SyncEngineTest, AServerErrorEndsTheExchangeAndKeepsTheQueue) {
  Queue("d1", "chung-thuc");
  gateway_.push_error = GatewayError{GatewayFailure::kServer, 503, "", "HTTP 503", {}};
  SyncEngine engine = Engine();
  EXPECT_EQ(engine.RunCycle().outcome, CycleOutcome::kServer);
  EXPECT_EQ(store_.dossiers[0].state, MemoryStore::State::kQueued);
}

TEST_F(SyncEngineTest, StopEndsTheExchangeBeforeTheNextRequest) {
  Queue("d1", "chung-thuc");
  stop_ = true;
  SyncEngine engine = Engine();
  EXPECT_EQ(engine.RunCycle().outcome, CycleOutcome::kStopped);
  EXPECT_EQ(gateway_.pushes, 0);
}

TEST_F(SyncEngineTest, RecordsTheClockOffsetWithTheSuccess) {
  clock_.set_offset_ms(-4321);
  SyncEngine engine = Engine();
  ASSERT_EQ(engine.RunCycle().outcome, CycleOutcome::kOk);
  EXPECT_EQ(store_.recorded_offset_ms, -4321);
}

// ---- attachments: only the gateway's verdicts on the file set it aside ------

GatewayError Refused(int status, std::string code = "") {
  return GatewayError{
      GatewayFailure::kRefused, status, std::move(code), "HTTP " + std::to_string(status), {}};
}

TEST_F(SyncEngineTest, AHeadRefusedWithoutTheGatewaysCodeIsRetriedNotSetAside) {
  // A HEAD 404 with no JSON body (a proxy, a gateway restarting behind it)
  // and the gateway's plain not_found say nothing about the file.
  for (const GatewayError& error :
       {Refused(404), Refused(404, "not_found"), Refused(405), Refused(408), Refused(429)}) {
    SCOPED_TRACE(error.http_status);
    store_ = MemoryStore();
    store_.uploads_already_started = true;  // so the engine asks HEAD first
    gateway_ = FakeGateway();
    Queue("d1", "khai-sinh", 300);
    const std::string sha = store_.dossiers[0].dossier.attachments[0].sha256;
    gateway_.head_errors = {error};
    SyncEngine engine = Engine(50, 256);
    CycleReport first = engine.RunCycle();
    EXPECT_EQ(first.outcome, CycleOutcome::kServer) << first.error;  // backs off
    EXPECT_FALSE(store_.uploads.at(sha).refused) << store_.uploads.at(sha).reason;
    EXPECT_EQ(store_.successes, 0);
    CycleReport second = engine.RunCycle();
    ASSERT_EQ(second.outcome, CycleOutcome::kOk) << second.error;
    EXPECT_TRUE(store_.uploads.at(sha).done);
    EXPECT_EQ(gateway_.held[sha], gateway_.expected[sha]);
  }
}

TEST_F(SyncEngineTest, AChunkRefusedByTheLinkIsResumedAfterAHeadNotSetAside) {
  // A proxy's 400/413/429 or a read timeout (408) on a stalled 2G link.
  for (const GatewayError& error :
       {Refused(400), Refused(408), Refused(413), Refused(429), Refused(400, "bad_request")}) {
    SCOPED_TRACE(error.http_status);
    store_ = MemoryStore();
    gateway_ = FakeGateway();
    Queue("d1", "khai-sinh", 600);
    const std::string sha = store_.dossiers[0].dossier.attachments[0].sha256;
    SyncEngine engine = Engine(50, 256);
    gateway_.cut_after_chunk = 1;  // the first chunk is kept, its answer lost
    ASSERT_EQ(engine.RunCycle().outcome, CycleOutcome::kTransport);
    gateway_.chunk_errors = {error};
    CycleReport refused = engine.RunCycle();
    EXPECT_EQ(refused.outcome, CycleOutcome::kServer) << refused.error;
    EXPECT_FALSE(store_.uploads.at(sha).refused) << store_.uploads.at(sha).reason;
    const int heads_before = gateway_.heads;
    CycleReport resumed = engine.RunCycle();
    ASSERT_EQ(resumed.outcome, CycleOutcome::kOk) << resumed.error;
    EXPECT_EQ(gateway_.heads, heads_before + 1);  // HEAD first
    EXPECT_TRUE(store_.uploads.at(sha).done);
    // Every byte went up once: 0, 256, 512.
    ASSERT_EQ(gateway_.chunks_stored.size(), 3u);
    EXPECT_EQ(gateway_.chunks_stored[1].offset, 256u);
  }
}

TEST_F(SyncEngineTest, TheGatewaysVerdictsOnTheFileSetItAside) {
  // Given to the HEAD of an upload started before, or to the first chunk of a
  // fresh one (which goes without a HEAD).
  for (const bool started : {true, false})
    for (const GatewayError& error :
         {Refused(404, "attachment_not_referenced"), Refused(413, "attachment_too_large"),
          Refused(400, "length_mismatch")}) {
      SCOPED_TRACE(error.code + (started ? " on HEAD" : " on the first chunk"));
      store_ = MemoryStore();
      store_.uploads_already_started = started;
      gateway_ = FakeGateway();
      Queue("d1", "khai-sinh", 300);
      Queue("d2", "khai-sinh", 300);
      const std::string bad = store_.dossiers[0].dossier.attachments[0].sha256;
      const std::string good = store_.dossiers[1].dossier.attachments[0].sha256;
      // bad sorts first: its HEAD or first chunk is the first one sent.
      ASSERT_LT(bad, good);
      if (started) {
        gateway_.head_errors = {error};
      } else {
        gateway_.chunk_errors = {error};
      }
      SyncEngine engine = Engine(50, 256);
      CycleReport report = engine.RunCycle();
      ASSERT_EQ(report.outcome, CycleOutcome::kOk) << report.error;
      EXPECT_TRUE(store_.uploads.at(bad).refused);
      EXPECT_NE(store_.uploads.at(bad).reason.find(error.code), std::string::npos);
      EXPECT_TRUE(store_.uploads.at(good).done);
    }
}

// ---- a batch refused whole ----------------------------------------------------

TEST_F(SyncEngineTest, ABatchRefusedWholeIsSplitAndOnlyTheUnreadableDossierIsSetAside) {
  Queue("d1", "chung-thuc");
  Queue("d2", "chung-thuc");
  Queue("d3", "chung-thuc");
  Queue("d4", "chung-thuc");
  gateway_.unreadable_ids = {"d2"};
  SyncEngine engine = Engine(50);
  CycleReport report = engine.RunCycle();
  ASSERT_EQ(report.outcome, CycleOutcome::kOk) << report.error;
  EXPECT_EQ(gateway_.push_sizes, (std::vector<size_t>{4, 1, 1, 1, 1}));
  EXPECT_EQ(store_.dossiers[1].state, MemoryStore::State::kAside);
  EXPECT_EQ(store_.dossiers[1].reason, "$.dossiers[0].created_at: expected a time");
  for (size_t i : {0u, 2u, 3u}) EXPECT_EQ(store_.dossiers[i].state, MemoryStore::State::kAcked);
  EXPECT_EQ(gateway_.stored.size(), 3u);
  EXPECT_EQ(store_.successes, 1);
  // The next exchange pushes nothing again.
  ASSERT_EQ(engine.RunCycle().outcome, CycleOutcome::kOk);
  EXPECT_EQ(gateway_.pushes, 5);
}

TEST_F(SyncEngineTest, ASingleDossierRefusedByTheLinkIsNotSetAside) {
  Queue("d1", "chung-thuc");
  Queue("d2", "chung-thuc");
  gateway_.unreadable_ids = {"d2"};
  for (const GatewayError& error :
       {Refused(408), Refused(429),
        GatewayError{GatewayFailure::kAuth, 401, "replayed_nonce", "nonce", {}}}) {
    SCOPED_TRACE(error.http_status);
    gateway_.single_push_error = error;
    SyncEngine engine = Engine(50);
    CycleReport report = engine.RunCycle();
    EXPECT_NE(report.outcome, CycleOutcome::kOk);
    EXPECT_EQ(store_.dossiers[0].state, MemoryStore::State::kQueued);
    EXPECT_EQ(store_.dossiers[1].state, MemoryStore::State::kQueued);
  }
  // Once the link lets single pushes through, only d2 is set aside.
  gateway_.single_push_error.reset();
  SyncEngine engine = Engine(50);
  ASSERT_EQ(engine.RunCycle().outcome, CycleOutcome::kOk);
  EXPECT_EQ(store_.dossiers[0].state, MemoryStore::State::kAcked);
  EXPECT_EQ(store_.dossiers[1].state, MemoryStore::State::kAside);
}

TEST_F(SyncEngineTest, ABatchOfOneRefusedWithA4xxIsSetAsideWithoutAnotherPush) {
  Queue("d1", "chung-thuc");
  Queue("d2", "chung-thuc");
  gateway_.unreadable_ids = {"d1"};
  SyncEngine engine = Engine(1);
  ASSERT_EQ(engine.RunCycle().outcome, CycleOutcome::kOk);
  EXPECT_EQ(gateway_.push_sizes, (std::vector<size_t>{1, 1}));
  EXPECT_EQ(store_.dossiers[0].state, MemoryStore::State::kAside);
  EXPECT_EQ(store_.dossiers[1].state, MemoryStore::State::kAcked);
}

// ---- look-ups asked of the gateway by the worker ---------------------------

sync::LookupAnswer Answer(const std::string& code) {
  sync::LookupAnswer a;
  a.code = code;
  a.status = dossier::DossierStatus::kInProcessing;
  a.received_at = dossier::Timestamp(std::chrono::seconds(1'790'000'000));
  a.official_appointment = calendar::Date::Ymd(2026, 11, 5);
  return a;
}

TEST(SyncWorkerLookupTest, AnswersAreSortedForTheScreen) {
  FakeGateway gateway;
  gateway.lookup_answer = std::optional<sync::LookupAnswer>(Answer("C1"));
  RemoteLookup found = SyncWorker::AskGateway(gateway, 7, "C1");
  EXPECT_EQ(found.serial, 7u);
  EXPECT_EQ(found.outcome, RemoteLookupOutcome::kFound);
  ASSERT_TRUE(found.answer.has_value());
  EXPECT_EQ(*found.answer, Answer("C1"));

  gateway.lookup_answer = std::optional<sync::LookupAnswer>();
  EXPECT_EQ(SyncWorker::AskGateway(gateway, 8, "C1").outcome, RemoteLookupOutcome::kNotFound);

  gateway.lookup_answer = Refused(400, "code_mistyped");
  EXPECT_EQ(SyncWorker::AskGateway(gateway, 9, "C1").outcome, RemoteLookupOutcome::kMistyped);

  // The link's failures, a proxy's 400 and an auth refusal: "try again".
  for (const GatewayError& error :
       {GatewayError{GatewayFailure::kTransport, 0, "", "connect timeout", {}}, Refused(400),
        Refused(429), GatewayError{GatewayFailure::kAuth, 401, "revoked_kiosk", "revoked", {}},
        GatewayError{GatewayFailure::kServer, 503, "", "HTTP 503", {}}}) {
    gateway.lookup_answer = error;
    RemoteLookup r = SyncWorker::AskGateway(gateway, 10, "C1");
    EXPECT_EQ(r.outcome, RemoteLookupOutcome::kUnreachable) << error.http_status;
    EXPECT_FALSE(r.error.empty());
  }
}

// Runs a SyncWorker over a MemoryStore and a FakeGateway it makes on its
// thread; `configure` prepares the gateway there.
class SyncWorkerTest : public ::testing::Test {
 protected:
  void StartWorker(int64_t interval_s = 3600) {
    SyncWorkerOptions options;
    options.interval_s = interval_s;
    options.settings.batch_size = 50;
    options.settings.data_dir = scratch_.File("data");
    options.settings.catalog_version = "2026.11.1";
    worker_ = std::make_unique<SyncWorker>(
        options,
        [this]() -> Result<std::unique_ptr<SyncStore>> {
          auto store = std::make_unique<MemoryStore>();
          store->dossiers = queued_;
          return std::unique_ptr<SyncStore>(std::move(store));
        },
        [this](const std::atomic<bool>&) {
          auto gateway = std::make_unique<FakeGateway>();
          gateway->calls_out = &calls_;
          gateway->lookup_answer = std::optional<sync::LookupAnswer>(Answer("12430AAAAAAAAA"));
          if (configure_) configure_(*gateway);
          return std::unique_ptr<GatewayApi>(std::move(gateway));
        },
        clock_);
    worker_->Start();
  }

  // Waits (without sleeping) until `done` holds for a snapshot; the deadline
  // only turns a hang into a failure.
  LinkSnapshot AwaitSnapshot(const std::function<bool(const LinkSnapshot&)>& done) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    LinkSnapshot s = worker_->Snapshot();
    while (!done(s) && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::yield();
      s = worker_->Snapshot();
    }
    return s;
  }

  store::ScratchDir scratch_;
  std::vector<MemoryStore::Held> queued_;
  std::function<void(FakeGateway&)> configure_;
  std::vector<std::string> calls_;  // the worker's gateway's calls, complete after Stop
  CorrectedClock clock_{[] { return int64_t{1'790'000'000'000}; }};
  std::unique_ptr<SyncWorker> worker_;
};

TEST_F(SyncWorkerTest, AnIdleWorkerIsWokenToAskTheGatewayAndPublishesTheAnswer) {
  StartWorker(/*interval_s=*/3600);
  ASSERT_EQ(AwaitSnapshot([](const LinkSnapshot& s) { return s.exchanges == 1; }).exchanges, 1);
  // The worker now waits an hour; the resident's question must not.
  const uint64_t serial = worker_->RequestLookup("12430AAAAAAAAA");
  EXPECT_GT(serial, 0u);
  LinkSnapshot s = AwaitSnapshot([&](const LinkSnapshot& x) { return x.lookup.serial == serial; });
  ASSERT_EQ(s.lookup.serial, serial);
  EXPECT_EQ(s.lookup.code, "12430AAAAAAAAA");
  EXPECT_EQ(s.lookup.outcome, RemoteLookupOutcome::kFound);
  ASSERT_TRUE(s.lookup.answer.has_value());
  EXPECT_EQ(s.lookup.answer->status, dossier::DossierStatus::kInProcessing);
  EXPECT_EQ(s.exchanges, 1);  // answering did not start an exchange early
  worker_->Stop();
  EXPECT_EQ(calls_, (std::vector<std::string>{"changes", "lookup 12430AAAAAAAAA"}));
}

TEST_F(SyncWorkerTest, ALookUpAskedDuringAnExchangeIsServedBeforeItsNextRequest) {
  MemoryStore::Held held;
  held.dossier.id = "d1";
  held.dossier.code = "12430-d1";
  queued_.push_back(held);
  configure_ = [this](FakeGateway& gateway) {
    gateway.on_push = [this] { worker_->RequestLookup("12430BBBBBBBBB"); };
  };
  StartWorker();
  LinkSnapshot s = AwaitSnapshot([](const LinkSnapshot& x) { return x.exchanges == 1; });
  EXPECT_EQ(s.lookup.code, "12430BBBBBBBBB");
  worker_->Stop();
  EXPECT_EQ(calls_, (std::vector<std::string>{"push", "lookup 12430BBBBBBBBB", "changes"}));
}

}  // namespace
}  // namespace dvc::kiosk
