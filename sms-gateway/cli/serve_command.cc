#include "cli/serve_command.h"

#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/exit_codes.h"
#include "cli/sms_log_transport.h"
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
  return options;
}

// Runs DispatchSms every couple of seconds on its own thread until destroyed.
class SmsDispatcherThread {
 public:
  SmsDispatcherThread(GatewayService& service, SmsDispatchOptions options,
                      std::unique_ptr<SmsLogTransport> transport, std::ostream& err)
      : service_(service),
        options_(std::move(options)),
        transport_(std::move(transport)),
        err_(err),
        thread_([this] { Run(); }) {}
  ~SmsDispatcherThread() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  SmsDispatcherThread(const SmsDispatcherThread&) = delete;
  SmsDispatcherThread& operator=(const SmsDispatcherThread&) = delete;

 private:
  void Run() {
    std::string last_error;
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      Result<SmsDispatchReport> report =
          service_.DispatchSms(options_, [this](const OutgoingSms& sms) {
            return transport_->Send(sms, service_.NowMs() / 1000);
          });
      // An error is said once, not every round while it lasts.
      const std::string error = report.ok() ? "" : report.status().message();
      if (!error.empty() && error != last_error) err_ << "sms-gateway: sms: " << error << std::endl;
      last_error = error;
      lock.lock();
      wake_.wait_for(lock, std::chrono::seconds(2), [this] { return stop_; });
    }
  }

  GatewayService& service_;
  const SmsDispatchOptions options_;
  std::unique_ptr<SmsLogTransport> transport_;
  std::ostream& err_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;   // guarded by mu_
  std::thread thread_;  // last: starts once the rest is built
};

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
  Result<SmsDispatchOptions> sms_options = SmsOptions(config);
  if (!sms_options.ok()) {
    err << "sms-gateway: [sms] " << sms_options.status().message() << "\n";
    return kExitUsage;
  }
  Result<std::unique_ptr<SmsLogTransport>> sms_transport =
      SmsLogTransport::Open(config.data_dir + "/sms.log", &err);
  if (!sms_transport.ok()) {
    err << "sms-gateway: " << sms_transport.status().message() << "\n";
    return kExitUsage;
  }
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

  auto dispatcher = std::make_unique<SmsDispatcherThread>(**service, std::move(*sms_options),
                                                          std::move(*sms_transport), err);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  err << "sms-gateway: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
      << " received, stopping" << std::endl;
  (*server)->Stop();
  dispatcher.reset();
  server->reset();
  service->reset();
  err << "sms-gateway: stopped" << std::endl;
  return kExitOk;
}

}  // namespace dvc::gateway
