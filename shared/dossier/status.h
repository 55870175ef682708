// The status of a dossier and the one table of its legal changes.
//
//   queued_at_kiosk → received → accepted → in_processing ⇄ needs_supplement
//                                        ↘ needs_supplement
//   in_processing → result_ready → returned
//   level 4 (fully online) adds: accepted → awaiting_payment → paid → in_processing,
//                                result_ready → result_delivered
//   rejected and withdrawn end a dossier from any open status (see the table).
//
// Every status has a stable ASCII id (storage, API, logs), a Vietnamese label for
// residents (receipts, SMS, USSD, the kiosk) and an English one. Every change
// names its actor, and the table says which actors may make it; see
// docs/dossier-status.md for the table as prose.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/status.h"

namespace dvc::dossier {

enum class DossierStatus {
  kQueuedAtKiosk,    // made at the kiosk, waiting in its outbox
  kReceived,         // the province holds it (gateway committed it)
  kAccepted,         // an officer found it complete and took it on
  kAwaitingPayment,  // level 4: the fee is due online
  kPaid,             // level 4: the fee is paid
  kInProcessing,     // the agency is working on it
  kNeedsSupplement,  // the resident must add or correct documents
  kResultReady,      // the result can be collected
  kReturned,         // the result was handed over (end)
  kResultDelivered,  // level 4: the result was sent online or by post (end)
  kRejected,         // refused, with a reason in the note (end)
  kWithdrawn,        // the resident withdrew it (end)
};

// Who makes a change. The one-stop system's events and the operator CLI act as
// kOfficer; the gateway itself only records arrival.
enum class Actor {
  kKiosk,           // the kiosk (its staff, or the resident before sending)
  kGateway,         // the gateway, on receiving a dossier
  kOfficer,         // a province or commune officer, directly or through the one-stop system
  kPaymentService,  // the online payment platform's confirmation
};

// The roadmap's level of a service (Decree 43/2011): 3 = "một phần" (partly
// online), 4 = "toàn trình" (fully online). Level-4-only changes need kFull.
enum class OnlineLevel { kPartial, kFull };

// One row of the transition table.
struct StatusTransition {
  DossierStatus from;
  DossierStatus to;
  unsigned actors;   // bit set of ActorBit(actor)
  bool level4_only;  // only for fully online services
};

constexpr unsigned ActorBit(Actor actor) { return 1u << static_cast<unsigned>(actor); }

// Every status, in lifecycle order.
std::span<const DossierStatus> AllStatuses();
// The transition table (every legal change, nothing else).
std::span<const StatusTransition> StatusTransitions();

// "queued_at_kiosk", "received", "accepted", "awaiting_payment", "paid",
// "in_processing", "needs_supplement", "result_ready", "returned",
// "result_delivered", "rejected", "withdrawn".
std::string_view StatusId(DossierStatus status);
// The status for an id; empty for anything else (exact, case-sensitive).
std::optional<DossierStatus> StatusFromId(std::string_view id);
// For residents, NFC UTF-8: "Đã tiếp nhận", "Đang xử lý", "Cần bổ sung hồ sơ", ...
std::string_view StatusLabelVi(DossierStatus status);
std::string_view StatusLabelEn(DossierStatus status);

// "kiosk", "gateway", "officer", "payment_service".
std::string_view ActorId(Actor actor);
std::optional<Actor> ActorFromId(std::string_view id);

// True for the statuses a dossier starts in: queued_at_kiosk (made at a kiosk)
// and received (registered at the counter through the gateway).
bool IsInitialStatus(DossierStatus status);
// True when no change leads out of `status` (returned, result_delivered,
// rejected, withdrawn).
bool IsTerminalStatus(DossierStatus status);

// Whether `actor` may move a dossier of a service at `level` from `from` to `to`.
// Errors (kConflict), each naming both statuses by id: no such change in the
// table (listing where `from` may go); the change is level 4 only; the actor may
// not make it; from == to.
Status CheckTransition(DossierStatus from, DossierStatus to, Actor actor, OnlineLevel level);

}  // namespace dvc::dossier
