// Reads arbitrary bytes as each body of the operator and events APIs
// (sms-gateway/http/operator_requests.h): bodies from the network, behind a
// token but still outside input. Must never crash or throw; what is accepted
// must satisfy the readers' promises.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/operator_requests.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)dvc::gateway::ReadEnrolmentRequest(body);
  (void)dvc::gateway::ReadStatusChangeRequest(body);
  (void)dvc::gateway::ReadCounterDossierRequest(body);
  auto files = dvc::gateway::ReadCatalogFiles(body);
  if (files.ok()) {
    if (files->empty()) std::abort();
    for (const auto& [path, text] : *files) {
      // No absolute path and no ".." segment ("..a" is a plain name).
      const std::string wrapped = "/" + path + "/";
      if (path.empty() || path[0] == '/' || wrapped.find("/../") != std::string::npos) {
        std::abort();
      }
    }
  }
  auto event = dvc::gateway::ReadStatusEvent(body);
  if (event.ok() && event->code.empty() && event->province_number.empty()) std::abort();
  return 0;
}
