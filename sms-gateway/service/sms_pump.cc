#include "service/sms_pump.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>

namespace dvc::gateway {

SmsPump::SmsPump(GatewayService& service, SmsPumpOptions options)
    : service_(service), options_(std::move(options)) {}

SmsPump::~SmsPump() { Stop(); }

Status SmsPump::Start(SmsChannel* channel) {
  Result<int> resumed = service_.ResumeInterruptedSms();
  if (!resumed.ok()) return resumed.status();
  if (*resumed > 0) {
    Say(std::to_string(*resumed) +
        " SMS interrupted by the last stop are queued again (they may arrive twice)");
  }
  channel_ = channel;
  thread_ = std::thread([this] { Run(); });
  return Status::Ok();
}

void SmsPump::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  // What channels reported after the last round.
  std::vector<SmsOutcome> outcomes;
  std::vector<SmsReceiptNotice> receipts;
  {
    std::lock_guard lock(mu_);
    outcomes.swap(outcomes_);
    receipts.swap(receipts_);
  }
  Flush(outcomes, receipts);
}

void SmsPump::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  wake_.notify_one();
}

void SmsPump::Report(SmsOutcome outcome) {
  size_t waiting = 0;
  {
    std::lock_guard lock(mu_);
    outcomes_.push_back(std::move(outcome));
    waiting = outcomes_.size() + receipts_.size();
    if (unanswered_ > 0) --unanswered_;
    if (unanswered_ == 0) waiting = 1;  // nothing more to gather: as the first
  }
  NotifyAnswers(waiting);
}

void SmsPump::Receipt(SmsReceiptNotice receipt) {
  size_t waiting = 0;
  {
    std::lock_guard lock(mu_);
    receipts_.push_back(std::move(receipt));
    waiting = outcomes_.size() + receipts_.size();
  }
  NotifyAnswers(waiting);
}

void SmsPump::NotifyAnswers(size_t waiting) {
  // Only when it can change what the pump waits for: the first answer (an
  // idle pump starts gathering), a full batch, or the last message in flight
  // answered. A wake per answer costs a context switch per message.
  if (waiting == 1 || waiting == gather_.load()) wake_.notify_one();
}

SmsDispatchReport SmsPump::Totals() {
  std::lock_guard lock(mu_);
  return totals_;
}

void SmsPump::Say(const std::string& line) {
  if (options_.log) options_.log(line);
}

void SmsPump::Flush(std::vector<SmsOutcome>& outcomes, std::vector<SmsReceiptNotice>& receipts) {
  SmsDispatchReport report;
  Result<std::vector<OutgoingSms>> recorded =
      service_.SmsRound(options_.dispatch, outcomes, receipts, 0, &report);
  outcomes.clear();
  receipts.clear();
  // Not recorded: the rows stay 'sending' and go again at the next start.
  Account(report, false,
          recorded.ok() ? "" : "recording SMS outcomes: " + recorded.status().message());
}

void SmsPump::Account(const SmsDispatchReport& report, bool claimed, const std::string& error) {
  std::lock_guard lock(mu_);
  totals_.claimed += report.claimed;
  totals_.sent += report.sent;
  totals_.skipped += report.skipped;
  totals_.failed += report.failed;
  totals_.retried += report.retried;
  totals_.not_sent += report.not_sent;
  totals_.receipts_matched += report.receipts_matched;
  if (claimed) totals_.outside_send_hours = report.outside_send_hours;
  if (!error.empty() && error != last_error_) Say(error);
  last_error_ = error;
}

void SmsPump::PurgeIfDue() {
  constexpr int64_t kPurgeEveryS = 3600;
  if (options_.keep_days <= 0) return;
  const int64_t now_s = service_.NowMs() / 1000;
  // A clock set back by more than the interval starts it again.
  if (last_purge_s_ && now_s >= *last_purge_s_ && now_s - *last_purge_s_ < kPurgeEveryS) return;
  last_purge_s_ = now_s;
  const int64_t keep_s = int64_t{options_.keep_days} * 24 * 3600;
  Result<SmsPurgeCounts> purged = service_.PurgeSmsHistory(now_s - keep_s);
  if (!purged.ok()) {
    // Tried again an hour later; the history only waits longer.
    const std::string error = "purging old SMS: " + purged.status().message();
    if (error != purge_error_) Say(error);
    purge_error_ = error;
    return;
  }
  purge_error_.clear();
  if (purged->inbox > 0 || purged->replies > 0) {
    Say("purged " + std::to_string(purged->inbox) + " messages from residents and " +
        std::to_string(purged->replies) + " replies older than " +
        std::to_string(options_.keep_days) + " days");
  }
}

bool SmsPump::Round() {
  PurgeIfDue();
  std::vector<SmsOutcome> outcomes;
  std::vector<SmsReceiptNotice> receipts;
  {
    std::lock_guard lock(mu_);
    outcomes.swap(outcomes_);
    receipts.swap(receipts_);
    woken_ = false;
  }
  // One transaction: the answers reported since the last round (outcomes
  // before receipts: a receipt may follow its submit_sm_resp closely), then
  // as many due messages as the channel has room for.
  const size_t room = std::min(channel_->Room(), options_.claim_max);
  // The most room seen is the channel's whole queue (twice the windows): a
  // quarter of it is answered before a round refills it, so a small window
  // (one message in flight, two queued) is never left waiting for a batch.
  max_room_ = std::max(max_room_, room);
  gather_.store(std::clamp<size_t>(max_room_ / 4, 1, options_.gather_answers));
  SmsDispatchReport report;
  Result<std::vector<OutgoingSms>> claimed =
      service_.SmsRound(options_.dispatch, outcomes, receipts, room, &report);
  if (!claimed.ok()) {
    // Not recorded: the rows stay 'sending' and go again at the next start.
    Account(report, false, "recording and claiming SMS: " + claimed.status().message());
    return false;
  }
  {
    // Counted before Send: a channel may answer from inside it.
    std::lock_guard lock(mu_);
    unanswered_ += claimed->size();
  }
  if (!claimed->empty()) {
    for (const int64_t id : channel_->Send(*claimed)) {
      SmsOutcome o;
      o.id = id;
      o.kind = SmsOutcome::Kind::kNotSent;
      o.reason = "no SMSC connection could take it";
      Report(std::move(o));
    }
  }
  Account(report, room > 0, "");
  // A full claim: more may be due behind it.
  return room > 0 && claimed->size() == room;
}

void SmsPump::Run() {
  pthread_setname_np(pthread_self(), "sms-pump");  // in top -H and a debugger
  const auto answers_waiting = [this] { return outcomes_.size() + receipts_.size(); };
  for (;;) {
    const bool again = Round();
    std::unique_lock lock(mu_);
    if (stop_) return;
    if (again || woken_) continue;
    if (answers_waiting() == 0) {
      wake_.wait_for(lock, std::chrono::milliseconds(options_.idle_poll_ms),
                     [&] { return stop_ || woken_ || answers_waiting() > 0; });
      if (stop_) return;
    }
    // Gathering only while more answers are to come: a lone message (a reply
    // to a resident) is recorded at once.
    const size_t gather = gather_.load();
    if (!woken_ && answers_waiting() > 0 && answers_waiting() < gather && unanswered_ > 0) {
      wake_.wait_for(lock, std::chrono::milliseconds(options_.gather_ms), [&] {
        return stop_ || woken_ || answers_waiting() >= gather || unanswered_ == 0;
      });
      if (stop_) return;
    }
  }
}

}  // namespace dvc::gateway
