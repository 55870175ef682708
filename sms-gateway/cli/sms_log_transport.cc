#include "cli/sms_log_transport.h"

#include <fcntl.h>
#include <unistd.h>

#include "calendar/local_time.h"
#include "dossier/masking.h"
#include "service/sms_queue.h"

namespace dvc::gateway {
Result<std::unique_ptr<SmsLogTransport>> SmsLogTransport::Open(const std::string& path,
                                                               std::ostream* daemon_log) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Io(path + ": cannot open for appending");
  std::FILE* file = ::fdopen(fd, "a");
  if (file == nullptr) {
    ::close(fd);
    return Status::Io(path + ": cannot open for appending");
  }
  return std::make_unique<SmsLogTransport>(File(file), daemon_log);
}

Result<std::string> SmsLogTransport::Send(const OutgoingSms& sms, int64_t unix_seconds) {
  const bool gsm7 = sms.encoding == text::SmsEncoding::kGsm7;
  Result<size_t> parts = text::CountSegments(sms.text, sms.encoding);
  std::string when = "?";
  if (auto t = calendar::LocalDateTime::FromUnixSeconds(unix_seconds); t.ok()) when = t->ToIso();
  const std::string head = "sms #" + std::to_string(sms.id) + " to ";
  const std::string tail = " [" + sms.event + " " + sms.dossier_code + "] " +
                           (gsm7 ? "gsm7" : "ucs2") + ", " +
                           (parts.ok() ? std::to_string(*parts) : "?") + " part(s): " + sms.text;
  const std::string line = when + " " + head + sms.phone + tail + "\n";
  if (std::fputs(line.c_str(), file_.get()) < 0 || std::fflush(file_.get()) != 0 ||
      ::fsync(::fileno(file_.get())) != 0) {
    return Status::Io("sms.log: cannot write");
  }
  if (log_ != nullptr) *log_ << head << dossier::MaskPhone(sms.phone) << tail << std::endl;
  return "log-" + std::to_string(sms.id);
}

std::vector<int64_t> SmsLogChannel::Send(std::span<const OutgoingSms> batch) {
  for (const OutgoingSms& sms : batch) {
    Result<std::string> id = transport_->Send(sms, now_s_());
    SmsOutcome outcome;
    outcome.id = sms.id;
    outcome.route = "log";
    outcome.receipts_expected = false;  // a log file sends no delivery receipt
    if (id.ok()) {
      outcome.message_ids.push_back(*id);
    } else {
      outcome.kind = SmsOutcome::Kind::kRetry;
      outcome.reason = id.status().message();
    }
    report_(std::move(outcome));
  }
  return {};  // every message taken: its outcome is reported
}

}  // namespace dvc::gateway
