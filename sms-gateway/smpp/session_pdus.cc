// Session::Impl, part 2: reading the links and handling what the SMSC sends
// (responses, deliver_sm, data_sm, enquire_link, unbind, garbage).
#include <poll.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>

#include "smpp/commands.h"
#include "smpp/session_impl.h"
#include "smpp/session_socket.h"
#include "smpp/session_status.h"

namespace dvc::gateway::smpp {

using namespace session_internal;  // NOLINT: this file implements session_internal's user

void Session::Impl::Flush(Link& link) {
  if (link.fd < 0 || link.out.empty() || link.state == LinkState::kConnecting) return;
  const IoResult sent = SendSome(link.fd, link.out);
  if (!sent.error.empty()) {
    Drop(link, sent.error, /*reconnect=*/!stop_started_);
    return;
  }
  link.out.erase(0, sent.bytes);  // usually all of it: keeps the capacity for the next round
}

void Session::Impl::ReadFrom(Link& link) {
  // Bounded rounds so one chatty link cannot starve the other or the timers.
  for (int round = 0; round < 16 && link.fd >= 0; ++round) {
    const IoResult got = ReceiveSome(link.fd, read_buffer_.data(), read_buffer_.size());
    if (got.would_block) return;
    if (got.closed || !got.error.empty()) {
      Drop(link, got.closed ? "the SMSC closed the connection" : got.error,
           /*reconnect=*/!stop_started_);
      return;
    }
    link.last_received = Clock::now();
    link.framer.Append(std::string_view(read_buffer_.data(), got.bytes));
    if (!DrainFrames(link)) return;
    if (got.bytes < read_buffer_.size()) return;
  }
}

bool Session::Impl::DrainFrames(Link& link) {
  while (link.fd >= 0) {
    Frame frame = link.framer.Next();
    if (frame.kind == Frame::Kind::kNeedMore) return true;
    if (frame.kind == Frame::Kind::kFatal) {
      Reply(link, ErrorReply(frame.error));
      Flush(link);
      if (link.fd >= 0) Drop(link, frame.error.message, /*reconnect=*/!stop_started_);
      return false;
    }
    DecodeResult decoded = Decode(frame.pdu);
    if (decoded.ok()) {
      Handle(link, std::move(decoded).pdu());
    } else {
      const DecodeError& error = decoded.error();
      Log("undecodable PDU: " + error.message);
      Reply(link, ErrorReply(error));
      if (IsResponse(error.command_id)) {
        OnResponse(link, error.sequence, status::kSystemError, nullptr);
      }
    }
  }
  return false;
}

void Session::Impl::Handle(Link& link, Pdu pdu) {
  const PduHeader& h = pdu.header;
  if (IsResponse(h.command_id)) {
    uint32_t st = h.command_status;
    // A generic_nack saying "OK" is a contradiction: treat it as a system error.
    if (h.command_id == command::kGenericNack && st == status::kOk) st = status::kSystemError;
    OnResponse(link, h.sequence_number, st, &pdu);
    return;
  }
  switch (h.command_id) {
    case command::kEnquireLink:
      Reply(link, Pdu::Make(command::kEnquireLinkResp, h.sequence_number));
      return;
    case command::kDeliverSm:
      OnDeliver(link, h.sequence_number, std::get<DeliverSm>(pdu.body), command::kDeliverSmResp);
      return;
    case command::kDataSm:
      OnDataSm(link, h.sequence_number, std::get<DataSm>(pdu.body));
      return;
    case command::kUnbind:
      Reply(link, Pdu::Make(command::kUnbindResp, h.sequence_number));
      Flush(link);
      if (link.fd >= 0) Drop(link, "the SMSC unbound", /*reconnect=*/!stop_started_);
      return;
    case command::kOutbind:
    case command::kAlertNotification:
      Log("ignored " + CommandName(h.command_id));
      return;
    default: {
      // A request an SMSC must not send to an ESME (submit_sm, bind_*).
      Pdu reply =
          Pdu::Make(ResponseIdOf(h.command_id).value_or(command::kGenericNack), h.sequence_number);
      reply.header.command_status = status::kInvalidCommandId;
      Reply(link, reply);
    }
  }
}

void Session::Impl::OnResponse(Link& link, uint32_t seq, uint32_t st, const Pdu* pdu) {
  const auto it = link.outstanding.find(seq);
  if (it == link.outstanding.end()) {
    Log("response to no request (sequence " + std::to_string(seq) + ")");
    return;
  }
  const Outstanding o = it->second;
  link.outstanding.erase(it);
  switch (o.command_id) {
    case command::kSubmitSm:
      OnSubmitResp(link, o, st, pdu);
      return;
    case command::kEnquireLink:
      link.enquire_pending = false;
      return;
    case command::kUnbind:
      Drop(link, stop_started_ ? kStoppedReason : "unbound", /*reconnect=*/!stop_started_);
      return;
    default:
      OnBindResp(link, st);
  }
}

void Session::Impl::OnBindResp(Link& link, uint32_t st) {
  const std::string role = InfoOf(link.role).name;
  if (st != status::kOk) {
    Drop(link, "bind refused: " + DescribeStatus(st), /*reconnect=*/!stop_started_);
    return;
  }
  link.state = LinkState::kBound;
  link.backoff_ms = config_.reconnect_min_ms;
  if (InfoOf(link.role).submits) {
    std::lock_guard lock(mu_);
    bound_.store(true);
  }
  State(role + " link bound");
}

void Session::Impl::OnSubmitResp(Link& link, const Outstanding& o, uint32_t st, const Pdu* pdu) {
  if (link.submits_in_flight > 0) --link.submits_in_flight;
  ++link.answers_counted;
  switch (ClassifySubmitStatus(st)) {
    case SubmitStatusClass::kAccepted: {
      if (o.sent_at >= pause_started_) {  // not an answer left over from before a pause
        throttle_pause_ms_ = config_.throttle_pause_ms;
        probing_ = false;
      }
      const auto* resp = pdu ? std::get_if<SubmitSmResp>(&pdu->body) : nullptr;
      ResolvePart(o.key, o.part, Kind::kAccepted, "",
                  resp ? CanonicalMessageId(resp->message_id) : std::string());
      return;
    }
    case SubmitStatusClass::kThrottle: {
      Count([](Stats& s) { ++s.throttled; });
      ready_.push_front(PartRef{o.key, o.part});
      // The rest of a window sent before the pause comes back throttled too:
      // one episode, one pause.
      if (o.sent_at < pause_started_) return;
      const TimePoint now = Clock::now();
      pause_started_ = now;
      pause_until_ = now + Ms(throttle_pause_ms_);
      throttle_pause_ms_ = std::min(throttle_pause_ms_ * 2,
                                    std::max(kMaxThrottlePauseMs, config_.throttle_pause_ms));
      probing_ = true;
      paused_.store(true);
      Log("throttled (" + StatusName(st) + "): pausing submits for " +
          std::to_string(std::chrono::duration_cast<Ms>(pause_until_ - now).count()) + " ms");
      return;
    }
    case SubmitStatusClass::kRejected:
      ResolvePart(o.key, o.part, Kind::kRejected, DescribeStatus(st), "");
      return;
    case SubmitStatusClass::kRetry:
      ResolvePart(o.key, o.part, Kind::kRetry, DescribeStatus(st), "");
      return;
  }
}

void Session::Impl::OnDeliver(Link& link, uint32_t seq, const DeliverSm& deliver,
                              uint32_t resp_id) {
  uint32_t answer = status::kOk;
  if (IsDeliveryReceipt(deliver)) {
    Result<DeliveryReceipt> receipt = ReceiptFromDeliverSm(deliver);
    if (receipt.ok()) {
      Count([](Stats& s) { ++s.receipts; });
      if (events_.on_receipt) answer = events_.on_receipt(config_.name, *receipt);
    } else {
      // Answered OK all the same: the SMSC would re-send the same unreadable text.
      Log("unreadable delivery receipt: " + receipt.status().message());
    }
  } else {
    Inbound inbound{config_.name,        deliver.source_addr, deliver.destination_addr,
                    deliver.data_coding, deliver.esm_class,   deliver.short_message,
                    deliver.tlvs};
    if (inbound.short_message.empty()) {
      inbound.short_message = deliver.tlvs.MessagePayload().value_or(std::string());
    }
    Count([](Stats& s) { ++s.inbound; });
    if (events_.on_inbound) answer = events_.on_inbound(inbound);
  }
  Pdu reply = Pdu::Make(resp_id, seq);
  reply.header.command_status = answer;
  Reply(link, reply);
}

void Session::Impl::OnDataSm(Link& link, uint32_t seq, const DataSm& data) {
  // Same treatment as deliver_sm: the payload is in message_payload.
  DeliverSm as_deliver;
  as_deliver.source_addr = data.source_addr;
  as_deliver.destination_addr = data.destination_addr;
  as_deliver.esm_class = data.esm_class;
  as_deliver.data_coding = data.data_coding;
  as_deliver.tlvs = data.tlvs;
  OnDeliver(link, seq, as_deliver, command::kDataSmResp);
}

}  // namespace dvc::gateway::smpp
