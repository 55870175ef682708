// GatewayService: the domain rules behind every endpoint of docs/sync-api.md
// (enrolment, request authentication and nonces, push, attachments, changes,
// catalog bundles, look-up, the operator API, one-stop events, metrics and
// health). The HTTP layer (sms-gateway/http) parses requests with shared/sync's
// readers, calls one operation, and writes the ApiResult: a value as JSON
// (sync::ToJson or the ToJson functions of operator_types.h) or the error body
// with its status, plus ApiResult::headers().
//
// Thread-safety: every public member may be called concurrently from any
// number of threads (cpp-httplib's pool). Scheme: one writer SQLite connection
// behind a mutex (every write is one short IMMEDIATE transaction, committed
// with synchronous=FULL before the operation returns), and a small pool of
// reader connections (WAL readers never block the writer). CPU-heavy checks —
// signatures, opening sealed boxes, answer validation, hashing — run before
// the writer mutex is taken. Loaded catalogs are cached per version, immutable
// and shared.
//
// Ownership: the service owns its databases and caches; the caller owns the
// object (unique_ptr from Open) and must keep it alive while requests run.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/office_hours.h"
#include "service/api_result.h"
#include "service/operator_types.h"
#include "service/sms_commands.h"
#include "service/sms_notifications.h"
#include "service/sms_queue.h"
#include "service/sms_retention.h"
#include "sync/messages.h"
#include "sync/request_signature.h"
#include "sync/sealing.h"

namespace dvc::catalog {
class Catalog;
}

namespace dvc::gateway {

struct GatewayServiceOptions {
  // Holds gateway.db and attachments/; created if missing.
  std::string data_dir;
  // Bootstrap catalog: published as the first version at the first Open when
  // no version is published yet. Empty: nothing is published until an operator
  // does. Ignored once a version exists.
  std::string catalog_dir;
  // Holiday data file (shared/calendar HolidayData); empty: statutory rules only.
  std::string holidays_file;
  // Administrative units CSV for address validation; empty: communes are only
  // checked to be 5 digits (and enrolment accepts any 5-digit commune).
  std::string units_csv;
  // Reference tables (citizen ID provinces, mobile prefixes): REQUIRED, the
  // answer validation needs them.
  std::string reference_dir;
  // The province office's hours, for official appointments.
  calendar::OfficeHours office_hours = calendar::OfficeHours::Default();
  // How long an enrolment code stays valid.
  int64_t enrolment_code_ttl_s = 24 * 3600;
  // Gateway clock, Unix milliseconds. Empty: the system clock. Tests inject one.
  std::function<int64_t()> now_ms;
  // The province's keys (loaded by the caller with sync::ProvinceKeys::Load).
  // REQUIRED (Open fails with kInvalidInput when null).
  std::shared_ptr<const sync::ProvinceKeys> keys;
  // Reader connections kept for concurrent reads.
  int reader_connections = 4;
  // Tests only: called by request authentication after a kiosk's row was read
  // from the database and before it enters the cache (a revoke may commit in
  // between). Empty in production.
  std::function<void(int64_t kiosk_id)> after_kiosk_read_for_test;
};

// The authenticated caller of a kiosk request.
struct KioskRef {
  int64_t kiosk_id = 0;
  std::string commune_code;
  uint32_t issuer = 0;
  std::string signer_id;
  std::string name;
};

class GatewayService {
 public:
  // Opens (creating and migrating) data_dir/gateway.db, loads the calendar,
  // units and reference data, and publishes the bootstrap catalog if none is
  // published. Errors: kInvalidInput (missing keys or reference dir, bad
  // catalog), kIo (cannot create data_dir, open files), store errors.
  static Result<std::unique_ptr<GatewayService>> Open(GatewayServiceOptions options);
  ~GatewayService();
  GatewayService(const GatewayService&) = delete;
  GatewayService& operator=(const GatewayService&) = delete;

  // The gateway's clock (X-DVC-Time), Unix milliseconds.
  int64_t NowMs() const;

