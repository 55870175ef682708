#include "smpp/pdu.h"

#include <gtest/gtest.h>

#include "smpp/commands.h"
#include "smpp/smpp_test_support.h"

namespace dvc::gateway::smpp {
namespace {

using test_support::Bytes;
using test_support::WithHeader;

// The submit_sm of SubmitSmIsByteExact: from the short code "DVC" (TON 5
// alphanumeric) to +84 912 345 678, "Hello", receipt requested, and a
// user_message_reference TLV 0x002a.
const std::string kSubmitSm = Bytes(
    "0000003a 00000004 00000000 00000002"
    "00"                               // service_type ""
    "05 00 445643 00"                  // source 5/0 "DVC"
    "01 01 3834393132333435363738 00"  // dest 1/1 "84912345678"
    "00 00 00"                         // esm_class, protocol_id, priority_flag
    "00 00"                            // schedule, validity
    "01 00 00 00"                      // registered_delivery, replace, data_coding, default id
    "05 48656c6c6f"                    // sm_length 5 "Hello"
    "0204 0002 002a");                 // user_message_reference 42

SubmitSm HelloSubmit() {
  SubmitSm submit;
  submit.source_addr_ton = 5;
  submit.source_addr = "DVC";
  submit.dest_addr_ton = 1;
  submit.dest_addr_npi = 1;
  submit.destination_addr = "84912345678";
  submit.registered_delivery = 1;
  submit.short_message = "Hello";
  submit.tlvs.SetUserMessageReference(42);
  return submit;
}

DecodeError ErrorOf(const std::string& bytes) {
  const DecodeResult result = Decode(bytes);
  EXPECT_FALSE(result.ok());
  return result.ok() ? DecodeError{} : result.error();
}

TEST(SmppPduTest, EnquireLinkIsByteExact) {
  const std::string wire = Bytes("00 00 00 10 00 00 00 15 00 00 00 00 00 00 00 01");
  EXPECT_EQ(Encode(Pdu::Make(command::kEnquireLink, 1)), wire);
  const DecodeResult decoded = Decode(wire);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded.pdu().header.command_id, command::kEnquireLink);
  EXPECT_EQ(decoded.pdu().header.sequence_number, 1u);
  EXPECT_EQ(Encode(Pdu::Make(command::kEnquireLinkResp, 1)),
            Bytes("00000010 80000015 00000000 00000001"));
}

TEST(SmppPduTest, BindTransceiverIsByteExact) {
  Pdu bind = Pdu::Make(command::kBindTransceiver, 1);
  auto& body = std::get<BindRequest>(bind.body);
  body.system_id = "dvc";
  body.password = "secret";
  const std::string wire = Bytes(
      "00000020 00000009 00000000 00000001"
      "647663 00"        // system_id "dvc"
      "736563726574 00"  // password "secret"
      "00"               // system_type ""
      "34 00 00 00");    // interface_version 3.4, ton, npi, address_range ""
  EXPECT_EQ(Encode(bind), wire);
  const DecodeResult decoded = Decode(wire);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded.pdu(), bind);
}

TEST(SmppPduTest, BindRespWithScInterfaceVersionDecodes) {
  const DecodeResult decoded =
      Decode(Bytes("0000001a 80000009 00000000 00000001 534d5343 00 0210 0001 34"));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  const auto& resp = std::get<BindResponse>(decoded.pdu().body);
  EXPECT_EQ(resp.system_id, "SMSC");
  ASSERT_NE(resp.tlvs.Find(tlv_tag::kScInterfaceVersion), nullptr);
  EXPECT_EQ(*resp.tlvs.Find(tlv_tag::kScInterfaceVersion), "\x34");
}

TEST(SmppPduTest, SubmitSmWithTlvIsByteExact) {
  Pdu pdu = Pdu::Make(command::kSubmitSm, 2);
  pdu.body = HelloSubmit();
  EXPECT_EQ(Encode(pdu), kSubmitSm);
  const DecodeResult decoded = Decode(kSubmitSm);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded.pdu(), pdu);
  EXPECT_EQ(std::get<SubmitSm>(decoded.pdu().body).tlvs.UserMessageReference(), 42);
}

TEST(SmppPduTest, SubmitSmRespCarriesTheMessageId) {
  const DecodeResult decoded =
      Decode(Bytes("0000001b 80000004 00000000 00000002 31613262336334643565 00"));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(std::get<SubmitSmResp>(decoded.pdu().body).message_id, "1a2b3c4d5e");
}

