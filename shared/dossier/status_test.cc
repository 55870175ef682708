#include "dossier/status.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "text/normalize.h"

namespace dvc::dossier {
namespace {

using S = DossierStatus;

const Actor kAllActors[] = {Actor::kKiosk, Actor::kGateway, Actor::kOfficer,
                            Actor::kPaymentService};

const StatusTransition* Row(S from, S to) {
  for (const StatusTransition& t : StatusTransitions()) {
    if (t.from == from && t.to == to) return &t;
  }
  return nullptr;
}

TEST(StatusTest, EveryStatusHasDistinctIdsAndLabels) {
  std::set<std::string_view> ids, vi, en;
  for (S s : AllStatuses()) {
    const std::string_view id = StatusId(s);
    for (char c : id) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << id;
    EXPECT_EQ(StatusFromId(id), s);
    EXPECT_EQ(text::ToNfc(StatusLabelVi(s)), StatusLabelVi(s)) << id;  // NFC as stored
    ids.insert(id);
    vi.insert(StatusLabelVi(s));
    en.insert(StatusLabelEn(s));
  }
  EXPECT_EQ(ids.size(), 12u);
  EXPECT_EQ(vi.size(), 12u);
  EXPECT_EQ(en.size(), 12u);
  EXPECT_FALSE(StatusFromId("Received").has_value());
  EXPECT_FALSE(StatusFromId("").has_value());
  EXPECT_EQ(StatusLabelVi(S::kReceived), "Đã tiếp nhận");
  EXPECT_EQ(StatusLabelVi(S::kInProcessing), "Đang xử lý");
  EXPECT_EQ(StatusLabelVi(S::kNeedsSupplement), "Cần bổ sung hồ sơ");
  EXPECT_EQ(StatusLabelVi(S::kResultReady), "Đã có kết quả");
  for (Actor a : kAllActors) EXPECT_EQ(ActorFromId(ActorId(a)), a);
}

TEST(StatusTest, TableHasNoDuplicatesAndEveryRowHasAnActor) {
  std::set<std::pair<S, S>> seen;
  for (const StatusTransition& t : StatusTransitions()) {
    EXPECT_TRUE(seen.insert({t.from, t.to}).second) << StatusId(t.from) << "->" << StatusId(t.to);
    EXPECT_NE(t.actors, 0u);
    EXPECT_NE(t.from, t.to);
  }
}

TEST(StatusTest, EveryLegalEdgeIsAcceptedForItsActors) {
  for (const StatusTransition& t : StatusTransitions()) {
    for (Actor a : kAllActors) {
      const bool allowed = (t.actors & ActorBit(a)) != 0;
      Status full = CheckTransition(t.from, t.to, a, OnlineLevel::kFull);
      EXPECT_EQ(full.ok(), allowed) << StatusId(t.from) << "->" << StatusId(t.to) << " by "
                                    << ActorId(a) << ": " << full.message();
      Status partial = CheckTransition(t.from, t.to, a, OnlineLevel::kPartial);
      EXPECT_EQ(partial.ok(), allowed && !t.level4_only)
          << StatusId(t.from) << "->" << StatusId(t.to);
    }
  }
}

TEST(StatusTest, EveryOtherPairIsRefusedNamingBothStatuses) {
  int refused = 0;
  for (S from : AllStatuses()) {
    for (S to : AllStatuses()) {
      if (Row(from, to) != nullptr) continue;
      for (Actor a : kAllActors) {
        Status s = CheckTransition(from, to, a, OnlineLevel::kFull);
        ASSERT_FALSE(s.ok());
        EXPECT_EQ(s.code(), ErrorCode::kConflict);
        EXPECT_NE(s.message().find(std::string(StatusId(to))), std::string::npos) << s.message();
        if (from != to) {
          EXPECT_NE(s.message().find(std::string(StatusId(from))), std::string::npos);
        }
      }
      ++refused;
    }
  }
  EXPECT_EQ(refused, 12 * 12 - static_cast<int>(StatusTransitions().size()));
}

TEST(StatusTest, MessagesAreClear) {
  EXPECT_EQ(CheckTransition(S::kResultReady, S::kInProcessing, Actor::kOfficer, OnlineLevel::kFull)
                .message(),
            "a dossier cannot go from result_ready to in_processing (from result_ready it can "
            "go to returned, result_delivered)");
  EXPECT_EQ(CheckTransition(S::kReturned, S::kInProcessing, Actor::kOfficer, OnlineLevel::kFull)
                .message(),
            "a dossier cannot go from returned to in_processing (returned is final)");
  EXPECT_EQ(
      CheckTransition(S::kAccepted, S::kAwaitingPayment, Actor::kOfficer, OnlineLevel::kPartial)
          .message(),
      "a dossier can go from accepted to awaiting_payment only for a fully online "
      "(level 4) service");
  EXPECT_EQ(
      CheckTransition(S::kReceived, S::kAccepted, Actor::kKiosk, OnlineLevel::kFull).message(),
      "only officer may move a dossier from received to accepted, not kiosk");
  EXPECT_EQ(
      CheckTransition(S::kAwaitingPayment, S::kPaid, Actor::kKiosk, OnlineLevel::kFull).message(),
      "only officer or payment_service may move a dossier from awaiting_payment to paid, "
      "not kiosk");
}

TEST(StatusTest, TerminalStatusesHaveNoExits) {
  const std::set<S> terminal = {S::kReturned, S::kResultDelivered, S::kRejected, S::kWithdrawn};
  for (S s : AllStatuses()) {
    EXPECT_EQ(IsTerminalStatus(s), terminal.count(s) == 1) << StatusId(s);
    if (!terminal.count(s)) continue;
    for (S to : AllStatuses()) {
      for (Actor a : kAllActors) EXPECT_FALSE(CheckTransition(s, to, a, OnlineLevel::kFull).ok());
    }
  }
}

TEST(StatusTest, EveryStatusIsReachableAndCanEnd) {
  // From the initial statuses every status is reachable, and from every status a
  // terminal one: no dead ends, nothing orphaned in the table.
  std::set<S> reached = {S::kQueuedAtKiosk, S::kReceived};
  for (bool grew = true; grew;) {
    grew = false;
    for (const StatusTransition& t : StatusTransitions()) {
      if (reached.count(t.from) && reached.insert(t.to).second) grew = true;
    }
  }
  EXPECT_EQ(reached.size(), AllStatuses().size());
  for (S s : AllStatuses()) {
    std::set<S> ahead = {s};
    for (bool grew = true; grew;) {
      grew = false;
      for (const StatusTransition& t : StatusTransitions()) {
        if (ahead.count(t.from) && ahead.insert(t.to).second) grew = true;
      }
    }
    bool ends = false;
    for (S a : ahead) ends = ends || IsTerminalStatus(a);
    EXPECT_TRUE(ends) << StatusId(s);
  }
}

TEST(StatusTest, SupplementLoopAndLevel4Path) {
  // The design's paths, end to end.
  EXPECT_TRUE(
      CheckTransition(S::kInProcessing, S::kNeedsSupplement, Actor::kOfficer, OnlineLevel::kPartial)
          .ok());
  EXPECT_TRUE(
      CheckTransition(S::kNeedsSupplement, S::kInProcessing, Actor::kOfficer, OnlineLevel::kPartial)
          .ok());
  EXPECT_TRUE(
      CheckTransition(S::kAwaitingPayment, S::kPaid, Actor::kPaymentService, OnlineLevel::kFull)
          .ok());
  EXPECT_TRUE(
      CheckTransition(S::kResultReady, S::kResultDelivered, Actor::kOfficer, OnlineLevel::kFull)
          .ok());
  EXPECT_FALSE(
      CheckTransition(S::kResultReady, S::kResultDelivered, Actor::kOfficer, OnlineLevel::kPartial)
          .ok());
  EXPECT_TRUE(
      CheckTransition(S::kQueuedAtKiosk, S::kReceived, Actor::kGateway, OnlineLevel::kPartial)
          .ok());
  EXPECT_FALSE(
      CheckTransition(S::kQueuedAtKiosk, S::kReceived, Actor::kOfficer, OnlineLevel::kPartial)
          .ok());
}

}  // namespace
}  // namespace dvc::dossier

