// Dossier: one resident's submission, as the kiosk makes it and the gateway keeps it.
//
// Plain data, so the kiosk outbox, the gateway store and the sync API can all
// carry it; the invariants (a well-formed id and code, a history that follows the
// status table and ends at `status`) are checked by ValidateDossier and by the
// JSON reader, and kept by ChangeStatus.
//
// Thread-safety: a value; no shared state.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.h"
#include "core/status.h"
#include "dossier/status.h"
#include "dossier/timestamp.h"

namespace dvc::dossier {

// A file attached to the dossier, named by the SHA-256 of its (sealed) bytes.
struct AttachmentRef {
  std::string field;   // the form field it answers ("giay_khai_sinh")
  std::string sha256;  // 64 lower-case hex digits
  uint64_t size = 0;   // bytes, so an upload knows when it is complete

  friend bool operator==(const AttachmentRef&, const AttachmentRef&) = default;
};

// One change of status, as recorded.
struct StatusChange {
  DossierStatus from = DossierStatus::kQueuedAtKiosk;
  DossierStatus to = DossierStatus::kQueuedAtKiosk;
  Timestamp at{};
  Actor actor = Actor::kKiosk;
  std::string note;  // the reason shown to the resident (a rejection, what to supplement)

  friend bool operator==(const StatusChange&, const StatusChange&) = default;
};

struct Dossier {
  std::string id;               // UUID v4, lower case: the idempotency key of the sync API
  std::string code;             // canonical compact dossier code (DossierCode::compact())
  std::string province_number;  // the province's own number, once it has one; else empty
  std::string service_id;       // catalog procedure id
  std::string catalog_version;  // the catalog version it was filled in on ("2026.11.1")
  int form_version = 0;         // the form's version within that catalog
  nlohmann::json answers = nlohmann::json::object();  // field id -> value
  std::vector<AttachmentRef> attachments;
  std::string phone;                                // for SMS; empty when the resident gave none
  Timestamp created_at{};                           // at the kiosk (corrected clock)
  std::optional<Timestamp> received_at;             // when the gateway committed it
  std::optional<calendar::Date> kiosk_appointment;  // computed offline
  // The gateway's appointment day, if it differs or once confirmed.
  std::optional<calendar::Date> official_appointment;
  DossierStatus status = DossierStatus::kQueuedAtKiosk;
  std::vector<StatusChange> history;  // oldest first

  friend bool operator==(const Dossier&, const Dossier&) = default;
};

// A fresh UUID v4 from libsodium's random bytes, "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx".
std::string NewDossierId();
// True for exactly that shape, lower-case hex.
bool IsValidDossierId(std::string_view id);

// Moves `dossier` to `to` if CheckTransition allows it, and records the change.
// Errors: as CheckTransition; kInvalidInput if the note is not valid UTF-8. On
// error the dossier is unchanged.
Status ChangeStatus(Dossier& dossier, DossierStatus to, Actor actor, Timestamp at, std::string note,
                    OnlineLevel level);

// Checks every invariant a dossier from outside must meet (the JSON reader runs
// it after reading the types). Errors: kInvalidInput naming the field, e.g.
// "dossier.history[2].from: is accepted, but the previous change ended at received".
// The service's level is not known here, so level-4-only changes are accepted;
// the gateway checks them against the catalog.
Status ValidateDossier(const Dossier& dossier);

}  // namespace dvc::dossier
