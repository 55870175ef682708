#include "smpp/session_status.h"

#include <algorithm>
#include <array>

#include "smpp/commands.h"

namespace dvc::gateway::smpp {
namespace {

struct StatusRule {
  uint32_t status;
  SubmitStatusClass kind;
};

using C = SubmitStatusClass;

// Sorted by status for the binary search.
constexpr std::array kRules = {
    StatusRule{status::kOk, C::kAccepted},
    StatusRule{status::kInvalidMsgLength, C::kRejected},
    StatusRule{status::kInvalidCommandLength, C::kRejected},
    StatusRule{status::kInvalidCommandId, C::kRejected},
    StatusRule{status::kInvalidBindStatus,
               C::kRetry},  // the link is not bound (yet): state, not message
    StatusRule{status::kAlreadyBound, C::kRetry},
    StatusRule{status::kInvalidPriorityFlag, C::kRejected},
    StatusRule{status::kInvalidRegDelivery, C::kRejected},
    StatusRule{status::kSystemError, C::kRetry},
    StatusRule{status::kInvalidSourceAddr, C::kRejected},
    StatusRule{status::kInvalidDestAddr, C::kRejected},
    StatusRule{status::kInvalidMessageId, C::kRejected},
    StatusRule{status::kMessageQueueFull, C::kThrottle},
    StatusRule{status::kInvalidServiceType, C::kRejected},
    StatusRule{status::kInvalidNumDests, C::kRejected},
    StatusRule{status::kInvalidDlName, C::kRejected},
    StatusRule{status::kInvalidDestFlag, C::kRejected},
    StatusRule{status::kInvalidSubmitReplace, C::kRejected},
    StatusRule{status::kInvalidEsmClass, C::kRejected},
    StatusRule{status::kCannotSubmitToDl, C::kRejected},
    StatusRule{status::kSubmitFailed,
               C::kRetry},  // generic failure: SMSCs use it for transient faults
    StatusRule{status::kInvalidSourceTon, C::kRejected},
    StatusRule{status::kInvalidSourceNpi, C::kRejected},
    StatusRule{status::kInvalidDestTon, C::kRejected},
    StatusRule{status::kInvalidDestNpi, C::kRejected},
    StatusRule{status::kInvalidSystemType, C::kRejected},
    StatusRule{status::kInvalidReplaceFlag, C::kRejected},
    StatusRule{status::kInvalidNumMessages, C::kRejected},
    StatusRule{status::kThrottled, C::kThrottle},
    StatusRule{status::kInvalidSchedule, C::kRejected},
    StatusRule{status::kInvalidExpiry, C::kRejected},
    StatusRule{status::kInvalidDefaultMsgId, C::kRejected},
    StatusRule{status::kTempAppError, C::kRetry},
    StatusRule{status::kPermAppError, C::kRejected},
    StatusRule{status::kRejectAppError, C::kRejected},
    StatusRule{status::kQueryFailed, C::kRetry},
    StatusRule{status::kInvalidOptionalStream, C::kRejected},
    StatusRule{status::kOptionalNotAllowed, C::kRejected},
    StatusRule{status::kInvalidParamLength, C::kRejected},
    StatusRule{status::kMissingOptional, C::kRejected},
    StatusRule{status::kInvalidOptionalValue, C::kRejected},
    StatusRule{status::kDeliveryFailure, C::kRetry},
    StatusRule{status::kUnknownError, C::kRetry},
};

static_assert(std::is_sorted(kRules.begin(), kRules.end(),
                             [](const StatusRule& a, const StatusRule& b) {
                               return a.status < b.status;
                             }));

}  // namespace

SubmitStatusClass ClassifySubmitStatus(uint32_t command_status) {
  const auto it =
      std::lower_bound(kRules.begin(), kRules.end(), command_status,
                       [](const StatusRule& rule, uint32_t value) { return rule.status < value; });
  if (it != kRules.end() && it->status == command_status) return it->kind;
  return C::kRetry;
}

}  // namespace dvc::gateway::smpp
