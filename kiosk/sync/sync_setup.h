// The start of an enrolled kiosk: the config the enrolment amends and the
// production sync worker made from both. The one recipe kiosk/main.cc and the
// sync soak test (tests/sync/kiosk_sync_soak.cc) both run, so the two cannot
// drift apart.
//
// Thread-safety: call from the owning thread; the worker is as sync_worker.h
// says. Ownership: the worker borrows `clock`, which must outlive it.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "config/kiosk_config.h"
#include "core/status.h"
#include "outbox/enrolment_store.h"
#include "sync/corrected_clock.h"
#include "sync/gateway_client.h"
#include "sync/sync_worker.h"

namespace dvc::kiosk {

// The province's commune code and issuer number replace the file's, and the
// newest catalog the province signed (installed by the sync worker under
// <data_dir>/catalog) replaces the configured one. Returns why installed
// catalogs were skipped ("" when none was), for the log.
std::string AdoptEnrolment(KioskConfig& config, const Enrolment& enrolment);

// Wraps the production gateway (made on the worker's thread) in another
// GatewayApi, e.g. a decorator that logs every call; returns what the worker
// uses.
using GatewayWrapper = std::function<std::unique_ptr<GatewayApi>(std::unique_ptr<GatewayApi>)>;

// A worker (not started) that syncs <config.data_dir>/kiosk.db with
// enrolment.gateway_url over libcurl, with the config's interval, batch size
// and chunk size, pushing dossiers of `catalog_version`. `wrap`, when set, is
// applied to each gateway the worker makes.
// Errors: kInvalidInput when the config refuses the gateway URL (plain http://
// to a host that is not loopback, without allow_plain_http): the message is for
// staff mode.
Result<std::unique_ptr<SyncWorker>> MakeSyncWorker(const KioskConfig& config,
                                                   const Enrolment& enrolment,
                                                   const std::string& catalog_version,
                                                   CorrectedClock& clock,
                                                   GatewayWrapper wrap = nullptr);

}  // namespace dvc::kiosk
