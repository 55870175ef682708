#include "cli/cli_app.h"

#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <string>

#include "cli/exit_codes.h"
#include "cli/keys_command.h"
#include "cli/operator_client.h"
#include "cli/operator_commands.h"
#include "cli/receipt_commands.h"
#include "cli/serve_command.h"
#include "cli/sms_commands.h"
#include "config/gateway_config.h"
#include "config/smsc_config.h"
#include "config/token_file.h"

namespace dvc::gateway {

namespace {

// Values of every flag, filled by CLI11.
struct Flags {
  std::string config_path = DefaultConfigPath();
  std::string gateway_url;
  bool json = false;
  std::string commune;
  std::string name;
  std::string kiosk_id;
  std::string status;
  std::string code;
  std::string note;
  std::string service_id;
  std::string phone;
  std::string applicant;
  std::string dir;
  int limit = 100;
  std::string out_path;
  ReceiptVerifyArgs verify;
  SmsListArgs sms_list;
  std::vector<std::string> sms_ids;
  bool sms_failed = false;
};

// The operator's login name, for the audit log.
std::string LoginName() {
  if (const char* sudo_user = std::getenv("SUDO_USER"); sudo_user != nullptr && *sudo_user) {
    return sudo_user;
  }
  struct passwd entry {};
  struct passwd* found = nullptr;
  char buffer[1024];
  if (getpwuid_r(::getuid(), &entry, buffer, sizeof buffer, &found) == 0 && found != nullptr) {
    return found->pw_name;
  }
  return "";
}

CLI::App* Command(CLI::App& parent, const char* name, const char* description) {
  CLI::App* command = parent.add_subcommand(name, description);
  // --config, --gateway and --json may come after the command's name.
  command->fallthrough();
  return command;
}

}  // namespace

const char* DefaultConfigPath() {
  const char* from_env = std::getenv("DVC_GATEWAY_CONFIG");
  return from_env != nullptr && *from_env ? from_env : "/etc/dvc/gateway.toml";
}

int RunGatewayCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  Flags f;
  CLI::App app{"sms-gateway: the province's gateway for commune kiosks (docs/gateway.md)",
               "sms-gateway"};
  app.require_subcommand(1);
  app.add_option("--config", f.config_path, "Configuration file (TOML)")->capture_default_str();
  app.add_option("--gateway", f.gateway_url,
                 "Daemon URL for operator commands (default: from the config's [http])");
  app.add_flag("--json", f.json, "Print the API's JSON instead of a summary");

  CLI::App* serve = Command(app, "serve", "Run the daemon until SIGINT or SIGTERM");
  CLI::App* keys = Command(app, "keys", "Province keys and API tokens");
  keys->require_subcommand(1);
  CLI::App* keys_init = Command(*keys, "init", "Create the province keys and the API tokens");
  CLI::App* export_kiosks =
      Command(*keys, "export-kiosks", "Write the province-signed list of kiosk keys");
  export_kiosks->add_option("--out", f.out_path, "Output file (JSON)")->required();

  CLI::App* kiosk = Command(app, "kiosk", "Enrol, revoke and list kiosks");
  kiosk->require_subcommand(1);
  CLI::App* enroll = Command(*kiosk, "enroll", "Print a one-time enrolment code for a kiosk");
  enroll->add_option("--commune", f.commune, "The kiosk's commune (5-digit code)")->required();
  enroll->add_option("--name", f.name, "The kiosk's name (where it stands)")->required();
  CLI::App* revoke = Command(*kiosk, "revoke", "Refuse a kiosk's requests from now on");
  revoke->add_option("ID", f.kiosk_id, "Kiosk id (see kiosk list)")->required();
  CLI::App* kiosk_list = Command(*kiosk, "list", "List enrolled kiosks");

