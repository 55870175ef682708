#include "dossier/status.h"

#include <string>

namespace dvc::dossier {

namespace {

using S = DossierStatus;

struct StatusInfo {
  DossierStatus status;
  std::string_view id;
  std::string_view label_vi;
  std::string_view label_en;
};

constexpr StatusInfo kStatusInfo[] = {
    {S::kQueuedAtKiosk, "queued_at_kiosk", "Đã nộp tại ki-ốt, đang chờ gửi",
     "Submitted at the kiosk, waiting to be sent"},
    {S::kReceived, "received", "Đã tiếp nhận", "Received"},
    {S::kAccepted, "accepted", "Đã thụ lý", "Accepted for processing"},
    {S::kAwaitingPayment, "awaiting_payment", "Chờ nộp phí, lệ phí", "Awaiting payment of fees"},
    {S::kPaid, "paid", "Đã nộp phí, lệ phí", "Fees paid"},
    {S::kInProcessing, "in_processing", "Đang xử lý", "In processing"},
    {S::kNeedsSupplement, "needs_supplement", "Cần bổ sung hồ sơ", "Documents to be supplemented"},
    {S::kResultReady, "result_ready", "Đã có kết quả", "Result ready"},
    {S::kReturned, "returned", "Đã trả kết quả", "Result handed over"},
    {S::kResultDelivered, "result_delivered", "Đã gửi kết quả", "Result delivered"},
    {S::kRejected, "rejected", "Bị từ chối", "Rejected"},
    {S::kWithdrawn, "withdrawn", "Đã rút hồ sơ", "Withdrawn"},
};

constexpr DossierStatus kAllStatuses[] = {
    S::kQueuedAtKiosk, S::kReceived,        S::kAccepted,        S::kAwaitingPayment,
    S::kPaid,          S::kInProcessing,    S::kNeedsSupplement, S::kResultReady,
    S::kReturned,      S::kResultDelivered, S::kRejected,        S::kWithdrawn,
};

constexpr unsigned kKiosk = ActorBit(Actor::kKiosk);
constexpr unsigned kGateway = ActorBit(Actor::kGateway);
constexpr unsigned kOfficer = ActorBit(Actor::kOfficer);
constexpr unsigned kPayment = ActorBit(Actor::kPaymentService);

// THE table. Everything about legal changes is read from here.
// clang-format off
constexpr StatusTransition kTransitions[] = {
    // from               to                   who                  level 4 only
    {S::kQueuedAtKiosk,   S::kReceived,        kGateway,            false},
    {S::kQueuedAtKiosk,   S::kWithdrawn,       kKiosk,              false},
    {S::kReceived,        S::kAccepted,        kOfficer,            false},
    {S::kReceived,        S::kRejected,        kOfficer,            false},
    {S::kReceived,        S::kWithdrawn,       kOfficer,            false},
    {S::kAccepted,        S::kInProcessing,    kOfficer,            false},
    {S::kAccepted,        S::kNeedsSupplement, kOfficer,            false},
    {S::kAccepted,        S::kAwaitingPayment, kOfficer,            true},
    {S::kAccepted,        S::kRejected,        kOfficer,            false},
    {S::kAccepted,        S::kWithdrawn,       kOfficer,            false},
    {S::kAwaitingPayment, S::kPaid,            kPayment | kOfficer, true},
    {S::kAwaitingPayment, S::kRejected,        kOfficer,            true},
    {S::kAwaitingPayment, S::kWithdrawn,       kOfficer,            true},
    {S::kPaid,            S::kInProcessing,    kOfficer,            true},
    {S::kInProcessing,    S::kNeedsSupplement, kOfficer,            false},
    {S::kInProcessing,    S::kResultReady,     kOfficer,            false},
    {S::kInProcessing,    S::kRejected,        kOfficer,            false},
    {S::kInProcessing,    S::kWithdrawn,       kOfficer,            false},
    {S::kNeedsSupplement, S::kInProcessing,    kOfficer,            false},
    {S::kNeedsSupplement, S::kRejected,        kOfficer,            false},
    {S::kNeedsSupplement, S::kWithdrawn,       kOfficer,            false},
    {S::kResultReady,     S::kReturned,        kOfficer,            false},
    {S::kResultReady,     S::kResultDelivered, kOfficer,            true},
};
// clang-format on

struct ActorInfo {
  Actor actor;
  std::string_view id;
};
constexpr ActorInfo kActors[] = {
    {Actor::kKiosk, "kiosk"},
    {Actor::kGateway, "gateway"},
    {Actor::kOfficer, "officer"},
    {Actor::kPaymentService, "payment_service"},
};

const StatusInfo& Info(DossierStatus status) {
  for (const StatusInfo& info : kStatusInfo) {
    if (info.status == status) return info;
  }
  std::abort();  // every enumerator has a row (checked by the tests)
}

const StatusTransition* Find(DossierStatus from, DossierStatus to) {
  for (const StatusTransition& t : kTransitions) {
    if (t.from == from && t.to == to) return &t;
  }
  return nullptr;
}

std::string Quoted(DossierStatus status) { return std::string(StatusId(status)); }

std::string ActorList(unsigned actors) {
  std::string out;
  for (const ActorInfo& a : kActors) {
    if (actors & ActorBit(a.actor)) {
      if (!out.empty()) out += " or ";
      out += a.id;
    }
  }
  return out;
}

}  // namespace

std::span<const DossierStatus> AllStatuses() { return kAllStatuses; }

std::span<const StatusTransition> StatusTransitions() { return kTransitions; }

std::string_view StatusId(DossierStatus status) { return Info(status).id; }
std::string_view StatusLabelVi(DossierStatus status) { return Info(status).label_vi; }
std::string_view StatusLabelEn(DossierStatus status) { return Info(status).label_en; }

std::optional<DossierStatus> StatusFromId(std::string_view id) {
  for (const StatusInfo& info : kStatusInfo) {
    if (info.id == id) return info.status;
  }
  return std::nullopt;
}

std::string_view ActorId(Actor actor) {
  for (const ActorInfo& a : kActors) {
    if (a.actor == actor) return a.id;
  }
  std::abort();
}

std::optional<Actor> ActorFromId(std::string_view id) {
  for (const ActorInfo& a : kActors) {
    if (a.id == id) return a.actor;
  }
  return std::nullopt;
}

bool IsInitialStatus(DossierStatus status) {
  return status == S::kQueuedAtKiosk || status == S::kReceived;
}

bool IsTerminalStatus(DossierStatus status) {
  for (const StatusTransition& t : kTransitions) {
    if (t.from == status) return false;
  }
  return true;
}

Status CheckTransition(DossierStatus from, DossierStatus to, Actor actor, OnlineLevel level) {
  const std::string change = "from " + Quoted(from) + " to " + Quoted(to);
  if (from == to) return Status::Conflict("the dossier is already " + Quoted(to));
  const StatusTransition* t = Find(from, to);
  if (t == nullptr) {
    std::string next;
    for (const StatusTransition& row : kTransitions) {
      if (row.from != from) continue;
      next += next.empty() ? "" : ", ";
      next += StatusId(row.to);
    }
    return Status::Conflict("a dossier cannot go " + change +
                            (next.empty()
                                 ? " (" + Quoted(from) + " is final)"
                                 : " (from " + Quoted(from) + " it can go to " + next + ")"));
  }
  if (t->level4_only && level != OnlineLevel::kFull) {
    return Status::Conflict("a dossier can go " + change +
                            " only for a fully online (level 4) service");
  }
  if ((t->actors & ActorBit(actor)) == 0) {
    return Status::Conflict("only " + ActorList(t->actors) + " may move a dossier " + change +
                            ", not " + std::string(ActorId(actor)));
  }
  return Status::Ok();
}

}  // namespace dvc::dossier