  // ---- kiosk side ------------------------------------------------------------

  // POST /v1/enroll. Errors: 400 bad_request (code or key shape), 400 bad_proof,
  // 403 enrolment_code_unknown / enrolment_code_used / enrolment_code_expired,
  // 409 key_already_enrolled (the key belongs to a revoked kiosk),
  // 409 commune_mismatch / issuer_taken (request.issuer cannot be granted),
  // 409 issuers_exhausted. The code is spent in the transaction that registers
  // the kiosk; a refusal spends nothing. Idempotent: a key already enrolled
  // (not revoked) presenting the code that enrolled it, or any unspent valid
  // code (left unspent), gets its stored enrolment again.
  ApiResult<sync::EnrollResponse> Enroll(const sync::EnrollRequest& request);

  // Checks a signed kiosk request (every /v1 request but enroll). `body` is
  // the uncompressed body; `extra_lines` the Upload-Offset and Upload-Length
  // values for attachment chunks. Errors (401): missing_signature,
  // unknown_kiosk, revoked_kiosk, bad_signature, stale_timestamp,
  // replayed_nonce. Records the nonce (kept 15 min) and, at most every 10 s
  // per kiosk, last_seen.
  ApiResult<KioskRef> Authenticate(std::string_view method, std::string_view path_and_query,
                                   const sync::SignatureHeaders& headers, std::string_view body,
                                   const std::vector<std::string>& extra_lines = {});

  // POST /v1/dossiers: one result per dossier, in order; every stored one is
  // committed durably before this returns. Errors: 413 batch_too_large.
  // Per-dossier refusals are results, not errors.
  ApiResult<sync::PushResponse> Push(const KioskRef& kiosk, const sync::PushRequest& request);

  // HEAD /v1/attachments/<sha>. Errors: 400 bad_request (sha shape),
  // 404 attachment_not_referenced (no stored dossier of this kiosk names it).
  ApiResult<AttachmentState> AttachmentStatus(const KioskRef& kiosk, std::string_view sha256);

  // PATCH /v1/attachments/<sha>: appends `chunk` at `offset` (fsync'd before
  // returning); when the file is complete, verifies its SHA-256 and marks it
  // complete. Errors: 400 bad_request, 404 attachment_not_referenced,
  // 413 chunk_too_large / attachment_too_large, 400 length_mismatch (length is
  // not the declared size), 409 offset_mismatch (with header Upload-Offset:
  // the gateway's offset), 422 hash_mismatch (partial file discarded, offset 0).
  // A chunk for an already complete attachment answers its state.
  ApiResult<AttachmentState> AppendAttachment(const KioskRef& kiosk, std::string_view sha256,
                                              uint64_t offset, uint64_t length,
                                              std::string_view chunk);

  // GET /v1/changes: this kiosk's changes with seq > after, ascending, at most
  // `limit` (1..kMaxChangesPerPull, else 400 bad_request); the current catalog
  // pointer. Records the pull time (metrics' pull lag).
  ApiResult<sync::ChangesPage> Changes(const KioskRef& kiosk, int64_t after, int limit);

  // GET /v1/catalog/<version>: the signed bundle's JSON text, exactly as signed.
  // Errors: 404 unknown_catalog_version.
  ApiResult<std::string> CatalogBundle(std::string_view version);

  // GET /v1/lookup/<code>: by dossier code (as typed) or province number.
  // Errors: 400 code_mistyped (check character wrong), 404 not_found.
  ApiResult<sync::LookupAnswer> Lookup(const KioskRef& kiosk, std::string_view typed_code);

  // The current published catalog (shared, immutable), for the USSD menu;
  // nullptr when none is published. Errors: 500 internal (unreadable).
  ApiResult<std::shared_ptr<const catalog::Catalog>> CurrentCatalog();

  // ---- operator side (`actor` is written to the audit log) -------------------

