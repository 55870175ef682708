// The sync API's message shapes (docs/sync-api.md), as plain values with
// strict JSON readers and writers, shared by the gateway's server and the
// kiosk's sync worker so both sides speak exactly one dialect.
//
// Readers check shapes, types, lengths and formats (ids, codes, hex keys,
// timestamps, dates) and return kInvalidInput naming the path of the first
// problem ("$.dossiers[3].attachments[0].sha256: expected 64 lower-case hex
// digits"); they
// never throw and never crash on any input (fuzz_sync_messages). Domain rules
// (does the service exist, do the answers validate) are the gateway's.
//
// Forward compatibility: members a reader does not know are ignored, so a
// newer peer may add members; a null member counts as absent. Text members
// must be valid UTF-8 in NFC without control characters (tab and newline
// allowed); ids are lower-case UUIDs; dossier codes must be in their compact
// form (check character verified); timestamps are RFC 3339 (any offset, read
// to UTC, written "...Z"). Writers produce exactly what readers accept
// (reading ToJson(v) gives back v for every v a reader returned); they take
// values as given and check nothing, so write what a reader would accept.
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.h"
#include "core/status.h"
#include "dossier/dossier.h"
#include "dossier/status.h"
#include "dossier/timestamp.h"

namespace dvc::sync {

// Limits from docs/sync-api.md, "Limits".
inline constexpr size_t kMaxBodyBytes = 8u << 20;
inline constexpr size_t kMaxDossiersPerPush = 100;
inline constexpr size_t kMaxChunkBytes = 4u << 20;
inline constexpr uint64_t kMaxAttachmentBytes = 20u << 20;
inline constexpr int64_t kMaxClockSkewSeconds = 300;
inline constexpr size_t kMaxChangesPerPull = 1000;
// receipt::kMaxQrPayloadBytes: a QR of version 10 at level M in 8-bit mode.
inline constexpr size_t kMaxReceiptQrBytes = 213;

// ---- errors ---------------------------------------------------------------

// {"error": {"code": ..., "message": ...}} with its HTTP status.
struct ApiError {
  int http_status = 400;
  std::string code;     // stable identifier, e.g. "bad_signature"
  std::string message;  // English, for an operator reading a log
  friend bool operator==(const ApiError&, const ApiError&) = default;
};
nlohmann::json ApiErrorToJson(const ApiError& error);  // the body, without the status
// Reads a body; `http_status` is the response's. `code` is 1..64 of
// [a-z0-9_]; `message` any UTF-8 up to 16000 bytes, absent = empty (it may
// quote what a peer sent, so NFC is not required). Errors: kInvalidInput.
Result<ApiError> ApiErrorFromJson(const nlohmann::json& body, int http_status);

// ---- enrolment ------------------------------------------------------------

struct EnrollRequest {
  std::string code;        // canonical enrolment code (enrolment_code.h), no dash
  std::string public_key;  // 64 lower-case hex
  std::string proof;       // 128 lower-case hex (EnrolmentProofMessage signed)
  std::string software;    // free text, at most 64 bytes
  // The issuer whose dossier codes this kiosk has already handed out (its
  // outbox holds dossiers not yet acknowledged), and their commune: the
  // gateway grants exactly that issuer or refuses. Both absent, or both
  // present (issuer 1..1023, 5-digit commune).
  std::optional<uint32_t> issuer;
  std::string issuer_commune;
  friend bool operator==(const EnrollRequest&, const EnrollRequest&) = default;
};

struct ProvincePublicKeys {
  std::string signer_id = "P";
  std::string signing_key;  // 64 hex, Ed25519
  std::string sealing_key;  // 64 hex, X25519 (crypto_box)
  friend bool operator==(const ProvincePublicKeys&, const ProvincePublicKeys&) = default;
};

struct EnrollResponse {
  int64_t kiosk_id = 0;
  std::string commune_code;  // 5 digits
  std::string name;
  uint32_t issuer = 0;  // 1..1023
  std::string signer_id;
  ProvincePublicKeys province;
  std::string catalog_version;  // may be empty (or absent): nothing published yet
  friend bool operator==(const EnrollResponse&, const EnrollResponse&) = default;
};

nlohmann::json ToJson(const EnrollRequest& value);
nlohmann::json ToJson(const EnrollResponse& value);
Result<EnrollRequest> EnrollRequestFromJson(const nlohmann::json& json);
Result<EnrollResponse> EnrollResponseFromJson(const nlohmann::json& json);

// ---- push -----------------------------------------------------------------

// What only the province may read; sealed inside PushDossier::sealed.
// Reading: "answers" must be an object (its content is the gateway's
// ValidateAnswers' business); phone at most 32 bytes, name at most 200.
struct PrivatePart {
  nlohmann::json answers = nlohmann::json::object();
  std::string phone;           // may be empty
  std::string applicant_name;  // may be empty
  friend bool operator==(const PrivatePart&, const PrivatePart&) = default;
};
nlohmann::json ToJson(const PrivatePart& value);
Result<PrivatePart> PrivatePartFromJson(const nlohmann::json& json);

struct PushDossier {
  std::string id;    // UUID v4
  std::string code;  // compact dossier code
  std::string service_id;
  std::string catalog_version;
  int form_version = 0;
  dossier::Timestamp created_at{};
  std::optional<calendar::Date> kiosk_appointment;
  std::vector<dossier::AttachmentRef> attachments;
  std::string sealed;  // base64 (standard, padded) of crypto_box_seal(PrivatePart JSON)
  // The QR text the kiosk printed on the resident's receipt, signed with its
  // own key (docs/receipt.md), so the gateway's copy of the receipt carries
  // the same QR. Empty: not sent (kiosks before this member; the writer
  // omits it). Reading: 1..kMaxReceiptQrBytes of printable ASCII (0x20..0x7E);
  // whether it verifies is the gateway's check (bad_receipt_qr).
  std::string receipt_qr;
  friend bool operator==(const PushDossier&, const PushDossier&) = default;
};

struct PushRequest {
  std::vector<PushDossier> dossiers;  // 1..kMaxDossiersPerPush
  friend bool operator==(const PushRequest&, const PushRequest&) = default;
};

enum class PushOutcome { kStored, kDuplicate, kRefused };
std::string_view PushOutcomeName(PushOutcome outcome);  // "stored", "duplicate", "refused"

struct PushResult {
  std::string id;
  std::string code;
  PushOutcome result = PushOutcome::kStored;
  // kStored / kDuplicate:
  std::optional<dossier::Timestamp> received_at;
  std::optional<calendar::Date> official_appointment;
  std::optional<dossier::DossierStatus> status;
  // kRefused: code and message (http_status unused, 0).
  std::optional<ApiError> error;
  // Reading: a refused result's id and code are echoed as the kiosk sent them
  // (possibly unreadable, bad_dossier), so any text of at most 64 bytes is
  // accepted there and results match dossiers by position; for kStored and
  // kDuplicate they must be a UUID and a compact code, with received_at and
  // status required. Only the members of the outcome are read.
  friend bool operator==(const PushResult&, const PushResult&) = default;
};

struct PushResponse {
  std::vector<PushResult> results;  // one per pushed dossier, in order
  friend bool operator==(const PushResponse&, const PushResponse&) = default;
};

nlohmann::json ToJson(const PushDossier& value);
nlohmann::json ToJson(const PushRequest& value);
nlohmann::json ToJson(const PushResult& value);
nlohmann::json ToJson(const PushResponse& value);
// Errors: kInvalidInput naming the path; also for an empty batch or more than
// kMaxDossiersPerPush dossiers ("dossiers: 101 dossiers, at most 100 per push").
Result<PushRequest> PushRequestFromJson(const nlohmann::json& json);
Result<PushDossier> PushDossierFromJson(const nlohmann::json& json);
// At most kMaxDossiersPerPush results.
Result<PushResponse> PushResponseFromJson(const nlohmann::json& json);

// ---- pull -----------------------------------------------------------------

struct Change {
  int64_t seq = 0;
  std::string id;    // dossier UUID
  std::string code;  // compact code
  dossier::DossierStatus status = dossier::DossierStatus::kReceived;
  dossier::Timestamp at{};
  std::string note;
  std::optional<calendar::Date> official_appointment;
  friend bool operator==(const Change&, const Change&) = default;
};

struct CatalogPointer {
  std::string version;
  std::string signature;  // 128 hex
  friend bool operator==(const CatalogPointer&, const CatalogPointer&) = default;
};

struct ChangesPage {
  std::vector<Change> changes;  // ascending seq
  int64_t next = 0;
  bool more = false;
  std::optional<CatalogPointer> catalog;
  friend bool operator==(const ChangesPage&, const ChangesPage&) = default;
};

nlohmann::json ToJson(const Change& value);
nlohmann::json ToJson(const ChangesPage& value);  // "catalog": null when none
// At most kMaxChangesPerPull changes, seq strictly ascending, next >= the last
// seq (the kiosk's cursor relies on both). Errors: kInvalidInput.
Result<ChangesPage> ChangesPageFromJson(const nlohmann::json& json);

// GET /v1/lookup/<code>: status and dates only.
struct LookupAnswer {
  std::string code;
  dossier::DossierStatus status = dossier::DossierStatus::kReceived;
  std::optional<dossier::Timestamp> received_at;
  std::optional<calendar::Date> official_appointment;
  dossier::Timestamp updated_at{};
  friend bool operator==(const LookupAnswer&, const LookupAnswer&) = default;
};
nlohmann::json ToJson(const LookupAnswer& value);
Result<LookupAnswer> LookupAnswerFromJson(const nlohmann::json& json);

// Parses a body as JSON under the body limit (kInvalidInput "body is N bytes,
// at most 8388608"), turning nlohmann's errors into kInvalidInput ("body is
// not JSON: line 1, column 6 (byte 5): ..."). Also refuses nesting deeper than
// 64 (checked before parsing, so no recursion depends on the input), duplicate
// keys and invalid UTF-8. Never throws.
Result<nlohmann::json> ParseBody(std::string_view body);

}  // namespace dvc::sync
