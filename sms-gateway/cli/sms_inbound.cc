#include "cli/sms_inbound.h"

#include "smpp/commands.h"
#include "sms/mo_text.h"
#include "sms/user_data_header.h"

namespace dvc::gateway {
namespace {

// ussd_service_op values (SMPP 3.4 5.3.2.44).
constexpr uint8_t kPssrIndication = 1;  // the phone dialled the service code
constexpr uint8_t kUssrRequest = 2;     // our screen, expecting an answer
constexpr uint8_t kPssrResponse = 17;   // our last screen
constexpr uint8_t kUssrConfirm = 18;    // the phone's answer to a USSR request

}  // namespace

uint32_t SmsInboundHandler::Handle(const smpp::Inbound& inbound) {
  if (std::optional<uint8_t> op = inbound.tlvs.UssdServiceOp()) return HandleUssd(inbound, *op);
  MoMessage mo;
  mo.route = inbound.session;
  mo.from = inbound.source;
  mo.to = inbound.destination;
  // A concatenated MO's parts arrive as separate messages: each is read on
  // its own (commands are short; a long one is not a command).
  Result<UserData> user_data =
      SplitUserData(inbound.short_message, (inbound.esm_class & 0x40) != 0);
  Result<std::string> text = user_data.ok() ? DecodeSmsText(inbound.data_coding, user_data->body)
                                            : Result<std::string>(user_data.status());
  if (text.ok()) {
    mo.text = std::move(*text);
  } else {
    mo.undecodable = true;
  }
  Result<MoOutcome> outcome = service_.ReceiveMo(mo, mo_options_);
  if (!outcome.ok()) {
    if (log_) log_("an SMS from a resident was not recorded: " + outcome.status().message());
    return smpp::status::kTempAppError;
  }
  if (outcome->reply_id && reply_queued_) reply_queued_();
  return smpp::status::kOk;
}

uint32_t SmsInboundHandler::HandleUssd(const smpp::Inbound& inbound, uint8_t op) {
  if (ussd_ == nullptr || channel_ == nullptr) return smpp::status::kOk;
  if (op != kPssrIndication && op != kUssrConfirm) return smpp::status::kOk;
  const uint16_t session_info = inbound.tlvs.ItsSessionInfo().value_or(0);
  Result<std::string> input = DecodeSmsText(inbound.data_coding, inbound.short_message);
  UssdAnswer answer = ussd_->AnswerSmppStep(
      inbound.source, session_info, op == kPssrIndication,
      input.ok() ? std::string_view(*input) : std::string_view(), service_.NowMs());
  smpp::TlvList tlvs;
  tlvs.SetUssdServiceOp(answer.end ? kPssrResponse : kUssrRequest);
  // Same session number; the end-of-session bit on the last screen.
  tlvs.SetItsSessionInfo(static_cast<uint16_t>((session_info & 0xFF00) | (answer.end ? 1 : 0)));
  if (!channel_->SendUssd(inbound.session, inbound.source, answer.text, std::move(tlvs)) && log_) {
    log_("a USSD screen could not be sent back through " + inbound.session);
  }
  return smpp::status::kOk;
}

}  // namespace dvc::gateway