TEST(SmppPduTest, ErrorResponsesHaveNoBody) {
  // An SMSC throttling us answers with a bare header.
  const DecodeResult decoded = Decode(Bytes("00000010 80000004 00000058 00000003"));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded.pdu().header.command_status, status::kThrottled);
  EXPECT_EQ(std::get<SubmitSmResp>(decoded.pdu().body).message_id, "");
  // Some SMSCs send a body anyway; it carries nothing and is ignored.
  const DecodeResult with_body = Decode(Bytes("00000013 80000004 00000058 00000003 616200"));
  ASSERT_TRUE(with_body.ok()) << with_body.error().message;
  EXPECT_EQ(with_body.pdu(), decoded.pdu());
  // And we encode our own error responses the same way.
  Pdu resp = Pdu::Make(command::kDeliverSmResp, 9);
  resp.header.command_status = status::kTempAppError;
  EXPECT_EQ(Encode(resp), Bytes("00000010 80000005 00000064 00000009"));
  Pdu ok_resp = Pdu::Make(command::kDeliverSmResp, 9);
  EXPECT_EQ(Encode(ok_resp), Bytes("00000011 80000005 00000000 00000009 00"));
}

TEST(SmppPduTest, DeliverSmReceiptDecodes) {
  const std::string text =
      "id:abc123 sub:001 dlvrd:001 submit date:2611280900 done date:2611280901 stat:DELIVRD "
      "err:000 text:Ho so 12";
  ASSERT_EQ(text.size(), 0x6au);
  const std::string wire = Bytes(
                               "000000a9 00000005 00000000 0000002a"
                               "00"
                               "01 01 3834393132333435363738 00"
                               "05 00 445643 00"
                               "04 00 00"  // esm_class: SMSC delivery receipt
                               "00 00"
                               "00 00 00 00"
                               "6a") +
                           text +
                           Bytes(
                               "001e 0007 616263313233 00"  // receipted_message_id "abc123"
                               "0427 0001 02");             // message_state DELIVERED
  const DecodeResult decoded = Decode(wire);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  const auto& deliver = std::get<DeliverSm>(decoded.pdu().body);
  EXPECT_EQ(decoded.pdu().header.sequence_number, 42u);
  EXPECT_EQ(deliver.source_addr, "84912345678");
  EXPECT_EQ(deliver.destination_addr, "DVC");
  EXPECT_EQ(deliver.esm_class, 0x04);
  EXPECT_EQ(deliver.short_message, text);
  EXPECT_EQ(deliver.tlvs.ReceiptedMessageId(), "abc123");
  EXPECT_EQ(deliver.tlvs.MessageState(), 2);
  EXPECT_EQ(Encode(decoded.pdu()), wire);
}

TEST(SmppPduTest, RoundTripsEveryBody) {
  std::vector<Pdu> pdus;
  Pdu submit = Pdu::Make(command::kSubmitSm, 7);
  SubmitSm body = HelloSubmit();
  body.service_type = "CMT";
  body.validity_period = "000001000000000R";  // relative: one day
  body.data_coding = 0x08;
  body.short_message = std::string("\x00\x48\x00\xe0", 4);  // UCS-2 with a NUL octet
  body.tlvs.SetSarMsgRefNum(0x1234);
  body.tlvs.SetSarTotalSegments(3);
  body.tlvs.SetSarSegmentSeqnum(2);
  submit.body = body;
  pdus.push_back(submit);
  Pdu data = Pdu::Make(command::kDataSm, 8);
  auto& data_body = std::get<DataSm>(data.body);
  data_body.source_addr = "1234";
  data_body.destination_addr = "84912345678";
  data_body.tlvs.SetMessagePayload(std::string(300, 'x'));
  data_body.tlvs.SetUssdServiceOp(2);
  data_body.tlvs.SetItsSessionInfo(0x0501);
  pdus.push_back(data);
  Pdu data_resp = Pdu::Make(command::kDataSmResp, 8);
  std::get<DataSmResp>(data_resp.body).message_id = "m-1";
  pdus.push_back(data_resp);
  Pdu outbind = Pdu::Make(command::kOutbind, 1);
  std::get<Outbind>(outbind.body).system_id = "SMSC";
  pdus.push_back(outbind);
  Pdu alert = Pdu::Make(command::kAlertNotification, 3);
  std::get<AlertNotification>(alert.body).source_addr = "84912345678";
  pdus.push_back(alert);
  pdus.push_back(Pdu::Make(command::kUnbind, 4));
  pdus.push_back(Pdu::Make(command::kUnbindResp, 4));
  pdus.push_back(Pdu::Make(command::kGenericNack, 5));
  for (uint32_t id : {command::kBindReceiver, command::kBindTransmitter}) {
    pdus.push_back(Pdu::Make(id, 6));
  }
  for (const Pdu& pdu : pdus) {
    const DecodeResult decoded = Decode(Encode(pdu));
    ASSERT_TRUE(decoded.ok()) << CommandName(pdu.header.command_id) << decoded.error().message;
    EXPECT_EQ(decoded.pdu(), pdu) << CommandName(pdu.header.command_id);
  }
}

