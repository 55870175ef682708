// SmsPump: the thread that moves the outbound SMS queue (sms_queue.h) into a
// channel and the channel's answers back into the store.
//
// Each round, in one transaction (GatewayService::SmsRound), it records the
// outcomes and delivery receipts reported since the last round and claims as
// many due messages as the channel has room for, then hands those over. Outcomes from a channel
// with a window (SMPP) arrive on the channel's threads through Report; they
// wait in memory only until the next round, which they wake. A crash in that
// interval leaves the rows 'sending', which the next start sends again (the
// duplicate window); a receipt acknowledged to the SMSC in that interval is
// lost, and its message stays 'sent'.
//
// With keep_days set, a round also purges residents' SMS history older than
// that (GatewayService::PurgeSmsHistory), at most once an hour.
//
// Thread-safety: Report, Receipt and Wake may be called from any thread;
// Start and Stop from the owner's. Ownership: the service and the channel
// must outlive Stop().
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "service/gateway_service.h"
#include "service/sms_queue.h"

namespace dvc::gateway {

struct SmsPumpOptions {
  SmsDispatchOptions dispatch;
  int idle_poll_ms = 1000;  // how often an idle pump looks for due rows
  size_t claim_max = 200;   // messages claimed per round at most
  // A windowed channel answers message by message; the pump gathers answers
  // until it has a quarter of the channel's queue (the most Room() seen), at
  // most `gather_answers`, or `gather_ms` passed since the first, so one
  // transaction records many while the channel's own queue keeps its window
  // full. New work (Wake) starts a round at once.
  size_t gather_answers = 32;
  int gather_ms = 2;
  // Residents' SMS history (sms_retention.h) older than this many days is
  // purged, at most once an hour of the service's clock (NowMs); 0: never.
  // The service keeps at least kMinSmsKeepDays whatever this says.
  int keep_days = 0;
  // Problems (the store failing) and summaries, one line each; may be empty.
  std::function<void(const std::string&)> log;
};

class SmsPump {
 public:
  SmsPump(GatewayService& service, SmsPumpOptions options);
  ~SmsPump();  // Stop()
  SmsPump(const SmsPump&) = delete;
  SmsPump& operator=(const SmsPump&) = delete;

  // Puts rows a crash left 'sending' back to pending, then starts the thread.
  // Errors: the store's (nothing started).
  Status Start(SmsChannel* channel);
  // Records what was reported, stops the thread. Idempotent.
  void Stop();

  // New work (a reply queued): the next round starts now.
  void Wake();
  // A channel's answer about a claimed message / a delivery receipt.
  void Report(SmsOutcome outcome);
  void Receipt(SmsReceiptNotice receipt);

  // Totals since Start (for tests, the benchmark and the log).
  SmsDispatchReport Totals();

 private:
  void Run();
  // One round; returns whether it should run again at once.
  bool Round();
  void Flush(std::vector<SmsOutcome>& outcomes, std::vector<SmsReceiptNotice>& receipts);
  // Adds a round's report to the totals; logs `error` (if any) once per change.
  // `claimed`: the round tried to claim (its send-hours flag counts).
  void Account(const SmsDispatchReport& report, bool claimed, const std::string& error);
  void Say(const std::string& line);
  // Purges the SMS history when keep_days is set and an hour has passed
  // since the last attempt; logs what went, or a failure once.
  void PurgeIfDue();
  // Wakes the thread when `waiting` answers may end its wait.
  void NotifyAnswers(size_t waiting);

  GatewayService& service_;
  const SmsPumpOptions options_;
  SmsChannel* channel_ = nullptr;

  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;                       // guarded by mu_
  bool woken_ = false;                      // guarded by mu_
  std::vector<SmsOutcome> outcomes_;        // guarded by mu_
  std::vector<SmsReceiptNotice> receipts_;  // guarded by mu_
  SmsDispatchReport totals_;                // guarded by mu_
  size_t unanswered_ = 0;  // handed to the channel, outcome not yet reported; guarded by mu_
  size_t max_room_ = 0;    // the pump thread's only
  std::atomic<size_t> gather_{1};        // answers that end a gathering wait
  std::string last_error_;               // guarded by mu_
  std::optional<int64_t> last_purge_s_;  // the pump thread's only
  std::string purge_error_;              // the pump thread's only
  std::thread thread_;
};

}  // namespace dvc::gateway
