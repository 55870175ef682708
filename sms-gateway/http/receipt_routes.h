// The receipt routes (docs/gateway.md, "Receipts"):
//   GET /r/<token>       the printable receipt page (Vietnamese HTML, the PNG
//                        inline as a data: URI, no external resource, no script)
//   GET /r/<token>.png   the receipt image
//   GET /v1/admin/dossiers/<code>/receipt   operator: {"code", "token", "png_base64"}
//   GET /v1/admin/kiosk-keys                operator: the province-signed kiosk key list
// A token of the wrong shape or unknown answers the same short 404 page; the
// dossier code never appears in a public URL and nothing lists receipts.
// Public pages are sent with no-store, noindex and no-referrer so the token
// does not leak through caches, search engines or links followed.
//
// Thread-safety: handlers run concurrently, each on its own context.
#pragma once

#include <string>
#include <string_view>

#include "http/routes.h"

namespace dvc::gateway {

// GET /r/{}: the page, or the PNG when the segment ends in ".png".
void ServeReceiptPage(RouteContext& context);
// GET /v1/admin/dossiers/{}/receipt: creates the link if needed.
void ServeOperatorReceipt(RouteContext& context);
// GET /v1/admin/kiosk-keys.
void ServeKioskKeys(RouteContext& context);

// The page's HTML for a receipt whose PNG is `png` (for tests and the handler).
std::string ReceiptPageHtml(std::string_view png);
// The 404 page.
std::string ReceiptNotFoundHtml();

}  // namespace dvc::gateway
