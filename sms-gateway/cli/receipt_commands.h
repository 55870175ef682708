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
  std::string png_path;           // a PNG written by the gateway (its tEXt payload); or
  std::string payload;            // the QR text as a phone's reader shows it
  std::string province_key_path;  // 64 hex digits: the province's signing key
  std::string kiosk_keys_path;    // ExportKioskKeyList's file (or a catalog bundle)
};

// Verifies a receipt's QR offline and prints what it proves (or why not).
int VerifyReceiptOffline(const ReceiptVerifyArgs& args, std::ostream& out, std::ostream& err);

}  // namespace dvc::gateway