  // POST /v1/admin/enrolments. Errors: 400 bad_request (commune not 5 digits
  // or unknown to the units table, name empty/too long/not UTF-8).
  ApiResult<EnrolmentTicket> CreateEnrolment(std::string_view commune_code, std::string_view name,
                                             std::string_view actor);
  // GET /v1/admin/kiosks, by id.
  ApiResult<std::vector<KioskInfo>> ListKiosks();
  // POST /v1/admin/kiosks/<id>/revoke. Errors: 404 unknown_kiosk. Revoking a
  // revoked kiosk answers it unchanged.
  ApiResult<KioskInfo> RevokeKiosk(int64_t kiosk_id, std::string_view actor);
  // GET /v1/admin/dossiers. Errors: 400 bad_request (unknown status id).
  ApiResult<std::vector<DossierSummary>> ListDossiers(const DossierFilter& filter);
  // GET /v1/admin/dossiers/<code> (code as typed, or province number).
  // Errors: 400 code_mistyped, 404 not_found.
  ApiResult<DossierDetail> ShowDossier(std::string_view code);
  // POST /v1/admin/dossiers/<code>/status. Errors: 400 bad_request (unknown
  // status id, note not UTF-8), 404 not_found, 409 illegal_transition.
  ApiResult<DossierDetail> SetStatus(std::string_view code, std::string_view status_id,
                                     std::string_view note, std::string_view actor);
  // POST /v1/admin/dossiers: a paper dossier registered at the counter (issuer
  // 0 of the commune), status received, appointment computed. Errors: 400
  // bad_request (commune, phone), 409 no_catalog (nothing published), 404
  // unknown_service.
  ApiResult<CounterDossierCreated> AddCounterDossier(const CounterDossierRequest& request,
                                                     std::string_view actor);
  // POST /v1/admin/catalog: `files` maps a relative path ("catalog.json",
  // "agencies.json", "services/x.json") to the file's text. Validated as
  // LoadCatalog does; the version comes from catalog.json. Publishing the same
  // content again answers the existing version. Errors: 422 invalid_catalog
  // (with the loader's message), 409 version_conflict (version already
  // published with other content).
  ApiResult<PublishedCatalog> PublishCatalog(const std::map<std::string, std::string>& files,
                                             std::string_view actor);
  // POST /v1/events from the provincial one-stop system (acting as officer).
  // Errors: as SetStatus; 400 bad_request when neither code nor province
  // number is given, or province_number is taken by another dossier.
  ApiResult<DossierDetail> ApplyEvent(const StatusEvent& event, std::string_view actor);

  // ---- receipts (service/receipts.h; receipts_service.cc) ----------------------

  // The receipt link token of dossier `code` (as typed, or province number):
  // created on the first call (receipts.h: random, kReceiptTokenChars
  // characters), the same one afterwards. Errors: 400 code_mistyped,
  // 404 not_found, 500 internal.
  ApiResult<std::string> ReceiptLink(std::string_view code);
  // The dossier's receipt as PNG bytes: the kiosk's Form 01 layout at 80 mm,
  // name and phone masked, its QR signed by the province (signer "P": a push
  // does not carry the kiosk's own QR signature), the payload also in a PNG
  // tEXt chunk (receipts_png.h). `code_or_token`: a receipt token
  // (IsReceiptToken) or a code as ShowDossier takes. Errors: 404 not_found
  // (unknown token or code), 400 code_mistyped, 500 internal (fonts, a
  // dossier that cannot be read). The page is served from the token alone.
  ApiResult<std::vector<uint8_t>> RenderReceipt(std::string_view code_or_token);
  // The province-signed list of every enrolled kiosk's key (revoked ones
  // flagged), as JSON text: {"format": kKioskKeysFormat, "generated_at",
  // "kiosk_keys": [{"signer_id", "public_key", "revoked"}], "signature"}
  // (sync::SignJsonDocument), for offline receipt verifiers. Errors: 500.
  ApiResult<std::string> ExportKioskKeys();

  // ---- observability ----------------------------------------------------------

