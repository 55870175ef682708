// The log transport: the embedded default until an SMSC is configured. Each
// SMS is appended to <data_dir>/sms.log (owner-only, one line per message,
// flushed and fsync'd before it counts as sent) and summarised on the daemon's
// log with the phone masked, so a demo shows what a resident would receive.
//
// Thread-safety: one dispatcher thread calls Send. Ownership: owns the file.
#pragma once

#include <cstdio>
#include <memory>
#include <ostream>
#include <string>

#include "core/status.h"
#include "service/sms_notifications.h"

namespace dvc::gateway {

class SmsLogTransport {
 public:
  // Opens (creating, mode 0600) `path` for appending. Errors: kIo.
  static Result<std::unique_ptr<SmsLogTransport>> Open(const std::string& path,
                                                       std::ostream* daemon_log);

  // Appends "<time> sms #<id> to <phone> [<event> <code>] <encoding>, <n> part(s): <text>".
  // Returns the message id "log-<id>". Errors: kIo (the SMS is retried).
  Result<std::string> Send(const OutgoingSms& sms, int64_t unix_seconds);

  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  using File = std::unique_ptr<std::FILE, FileCloser>;
  // Use Open.
  SmsLogTransport(File file, std::ostream* log) : file_(std::move(file)), log_(log) {}

 private:
  File file_;
  std::ostream* log_;
};

}  // namespace dvc::gateway
