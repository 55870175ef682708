// How the ESME session treats each command_status an SMSC answers to a
// submit_sm: the table is data (session_status.cc), not branches, so an
// operator reading it sees every decision in one place.
//
// Thread-safety: pure functions over a static table.
#pragma once

#include <cstdint>

namespace dvc::gateway::smpp {

// What a submit_sm_resp status means for the part it answers.
enum class SubmitStatusClass {
  kAccepted,  // ESME_ROK
  kThrottle,  // the SMSC is overloaded: the session pauses and re-sends the part itself
  kRejected,  // permanent: the same part would fail again (bad address, bad parameters)
  kRetry,     // temporary: the caller sends the message again later
};

// The class of `command_status`. Statuses outside the table (vendor codes
// 0x400..0x4FF, reserved values) are kRetry: the caller's retry budget bounds
// the cost of a wrong guess, where kRejected would drop a message for good.
SubmitStatusClass ClassifySubmitStatus(uint32_t command_status);

}  // namespace dvc::gateway::smpp
