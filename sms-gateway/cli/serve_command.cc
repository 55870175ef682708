#include "cli/serve_command.h"

#include <signal.h>

#include <cstdio>
#include <memory>

#include "cli/exit_codes.h"
#include "config/token_file.h"
#include "dossier/timestamp.h"
#include "http/gateway_server.h"
#include "service/gateway_service.h"
#include "sync/sealing.h"

namespace dvc::gateway {

std::string FormatRequestLogLine(const RequestLogEntry& entry) {
  char timing[64];
  std::snprintf(timing, sizeof timing, " %d %.1f ms", entry.status, entry.ms);
  std::string line = entry.method + " " + entry.path + timing;
  if (!entry.error.empty()) line += ": " + entry.error;
  return line;
}

namespace {

// One line per request, written with a single stdio call (stdio locks each
// call, so lines from pool threads never interleave). A 5xx's line ends with
// the internal error's message, so the operator can tell which failure it was.
void LogRequest(const RequestLogEntry& entry) {
  std::fprintf(stderr, "%s\n", FormatRequestLogLine(entry).c_str());
}

}  // namespace

int RunServe(const GatewayConfig& config, std::ostream& err) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A client that hangs up mid-answer must not kill the daemon.
  signal(SIGPIPE, SIG_IGN);

  Result<sync::ProvinceKeys> keys = sync::ProvinceKeys::Load(config.data_dir);
  if (!keys.ok()) {
    err << "sms-gateway: " << keys.status().message() << "\n";
    return kExitUsage;
  }
  Result<std::string> operator_token = LoadTokenFile(config.OperatorTokenPath());
  Result<std::string> events_token = LoadTokenFile(config.EventsTokenPath());
  for (const Result<std::string>* token : {&operator_token, &events_token}) {
    if (!token->ok()) {
      err << "sms-gateway: " << token->status().message() << "\n";
      return kExitUsage;
    }
  }

  GatewayServiceOptions options;
  options.data_dir = config.data_dir;
  options.catalog_dir = config.catalog_dir;
  options.holidays_file = config.holidays_file;
  options.units_csv = config.units_csv;
  options.reference_dir = config.reference_dir;
  options.office_hours = config.office_hours;
  options.enrolment_code_ttl_s = config.enrolment_code_ttl_h * 3600;
  options.keys = std::make_shared<const sync::ProvinceKeys>(std::move(keys).value());
  Result<std::unique_ptr<GatewayService>> service = GatewayService::Open(std::move(options));
  if (!service.ok()) {
    err << "sms-gateway: cannot open the gateway's data: " << service.status().message() << "\n";
    return kExitUsage;
  }

  GatewayServerOptions server_options;
  server_options.threads = static_cast<int>(config.http_threads);
  server_options.tls_cert = config.tls_cert;
  server_options.tls_key = config.tls_key;
  server_options.operator_token = *operator_token;
  server_options.events_token = *events_token;
  server_options.log = LogRequest;
  Result<std::unique_ptr<GatewayServer>> server =
      GatewayServer::Create(**service, std::move(server_options));
  if (!server.ok()) {
    err << "sms-gateway: " << server.status().message() << "\n";
    return kExitUsage;
  }
  Result<int> port = (*server)->Start(config.http_listen, static_cast<int>(config.http_port));
  if (!port.ok()) {
    err << "sms-gateway: " << port.status().message() << "\n";
    return kExitUsage;
  }
  err << "sms-gateway: serving " << ((*server)->uses_tls() ? "https" : "http") << " on "
      << config.http_listen << ":" << *port << " (data in " << config.data_dir << ")" << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  err << "sms-gateway: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
      << " received, stopping" << std::endl;
  (*server)->Stop();
  server->reset();
  service->reset();
  err << "sms-gateway: stopped" << std::endl;
  return kExitOk;
}

}  // namespace dvc::gateway
