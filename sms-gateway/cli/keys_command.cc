#include "cli/keys_command.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "cli/exit_codes.h"
#include "config/token_file.h"
#include "core/file_util.h"
#include "sync/sealing.h"

namespace dvc::gateway {

int InitKeys(const GatewayConfig& config, std::ostream& out, std::ostream& err) {
  if (Status made = core::CreateDirectoriesDurably(config.data_dir); !made.ok()) {
    err << "sms-gateway: " << made.message() << "\n";
    return kExitUsage;
  }
  // Citizens' dossiers and the province's secrets live here: owner only.
  if (::chmod(config.data_dir.c_str(), 0700) != 0) {
    err << "sms-gateway: " << config.data_dir
        << ": cannot make it owner-only: " << std::strerror(errno) << "\n";
    return kExitUsage;
  }
  Result<sync::ProvinceKeys> keys = sync::ProvinceKeys::Create(config.data_dir);
  if (!keys.ok()) {
    if (keys.status().code() == ErrorCode::kConflict) {
      err << "sms-gateway: the province keys exist already in " << config.data_dir
          << "; nothing was changed (keys are never replaced: kiosks and receipts rely on "
             "them)\n";
      return kExitRefused;
    }
    err << "sms-gateway: cannot create the province keys: " << keys.status().message() << "\n";
    return kExitUsage;
  }
  const sync::ProvincePublicKeys public_keys = keys->PublicKeys();
  out << "Created the province keys in " << config.data_dir << "\n"
      << "  signing key (Ed25519): " << public_keys.signing_key << "\n"
      << "  sealing key (X25519):  " << public_keys.sealing_key << "\n";
  int exit_code = kExitOk;
  const std::pair<const char*, std::string> tokens[] = {{"operator", config.OperatorTokenPath()},
                                                        {"events", config.EventsTokenPath()}};
  for (const auto& [what, path] : tokens) {
    Result<std::string> token = CreateTokenFile(path);
    if (token.ok()) {
      out << "Created the " << what << " token: " << path << "\n";
    } else if (token.status().code() == ErrorCode::kConflict) {
      out << "Kept the existing " << what << " token: " << path << "\n";
    } else {
      err << "sms-gateway: cannot create the " << what << " token: " << token.status().message()
          << "\n";
      exit_code = kExitUsage;
    }
  }
  return exit_code;
}

}  // namespace dvc::gateway
