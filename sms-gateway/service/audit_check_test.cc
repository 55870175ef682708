// GET /v1/admin/audit (GatewayService::VerifyAudit): the operator's check that
// nobody edited or removed an audit row behind the triggers' back.
#include <gtest/gtest.h>

#include "service/gateway_service.h"
#include "service/service_test_support.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/scratch_dir.h"

namespace dvc::gateway {
namespace {

class AuditCheckTest : public ::testing::Test {
 protected:
  std::unique_ptr<GatewayService> OpenService() {
    return test_support::OpenTestService(dir_, keys_, [] { return int64_t{1'795'000'000'000}; });
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_ = test_support::TestProvinceKeys(dir_);
};

TEST_F(AuditCheckTest, OperatorActionsChainAndAnEditedRowIsNamed) {
  int64_t rows = 0;
  {
    auto service = OpenService();
    ASSERT_TRUE(service->CreateEnrolment("12430", "Kiosk 1", "operator:lan").ok());
    ASSERT_TRUE(service->CreateEnrolment("12430", "Kiosk 2", "operator:lan").ok());
    ApiResult<AuditCheck> check = service->VerifyAudit();
    ASSERT_TRUE(check.ok());
    EXPECT_TRUE(check->intact) << check->problem;
    EXPECT_GE(check->rows, 2);
    rows = check->rows;
  }
  // Someone with the database file drops the trigger and rewrites who acted.
  {
    auto db = store::Database::Open(dir_.File("data") + "/gateway.db", GatewayMigrations());
    ASSERT_TRUE(db.ok()) << db.status().message();
    ASSERT_TRUE((*db)->Exec("drop", "DROP TRIGGER audit_log_no_update").ok());
    ASSERT_TRUE((*db)
                    ->Exec("edit",
                           "UPDATE audit_log SET actor = 'operator:someone' WHERE seq = "
                           "(SELECT MAX(seq) FROM audit_log)")
                    .ok());
  }
  auto service = OpenService();
  ApiResult<AuditCheck> check = service->VerifyAudit();
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->intact);
  EXPECT_EQ(check->rows, rows);
  EXPECT_EQ(check->problem, "audit log row " + std::to_string(rows) +
                                ": hash does not match its content and the previous row");
}

}  // namespace
}  // namespace dvc::gateway
