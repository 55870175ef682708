#include "store/audit_log.h"

#include <gtest/gtest.h>

#include "store/connection_pool.h"
#include "store/schema.h"
#include "store/scratch_dir.h"
#include "store/transaction.h"

namespace dvc::gateway {
namespace {

TEST(AuditLogTest, RowsChainAndRefuseEditsAndGaps) {
  store::ScratchDir dir;
  auto db = store::Database::Open(dir.File("g.db"), GatewayMigrations()).value();
  for (int i = 0; i < 3; ++i) {
    auto tx = store::Transaction::Begin(*db).value();
    ASSERT_TRUE(AppendAudit(*db, 100 + i, "op", "kiosk.revoke", std::to_string(i), "").ok());
    ASSERT_TRUE(tx.Commit().ok());
  }
  EXPECT_FALSE(AppendAudit(*db, 1, "op", "x", "", "").ok());  // outside a transaction
  ASSERT_TRUE(VerifyAuditChain(*db).ok());
  EXPECT_EQ(ReadAudit(*db, 1, 10)->size(), 2u);
  EXPECT_FALSE(db->Exec("delete", "DELETE FROM audit_log WHERE seq = 2").ok());
  ASSERT_TRUE(db->Exec("drop", "DROP TRIGGER audit_log_no_delete").ok());
  ASSERT_TRUE(db->Exec("delete", "DELETE FROM audit_log WHERE seq = 2").ok());
  auto verified = VerifyAuditChain(*db);
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.message().find("row 2 is missing"), std::string::npos);
}

TEST(ReaderPoolTest, LeasesAreReusedAndSeeCommittedRows) {
  store::ScratchDir dir;
  auto writer = store::Database::Open(dir.File("g.db"), GatewayMigrations()).value();
  ReaderPool pool(dir.File("g.db"), GatewayMigrations(), 1);
  store::Database* first = nullptr;
  {
    auto lease = pool.Acquire().value();
    first = &*lease;
  }
  auto tx = store::Transaction::Begin(*writer).value();
  ASSERT_TRUE(AppendAudit(*writer, 1, "op", "a", "", "").ok());
  ASSERT_TRUE(tx.Commit().ok());
  auto lease = pool.Acquire().value();
  EXPECT_EQ(&*lease, first);
  EXPECT_EQ(ReadAudit(*lease, 0, 10)->size(), 1u);
}

}  // namespace
}  // namespace dvc::gateway
