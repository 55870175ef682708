// GatewayClient: the sync API's calls (docs/sync-api.md) from the kiosk's
// side: signing, the clock offset, and the sorting of failures into what the
// worker does about them.
//
// Every response's X-DVC-Time updates the CorrectedClock (offset = gateway
// time − local midpoint of the exchange). A 401 stale_timestamp means our
// clock was off: the offset is corrected from that response and the request
// is signed again and retried once.
//
// Errors are values (GatewayError), never exceptions:
//   kTransport — no answer (connect failure, stall, cut, stop): retry later;
//   kAuth      — 401: the gateway does not accept this kiosk right now (keep
//                the queue, show staff);
//   kRefused   — any other 4xx: permanent for this request;
//   kServer    — 5xx, or an answer we cannot read: retry later.
//
// Thread-safety: one thread at a time (the sync worker). Ownership: borrows
// the transport, identity and clock, which must outlive it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "outbox/kiosk_identity.h"
#include "sync/corrected_clock.h"
#include "sync/http_client.h"
#include "sync/messages.h"

namespace dvc::kiosk {

enum class GatewayFailure { kTransport, kAuth, kRefused, kServer };

struct GatewayError {
  GatewayFailure kind = GatewayFailure::kTransport;
  int http_status = 0;                    // 0 for kTransport
  std::string code;                       // the gateway's error code ("offset_mismatch"), or ""
  std::string message;                    // for staff and logs
  std::optional<uint64_t> upload_offset;  // 409 offset_mismatch: the gateway's offset
};

// A value or the reason there is none.
template <typename T>
class GatewayAnswer {
 public:
  GatewayAnswer(T value) : value_(std::move(value)) {}             // NOLINT: implicit by design
  GatewayAnswer(GatewayError error) : value_(std::move(error)) {}  // NOLINT
  bool ok() const { return std::holds_alternative<T>(value_); }
  T& value() { return std::get<T>(value_); }
  const T& value() const { return std::get<T>(value_); }
  T* operator->() { return &value(); }
  T& operator*() { return value(); }
  const GatewayError& error() const { return std::get<GatewayError>(value_); }

 private:
  std::variant<T, GatewayError> value_;
};

// What the gateway holds of an attachment (HEAD and PATCH answers).
struct UploadState {
  uint64_t offset = 0;
  uint64_t length = 0;
  bool complete = false;
};

// A 204/200 with no body.
struct Done {};

// The calls the sync worker makes. GatewayClient in production; unit tests of
// the worker's loop substitute a scripted gateway.
class GatewayApi {
 public:
  virtual ~GatewayApi() = default;
  virtual GatewayAnswer<sync::PushResponse> Push(const sync::PushRequest& batch) = 0;
  virtual GatewayAnswer<UploadState> AttachmentOffset(std::string_view sha256) = 0;
  // PATCH one chunk starting at `offset` of an attachment of `total` bytes.
  virtual GatewayAnswer<UploadState> AppendChunk(std::string_view sha256, uint64_t offset,
                                                 uint64_t total, std::string_view bytes) = 0;
  virtual GatewayAnswer<sync::ChangesPage> Changes(int64_t after, size_t limit) = 0;
  // The signed catalog bundle, as JSON (not yet verified).
  virtual GatewayAnswer<nlohmann::json> Catalog(std::string_view version) = 0;
  // nullopt: the gateway holds no dossier with this code.
  virtual GatewayAnswer<std::optional<sync::LookupAnswer>> Lookup(std::string_view code) = 0;
};

// Unsigned enrolment (POST /v1/enroll) with the proof made by `identity`.
// `code` is the canonical enrolment code. `issued`, when given, is the issuer
// (and its commune) of the codes the outbox already holds: the gateway grants
// it or refuses (issuer_taken, commune_mismatch).
GatewayAnswer<sync::EnrollResponse> Enroll(
    HttpTransport& transport, std::string_view base_url, const KioskIdentity& identity,
    std::string_view code, CorrectedClock& clock,
    const std::optional<std::pair<std::string, uint32_t>>& issued = std::nullopt);

class GatewayClient : public GatewayApi {
 public:
  // `base_url`: "https://gateway.example:8443" (a trailing '/' is ignored).
  GatewayClient(HttpTransport& transport, std::string base_url, int64_t kiosk_id,
                const KioskIdentity& identity, CorrectedClock& clock);

  GatewayAnswer<sync::PushResponse> Push(const sync::PushRequest& batch) override;
  GatewayAnswer<UploadState> AttachmentOffset(std::string_view sha256) override;
  GatewayAnswer<UploadState> AppendChunk(std::string_view sha256, uint64_t offset, uint64_t total,
                                         std::string_view bytes) override;
  GatewayAnswer<sync::ChangesPage> Changes(int64_t after, size_t limit) override;
  GatewayAnswer<nlohmann::json> Catalog(std::string_view version) override;
  GatewayAnswer<std::optional<sync::LookupAnswer>> Lookup(std::string_view code) override;

 private:
  // Signs and sends; applies X-DVC-Time; retries once on stale_timestamp.
  // Returns the response when its status is 2xx, else the classified error.
  GatewayAnswer<HttpResponse> Call(std::string_view method, const std::string& path,
                                   std::string body, std::string_view content_type,
                                   std::vector<std::pair<std::string, std::string>> extra_headers,
                                   const std::vector<std::string>& extra_signed_lines);

  HttpTransport& transport_;
  std::string base_url_;
  int64_t kiosk_id_;
  const KioskIdentity& identity_;
  CorrectedClock& clock_;
};

// Sorts a non-2xx response (or an unreadable one) into a GatewayError; reads
// the JSON error body and a 409's Upload-Offset. Exposed for tests.
GatewayError ClassifyResponse(const HttpResponse& response);
GatewayError FromTransport(const TransportError& error);

// Applies a response's X-DVC-Time to `clock` (absent or malformed: unchanged).
// Returns whether it did.
bool ApplyGatewayTime(const HttpResponse& response, int64_t sent_local_ms,
                      int64_t received_local_ms, CorrectedClock& clock);

}  // namespace dvc::kiosk
