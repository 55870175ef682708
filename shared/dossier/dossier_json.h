// JSON form of a Dossier, as it crosses the sync API and sits in the stores.
//
//   {"id": "…uuid…", "code": "123457K4HQ2M9X", "province_number": "…",
//    "service_id": "…", "catalog_version": "2026.11.1", "form_version": 3,
//    "answers": {…}, "attachments": [{"field": "…", "sha256": "…", "size": 1234}],
//    "phone": "0912345678", "created_at": "2026-11-03T02:15:00Z",
//    "received_at": "…", "kiosk_appointment": "2026-11-10",
//    "official_appointment": "2026-11-11", "status": "received",
//    "history": [{"from": "queued_at_kiosk", "to": "received",
//                 "at": "2026-11-03T02:20:07Z", "actor": "gateway", "note": ""}]}
//
// Optional members (province_number, phone, received_at, the appointments,
// attachments, history) are left out when empty. Unknown members are refused:
// the sync API adds a member together with a protocol version, never silently.
//
// Thread-safety: pure functions. No exception escapes them.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/status.h"
#include "dossier/dossier.h"

namespace dvc::dossier {

// Bounds on JSON text from outside, checked before it is parsed.
struct JsonLimits {
  size_t max_bytes = 1 << 20;  // one dossier without its attachments
  int max_depth = 32;          // arrays and objects nested inside each other
};

nlohmann::json DossierToJson(const Dossier& dossier);
// Compact JSON text. Invalid UTF-8 (only possible in a Dossier built in code) is
// replaced by U+FFFD rather than throwing.
std::string DossierToJsonText(const Dossier& dossier);

// Reads and validates (ValidateDossier) a dossier. Errors: kInvalidInput naming
// the member and what was expected, e.g. "dossier.form_version: expected a
// whole number, found a string" or "dossier.history[1].to: unknown status
// \"done\"" (core/json_reader.h's JsonNode).
Result<Dossier> DossierFromJson(const nlohmann::json& json);
// As DossierFromJson, from text (core::ParseJsonText). Errors also for text
// over the limits, a member written twice ("dossier: $: duplicate key
// \"status\"") and JSON syntax errors ("dossier: line 1, column 8 (byte 7):
// JSON syntax error: ...").
Result<Dossier> DossierFromJsonText(std::string_view text, const JsonLimits& limits = {});

}  // namespace dvc::dossier
