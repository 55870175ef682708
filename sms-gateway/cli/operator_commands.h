// The operator's commands (docs/gateway.md), each one call of the daemon's
// operator API through OperatorClient, printing a human summary (statuses
// with their Vietnamese names) or, with --json, the API's JSON.
//
// Every function returns an exit code (exit_codes.h) and writes results to
// `out`, failures to `err`.
//
// Thread-safety: run from main only.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "cli/operator_client.h"
#include "cli/operator_output.h"

namespace dvc::gateway {

int EnrollKiosk(OperatorClient& client, const std::string& commune, const std::string& name,
                const OperatorOutput& output);
int RevokeKiosk(OperatorClient& client, const std::string& kiosk_id, const OperatorOutput& output);
int ListKiosks(OperatorClient& client, const OperatorOutput& output);
// `audit verify`: the audit log's hash chain, recomputed by the daemon. Exit 1
// when it is broken (a row edited or removed), naming the first bad row.
int VerifyAudit(OperatorClient& client, const OperatorOutput& output);

// `status` and `commune` may be empty (all). Status names as in
// dossier/status.h ("in_processing"; "in-processing" and upper case accepted).
int ListDossiers(OperatorClient& client, const std::string& status, const std::string& commune,
                 int limit, const OperatorOutput& output);
int ShowDossier(OperatorClient& client, const std::string& code, const OperatorOutput& output);
int SetDossierStatus(OperatorClient& client, const std::string& code, const std::string& status,
                     const std::string& note, const OperatorOutput& output);
int AddCounterDossier(OperatorClient& client, const std::string& service_id,
                      const std::string& phone, const std::string& commune,
                      const std::string& applicant, const OperatorOutput& output);
// Sends every file under `dir` (recursively, regular files ending in .json)
// with its path relative to `dir`.
int PublishCatalog(OperatorClient& client, const std::string& dir, const OperatorOutput& output);

// The status id for what an operator typed ("In-Processing" → "in_processing");
// empty when it names no status.
std::string NormalizeStatusName(const std::string& typed);

}  // namespace dvc::gateway