TEST(SmppPduTest, BadLengthsAreRinvcmdlen) {
  // command_length says 17 for a 16-octet enquire_link.
  DecodeError error = ErrorOf(Bytes("00000011 00000015 00000000 00000001"));
  EXPECT_EQ(error.command_status, status::kInvalidCommandLength);
  EXPECT_EQ(error.sequence, 1u);
  error = ErrorOf(Bytes("00000010 00000015 00000000"));
  EXPECT_EQ(error.command_status, status::kInvalidCommandLength);
  // A body where none belongs.
  error = ErrorOf(Bytes("00000011 00000015 00000000 00000001 00"));
  EXPECT_EQ(error.command_status, status::kInvalidCommandLength);
  // submit_sm cut after the source address.
  error = ErrorOf(WithHeader(command::kSubmitSm, 3, Bytes("00 05 00 445643 00 01")));
  EXPECT_EQ(error.command_status, status::kInvalidCommandLength);
  EXPECT_EQ(error.sequence, 3u);
  // The body ends inside a string.
  error = ErrorOf(WithHeader(command::kBindTransmitter, 3, Bytes("6476")));
  EXPECT_EQ(error.command_status, status::kInvalidCommandLength);
}

TEST(SmppPduTest, UnknownCommandIsRinvcmdidWithItsSequence) {
  const DecodeError error = ErrorOf(Bytes("00000010 00000099 00000000 00000007"));
  EXPECT_EQ(error.command_status, status::kInvalidCommandId);
  EXPECT_EQ(error.sequence, 7u);
  EXPECT_EQ(Encode(ErrorReply(error)), Bytes("00000010 80000000 00000003 00000007"));
  // query_sm is real SMPP but not ours to receive.
  EXPECT_EQ(ErrorOf(Bytes("00000010 00000003 00000000 00000001")).command_status,
            status::kInvalidCommandId);
}

TEST(SmppPduTest, OverlongStringsGiveTheFieldsStatus) {
  const std::string sixteen(16, 'a');  // system_id holds 15 + NUL
  DecodeError error =
      ErrorOf(WithHeader(command::kBindTransceiver, 1, sixteen + Bytes("00 00 00 34 00 00 00")));
  EXPECT_EQ(error.command_status, status::kInvalidSystemId);
  error = ErrorOf(WithHeader(command::kBindTransceiver, 1,
                             Bytes("647663 00 313233343536373839 00 00 34 0000 00")));
  EXPECT_EQ(error.command_status, status::kInvalidPassword);
  // 21 digits: destination_addr holds 20 + NUL.
  const std::string submit = Bytes("00 05 00 445643 00 01 01") + std::string(21, '9') +
                             Bytes("00 000000 00 00 01000000 00");
  error = ErrorOf(WithHeader(command::kSubmitSm, 5, submit));
  EXPECT_EQ(error.command_status, status::kInvalidDestAddr);
  EXPECT_EQ(error.sequence, 5u);
  // Answered with submit_sm_resp, not generic_nack.
  EXPECT_EQ(Encode(ErrorReply(error)), Bytes("00000010 80000004 0000000b 00000005"));
  // A schedule of 5 characters.
  error = ErrorOf(
      WithHeader(command::kSubmitSm, 5,
                 Bytes("00 05 00 445643 00 01 01 3834 00 000000 3132333435 00 00 01000000 00")));
  EXPECT_EQ(error.command_status, status::kInvalidSchedule);
}

TEST(SmppPduTest, BadShortMessageIsRinvmsglen) {
  const std::string head = Bytes("00 05 00 445643 00 01 01 3834 00 000000 00 00 01000000");
  EXPECT_EQ(ErrorOf(WithHeader(command::kSubmitSm, 1, head + Bytes("ff") + std::string(255, 'x')))
                .command_status,
            status::kInvalidMsgLength);
  EXPECT_EQ(ErrorOf(WithHeader(command::kSubmitSm, 1, head + Bytes("05 4142"))).command_status,
            status::kInvalidMsgLength);
}

