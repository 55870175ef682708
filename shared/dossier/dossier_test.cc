#include "dossier/dossier.h"

#include <gtest/gtest.h>

#include <set>

#include "dossier/dossier_code.h"

namespace dvc::dossier {
namespace {

using namespace std::chrono;
using S = DossierStatus;

Timestamp At(int hour) { return sys_days(year(2026) / 11 / 3) + hours(hour); }

Dossier Sample() {
  Dossier d;
  d.id = "3f2b8c1e-9a4d-4e7f-8b6a-0c1d2e3f4a5b";
  d.code = DossierCode::FromParts("08317", 12, 123456).value().compact();
  d.service_id = "khai-sinh";
  d.catalog_version = "2026.11.1";
  d.form_version = 2;
  d.answers = {{"ho_ten", "Nguyễn Thị Hoa"}, {"ngay_sinh", "2026-10-30"}};
  d.phone = "0912345678";
  d.created_at = At(2);
  return d;
}

TEST(DossierIdTest, NewIdsAreUuidV4AndDistinct) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewDossierId();
    EXPECT_TRUE(IsValidDossierId(id)) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000u);
}

TEST(DossierIdTest, OnlyCanonicalV4IsValid) {
  EXPECT_TRUE(IsValidDossierId("3f2b8c1e-9a4d-4e7f-8b6a-0c1d2e3f4a5b"));
  EXPECT_FALSE(IsValidDossierId("3F2B8C1E-9A4D-4E7F-8B6A-0C1D2E3F4A5B"));  // upper case
  EXPECT_FALSE(IsValidDossierId("3f2b8c1e-9a4d-1e7f-8b6a-0c1d2e3f4a5b"));  // version 1
  EXPECT_FALSE(IsValidDossierId("3f2b8c1e-9a4d-4e7f-cb6a-0c1d2e3f4a5b"));  // variant
  EXPECT_FALSE(IsValidDossierId("3f2b8c1e9a4d4e7f8b6a0c1d2e3f4a5b"));
  EXPECT_FALSE(IsValidDossierId("{3f2b8c1e-9a4d-4e7f-8b6a-0c1d2e3f4a5b}"));
  EXPECT_FALSE(IsValidDossierId(""));
}

TEST(DossierTest, ChangeStatusRecordsHistory) {
  Dossier d = Sample();
  ASSERT_TRUE(ValidateDossier(d).ok()) << ValidateDossier(d).message();
  ASSERT_TRUE(
      ChangeStatus(d, S::kReceived, Actor::kGateway, At(3), "", OnlineLevel::kPartial).ok());
  ASSERT_TRUE(
      ChangeStatus(d, S::kAccepted, Actor::kOfficer, At(4), "", OnlineLevel::kPartial).ok());
  ASSERT_TRUE(ChangeStatus(d, S::kNeedsSupplement, Actor::kOfficer, At(5),
                           "Bổ sung bản sao giấy chứng sinh", OnlineLevel::kPartial)
                  .ok());
  EXPECT_EQ(d.status, S::kNeedsSupplement);
  ASSERT_EQ(d.history.size(), 3u);
  EXPECT_EQ(d.history[2], (StatusChange{S::kAccepted, S::kNeedsSupplement, At(5), Actor::kOfficer,
                                        "Bổ sung bản sao giấy chứng sinh"}));
  EXPECT_EQ(d.history[0].from, S::kQueuedAtKiosk);
  EXPECT_EQ(d.history[0].actor, Actor::kGateway);
  d.received_at = At(3);
  EXPECT_TRUE(ValidateDossier(d).ok()) << ValidateDossier(d).message();
}

TEST(DossierTest, RefusedChangeLeavesTheDossierAlone) {
  Dossier d = Sample();
  const Dossier before = d;
  Status s = ChangeStatus(d, S::kResultReady, Actor::kOfficer, At(3), "", OnlineLevel::kFull);
  EXPECT_EQ(s.code(), ErrorCode::kConflict);
  EXPECT_NE(s.message().find("from queued_at_kiosk to result_ready"), std::string::npos);
  EXPECT_EQ(d, before);
  EXPECT_FALSE(
      ChangeStatus(d, S::kReceived, Actor::kGateway, At(3), "\xff", OnlineLevel::kFull).ok());
  EXPECT_EQ(d, before);
}

TEST(DossierTest, ValidationNamesTheField) {
  const auto message = [](void (*mutate)(Dossier&)) {
    Dossier d = Sample();
    mutate(d);
    Status s = ValidateDossier(d);
    EXPECT_EQ(s.code(), ErrorCode::kInvalidInput);
    return s.message();
  };
  EXPECT_EQ(message([](Dossier& d) { d.id = "42"; }).rfind("dossier.id: ", 0), 0u);
  EXPECT_EQ(message([](Dossier& d) { d.code[13] = d.code[13] == 'Z' ? 'Y' : 'Z'; }),
            "dossier.code: dossier code: the check character does not match (mistyped?)");
  EXPECT_EQ(message([](Dossier& d) {
              d.code = DossierCode::FromParts("08317", 12, 123456).value().Display();
            }).rfind("dossier.code: must be written in its compact form ", 0),
            0u);
  EXPECT_EQ(message([](Dossier& d) { d.service_id.clear(); }),
            "dossier.service_id: must not be empty");
  EXPECT_EQ(message([](Dossier& d) { d.form_version = 0; }),
            "dossier.form_version: must be 1 or more");
  EXPECT_EQ(message([](Dossier& d) { d.answers = nlohmann::json::array(); }),
            "dossier.answers: expected an object");
  EXPECT_EQ(message([](Dossier& d) { d.phone = "09-123"; }),
            "dossier.phone: expected 8 to 15 digits, optionally after a +");
  EXPECT_EQ(message([](Dossier& d) {
              d.attachments.push_back({"cccd", "ABC", 1});
            }),
            "dossier.attachments[0].sha256: expected 64 lower-case hex digits");
  EXPECT_EQ(message([](Dossier& d) { d.status = S::kAccepted; }),
            "dossier.history: is empty, but a dossier cannot start at accepted");
  EXPECT_EQ(message([](Dossier& d) {
              d.status = S::kAccepted;
              d.history = {{S::kQueuedAtKiosk, S::kReceived, At(3), Actor::kGateway, ""},
                           {S::kAccepted, S::kInProcessing, At(4), Actor::kOfficer, ""}};
            }),
            "dossier.history[1].from: is accepted, but the previous change ended at received");
  EXPECT_EQ(message([](Dossier& d) {
              d.status = S::kAccepted;
              d.history = {{S::kQueuedAtKiosk, S::kReceived, At(3), Actor::kGateway, ""}};
            }),
            "dossier.status: is accepted, but the history ends at received");
  EXPECT_EQ(message([](Dossier& d) {
              d.status = S::kAccepted;
              d.history = {{S::kQueuedAtKiosk, S::kAccepted, At(3), Actor::kOfficer, ""}};
            }).rfind("dossier.history[0]: a dossier cannot go from queued_at_kiosk to accepted", 0),
            0u);
  EXPECT_EQ(message([](Dossier& d) { d.received_at = At(3); }),
            "dossier.received_at: is set, but the dossier is still queued at the kiosk");
}

TEST(DossierTest, CounterRegistrationsStartAtReceived) {
  Dossier d = Sample();
  d.status = S::kReceived;
  d.received_at = At(2);
  EXPECT_TRUE(ValidateDossier(d).ok());
}

}  // namespace
}  // namespace dvc::dossier
