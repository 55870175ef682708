// smpp::Session: one ESME connection to one SMSC account (SMPP 3.4), issue 5.
//
// The session runs its own thread: non-blocking sockets under poll(), a
// transceiver link or a transmitter + receiver pair, bind with back-off,
// enquire_link both ways, a submit window with a bounded queue in front of
// it, a token bucket, throttling pauses, and the callbacks that hand
// outcomes, receipts and MO messages to the caller. No call on the caller's
// thread blocks but Stop (bounded by its grace) and the destructor.
//
// Duplicate window (documented behaviour): when a link drops, every request
// queued or in flight comes back as kRetry, including a part the SMSC
// accepted but whose submit_sm_resp was lost; the caller re-queues it and the
// resident may receive that part twice. Losing a message is the worse error.
//
// Thread-safety: Bound, Room, Submit, GetStats may be called from any thread
// at any time; Stop from one thread (not from a callback). Callbacks run on
// the session's thread, one at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "smpp/delivery_receipt.h"
#include "smpp/tlv.h"

namespace dvc::gateway::smpp {

// One transceiver socket, or a transmitter (submits) + receiver (deliver_sm) pair.
enum class BindMode { kTransceiver, kTransmitterReceiver };

// One SMSC account. Times are milliseconds.
struct SessionConfig {
  std::string name;  // e.g. "viettel": in logs, outcomes and receipts
  std::string host;  // numeric IPv4/IPv6 address or a name (resolved on the session's thread)
  uint16_t port = 2775;
  std::string system_id, password, system_type;
  BindMode bind_mode = BindMode::kTransceiver;
  int window = 10;                  // submit_sm sent and awaiting their resp, >= 1
  double max_per_second = 0;        // submit_sm per second, 0 = no limit (token bucket, 1 s burst)
  int enquire_link_ms = 30000;      // sent when nothing was received for this long
  int response_timeout_ms = 10000;  // a request without resp this long: the link is dead
  int reconnect_min_ms = 1000;      // first back-off; doubles per failure, reset on bind
  int reconnect_max_ms = 60000;     // back-off cap
  int throttle_pause_ms = 500;      // pause after ESME_RTHROTTLED / ESME_RMSGQFUL (doubles, <= 2 s)
  std::string source_addr;          // the short code, e.g. "8079"
  uint8_t source_ton = 0, source_npi = 0;
  uint8_t registered_delivery = 1;  // on every part: each part gets its own receipt
  // Read coalescing: while a full window (of 8 or more) is answered at least
  // this fast, the session waits up to 1 ms for a quarter of the answers
  // instead of waking for each. 0: whenever the window is full (tests). Not
  // a key of the connection files: nothing an operator needs to tune.
  double coalesce_min_answers_per_ms = 5.0;
};

// One message to send: its parts are already segmented (shared/text/sms_segment.h).
struct SubmitRequest {
  uint64_t ref = 0;         // the caller's id, echoed in the outcome
  std::string destination;  // international digits, e.g. "84912345678" (ton 1, npi 1)
  uint8_t data_coding = 0, esm_class = 0;
  std::vector<std::string>
      parts;     // short_message per segment (UDH + body), 1..255 of <= 254 octets
  TlvList tlvs;  // extra TLVs on every part (USSD: ussd_service_op, ...)
};

// What became of one SubmitRequest (all its parts).
struct SubmitOutcome {
  enum class Kind {
    kAccepted,  // every part accepted by the SMSC
    kRejected,  // permanent (bad number, bad parameters): do not send again
    kRetry,     // the SMSC refused it for now: send again later (maybe elsewhere)
    kLinkLost,  // the link dropped or the session stopped before the SMSC answered
                // (or before it was sent): send again; it may have arrived (the
                // documented duplicate window)
  };
  std::string session;
  uint64_t ref = 0;
  Kind kind = Kind::kRetry;
  std::vector<std::string> message_ids;  // CanonicalMessageId of each accepted part, in part order
  std::string reason;  // empty when accepted, e.g. "ESME_RINVDSTADR (0x0000000b): ..."
};

// A mobile-originated message: a deliver_sm that is not a receipt, or a data_sm.
struct Inbound {
  std::string session, source, destination;
  uint8_t data_coding = 0, esm_class = 0;
  std::string short_message;  // short_message, or message_payload when that is empty
  TlvList tlvs;
};

// Callbacks, run on the session's thread: keep them short; never call Stop
// or destroy the session from one. Unset callbacks are skipped (receipts and
// MO messages are then answered ESME_ROK).
struct SessionEvents {
  std::function<void(SubmitOutcome)> on_submit;
  // Returns the deliver_sm_resp / data_sm_resp command_status (ESME_ROK once stored).
  std::function<uint32_t(const std::string& session, const DeliveryReceipt&)> on_receipt;
  // Returns ESME_ROK once safely stored, else e.g. ESME_RX_T_APPN so the SMSC retries.
  std::function<uint32_t(const Inbound&)> on_inbound;
  // Called when Bound() changes, and on each failed bind or lost link (bound false).
  std::function<void(const std::string& session, bool bound, const std::string& why)> on_state;
  std::function<void(const std::string& line)> on_log;  // optional
};

// The sequence number after `current`: 1..0x7FFFFFFF, wrapping to 1 (SMPP 3.4 5.1.4).
uint32_t NextSequenceNumber(uint32_t current);

class Session {
 public:
  // Starts the session's thread, which connects and binds at once.
  // REQUIRES: config.window >= 1 (aborts otherwise). Never fails: connect
  // and bind errors go to on_state and are retried with back-off.
  static std::unique_ptr<Session> Start(SessionConfig config, SessionEvents events);

  // Stop(1 s) if still running.
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // True while the link that submits (transceiver or transmitter) is bound.
  bool Bound() const;

  // How many more requests Submit takes now: 0 when unbound, paused by
  // throttling or with a full queue (the queue holds 2 x window requests).
  size_t Room() const;

  // Queues `request`; never blocks. False (request not taken, no outcome
  // will follow) when Room() is 0 or the session is stopping. Otherwise
  // exactly one on_submit follows for request.ref.
  bool Submit(SubmitRequest request);
  // Queues as many of `requests` as Room() allows, in order, with one lock
  // and one wake of the session's thread (a wake per request costs a context
  // switch each); returns how many were taken: the first that many, moved
  // from. Each taken request gets exactly one on_submit; the rest are left
  // as they were (the caller may try another session) and get none.
  size_t SubmitAll(std::span<SubmitRequest> requests);

  // Unbinds every bound link, waits for unbind_resp or `grace`, closes, and
  // joins the thread. Requests still queued or in flight get kRetry outcomes
  // before it returns. Idempotent. Call from one thread, never from a callback.
  void Stop(std::chrono::milliseconds grace);

  // Counters since Start (parts for submitted/throttled; requests for the outcomes).
  struct Stats {
    uint64_t submitted = 0, accepted = 0, rejected = 0, retried = 0, throttled = 0, reconnects = 0,
             receipts = 0, inbound = 0;
    uint64_t coalesced_polls = 0;  // polls that waited with a raised low-water mark
  };
  Stats GetStats() const;

  class Impl;  // session.cc

 private:
  explicit Session(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dvc::gateway::smpp
