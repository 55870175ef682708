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

namespace dvc {
namespace {

Status FailIfNegative(int v) {
  return v < 0 ? Status::InvalidInput("negative") : Status::Ok();
}

// The macro nests: a lambda using it, passed to the macro again.
Status Nested(int a, int b) {
  auto check_b = [&]() -> Status {
    DVC_RETURN_IF_ERROR(FailIfNegative(b));
    return Status::Ok();
  };
  DVC_RETURN_IF_ERROR(FailIfNegative(a));
  DVC_RETURN_IF_ERROR(check_b());
  return Status::Ok();
}

TEST(StatusMacroTest, ReturnsFirstError) {
  EXPECT_TRUE(Nested(1, 2).ok());
  EXPECT_EQ(Nested(-1, 2).message(), "negative");
  EXPECT_EQ(Nested(1, -2).message(), "negative");
}

}  // namespace
}  // namespace dvc
