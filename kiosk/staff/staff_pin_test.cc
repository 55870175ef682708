#include "staff/staff_pin.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "store/scratch_dir.h"

namespace dvc::kiosk {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

// Cheap Argon2id costs: the behaviour under test does not depend on them.
StaffPolicy TestPolicy() {
  StaffPolicy policy;
  policy.max_failures = 3;
  policy.lockout = seconds(300);
  policy.opslimit = crypto_pwhash_OPSLIMIT_MIN;
  policy.memlimit = crypto_pwhash_MEMLIMIT_MIN;
  return policy;
}

std::unique_ptr<StaffPin> OpenPin(const std::string& path) {
  auto pin = StaffPin::Open(path, TestPolicy());
  EXPECT_TRUE(pin.ok()) << pin.status().message();
  return pin.ok() ? std::move(pin).value() : nullptr;
}

const sys_seconds kT0{seconds(1'800'000'000)};

TEST(StaffPinTest, TrivialPinsAreRefused) {
  for (const char* pin :
       {"0000", "1234", "98765", "1212", "2580", "123", "123456789", "12a4", ""}) {
    EXPECT_FALSE(PinProblem(pin).empty()) << pin;
  }
  for (const char* pin : {"4827", "190375", "73914062"}) EXPECT_EQ(PinProblem(pin), "") << pin;
  EXPECT_EQ(PinProblem("1111"), "Mã PIN quá dễ đoán. Vui lòng chọn mã khác.");
}

TEST(StaffPinTest, RightPinOpensWrongPinCountsDown) {
  store::ScratchDir dir;
  auto staff = OpenPin(dir.File("kiosk.db"));
  ASSERT_NE(staff, nullptr);
  auto none = staff->VerifyPin("4827", kT0);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->outcome, PinOutcome::kNoPinSet);
  EXPECT_FALSE(*staff->HasPin());

  EXPECT_EQ(staff->SetPin("1234").code(), ErrorCode::kInvalidInput);
  ASSERT_TRUE(staff->SetPin("4827").ok());
  EXPECT_TRUE(*staff->HasPin());

  auto ok = staff->VerifyPin("4827", kT0);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->outcome, PinOutcome::kAccepted);

  auto wrong = staff->VerifyPin("4828", kT0);
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(wrong->outcome, PinOutcome::kWrongPin);
  EXPECT_EQ(wrong->attempts_left, 2);
  EXPECT_EQ(wrong->message_vi, "Sai mã PIN. Còn 2 lần thử.");
  // A right PIN resets the count.
  ASSERT_EQ(staff->VerifyPin("4827", kT0)->outcome, PinOutcome::kAccepted);
  EXPECT_EQ(staff->VerifyPin("0001", kT0)->attempts_left, 2);
}

TEST(StaffPinTest, LockoutSurvivesARestartAndEnds) {
  store::ScratchDir dir;
  const std::string path = dir.File("kiosk.db");
  {
    auto staff = OpenPin(path);
    ASSERT_NE(staff, nullptr);
    ASSERT_TRUE(staff->SetPin("4827").ok());
    EXPECT_EQ(staff->VerifyPin("1111", kT0)->attempts_left, 2);
    EXPECT_EQ(staff->VerifyPin("2222", kT0)->attempts_left, 1);
    auto locked = staff->VerifyPin("3333", kT0);
    ASSERT_TRUE(locked.ok());
    EXPECT_EQ(locked->outcome, PinOutcome::kLockedOut);
    EXPECT_EQ(locked->retry_after, seconds(300));
    EXPECT_EQ(locked->message_vi, "Sai mã PIN. Tạm khóa, thử lại sau 5 phút.");
  }
  auto staff = OpenPin(path);  // the kiosk restarted
  ASSERT_NE(staff, nullptr);
  // Even the right PIN is not checked while locked.
  auto still = staff->VerifyPin("4827", kT0 + seconds(61));
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->outcome, PinOutcome::kLockedOut);
  EXPECT_EQ(still->retry_after, seconds(239));
  EXPECT_EQ(still->message_vi, "Tạm khóa, thử lại sau 4 phút.");
  // A clock set back a day does not stretch the lockout past lockout_s.
  auto back = staff->VerifyPin("4827", kT0 - seconds(86400));
  EXPECT_EQ(back->retry_after, seconds(300));
  // ... nor keeps staff out for the day: lockout_s after the clock went back,
  // the right PIN opens again.
  auto back_then = staff->VerifyPin("4827", kT0 - seconds(86400) + seconds(301));
  ASSERT_TRUE(back_then.ok());
  EXPECT_EQ(back_then->outcome, PinOutcome::kAccepted);

  auto after = staff->VerifyPin("4827", kT0 + seconds(300));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->outcome, PinOutcome::kAccepted);
}

TEST(StaffPinTest, ProductionCostIsArgon2idInteractive) {
  EXPECT_EQ(StaffPolicy().opslimit, crypto_pwhash_OPSLIMIT_INTERACTIVE);
  EXPECT_EQ(StaffPolicy().memlimit, crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

}  // namespace
}  // namespace dvc::kiosk
