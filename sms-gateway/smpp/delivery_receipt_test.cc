#include "smpp/delivery_receipt.h"

#include <gtest/gtest.h>

namespace dvc::gateway::smpp {
namespace {

DeliveryReceipt Parse(std::string_view text) {
  auto parsed = ParseReceiptText(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return parsed.ok() ? *parsed : DeliveryReceipt{};
}

TEST(SmppReceiptTest, AppendixBLayout) {
  const DeliveryReceipt receipt = Parse(
      "id:0123456789 sub:001 dlvrd:001 submit date:2611280930 done date:2611280931 "
      "stat:DELIVRD err:000 text:Ho so cua ban da duoc tiep nhan");
  EXPECT_EQ(receipt.message_id, "0123456789");
  EXPECT_EQ(receipt.submitted, "001");
  EXPECT_EQ(receipt.delivered, "001");
  EXPECT_EQ(receipt.submit_date, "2611280930");
  EXPECT_EQ(receipt.done_date, "2611280931");
  EXPECT_EQ(receipt.stat, "DELIVRD");
  EXPECT_EQ(receipt.state, MessageState::kDelivered);
  EXPECT_EQ(receipt.error, "000");
  EXPECT_EQ(receipt.text, "Ho so cua ban da duoc tiep nhan");
}

TEST(SmppReceiptTest, KannelLikeWithHexIdAndSeconds) {
  const DeliveryReceipt receipt = Parse(
      "id:7F3A09C2 sub:001 dlvrd:000 submit date:261128093015 done date:261129093020 "
      "stat:EXPIRED err:000 text:");
  EXPECT_EQ(receipt.message_id, "7F3A09C2");
  EXPECT_EQ(receipt.done_date, "261129093020");
  EXPECT_EQ(receipt.state, MessageState::kExpired);
  EXPECT_EQ(receipt.text, "");
}

TEST(SmppReceiptTest, LowercaseAndMixedCaseKeysAndValues) {
  const DeliveryReceipt receipt =
      Parse("ID:55 Sub:1 DLVRD:0 Submit Date:2611280930 DONE DATE:2611280940 Stat:undeliv Err:034");
  EXPECT_EQ(receipt.message_id, "55");
  EXPECT_EQ(receipt.submit_date, "2611280930");
  EXPECT_EQ(receipt.done_date, "2611280940");
  EXPECT_EQ(receipt.state, MessageState::kUndeliverable);
  EXPECT_EQ(receipt.error, "034");
}

TEST(SmppReceiptTest, MissingFieldsAndAnyOrder) {
  DeliveryReceipt receipt = Parse("id:12345 stat:REJECTD");
  EXPECT_EQ(receipt.message_id, "12345");
  EXPECT_EQ(receipt.state, MessageState::kRejected);
  EXPECT_EQ(receipt.error, "");
  EXPECT_EQ(receipt.text, "");
  receipt = Parse("stat:ACCEPTD err:0 id:abc dlvrd:0");
  EXPECT_EQ(receipt.message_id, "abc");
  EXPECT_EQ(receipt.state, MessageState::kAccepted);
  receipt = Parse("id:9 submit_date:2611280930 done_date:2611280931 stat:DELIVERED");
  EXPECT_EQ(receipt.submit_date, "2611280930");
  EXPECT_EQ(receipt.state, MessageState::kDelivered);
}

TEST(SmppReceiptTest, TextTakesTheRestAndUnknownTokensAreSkipped) {
  const DeliveryReceipt receipt =
      Parse("id:1 vendor=x stat:DELIVRD text:Ma ho so: 0123 id:2 stat:UNDELIV");
  EXPECT_EQ(receipt.message_id, "1");
  EXPECT_EQ(receipt.state, MessageState::kDelivered);
  EXPECT_EQ(receipt.text, "Ma ho so: 0123 id:2 stat:UNDELIV");
}

TEST(SmppReceiptTest, UnknownStatKeepsTheText) {
  const DeliveryReceipt receipt = Parse("id:1 stat:QUEUED");
  EXPECT_EQ(receipt.stat, "QUEUED");
  EXPECT_EQ(receipt.state, std::nullopt);
}

TEST(SmppReceiptTest, OrdinaryTextIsNotAReceipt) {
  EXPECT_FALSE(ParseReceiptText("TRA CUU 0123456789").ok());
  EXPECT_FALSE(ParseReceiptText("").ok());
  EXPECT_FALSE(ParseReceiptText("identity:5 status:ok").ok());
}

TEST(SmppReceiptTest, MessageStateTlvValuesAndFinality) {
  EXPECT_EQ(MessageStateFromTlv(0), std::nullopt);
  EXPECT_EQ(MessageStateFromTlv(9), std::nullopt);
  EXPECT_EQ(MessageStateFromTlv(1), MessageState::kEnroute);
  EXPECT_EQ(MessageStateFromTlv(5), MessageState::kUndeliverable);
  EXPECT_EQ(MessageStateFromTlv(8), MessageState::kRejected);
  EXPECT_EQ(StatText(MessageState::kUndeliverable), "UNDELIV");
  EXPECT_FALSE(IsFinal(MessageState::kEnroute));
  EXPECT_FALSE(IsFinal(MessageState::kUnknown));
  EXPECT_TRUE(IsFinal(MessageState::kDelivered));
  EXPECT_TRUE(IsFinal(MessageState::kExpired));
  EXPECT_TRUE(IsFinal(MessageState::kRejected));
  EXPECT_TRUE(IsDelivered(MessageState::kDelivered));
  EXPECT_FALSE(IsDelivered(MessageState::kAccepted));
}

TEST(SmppReceiptTest, TlvsWinOverText) {
  DeliverSm deliver;
  deliver.esm_class = 0x04;
  deliver.short_message = "id:111 sub:001 dlvrd:000 stat:ENROUTE err:000 text:";
  deliver.tlvs.SetReceiptedMessageId("6F");
  deliver.tlvs.SetMessageState(2);
  deliver.tlvs.SetNetworkError({3, 0x0022});
  ASSERT_TRUE(IsDeliveryReceipt(deliver));
  auto receipt = ReceiptFromDeliverSm(deliver);
  ASSERT_TRUE(receipt.ok()) << receipt.status().message();
  EXPECT_EQ(receipt->message_id, "6F");
  EXPECT_EQ(receipt->state, MessageState::kDelivered);
  EXPECT_EQ(receipt->stat, "ENROUTE");  // the text as sent, for the log
  EXPECT_EQ(receipt->network_error, (NetworkErrorCode{3, 0x0022}));
}

TEST(SmppReceiptTest, ReceiptFromTlvsOnlyOrFromPayload) {
  DeliverSm tlv_only;
  tlv_only.esm_class = 0x04;
  tlv_only.tlvs.SetReceiptedMessageId("abc");
  tlv_only.tlvs.SetMessageState(3);
  auto receipt = ReceiptFromDeliverSm(tlv_only);
  ASSERT_TRUE(receipt.ok()) << receipt.status().message();
  EXPECT_EQ(receipt->message_id, "abc");
  EXPECT_EQ(receipt->state, MessageState::kExpired);

  DeliverSm payload;
  payload.esm_class = 0x04;
  payload.tlvs.SetMessagePayload("id:77 stat:UNDELIV err:001");
  receipt = ReceiptFromDeliverSm(payload);
  ASSERT_TRUE(receipt.ok()) << receipt.status().message();
  EXPECT_EQ(receipt->message_id, "77");
  EXPECT_EQ(receipt->state, MessageState::kUndeliverable);

  DeliverSm mobile_originated;
  mobile_originated.short_message = "TRA CUU 0123";
  EXPECT_FALSE(IsDeliveryReceipt(mobile_originated));
  EXPECT_FALSE(ReceiptFromDeliverSm(mobile_originated).ok());
}

TEST(SmppReceiptTest, EsmClassMessageType) {
  DeliverSm deliver;
  deliver.esm_class = 0x44;  // receipt with UDHI set
  EXPECT_TRUE(IsDeliveryReceipt(deliver));
  deliver.esm_class = 0x20;  // intermediate delivery notification
  EXPECT_FALSE(IsDeliveryReceipt(deliver));
  deliver.esm_class = 0x08;  // SME delivery acknowledgement
  EXPECT_FALSE(IsDeliveryReceipt(deliver));
}

TEST(SmppReceiptTest, MessageIdStyles) {
  EXPECT_EQ(CanonicalMessageId("00AbC"), "abc");
  EXPECT_EQ(ReceiptIdAsRespId("0ABC", MessageIdStyle::kSame), "abc");
  // submit_sm_resp said 3039 (hex), the receipt says 12345 (decimal).
  EXPECT_EQ(ReceiptIdAsRespId("12345", MessageIdStyle::kHexInRespDecimalInReceipt), "3039");
  EXPECT_EQ(ReceiptIdAsRespId("3039", MessageIdStyle::kDecimalInRespHexInReceipt), "12345");
  EXPECT_EQ(ReceiptIdAsRespId("12a", MessageIdStyle::kHexInRespDecimalInReceipt), std::nullopt);
  EXPECT_EQ(ReceiptIdAsRespId("18446744073709551615", MessageIdStyle::kHexInRespDecimalInReceipt),
            "ffffffffffffffff");
  EXPECT_EQ(ReceiptIdAsRespId("18446744073709551616", MessageIdStyle::kHexInRespDecimalInReceipt),
            std::nullopt);
}

}  // namespace
}  // namespace dvc::gateway::smpp