  CLI::App* dossier = Command(app, "dossier", "Look at and move dossiers");
  dossier->require_subcommand(1);
  CLI::App* list = Command(*dossier, "list", "List dossiers");
  list->add_option("--status", f.status, "Only this status (e.g. received, in_processing)");
  list->add_option("--commune", f.commune, "Only this commune (5-digit code)");
  list->add_option("--limit", f.limit, "At most this many (1-1000)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  CLI::App* show = Command(*dossier, "show", "Show a dossier with its answers and history");
  show->add_option("CODE", f.code, "Dossier code or province number")->required();
  CLI::App* set_status = Command(*dossier, "set-status", "Move a dossier to a new status");
  set_status->add_option("CODE", f.code, "Dossier code or province number")->required();
  set_status->add_option("STATUS", f.status, "New status (e.g. accepted, in_processing)")
      ->required();
  set_status->add_option("--note", f.note, "Note for the resident and the history");
  CLI::App* add = Command(*dossier, "add", "Register a dossier received on paper");
  add->add_option("--service", f.service_id, "Service id (catalog)")->required();
  add->add_option("--phone", f.phone, "The applicant's phone number")->required();
  add->add_option("--commune", f.commune, "Commune the dossier belongs to")->required();
  add->add_option("--applicant", f.applicant, "The applicant's name");
  CLI::App* dossier_receipt = Command(*dossier, "receipt", "Write a dossier's receipt as PNG");
  dossier_receipt->add_option("CODE", f.code, "Dossier code or province number")->required();
  dossier_receipt->add_option("--out", f.out_path, "Output file (.png)")->required();

  CLI::App* receipt = Command(app, "receipt", "Receipts");
  receipt->require_subcommand(1);
  CLI::App* receipt_verify =
      Command(*receipt, "verify", "Verify a receipt's QR offline; exit 1 if it is not valid");
  receipt_verify->add_option("--png", f.verify.png_path,
                             "An image of the receipt: PNG or JPEG (its QR code is read)");
  receipt_verify->add_option("--payload", f.verify.payload, "The QR text, as a phone scans it");
  receipt_verify
      ->add_option("--province-key", f.verify.province_key_path,
                   "File with the province's signing key (64 hex)")
      ->required();
  receipt_verify
      ->add_option("--kiosk-keys", f.verify.kiosk_keys_path,
                   "The signed kiosk key list (keys export-kiosks)")
      ->required();

  CLI::App* sms = Command(app, "sms", "The outbound SMS queue");
  sms->require_subcommand(1);
  CLI::App* sms_list = Command(*sms, "list", "List queued and sent SMS, newest first");
  sms_list->add_option("--state", f.sms_list.state,
                       "Only this state (pending, sending, sent, delivered, failed, skipped)");
  sms_list->add_option("--code", f.sms_list.code, "Only this dossier's SMS");
  sms_list->add_option("--limit", f.sms_list.limit, "At most this many (1-1000)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  CLI::App* sms_requeue = Command(*sms, "requeue", "Send failed SMS again");
  sms_requeue->add_option("ID", f.sms_ids, "Message ids (see sms list)");
  sms_requeue->add_flag("--failed", f.sms_failed, "Every failed SMS");

  CLI::App* config_cmd = Command(app, "config", "Configuration files");
  config_cmd->require_subcommand(1);
  CLI::App* smsc_example =
      Command(*config_cmd, "smsc-example", "Print a documented SMSC connection file (every key)");

  CLI::App* audit = Command(app, "audit", "Check the audit log");
  audit->require_subcommand(1);
  CLI::App* audit_verify =
      Command(*audit, "verify", "Recompute the audit log's hash chain; exit 1 if it is broken");

  CLI::App* catalog = Command(app, "catalog", "Publish the service catalog");
  catalog->require_subcommand(1);
  CLI::App* publish = Command(*catalog, "publish", "Validate, version, sign and publish DIR");
  publish->add_option("DIR", f.dir, "Catalog folder (catalog.json, agencies.json, services/)")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, out, err);
    return code == 0 ? kExitOk : kExitUsage;
  }

  // Offline: no configuration, no daemon.
  if (receipt_verify->parsed()) return VerifyReceiptOffline(f.verify, out, err);
  if (smsc_example->parsed()) {
    out << SmscExampleFile();
    return kExitOk;
  }

  Result<GatewayConfig> config = LoadGatewayConfig(f.config_path);
  if (!config.ok()) {
    err << "sms-gateway: " << config.status().message() << "\n";
    return kExitUsage;
  }
  if (serve->parsed()) return RunServe(*config, err);
  if (keys_init->parsed()) return InitKeys(*config, out, err);

  Result<std::string> token = LoadTokenFile(config->OperatorTokenPath());
  if (!token.ok()) {
    err << "sms-gateway: " << token.status().message() << "\n";
    return kExitUsage;
  }
  OperatorClient client(f.gateway_url.empty() ? config->LocalUrl() : f.gateway_url, *token,
                        LoginName());
  const OperatorOutput output{out, err, f.json};
  if (enroll->parsed()) return EnrollKiosk(client, f.commune, f.name, output);
  if (revoke->parsed()) return RevokeKiosk(client, f.kiosk_id, output);
  if (kiosk_list->parsed()) return ListKiosks(client, output);
  if (list->parsed()) return ListDossiers(client, f.status, f.commune, f.limit, output);
  if (show->parsed()) return ShowDossier(client, f.code, output);
  if (set_status->parsed()) return SetDossierStatus(client, f.code, f.status, f.note, output);
  if (add->parsed()) {
    return AddCounterDossier(client, f.service_id, f.phone, f.commune, f.applicant, output);
  }
  if (publish->parsed()) return PublishCatalog(client, f.dir, output);
  if (dossier_receipt->parsed()) return SaveDossierReceipt(client, f.code, f.out_path, output);
  if (export_kiosks->parsed()) return ExportKioskKeyList(client, f.out_path, output);
  if (audit_verify->parsed()) return VerifyAudit(client, output);
  if (sms_list->parsed()) return ListSms(client, f.sms_list, output);
  if (sms_requeue->parsed()) return RequeueSms(client, f.sms_ids, f.sms_failed, output);
  err << "sms-gateway: no command given (see --help)\n";
  return kExitUsage;
}

}  // namespace dvc::gateway
