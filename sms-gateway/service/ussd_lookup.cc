// The current catalog for the USSD menu (ussd/ussd_service.h).
#include "service/gateway_service.h"
#include "service/service_impl.h"

namespace dvc::gateway {

ApiResult<std::shared_ptr<const catalog::Catalog>> GatewayService::CurrentCatalog() {
  const std::optional<sync::CatalogPointer> current = impl_->CurrentCatalog();
  if (!current) return std::shared_ptr<const catalog::Catalog>();
  Result<std::shared_ptr<const catalog::Catalog>> loaded = impl_->CatalogOf(current->version);
  if (!loaded.ok()) return InternalError(loaded.status());
  return std::move(loaded).value();
}

}  // namespace dvc::gateway
