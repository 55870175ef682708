#include "store/cached_statement.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "store/database.h"
#include "store/scratch_dir.h"
#include "store/store_test_util.h"

namespace dvc::store {
namespace {

constexpr Migration kKeptSchema[] = {
    {1, "rows", "CREATE TABLE t(n INTEGER NOT NULL); INSERT INTO t VALUES (1), (2), (3);"},
};

constexpr Sql kIsNull = "SELECT ?1 IS NULL, ?1";
constexpr Sql kRows = "SELECT n FROM t ORDER BY n";

class CachedStatementTest : public ::testing::Test {
 protected:
  ScratchDir dir_;
  std::string path_ = dir_.File("kept.db");
  std::unique_ptr<Database> db_ = OpenOrFail(path_, kKeptSchema);
};

TEST_F(CachedStatementTest, IsCompiledOnceAndComesBackResetWithoutItsBindings) {
  ASSERT_NE(db_, nullptr);
  const Statement* first = nullptr;
  {
    auto kept = db_->PrepareCached("is null", kIsNull);
    ASSERT_TRUE(kept.ok()) << kept.status().message();
    first = &**kept;
    ASSERT_OK((*kept)->BindInt64(1, 42));
    ASSERT_TRUE((*kept)->Step().value());
    EXPECT_EQ((*kept)->ColumnInt64(0), 0);
    EXPECT_EQ((*kept)->ColumnInt64(1), 42);
  }  // given back mid-result: reset, bindings cleared
  auto again = db_->PrepareCached("is null", kIsNull);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(&**again, first);
  ASSERT_TRUE((*again)->Step().value());  // from the first row, with no value bound
  EXPECT_EQ((*again)->ColumnInt64(0), 1);
}

TEST_F(CachedStatementTest, OverlappingUsesGetStatementsOfTheirOwn) {
  ASSERT_NE(db_, nullptr);
  auto outer = db_->PrepareCached("rows", kRows);
  ASSERT_TRUE(outer.ok()) << outer.status().message();
  ASSERT_TRUE((*outer)->Step().value());
  EXPECT_EQ((*outer)->ColumnInt64(0), 1);
  {
    auto inner = db_->PrepareCached("rows", kRows);
    ASSERT_TRUE(inner.ok()) << inner.status().message();
    EXPECT_NE(&**inner, &**outer);
    CachedStatement moved = std::move(*inner);  // a moved handle keeps its statement
    int rows = 0;
    while (moved->Step().value()) ++rows;
    EXPECT_EQ(rows, 3);
  }
  // The outer walk went on undisturbed.
  ASSERT_TRUE((*outer)->Step().value());
  EXPECT_EQ((*outer)->ColumnInt64(0), 2);
}

// A statement kept mid-result would hold its connection's read transaction
// open, and the writer could never checkpoint the WAL back to empty.
TEST_F(CachedStatementTest, AHandleGivenBackMidResultHoldsNoReadTransaction) {
  ASSERT_NE(db_, nullptr);
  std::unique_ptr<Database> reader = OpenOrFail(path_, kKeptSchema);
  ASSERT_NE(reader, nullptr);
  {
    auto kept = reader->PrepareCached("rows", kRows);
    ASSERT_TRUE(kept.ok()) << kept.status().message();
    ASSERT_TRUE((*kept)->Step().value());  // one row of three, then abandoned
  }
  ASSERT_OK(db_->Exec("add a row", "INSERT INTO t VALUES (4)"));
  auto checkpoint = db_->Prepare("checkpoint", "PRAGMA wal_checkpoint(TRUNCATE)");
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().message();
  ASSERT_TRUE(checkpoint->Step().value());
  EXPECT_EQ(checkpoint->ColumnInt64(0), 0) << "the checkpoint was blocked by a reader";
  EXPECT_EQ(checkpoint->ColumnInt64(1), 0) << "frames left in the WAL";
}

TEST_F(CachedStatementTest, BadSqlIsAnErrorNamingThePurposeAndNothingIsKept) {
  ASSERT_NE(db_, nullptr);
  for (int i = 0; i < 2; ++i) {
    auto kept = db_->PrepareCached("count the rows", "SELECT COUNT(*) FROM missing");
    ASSERT_FALSE(kept.ok());
    EXPECT_NE(kept.status().message().find("count the rows"), std::string::npos)
        << kept.status().message();
    EXPECT_NE(kept.status().message().find("missing"), std::string::npos);
  }
}

}  // namespace
}  // namespace dvc::store
