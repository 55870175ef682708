// `kiosk --enroll CODE --gateway URL`: registers this kiosk's key with the
// province gateway (docs/sync-api.md, "Enrolment"), records the enrolment in
// kiosk.db (SaveEnrolment, which seals the outbox to the province's key) and
// prints the kiosk id, commune and issuer number, Vietnamese first.
//
// Also the production gateway the sync worker talks to.
//
// Thread-safety: RunEnrolCommand from main only; MakeCurlGateway's result is
// used by one thread.
#pragma once

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>

#include "config/kiosk_config.h"
#include "outbox/enrolment_store.h"
#include "sync/corrected_clock.h"
#include "sync/gateway_client.h"

namespace dvc::kiosk {

// Returns the exit status: 0 enrolled, 1 refused or unreachable (the reason
// on `err`, Vietnamese then English).
int RunEnrolCommand(const KioskConfig& config, const std::string& code, const std::string& url,
                    std::FILE* out, std::FILE* err);

// A GatewayClient over its own libcurl handle (trusting config.sync_ca_file)
// and the kiosk key in config.data_dir; `stop` aborts its transfers. Aborts
// only when the key cannot be loaded (main loaded it at start).
std::unique_ptr<GatewayApi> MakeCurlGateway(const KioskConfig& config, const Enrolment& enrolment,
                                            CorrectedClock& clock, const std::atomic<bool>* stop);

}  // namespace dvc::kiosk