namespace dvc::dossier {
namespace {

// docs/dossier-status.md describes the table; its two tables must be exactly
// what the code holds, so the page cannot drift from status.cc.
TEST(StatusDocTest, DocTablesAreTheCodesTables) {
  std::ifstream in(std::string(DVC_SOURCE_DIR) + "/docs/dossier-status.md");
  ASSERT_TRUE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();

  std::string statuses =
      "| id | Vietnamese (residents) | English | ends the dossier |\n|---|---|---|---|\n";
  for (DossierStatus s : AllStatuses()) {
    statuses += "| `" + std::string(StatusId(s)) + "` | " + std::string(StatusLabelVi(s)) + " | " +
                std::string(StatusLabelEn(s)) + " | " + (IsTerminalStatus(s) ? "yes |\n" : "|\n");
  }
  EXPECT_NE(doc.find(statuses), std::string::npos) << "expected in the doc:\n" << statuses;

  std::string transitions = "| from | to | who | level 4 only |\n|---|---|---|---|\n";
  for (const StatusTransition& t : StatusTransitions()) {
    std::string who;
    for (Actor a : kAllActors) {
      if (!(t.actors & ActorBit(a))) continue;
      if (!who.empty()) who += ", ";
      who += ActorId(a);
    }
    transitions += "| " + std::string(StatusId(t.from)) + " | " + std::string(StatusId(t.to)) +
                   " | " + who + " | " + (t.level4_only ? "yes |\n" : "|\n");
  }
  EXPECT_NE(doc.find(transitions), std::string::npos) << "expected in the doc:\n" << transitions;
}

}  // namespace
}  // namespace dvc::dossier
