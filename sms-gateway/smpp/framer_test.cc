#include "smpp/framer.h"

#include <gtest/gtest.h>

#include <vector>

#include "smpp/smpp_test_support.h"

namespace dvc::gateway::smpp {
namespace {

using test_support::Bytes;

const std::string kEnquireLink = Bytes("00000010 00000015 00000000 00000001");
const std::string kSubmitSmResp = Bytes("00000013 80000004 00000000 00000002 616200");
const std::string kDeliverSmResp = Bytes("00000011 80000005 00000000 00000003 00");

// Every PDU Next returns until it needs more; fails the test on kFatal.
std::vector<std::string> Drain(Framer& framer) {
  std::vector<std::string> pdus;
  for (;;) {
    Frame frame = framer.Next();
    if (frame.kind == Frame::Kind::kNeedMore) return pdus;
    EXPECT_EQ(frame.kind, Frame::Kind::kPdu) << frame.error.message;
    if (frame.kind != Frame::Kind::kPdu) return pdus;
    pdus.push_back(std::move(frame.pdu));
  }
}

TEST(SmppFramerTest, SeveralPdusInOneRead) {
  Framer framer;
  framer.Append(kEnquireLink + kSubmitSmResp + kDeliverSmResp);
  const std::vector<std::string> expected = {kEnquireLink, kSubmitSmResp, kDeliverSmResp};
  EXPECT_EQ(Drain(framer), expected);
  EXPECT_EQ(framer.buffered(), 0u);
}

TEST(SmppFramerTest, OneByteDrips) {
  Framer framer;
  const std::string stream = kSubmitSmResp + kEnquireLink + kDeliverSmResp + kEnquireLink;
  std::vector<std::string> seen;
  for (char c : stream) {
    framer.Append(std::string_view(&c, 1));
    for (std::string& pdu : Drain(framer)) seen.push_back(std::move(pdu));
  }
  const std::vector<std::string> expected = {kSubmitSmResp, kEnquireLink, kDeliverSmResp,
                                             kEnquireLink};
  EXPECT_EQ(seen, expected);
}

TEST(SmppFramerTest, PduSplitAcrossReadsWithTheNextOneStarting) {
  Framer framer;
  const std::string stream = kEnquireLink + kSubmitSmResp;
  framer.Append(stream.substr(0, 20));  // enquire_link and 4 octets of the next
  EXPECT_EQ(Drain(framer), std::vector<std::string>{kEnquireLink});
  EXPECT_EQ(framer.buffered(), 4u);
  framer.Append(stream.substr(20));
  EXPECT_EQ(Drain(framer), std::vector<std::string>{kSubmitSmResp});
}

TEST(SmppFramerTest, ShortCommandLengthIsFatalAtOnce) {
  Framer framer;
  framer.Append(Bytes("00000008"));  // the peer may send no more: decide now
  Frame frame = framer.Next();
  ASSERT_EQ(frame.kind, Frame::Kind::kFatal);
  EXPECT_EQ(frame.error.command_status, status::kInvalidCommandLength);
  EXPECT_EQ(frame.error.sequence, 0u);
  framer.Append(kEnquireLink);  // ignored: the stream cannot be trusted
  EXPECT_EQ(framer.Next().kind, Frame::Kind::kFatal);
  EXPECT_EQ(framer.buffered(), 0u);
}

TEST(SmppFramerTest, OverlongCommandLengthIsFatalWithTheSequence) {
  Framer framer(1024);
  framer.Append(Bytes("00000401 00000004 00000000 00000063"));
  const Frame frame = framer.Next();
  ASSERT_EQ(frame.kind, Frame::Kind::kFatal);
  EXPECT_EQ(frame.error.command_status, status::kInvalidCommandLength);
  EXPECT_EQ(frame.error.sequence, 0x63u);
  // The session answers with generic_nack and drops the connection.
  EXPECT_EQ(Encode(ErrorReply(frame.error)), Bytes("00000010 80000000 00000002 00000063"));
}

TEST(SmppFramerTest, DefaultLimitIs64KiB) {
  Framer framer;
  framer.Append(Bytes("00010000 00000004 00000000 00000001"));
  EXPECT_EQ(framer.Next().kind, Frame::Kind::kNeedMore);
  Framer over;
  over.Append(Bytes("00010001 00000004 00000000 00000001"));
  EXPECT_EQ(over.Next().kind, Frame::Kind::kFatal);
}

TEST(SmppFramerTest, ManyPdusKeepTheBufferSmall) {
  Framer framer;
  size_t count = 0;
  for (int i = 0; i < 1000; ++i) {
    framer.Append(kSubmitSmResp + kEnquireLink.substr(0, 7));
    framer.Append(kEnquireLink.substr(7));
    count += Drain(framer).size();
    EXPECT_EQ(framer.buffered(), 0u);
  }
  EXPECT_EQ(count, 2000u);
}

}  // namespace
}  // namespace dvc::gateway::smpp
