// Receipt commands (docs/gateway.md, "Receipts"):
//   sms-gateway dossier receipt CODE --out FILE.png      (operator API)
//   sms-gateway keys export-kiosks --out FILE            (operator API)
//   sms-gateway receipt verify (--png FILE | --payload TEXT)
//                              --province-key FILE --kiosk-keys FILE   (offline)
// Exit codes (exit_codes.h): 0 done / receipt valid; 1 refused by the daemon
// or receipt NOT valid; 2 bad arguments or unreadable files.
//
// Thread-safety: run from main only.
#pragma once

#include <ostream>
#include <string>

#include "cli/operator_client.h"
#include "cli/operator_commands.h"

namespace dvc::gateway {

// Writes the dossier's receipt PNG (the gateway's, QR signed by the
// province) to `out_path` durably and prints the path and the link token.
int SaveDossierReceipt(OperatorClient& client, const std::string& code, const std::string& out_path,
                       const OperatorOutput& output);

// Writes the province-signed kiosk key list to `out_path` (after checking it
// is a JSON object with kiosk_keys).
int ExportKioskKeyList(OperatorClient& client, const std::string& out_path,
                       const OperatorOutput& output);

struct ReceiptVerifyArgs {
  std::string png_path;           // an image (PNG or JPEG) showing the receipt's QR; or
  std::string payload;            // the QR text as a phone's reader shows it
  std::string province_key_path;  // 64 hex digits: the province's signing key
  std::string kiosk_keys_path;    // ExportKioskKeyList's file (or a catalog bundle)
};

// Verifies a receipt's QR offline and prints what it proves (or why not).
// With png_path, every "DVC1|" QR code found in the image's pixels
// (ScanQrCodes) is verified and reported; exit 1 if any is not valid, or if
// the image's QR codes are none of them a receipt's; exit 2 if the image
// cannot be read or holds no QR code. A gateway PNG's dvc-qr text chunk is
// not needed; when it differs from the QR code, a note says the QR wins.
int VerifyReceiptOffline(const ReceiptVerifyArgs& args, std::ostream& out, std::ostream& err);

}  // namespace dvc::gateway
