#include "app/staff_pin_setup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "store/scratch_dir.h"

namespace dvc::kiosk {
namespace {

KioskConfig ConfigIn(const std::string& data_dir) {
  KioskConfig config = DefaultKioskConfig();
  config.data_dir = data_dir;
  return config;
}

// The PIN typed on standard input is the one staff mode then accepts.
TEST(StaffPinSetupTest, StoresThePinReadFromInput) {
  store::ScratchDir dir;
  const KioskConfig config = ConfigIn(dir.File("data"));  // created on the way
  std::istringstream typed("4827\r\n");
  ASSERT_TRUE(SetStaffPinFromInput(config, typed).ok());

  auto staff = StaffPin::Open(config.DatabasePath(), StaffPolicyOf(config));
  ASSERT_TRUE(staff.ok()) << staff.status().message();
  auto check = (*staff)->VerifyPin("4827", std::chrono::sys_seconds{std::chrono::seconds(0)});
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check->outcome, PinOutcome::kAccepted);
}

TEST(StaffPinSetupTest, RefusedPinSaysWhyAndStoresNothing) {
  store::ScratchDir dir;
  const KioskConfig config = ConfigIn(dir.File("data"));
  const struct {
    const char* typed;
    const char* pin;
  } cases[] = {{"1234\n", "1234"}, {"", ""}, {"\n", ""}, {"48 27\n", "48 27"}};
  for (const auto& c : cases) {
    std::istringstream in(c.typed);
    const Status set = SetStaffPinFromInput(config, in);
    EXPECT_EQ(set.code(), ErrorCode::kInvalidInput) << c.typed;
    EXPECT_EQ(set.message(), PinProblem(c.pin));
    EXPECT_FALSE(set.message().empty());
  }
  EXPECT_FALSE(std::filesystem::exists(config.DatabasePath()));
}

}  // namespace
}  // namespace dvc::kiosk
