#include "cli/serve_command.h"

#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/exit_codes.h"
#include "cli/smpp_channel.h"
#include "cli/sms_inbound.h"
#include "cli/sms_log_transport.h"
#include "config/smsc_config.h"
#include "config/token_file.h"
#include "core/file_util.h"
#include "dossier/timestamp.h"
#include "http/gateway_server.h"
#include "service/gateway_service.h"
#include "service/sms_pump.h"
#include "sync/sealing.h"
#include "ussd/ussd_callback.h"

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

// The SMS dispatcher's settings from [sms]. Errors: the templates file's.
Result<SmsDispatchOptions> SmsOptions(const GatewayConfig& config) {
  Result<SmsTemplates> templates = LoadSmsTemplates(config.sms_templates_file);
  if (!templates.ok()) return templates.status();
  SmsDispatchOptions options;
  options.templates = std::move(*templates);
  options.encoding =
      config.sms_encoding == "ucs2" ? text::SmsEncoding::kUcs2 : text::SmsEncoding::kGsm7;
  options.short_code = config.sms_short_code;
  options.send_hours = config.sms_send_hours;
  options.public_url = config.http_public_url;
  return options;
}

// The MO command settings from [sms]. Errors: the keyword and reply files'.
Result<MoOptions> MoSettings(const GatewayConfig& config) {
  Result<MoKeywords> keywords = LoadMoKeywords(config.sms_commands_file);
  if (!keywords.ok()) return keywords.status();
  Result<MoReplies> replies = LoadMoReplies(config.sms_replies_file);
  if (!replies.ok()) return replies.status();
  MoOptions options;
  options.keywords = std::move(*keywords);
  options.replies = std::move(*replies);
  options.short_code = config.sms_short_code;
  options.max_per_hour = static_cast<int>(config.sms_mo_per_hour);
  options.max_per_day = static_cast<int>(config.sms_mo_per_day);
  return options;
}

// Everything SMS and USSD in the daemon, started after the HTTP server and
// stopped before the service closes.
struct Messaging {
  std::unique_ptr<UssdService> ussd;
  std::unique_ptr<UssdRouteBinding> ussd_route;
  std::unique_ptr<SmsPump> pump;
  std::unique_ptr<SmsInboundHandler> inbound;
  std::unique_ptr<SmppChannel> smpp;
  std::unique_ptr<SmsLogChannel> log_channel;

  void Stop() {
    // Connections first: what they hold comes back as outcomes the pump
    // records as it stops.
    if (smpp) smpp->Stop();
    if (pump) pump->Stop();
    ussd_route.reset();
  }
};

Result<std::unique_ptr<Messaging>> StartMessaging(const GatewayConfig& config,
                                                  GatewayService& service, std::ostream& err) {
  auto m = std::make_unique<Messaging>();
  auto say = [&err](const std::string& line) { err << "sms-gateway: " << line << std::endl; };

  Result<UssdMenu> menu = LoadUssdMenu(config.ussd_menu_file);
  if (!menu.ok()) return Status::InvalidInput("[ussd] " + menu.status().message());
  UssdOptions ussd_options;
  ussd_options.sessions.idle_timeout_ms = config.ussd_session_timeout_s * 1000;
  m->ussd =
      std::make_unique<UssdService>(std::move(*menu), GatewayUssdBackend(service), ussd_options);
  if (!config.ussd_token_file.empty()) {
    Result<std::string> token = core::ReadFile(config.ussd_token_file, 4096);
    if (!token.ok()) return token.status();
    std::string secret = *token;
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (secret.empty()) return Status::InvalidInput(config.ussd_token_file + ": empty USSD token");
    m->ussd_route = std::make_unique<UssdRouteBinding>(
        service, std::make_shared<UssdEndpoint>(*m->ussd, UssdEndpointOptions{secret}));
  }

  Result<SmsDispatchOptions> sms_options = SmsOptions(config);
  if (!sms_options.ok()) return Status::InvalidInput("[sms] " + sms_options.status().message());
  Result<MoOptions> mo_options = MoSettings(config);
  if (!mo_options.ok()) return Status::InvalidInput("[sms] " + mo_options.status().message());
  SmsPumpOptions pump_options;
  pump_options.dispatch = std::move(*sms_options);
  pump_options.keep_days = static_cast<int>(config.sms_keep_days);
  pump_options.log = [say](const std::string& line) { say("sms: " + line); };
  m->pump = std::make_unique<SmsPump>(service, std::move(pump_options));
  SmsPump* pump = m->pump.get();

  SmsChannel* channel = nullptr;
  if (config.sms_transport == "smpp") {
    Result<std::vector<SmscFileConfig>> smscs = LoadSmscConfigs(config.sms_smsc_dir);
    if (!smscs.ok()) return smscs.status();
    m->inbound = std::make_unique<SmsInboundHandler>(
        service, std::move(*mo_options), m->ussd.get(), [pump] { pump->Wake(); }, say);
    SmsInboundHandler* inbound = m->inbound.get();
    SmppChannelHooks hooks;
    hooks.on_outcome = [pump](SmsOutcome o) { pump->Report(std::move(o)); };
    hooks.on_receipt = [pump](SmsReceiptNotice r) { pump->Receipt(std::move(r)); };
    hooks.on_inbound = [inbound](const smpp::Inbound& in) { return inbound->Handle(in); };
    hooks.log = say;
    Result<std::unique_ptr<SmppChannel>> smpp =
        SmppChannel::Create(*smscs, config.sms_short_code, std::move(hooks));
    if (!smpp.ok()) return smpp.status();
    m->smpp = std::move(*smpp);
    m->inbound->SetChannel(m->smpp.get());
    channel = m->smpp.get();
    say("sms: sending through " + std::to_string(smscs->size()) + " SMSC connection(s) of " +
        config.sms_smsc_dir);
  } else {
    Result<std::unique_ptr<SmsLogTransport>> transport =
        SmsLogTransport::Open(config.data_dir + "/sms.log", &err);
    if (!transport.ok()) return transport.status();
    m->log_channel = std::make_unique<SmsLogChannel>(
        std::move(*transport), [&service] { return service.NowMs() / 1000; },
        [pump](SmsOutcome o) { pump->Report(std::move(o)); });
    channel = m->log_channel.get();
  }
  if (Status s = m->pump->Start(channel); !s.ok()) return s;
  return m;
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

  Result<std::unique_ptr<Messaging>> messaging = StartMessaging(config, **service, err);
  if (!messaging.ok()) {
    err << "sms-gateway: " << messaging.status().message() << "\n";
    (*server)->Stop();
    return kExitUsage;
  }

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  err << "sms-gateway: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
      << " received, stopping" << std::endl;
  (*server)->Stop();
  (*messaging)->Stop();
  messaging->reset();
  server->reset();
  service->reset();
  err << "sms-gateway: stopped" << std::endl;
  return kExitOk;
}

}  // namespace dvc::gateway