TEST(SmppPduTest, BrokenTlvsAreRejected) {
  const std::string head = Bytes("00 05 00 445643 00 01 01 3834 00 000000 00 00 01000000 00");
  // message_payload announces 5 octets, 2 follow.
  EXPECT_EQ(
      ErrorOf(WithHeader(command::kSubmitSm, 1, head + Bytes("0424 0005 4142"))).command_status,
      status::kInvalidOptionalStream);
  // Three octets of a four-octet TLV header.
  EXPECT_EQ(ErrorOf(WithHeader(command::kSubmitSm, 1, head + Bytes("0204 00"))).command_status,
            status::kInvalidOptionalStream);
  // message_state is one octet.
  EXPECT_EQ(
      ErrorOf(WithHeader(command::kDeliverSm, 1, head + Bytes("0427 0002 0002"))).command_status,
      status::kInvalidParamLength);
  // Unknown tags are kept.
  const DecodeResult decoded =
      Decode(WithHeader(command::kSubmitSm, 1, head + Bytes("1400 0001 07")));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*std::get<SubmitSm>(decoded.pdu().body).tlvs.Find(0x1400), "\x07");
}

TEST(SmppPduTest, ErrorReplyToABrokenResponseIsGenericNack) {
  const DecodeError error = ErrorOf(WithHeader(command::kSubmitSmResp, 9, std::string(70, '1')));
  EXPECT_EQ(error.command_status, status::kInvalidMessageId);
  const Pdu reply = ErrorReply(error);
  EXPECT_EQ(reply.header.command_id, command::kGenericNack);
  EXPECT_EQ(reply.header.sequence_number, 9u);
}

TEST(SmppPduTest, ValidateRefusesWhatCannotBeSent) {
  Pdu bind = Pdu::Make(command::kBindTransceiver, 1);
  std::get<BindRequest>(bind.body).system_id = std::string(16, 'a');
  EXPECT_FALSE(Validate(bind).ok());
  std::get<BindRequest>(bind.body).system_id = std::string(15, 'a');
  EXPECT_TRUE(Validate(bind).ok());
  std::get<BindRequest>(bind.body).password = std::string("a\0b", 3);
  EXPECT_FALSE(Validate(bind).ok());
  Pdu mislabelled = Pdu::Make(command::kSubmitSm, 1);
  mislabelled.body = DeliverSm{};
  EXPECT_FALSE(Validate(mislabelled).ok());
  Pdu long_sm = Pdu::Make(command::kSubmitSm, 1);
  std::get<SubmitSm>(long_sm.body).short_message = std::string(255, 'x');
  EXPECT_NE(Validate(long_sm).message().find("message_payload"), std::string::npos);
  Pdu bad_tlv = Pdu::Make(command::kSubmitSm, 1);
  std::get<SubmitSm>(bad_tlv.body).tlvs.Set(tlv_tag::kMessageState, "");
  EXPECT_FALSE(Validate(bad_tlv).ok());
}

TEST(SmppPduTest, TypedTlvAccessors) {
  TlvList tlvs;
  tlvs.SetNetworkError({3, 0x0101});
  EXPECT_EQ(tlvs.items.back().value, Bytes("030101"));
  EXPECT_EQ(tlvs.NetworkError(), (NetworkErrorCode{3, 0x0101}));
  tlvs.SetReceiptedMessageId("0A1B");
  EXPECT_EQ(tlvs.items.back().value, std::string("0A1B\0", 5));
  tlvs.Set(tlv_tag::kReceiptedMessageId, "77");  // an SMSC without the NUL
  EXPECT_EQ(tlvs.ReceiptedMessageId(), "77");
  EXPECT_EQ(tlvs.items.size(), 2u);
  tlvs.Set(tlv_tag::kSarMsgRefNum, "\x01");  // wrong length: not a value
  EXPECT_EQ(tlvs.SarMsgRefNum(), std::nullopt);
  EXPECT_EQ(tlvs.MessageState(), std::nullopt);
}

TEST(SmppPduTest, NamesForLogs) {
  EXPECT_EQ(CommandName(command::kSubmitSmResp), "submit_sm_resp");
  EXPECT_EQ(CommandName(0x42), "command_id 0x00000042");
  EXPECT_EQ(StatusName(status::kThrottled), "ESME_RTHROTTLED");
  EXPECT_EQ(StatusName(status::kRejectAppError), "ESME_RX_R_APPN");
  EXPECT_EQ(DescribeStatus(0x14), "ESME_RMSGQFUL (0x00000014): message queue full");
  EXPECT_NE(DescribeStatus(0x401).find("vendor"), std::string::npos);
  EXPECT_EQ(ResponseIdOf(command::kBindTransceiver), command::kBindTransceiverResp);
  EXPECT_EQ(ResponseIdOf(command::kOutbind), std::nullopt);
  EXPECT_EQ(TlvName(0x0427), "message_state");
}

}  // namespace
}  // namespace dvc::gateway::smpp
