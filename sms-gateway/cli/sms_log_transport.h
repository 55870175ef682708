// The log transport: the embedded default until an SMSC is configured. Each
// SMS is appended to <data_dir>/sms.log (owner-only, one line per message,
// flushed and fsync'd before it counts as sent) and summarised on the daemon's
// log with the phone masked, so a demo shows what a resident would receive.
//
// Thread-safety: one dispatcher thread calls Send. Ownership: owns the file.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "core/status.h"
#include "service/sms_notifications.h"
#include "service/sms_queue.h"

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

// The log transport as the pump's channel: each message is written at once
// and its outcome reported from inside Send (accepted, or a retry when the
// file cannot be written).
class SmsLogChannel final : public SmsChannel {
 public:
  SmsLogChannel(std::unique_ptr<SmsLogTransport> transport, std::function<int64_t()> now_s,
                std::function<void(SmsOutcome)> report)
      : transport_(std::move(transport)), now_s_(std::move(now_s)), report_(std::move(report)) {}
  size_t Room() override { return 100; }
  std::vector<int64_t> Send(std::span<const OutgoingSms> batch) override;

 private:
  std::unique_ptr<SmsLogTransport> transport_;
  std::function<int64_t()> now_s_;
  std::function<void(SmsOutcome)> report_;
};

}  // namespace dvc::gateway
