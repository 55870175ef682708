// The receipt a resident takes home: Form 01 of Circular 01/2018/TT-VPCP,
// "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", with the signed QR code
// Circular 01/2023 asks for. docs/receipt.md describes the layout and the
// QR payload byte by byte.
//
// This umbrella header brings all of shared/receipt. The flow at a kiosk
// (the gateway does the same for counter registrations):
//
//   ReceiptData data = MakeReceiptData(code, received, appointment, service, context);
//   DVC_RETURN_IF_ERROR(SignReceipt(data, kiosk_secret_key));   // fills qr_text
//   // once at start-up: renderer = ReceiptRenderer::Open(FontPaths{})
//   Result<GrayImage> image = renderer->Render(data, RenderOptions{.width_dots = 576});
//   printer.Write(EscPosRaster(*image));  // or WriteReceiptFiles(data_dir, ...)
//
// A verifier (the gateway, a phone app) calls VerifyQrPayload(text, lookup).
#pragma once

#include "receipt/gray_image.h"        // IWYU pragma: export
#include "receipt/qr_code.h"           // IWYU pragma: export
#include "receipt/qr_payload.h"        // IWYU pragma: export
#include "receipt/receipt_data.h"      // IWYU pragma: export
#include "receipt/receipt_output.h"    // IWYU pragma: export
#include "receipt/receipt_renderer.h"  // IWYU pragma: export
