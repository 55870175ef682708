#include "store/statement.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/store_test_util.h"

namespace dvc::store {
namespace {

constexpr Migration kSchema[] = {
    {1, "values table", "CREATE TABLE v(id INTEGER PRIMARY KEY, i, d, t, b, n);"},
};

class StatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenOrFail(":memory:", kSchema);
    ASSERT_NE(db_, nullptr);
  }
  std::unique_ptr<Database> db_;
};

const std::string kTextWithNul("Hà\0Nội", 9);  // "Hà" 3 bytes, NUL, "Nội" 5 bytes
const std::vector<uint8_t> kBlob = {0x00, 0xff, 0x00, 0x10, 0x80};

TEST_F(StatementTest, EveryTypeRoundTripsByIndex) {
  auto insert = db_->Prepare("insert values", "INSERT INTO v(i, d, t, b, n) VALUES(?, ?, ?, ?, ?)");
  ASSERT_TRUE(insert.ok()) << insert.status().message();
  ASSERT_OK(insert->BindInt64(1, std::numeric_limits<int64_t>::min()));
  ASSERT_OK(insert->BindDouble(2, -0.125));
  ASSERT_OK(insert->BindText(3, kTextWithNul));
  ASSERT_OK(insert->BindBlob(4, kBlob));
  ASSERT_OK(insert->BindNull(5));
  ASSERT_OK(insert->Run());

  auto select = db_->Prepare("read values", "SELECT i, d, t, b, n, length(t), length(b) FROM v");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnCount(), 7);
  EXPECT_EQ(select->ColumnTypeOf(0), ColumnType::kInteger);
  EXPECT_EQ(select->ColumnInt64(0), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(select->ColumnTypeOf(1), ColumnType::kFloat);
  EXPECT_EQ(select->ColumnDouble(1), -0.125);
  EXPECT_EQ(select->ColumnTypeOf(2), ColumnType::kText);
  EXPECT_EQ(select->ColumnText(2), kTextWithNul);  // the NUL and what follows survive
  EXPECT_EQ(select->ColumnText(2).size(), 9u);
  EXPECT_EQ(select->ColumnTypeOf(3), ColumnType::kBlob);
  EXPECT_EQ(select->ColumnBlob(3), kBlob);
  EXPECT_TRUE(select->ColumnIsNull(4));
  EXPECT_EQ(select->ColumnInt64(4), 0);
  EXPECT_EQ(select->ColumnText(4), "");
  EXPECT_EQ(select->ColumnInt64(6), 5);  // blob length in bytes
  EXPECT_FALSE(*select->Step());
}

TEST_F(StatementTest, EveryTypeRoundTripsByName) {
  auto insert =
      db_->Prepare("insert values", "INSERT INTO v(i, d, t, b, n) VALUES(:i, @d, $t, :b, :n)");
  ASSERT_TRUE(insert.ok());
  ASSERT_OK(insert->BindInt64(":i", std::numeric_limits<int64_t>::max()));
  ASSERT_OK(insert->BindDouble("@d", 1e300));
  ASSERT_OK(insert->BindText("$t", kTextWithNul));
  ASSERT_OK(insert->BindBlob(":b", kBlob));
  ASSERT_OK(insert->BindNull(":n"));
  ASSERT_OK(insert->Run());
  auto select = db_->Prepare("read values", "SELECT i, d, t, b, n FROM v");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnInt64(0), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(select->ColumnDouble(1), 1e300);
  EXPECT_EQ(select->ColumnText(2), kTextWithNul);
  EXPECT_EQ(select->ColumnBlob(3), kBlob);
  EXPECT_TRUE(select->ColumnIsNull(4));
}

TEST_F(StatementTest, EmptyTextAndBlobAreNotNull) {
  auto insert = db_->Prepare("insert empties", "INSERT INTO v(t, b) VALUES(?, ?)");
  ASSERT_TRUE(insert.ok());
  ASSERT_OK(insert->BindText(1, std::string_view()));
  ASSERT_OK(insert->BindBlob(2, std::span<const uint8_t>()));
  ASSERT_OK(insert->Run());
  auto select =
      db_->Prepare("read empties", "SELECT t IS NULL, b IS NULL, typeof(t), typeof(b) FROM v");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnInt64(0), 0);
  EXPECT_EQ(select->ColumnInt64(1), 0);
  EXPECT_EQ(select->ColumnText(2), "text");
  EXPECT_EQ(select->ColumnText(3), "blob");
}

TEST_F(StatementTest, BindingErrorsNameTheParameter) {
  auto insert = db_->Prepare("insert value", "INSERT INTO v(i) VALUES(:i)");
  ASSERT_TRUE(insert.ok());
  Status by_name = insert->BindInt64(":missing", 1);
  EXPECT_EQ(by_name.code(), ErrorCode::kInternal);
  EXPECT_EQ(by_name.message(), "insert value: no parameter named :missing");
  Status by_index = insert->BindText(2, "x");
  EXPECT_EQ(by_index.code(), ErrorCode::kInternal);
  EXPECT_EQ(by_index.message(), "insert value: no parameter number 2 (the statement has 1)");
}

TEST_F(StatementTest, ResetReusesTheStatementAndCanClearBindings) {
  auto insert = db_->Prepare("insert value", "INSERT INTO v(i) VALUES(?)");
  ASSERT_TRUE(insert.ok());
  for (int64_t i = 1; i <= 3; ++i) {
    ASSERT_OK(insert->BindInt64(1, i * 10));
    ASSERT_OK(insert->Run());
    insert->Reset();
  }
  ASSERT_OK(insert->Run());  // bindings kept: a fourth row with 30
  insert->Reset(/*clear_bindings=*/true);
  ASSERT_OK(insert->Run());  // cleared: NULL
  auto select = db_->Prepare("sum", "SELECT sum(i), count(*), count(i) FROM v");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnInt64(0), 90);
  EXPECT_EQ(select->ColumnInt64(1), 5);
  EXPECT_EQ(select->ColumnInt64(2), 4);
}

TEST_F(StatementTest, RunRefusesAStatementThatReturnsRows) {
  auto select = db_->Prepare("count values", "SELECT count(*) FROM v");
  ASSERT_TRUE(select.ok());
  Status s = select->Run();
  EXPECT_EQ(s.code(), ErrorCode::kInternal);
  EXPECT_EQ(s.message(), "count values: the statement returned a row");
}

TEST_F(StatementTest, MovedStatementKeepsWorking) {
  auto prepared = db_->Prepare("insert value", "INSERT INTO v(i) VALUES(?)");
  ASSERT_TRUE(prepared.ok());
  Statement moved = std::move(prepared).value();
  ASSERT_OK(moved.BindInt64(1, 7));
  ASSERT_OK(moved.Run());
  Statement assigned = std::move(moved);
  assigned.Reset();
  ASSERT_OK(assigned.Run());
  EXPECT_EQ(assigned.purpose(), "insert value");
  auto count = db_->Prepare("count", "SELECT count(*) FROM v WHERE i = 7");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE(*count->Step());
  EXPECT_EQ(count->ColumnInt64(0), 2);
}

TEST_F(StatementTest, ColumnOutOfRangeAborts) {
  auto select = db_->Prepare("one", "SELECT 1");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->Step());
  EXPECT_DEATH(select->ColumnInt64(1), "");
}

}  // namespace
}  // namespace dvc::store