  ApiResult<MetricsSnapshot> Metrics();
  // Never an error value: a failing database shows as ok=false, db="<message>".
  HealthReport Health();
  // GET /v1/admin/audit: recomputes the audit log's hash chain
  // (store/audit_log.h) on one read snapshot. A broken chain (a row edited or
  // removed behind the triggers' back) is a value: intact=false with the first
  // row that breaks it. Errors: 500 internal for a failing database.
  ApiResult<AuditCheck> VerifyAudit();

  // Sends the SMS residents are owed for status changes that are due, within
  // options.send_hours, through `transport` (sms_notifications.h). A dossier
  // whose sealed part cannot be read has its SMS marked failed, with the
  // reason; the others go on. Errors: the store's.
  Result<SmsDispatchReport> DispatchSms(const SmsDispatchOptions& options,
                                        const SmsTransport& transport);

  // Records one SMS a resident sent and its answer in one write transaction
  // (sms_commands.h has the rules): the sms_inbox row, the reply row in
  // sms_outbox (any hour), the opt-out change. Acknowledge the deliver_sm
  // only after this returns ok. Errors: the store's (nothing recorded).
  Result<MoOutcome> ReceiveMo(const MoMessage& mo, const MoOptions& options);
  // Whether notifications to `phone` are stopped (IsPhoneOptedOut on a
  // reader). Errors: the store's.
  Result<bool> IsOptedOut(std::string_view phone);

  // The outbound queue step by step (sms_queue.h), for channels that answer
  // later (SMPP's window) and batch their outcomes. SmsRound is one step in
  // one write transaction: it records `outcomes` (what the channels made of
  // claimed messages) and `receipts` (delivery receipts; those that matched a
  // part we sent are counted in report->receipts_matched), then renders up to
  // `max` due messages (replies at any hour, notifications within
  // options.send_hours), marks them 'sending' and returns them; rows that
  // cannot go are marked skipped or failed and counted in `report`. A claim
  // that cannot be rendered still lets the answers be committed, then returns
  // its error. ResumeInterruptedSms, at start, puts rows a crash left
  // 'sending' back to 'pending' (the duplicate window) and returns how many.
  // Errors: the store's (nothing of the step committed).
  Result<std::vector<OutgoingSms>> SmsRound(const SmsDispatchOptions& options,
                                            std::span<const SmsOutcome> outcomes,
                                            std::span<const SmsReceiptNotice> receipts, size_t max,
                                            SmsDispatchReport* report);
  Result<int> ResumeInterruptedSms();
  // Deletes residents' SMS history older than `before_s` (Unix seconds) in
  // one write transaction (sms_retention.h): sms_inbox rows received before
  // it, and reply rows in a final state (sent, delivered, failed, skipped)
  // last updated before it that no remaining inbox row points at, with their
  // sms_parts. Pending and sending replies, notifications and opt-outs stay.
  // A cutoff later than kMinSmsKeepDays before the service's clock is moved
  // back to it (the rate limits count the last day). Returns what was
  // deleted. Errors: the store's (nothing deleted).
  Result<SmsPurgeCounts> PurgeSmsHistory(int64_t before_s);
  // The queue for the operator: rows by filter (newest first), counts by
  // state, and re-queueing failed or skipped rows by id (all failed ones when
  // `ids` is empty); returns how many were re-queued. Errors: the store's;
  // kInvalidInput for a bad state name or code.
  ApiResult<std::vector<SmsQueueRow>> ListSms(const SmsQueueFilter& filter);
  ApiResult<SmsQueueCounts> CountSms();
  ApiResult<int> RequeueSms(std::span<const int64_t> ids, std::string_view actor);

 public:
  // Opaque state (service_impl.h); public only so the service's own files can
  // name it.
  class Impl;

 private:
  explicit GatewayService(std::unique_ptr<Impl> impl);
  // Publishes options.catalog_dir when no version is published yet.
  Status BootstrapCatalog();
  // The status change shared by SetStatus and ApplyEvent.
  ApiResult<DossierDetail> ChangeStatusOf(std::string_view typed_code, std::string_view status_id,
                                          std::string_view note, std::string_view actor,
                                          const StatusEvent* event);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dvc::gateway
