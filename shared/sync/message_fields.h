// Field readers shared by the sync message readers (messages_json.cc,
// push_json.cc): each checks one member's type and format and reports a
// failure as kInvalidInput at the member's JSON path ("$.dossiers[0].id:
// expected a UUID ..."). Internal to shared/sync (but HasControlCharacter);
// other code uses messages.h.
//
// Conventions (core::JsonNode's): a null member counts as absent; an optional
// member that is absent leaves `out` untouched and returns OK.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "calendar/date.h"
#include "core/json_reader.h"
#include "core/status.h"
#include "dossier/status.h"
#include "dossier/timestamp.h"
#include "sync/messages.h"

namespace dvc::sync::fields {

using core::JsonNode;
using core::Need;

// Longest identifier-like member (service_id, catalog_version, signer ids).
inline constexpr size_t kMaxTokenBytes = 64;
// Longest person-readable texts: a kiosk's name, a status note, an error message.
inline constexpr size_t kMaxNameBytes = 200;
inline constexpr size_t kMaxNoteBytes = 4000;
inline constexpr size_t kMaxMessageBytes = 16000;

// True when `s` holds a control character other than tab and line feed (C0
// or DEL): the text rule of ReadText. Exported for the gateway, which checks
// a status note against it at input so that every stored note reaches the
// kiosks' readers (sms-gateway/service/operator.cc).
bool HasControlCharacter(std::string_view s);

// OK when `node` is a JSON object; else kInvalidInput at its path ("expected an
// object, found an array").
Status ExpectObject(const JsonNode& node);

// A string of `min_bytes`..`max_bytes` bytes, valid UTF-8 in NFC, without
// control characters (HasControlCharacter).
Status ReadText(const JsonNode& node, std::string_view key, std::string* out, Need need,
                size_t min_bytes, size_t max_bytes);
// A non-empty text of at most kMaxTokenBytes (service_id, catalog_version).
Status ReadToken(const JsonNode& node, std::string_view key, std::string* out, Need need);
// Exactly `digits` lower-case hex digits.
Status ReadHex(const JsonNode& node, std::string_view key, size_t digits, std::string* out,
               Need need);
// A UUID, 36 characters "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lower-case hex.
Status ReadUuid(const JsonNode& node, std::string_view key, std::string* out, Need need);
// A dossier code in its compact form (dossier::ParseDossierCode, check
// character included); any other spelling is refused so one code has one text.
Status ReadDossierCode(const JsonNode& node, std::string_view key, std::string* out, Need need);
// Five ASCII digits.
Status ReadCommuneCode(const JsonNode& node, std::string_view key, std::string* out, Need need);
// RFC 3339 (dossier::ParseTimestamp).
Status ReadTimestamp(const JsonNode& node, std::string_view key, dossier::Timestamp* out,
                     Need need);
Status ReadOptionalTimestamp(const JsonNode& node, std::string_view key,
                             std::optional<dossier::Timestamp>* out);
// "YYYY-MM-DD" (calendar::Date::ParseIso).
Status ReadOptionalDate(const JsonNode& node, std::string_view key,
                        std::optional<calendar::Date>* out);
// A status id (dossier::StatusFromId).
Status ReadStatus(const JsonNode& node, std::string_view key, dossier::DossierStatus* out,
                  Need need);
// An error message: valid UTF-8 of at most kMaxMessageBytes, may be empty
// (not required to be NFC: it may quote what a peer sent).
Status ReadMessage(const JsonNode& node, std::string_view key, std::string* out, Need need);
// An error code: 1..64 of [a-z0-9_].
Status ReadErrorCode(const JsonNode& node, std::string_view key, std::string* out, Need need);

// An error object {"code", "message"} (the inside of an error body, or a
// refused push result's "error"); `out->http_status` is left as it is.
Status ReadErrorObject(const JsonNode& node, ApiError* out);
nlohmann::json ErrorObjectToJson(const ApiError& error);

// The node for a reader's root ("$", no file name: the path names it).
JsonNode RootNode(const nlohmann::json& json);

// True for a UUID as ReadUuid accepts it.
bool IsUuid(std::string_view s);

}  // namespace dvc::sync::fields
