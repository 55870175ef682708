#include "store/transaction.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "store/database.h"
#include "store/scratch_dir.h"
#include "store/store_test_util.h"

namespace dvc::store {
namespace {

constexpr Migration kTxSchema[] = {
    {1, "counter", "CREATE TABLE c(n INTEGER NOT NULL); INSERT INTO c VALUES(0);"},
};

std::unique_ptr<Database> Open(const std::string& path, std::chrono::milliseconds timeout) {
  OpenOptions options;
  options.busy_timeout = timeout;
  return OpenOrFail(path, kTxSchema, options);
}

int64_t Count(Database& db) {
  auto stmt = db.Prepare("read counter", "SELECT n FROM c");
  EXPECT_TRUE(stmt.ok()) << stmt.status().message();
  auto row = stmt->Step();
  EXPECT_TRUE(row.ok()) << row.status().message();
  return row.ok() && *row ? stmt->ColumnInt64(0) : -1;
}

Status Increment(Database& db) { return db.Exec("increment counter", "UPDATE c SET n = n + 1"); }

class TransactionTest : public ::testing::Test {
 protected:
  ScratchDir dir_;
  std::string path_ = dir_.File("t.db");
};

TEST_F(TransactionTest, CommitKeepsTheChanges) {
  auto db = Open(path_, std::chrono::seconds(5));
  ASSERT_NE(db, nullptr);
  {
    auto tx = Transaction::Begin(*db);
    ASSERT_TRUE(tx.ok()) << tx.status().message();
    EXPECT_TRUE(db->InTransaction());
    ASSERT_OK(Increment(*db));
    ASSERT_OK(tx->Commit());
    EXPECT_FALSE(tx->active());
    EXPECT_FALSE(db->InTransaction());
    EXPECT_EQ(tx->Commit().code(), ErrorCode::kInternal);  // only once
  }
  db.reset();
  auto reopened = Open(path_, std::chrono::seconds(5));
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(Count(*reopened), 1);
}

TEST_F(TransactionTest, LeavingTheScopeWithoutCommitRollsBack) {
  auto db = Open(path_, std::chrono::seconds(5));
  ASSERT_NE(db, nullptr);
  auto failing_operation = [&]() -> Status {
    auto tx = Transaction::Begin(*db);
    if (!tx.ok()) return tx.status();
    DVC_RETURN_IF_ERROR(Increment(*db));
    DVC_RETURN_IF_ERROR(Increment(*db));
    return Status::Io("the operation failed after two writes");  // no Commit
  };
  EXPECT_FALSE(failing_operation().ok());
  EXPECT_FALSE(db->InTransaction());
  EXPECT_EQ(Count(*db), 0);
}

TEST_F(TransactionTest, ExplicitRollbackAndMovedGuards) {
  auto db = Open(path_, std::chrono::seconds(5));
  ASSERT_NE(db, nullptr);
  auto tx = Transaction::Begin(*db, TransactionKind::kDeferred);
  ASSERT_TRUE(tx.ok());
  ASSERT_OK(Increment(*db));
  Transaction moved = std::move(tx).value();
  ASSERT_OK(moved.Rollback());
  EXPECT_EQ(Count(*db), 0);
  EXPECT_EQ(moved.Rollback().code(), ErrorCode::kInternal);
}

TEST_F(TransactionTest, TransactionsDoNotNest) {
  auto db = Open(path_, std::chrono::seconds(5));
  ASSERT_NE(db, nullptr);
  auto outer = Transaction::Begin(*db);
  ASSERT_TRUE(outer.ok());
  auto inner = Transaction::Begin(*db);
  ASSERT_FALSE(inner.ok());
  EXPECT_EQ(inner.status().message(),
            "begin transaction: cannot start a transaction within a transaction");
  EXPECT_TRUE(db->InTransaction());  // the failed inner BEGIN left the outer one alone
}

TEST_F(TransactionTest, WriterWaitsForTheBusyTimeoutThenFails) {
  auto holder = Open(path_, std::chrono::seconds(5));
  auto waiter = Open(path_, std::chrono::milliseconds(200));
  ASSERT_NE(holder, nullptr);
  ASSERT_NE(waiter, nullptr);
  auto held = Transaction::Begin(*holder);
  ASSERT_TRUE(held.ok());
  ASSERT_OK(Increment(*holder));

  // WAL: a reader is not blocked by the writer and sees the last commit.
  EXPECT_EQ(Count(*waiter), 0);

  const auto start = std::chrono::steady_clock::now();
  auto blocked = Transaction::Begin(*waiter);
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.status().code(), ErrorCode::kIo);
  EXPECT_EQ(blocked.status().message(), "begin transaction: database is locked");
  // It waited (at least) the configured time instead of failing at once.
  EXPECT_GE(waited, std::chrono::milliseconds(200));

  ASSERT_OK(held->Commit());
  auto now_free = Transaction::Begin(*waiter);
  ASSERT_TRUE(now_free.ok()) << now_free.status().message();
  ASSERT_OK(Increment(*waiter));
  ASSERT_OK(now_free->Commit());
  EXPECT_EQ(Count(*holder), 2);
}

TEST_F(TransactionTest, ZeroTimeoutFailsAtOnceWhenLocked) {
  auto holder = Open(path_, std::chrono::seconds(5));
  auto other = Open(path_, std::chrono::milliseconds(0));
  ASSERT_NE(holder, nullptr);
  ASSERT_NE(other, nullptr);
  auto held = Transaction::Begin(*holder);
  ASSERT_TRUE(held.ok());
  Status write = Increment(*other);  // an autocommit write needs the same lock
  EXPECT_EQ(write.code(), ErrorCode::kIo);
  EXPECT_EQ(write.message(), "increment counter: database is locked");
}

}  // namespace
}  // namespace dvc::store
