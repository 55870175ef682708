#include "core/status.h"

#include <gtest/gtest.h>

#include <memory>

namespace dvc {
namespace {

Result<int> ParsePositive(int v) {
  if (v <= 0) return Status::InvalidInput("expected a positive number");
  return v;
}

TEST(StatusTest, OkHasNoMessage) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_TRUE(s.message().empty());
}

TEST(StatusTest, ContextIsPrefixed) {
  Status s = Status::NotFound("no such service").WithContext("catalog.json");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kNotFound);
  EXPECT_EQ(s.message(), "catalog.json: no such service");
}

TEST(ResultTest, CarriesValueOrError) {
  auto good = ParsePositive(3);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  auto bad = ParsePositive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "expected a positive number");
}

TEST(ResultTest, MoveOnlyValues) {
  Result<std::unique_ptr<int>> r(std::make_unique<int>(7));
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

}  // namespace
}  // namespace dvc
