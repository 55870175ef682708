#include "cli/smpp_channel.h"

#include <map>
#include <set>

#include "smpp/commands.h"
#include "smpp/delivery_receipt.h"
#include "text/sms_segment.h"

namespace dvc::gateway {
namespace {

smpp::SessionConfig SessionConfigOf(const SmscFileConfig& f, const std::string& short_code) {
  smpp::SessionConfig c;
  c.name = f.name;
  c.host = f.host;
  c.port = static_cast<uint16_t>(f.port);
  c.system_id = f.system_id;
  c.password = f.password;
  c.system_type = f.system_type;
  c.bind_mode = f.bind_mode == "transmitter_receiver" ? smpp::BindMode::kTransmitterReceiver
                                                      : smpp::BindMode::kTransceiver;
  c.window = static_cast<int>(f.window);
  c.max_per_second = static_cast<double>(f.max_per_second);
  c.enquire_link_ms = static_cast<int>(f.enquire_link_s * 1000);
  c.response_timeout_ms = static_cast<int>(f.response_timeout_s * 1000);
  c.reconnect_min_ms = static_cast<int>(f.reconnect_min_s * 1000);
  c.reconnect_max_ms = static_cast<int>(f.reconnect_max_s * 1000);
  c.throttle_pause_ms = static_cast<int>(f.throttle_pause_ms);
  c.source_addr = f.source_addr.empty() ? short_code : f.source_addr;
  c.source_ton = static_cast<uint8_t>(f.source_ton);
  c.source_npi = static_cast<uint8_t>(f.source_npi);
  c.registered_delivery = f.registered_delivery ? 1 : 0;
  return c;
}

SmsOutcome OutcomeOf(smpp::SubmitOutcome o) {
  SmsOutcome out;
  out.id = static_cast<int64_t>(o.ref);
  out.route = std::move(o.session);
  out.message_ids = std::move(o.message_ids);
  out.reason = std::move(o.reason);
  switch (o.kind) {
    case smpp::SubmitOutcome::Kind::kAccepted:
      out.kind = SmsOutcome::Kind::kAccepted;
      break;
    case smpp::SubmitOutcome::Kind::kRejected:
      out.kind = SmsOutcome::Kind::kRejected;
      break;
    case smpp::SubmitOutcome::Kind::kRetry:
      out.kind = SmsOutcome::Kind::kRetry;
      break;
    case smpp::SubmitOutcome::Kind::kLinkLost:
      out.kind = SmsOutcome::Kind::kNotSent;
      break;
  }
  return out;
}

}  // namespace

Result<smpp::SubmitRequest> SubmitRequestFor(const OutgoingSms& sms, uint8_t reference) {
  Result<std::string> number = smpp::NormalizeVietnamesePhone(sms.phone);
  if (!number.ok()) return number.status();
  Result<text::SmsPlan> plan = text::PlanSms(sms.text, sms.encoding, reference);
  if (!plan.ok()) return plan.status();
  smpp::SubmitRequest request;
  request.ref = static_cast<uint64_t>(sms.id);
  request.destination = std::move(*number);
  request.data_coding = plan->DataCoding();
  request.esm_class = plan->EsmClass();
  for (const text::SmsSegment& segment : plan->segments) {
    request.parts.push_back(segment.ShortMessage());
  }
  return request;
}

SmppChannel::SmppChannel(SmppChannelHooks hooks, smpp::SmscRouter router)
    : hooks_(std::move(hooks)), router_(std::move(router)) {}

Result<std::unique_ptr<SmppChannel>> SmppChannel::Create(const std::vector<SmscFileConfig>& smscs,
                                                         const std::string& short_code,
                                                         SmppChannelHooks hooks) {
  if (smscs.empty()) return Status::InvalidInput("no SMSC connection configured");
  std::vector<smpp::SmscRoute> routes;
  for (const SmscFileConfig& f : smscs) routes.push_back({f.name, f.prefixes});
  Result<smpp::SmscRouter> router = smpp::SmscRouter::Create(std::move(routes));
  if (!router.ok()) return router.status();
  auto channel = std::make_unique<SmppChannel>(std::move(hooks), std::move(*router));
  SmppChannel* self = channel.get();
  for (const SmscFileConfig& f : smscs) {
    smpp::SessionEvents events;
    events.on_submit = [self, receipts = f.registered_delivery](smpp::SubmitOutcome o) {
      if ((o.ref & kUssdRefBit) != 0) {
        if (o.kind != smpp::SubmitOutcome::Kind::kAccepted && self->hooks_.log) {
          self->hooks_.log("smsc " + o.session + ": a USSD screen was not accepted: " + o.reason);
        }
        return;
      }
      SmsOutcome outcome = OutcomeOf(std::move(o));
      outcome.receipts_expected = receipts;
      if (self->hooks_.on_outcome) self->hooks_.on_outcome(std::move(outcome));
    };
    events.on_receipt = [self](const std::string& session, const smpp::DeliveryReceipt& r) {
      SmsReceiptNotice notice;
      notice.route = session;
      notice.message_id = smpp::CanonicalMessageId(r.message_id);
      notice.stat = r.stat;
      notice.delivered = r.state ? smpp::IsDelivered(*r.state) : r.stat == "DELIVRD";
      if (notice.delivered) notice.stat = "DELIVRD";
      // Intermediate receipts (ENROUTE, ACCEPTD) settle nothing.
      if (r.state && !smpp::IsFinal(*r.state)) return smpp::status::kOk;
      if (self->hooks_.on_receipt) self->hooks_.on_receipt(std::move(notice));
      return smpp::status::kOk;
    };
    events.on_inbound = [self](const smpp::Inbound& inbound) {
      return self->hooks_.on_inbound ? self->hooks_.on_inbound(inbound) : smpp::status::kOk;
    };
    events.on_state = [self](const std::string& session, bool bound, const std::string& why) {
      if (self->hooks_.log) {
        self->hooks_.log("smsc " + session + (bound ? ": bound" : ": not bound") +
                         (why.empty() ? "" : " (" + why + ")"));
      }
    };
    events.on_log = [self, name = f.name](const std::string& line) {
      if (self->hooks_.log) self->hooks_.log("smsc " + name + ": " + line);
    };
    channel->sessions_.emplace(f.name,
                               smpp::Session::Start(SessionConfigOf(f, short_code), events));
  }
  return channel;
}

SmppChannel::~SmppChannel() { Stop(); }

void SmppChannel::Stop() {
  for (auto& [name, session] : sessions_) session->Stop(std::chrono::seconds(2));
}

std::vector<std::string> SmppChannel::Bound() {
  std::vector<std::string> bound;
  for (const auto& [name, session] : sessions_) {
    if (session->Bound()) bound.push_back(name);
  }
  return bound;
}

size_t SmppChannel::Room() {
  size_t room = 0;
  for (const auto& [name, session] : sessions_) room += session->Room();
  return room;
}

smpp::Session* SmppChannel::SessionNamed(const std::string& name) {
  auto it = sessions_.find(name);
  return it == sessions_.end() ? nullptr : it->second.get();
}

std::vector<int64_t> SmppChannel::Send(std::span<const OutgoingSms> batch) {
  // A message on its way: its request and the routes the router named.
  struct Pending {
    int64_t id = 0;
    smpp::SubmitRequest request;
    std::vector<std::string> routes;
    size_t route = 0;  // the next to try
  };
  std::vector<Pending> pending;
  const std::vector<std::string> bound = Bound();
  for (const OutgoingSms& sms : batch) {
    Result<smpp::SubmitRequest> request = SubmitRequestFor(sms, next_reference_++);
    if (!request.ok()) {
      // Nothing an SMSC could do better: fail it now, with the reason.
      SmsOutcome o;
      o.id = sms.id;
      o.kind = SmsOutcome::Kind::kRejected;
      o.reason = request.status().message();
      if (hooks_.on_outcome) hooks_.on_outcome(std::move(o));
      continue;
    }
    std::vector<std::string> routes = router_.Pick(request->destination, bound);
    pending.push_back({sms.id, std::move(*request), std::move(routes), 0});
  }
  // Each session is offered its share in one SubmitAll (one lock, one wake).
  // What a session leaves (its queue full, or its link just dropped) moves
  // on to the message's next route, as one message at a time would.
  std::vector<int64_t> not_taken;
  std::set<std::string> full;
  while (!pending.empty()) {
    std::map<std::string, std::vector<Pending>> shares;
    for (Pending& p : pending) {
      while (p.route < p.routes.size() &&
             (full.contains(p.routes[p.route]) || SessionNamed(p.routes[p.route]) == nullptr)) {
        ++p.route;
      }
      if (p.route == p.routes.size()) {
        not_taken.push_back(p.id);
      } else {
        shares[p.routes[p.route]].push_back(std::move(p));
      }
    }
    pending.clear();
    for (auto& [name, share] : shares) {
      std::vector<smpp::SubmitRequest> requests;
      requests.reserve(share.size());
      for (Pending& p : share) requests.push_back(std::move(p.request));
      const size_t taken = SessionNamed(name)->SubmitAll(requests);
      if (taken == share.size()) continue;
      full.insert(name);
      for (size_t i = taken; i < share.size(); ++i) {
        share[i].request = std::move(requests[i]);  // its next route: `full` skips this one
        pending.push_back(std::move(share[i]));
      }
    }
  }
  return not_taken;
}

bool SmppChannel::SendUssd(const std::string& session, const std::string& destination,
                           const std::string& gsm7_text, smpp::TlvList tlvs) {
  smpp::Session* target = SessionNamed(session);
  if (target == nullptr) return false;
  // One screen: at most 160 septets (ussd/ menu), one part without UDH.
  Result<text::SmsPlan> plan = text::PlanSms(gsm7_text, text::SmsEncoding::kGsm7, 0);
  if (!plan.ok() || plan->segments.size() != 1) return false;
  smpp::SubmitRequest request;
  request.ref = kUssdRefBit | next_ussd_ref_.fetch_add(1);
  request.destination = destination;
  request.data_coding = plan->DataCoding();
  request.parts.push_back(plan->segments.front().body);
  request.tlvs = std::move(tlvs);
  return target->Submit(std::move(request));
}

}  // namespace dvc::gateway
