// Feeds arbitrary bytes to the SMPP layer the way an SMSC connection would:
// through the Framer in reads of varying size, every framed PDU through
// Decode. Whatever decodes must validate, re-encode and decode to the same
// PDU (round trip); whatever fails must yield a reply that encodes. The same
// bytes are also parsed as delivery receipt text. Must never crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "smpp/delivery_receipt.h"
#include "smpp/framer.h"
#include "smpp/pdu.h"

namespace {

using namespace dvc::gateway::smpp;

void CheckPdu(std::string_view bytes) {
  const DecodeResult first = Decode(bytes);
  if (!first.ok()) {
    if (first.error().command_status == status::kOk) std::abort();
    const Pdu reply = ErrorReply(first.error());
    if (!Validate(reply).ok() || Encode(reply).size() != kHeaderLength) std::abort();
    return;
  }
  if (!Validate(first.pdu()).ok()) std::abort();
  const std::string encoded = Encode(first.pdu());
  const DecodeResult second = Decode(encoded);
  if (!second.ok() || !(second.pdu() == first.pdu())) std::abort();
  if (Encode(second.pdu()) != encoded) std::abort();
  if (const auto* deliver = std::get_if<DeliverSm>(&first.pdu().body)) {
    (void)IsDeliveryReceipt(*deliver);
    (void)ReceiptFromDeliverSm(*deliver);
  }
}

void CheckReceiptText(std::string_view text) {
  auto receipt = ParseReceiptText(text);
  if (!receipt.ok()) return;
  if (receipt->state != MessageStateFromStat(receipt->stat)) std::abort();
  for (MessageIdStyle style : {MessageIdStyle::kSame, MessageIdStyle::kHexInRespDecimalInReceipt,
                               MessageIdStyle::kDecimalInRespHexInReceipt}) {
    (void)ReceiptIdAsRespId(receipt->message_id, style);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  Framer framer(4096);
  std::string framed;  // the PDUs' bytes, in order: must be a prefix of the input
  size_t at = 0;
  size_t round = 0;
  bool fatal = false;
  while (at < size && !fatal) {
    // Slice sizes from the data itself (not the slice's own first byte, so
    // that PDU content and read boundaries vary independently).
    const size_t slice = 1 + data[(at * 7 + round * 13) % size] % 64;
    ++round;
    framer.Append(input.substr(at, slice));
    at += slice;
    for (;;) {
      Frame frame = framer.Next();
      if (frame.kind == Frame::Kind::kNeedMore) break;
      if (frame.kind == Frame::Kind::kFatal) {
        if (frame.error.command_status != status::kInvalidCommandLength) std::abort();
        fatal = true;
        break;
      }
      framed += frame.pdu;
      CheckPdu(frame.pdu);
    }
  }
  if (input.substr(0, framed.size()) != framed) std::abort();
  if (!fatal && framed.size() + framer.buffered() != size) std::abort();

  CheckPdu(input);
  CheckReceiptText(input);
  return 0;
}
