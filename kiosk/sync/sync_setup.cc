#include "sync/sync_setup.h"

#include <array>
#include <atomic>
#include <optional>
#include <utility>

#include "outbox/sync_queue.h"
#include "sync/catalog_updates.h"
#include "sync/enrol_command.h"
#include "sync/http_client.h"
#include "sync/sealing.h"
#include "sync/sync_store.h"

namespace dvc::kiosk {

std::string AdoptEnrolment(KioskConfig& config, const Enrolment& enrolment) {
  config.commune_code = enrolment.commune_code;
  config.issuer_number = enrolment.issuer;
  Result<std::array<uint8_t, 32>> key = sync::Key32FromHex(enrolment.province.signing_key);
  if (!key.ok()) return "the enrolment's province signing key: " + key.status().message();
  std::string problems;
  if (std::optional<InstalledCatalog> newest =
          NewestInstalledCatalog(config.data_dir, *key, &problems)) {
    config.catalog_dir = newest->dir;
  }
  return problems;
}

Result<std::unique_ptr<SyncWorker>> MakeSyncWorker(const KioskConfig& config,
                                                   const Enrolment& enrolment,
                                                   const std::string& catalog_version,
                                                   CorrectedClock& clock, GatewayWrapper wrap) {
  DVC_RETURN_IF_ERROR(CheckGatewayUrl(enrolment.gateway_url, config.sync_allow_plain_http));
  SyncWorkerOptions options;
  options.interval_s = config.sync_interval_s;
  options.settings.batch_size = static_cast<size_t>(config.sync_batch_size);
  options.settings.chunk_bytes = static_cast<size_t>(config.sync_chunk_kib) * 1024;
  options.settings.data_dir = config.data_dir;
  options.settings.catalog_version = catalog_version;
  options.settings.province_signing_key = enrolment.province.signing_key;
  options.seed = static_cast<uint64_t>(SystemUnixMs()) ^ static_cast<uint64_t>(enrolment.kiosk_id);
  const std::string data_dir = config.data_dir;
  const KioskConfig http_config = config;
  // The store and the gateway are made on the worker's thread: the queue's
  // connection and the libcurl handle are used by that thread only.
  auto store = [data_dir]() -> Result<std::unique_ptr<SyncStore>> {
    Result<std::unique_ptr<SyncQueue>> queue = SyncQueue::Open(data_dir);
    if (!queue.ok()) return queue.status();
    return std::unique_ptr<SyncStore>(std::make_unique<SyncQueueStore>(std::move(*queue)));
  };
  auto gateway = [http_config, enrolment, &clock,
                  wrap = std::move(wrap)](const std::atomic<bool>& stop) {
    std::unique_ptr<GatewayApi> curl = MakeCurlGateway(http_config, enrolment, clock, &stop);
    return wrap ? wrap(std::move(curl)) : std::move(curl);
  };
  return std::make_unique<SyncWorker>(std::move(options), std::move(store), std::move(gateway),
                                      clock);
}

}  // namespace dvc::kiosk
