#include "staff/staff_pin.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "outbox/kiosk_schema.h"
#include "store/transaction.h"

namespace dvc::kiosk {

namespace {

// PINs people choose first, beyond the repeated digits and runs caught by rule.
constexpr std::string_view kCommonPins[] = {
    "1212", "2580", "0852",   "1122",   "6969",   "1004",   "2000",   "1313",
    "4545", "7007", "123123", "121212", "112233", "147258", "159753", "520520"};

std::string Minutes(std::chrono::seconds s) {
  const int64_t minutes = std::max<int64_t>(1, (s.count() + 59) / 60);
  return std::to_string(minutes);
}

PinCheck Locked(std::chrono::seconds retry_after, bool just_now) {
  PinCheck check;
  check.outcome = PinOutcome::kLockedOut;
  check.retry_after = retry_after;
  const std::string minutes = Minutes(retry_after);
  check.message_vi =
      (just_now ? "Sai mã PIN. " : "") + std::string("Tạm khóa, thử lại sau ") + minutes + " phút.";
  check.message_en = (just_now ? "Wrong PIN. " : "") + std::string("Locked; try again in ") +
                     minutes + (minutes == "1" ? " minute." : " minutes.");
  return check;
}

struct PinRow {
  std::string hash;
  int64_t failures = 0;
  int64_t locked_until = 0;
};

Result<std::optional<PinRow>> ReadRow(store::Database& db) {
  auto select = db.Prepare("read staff pin",
                           "SELECT hash, failures, locked_until FROM staff_pin WHERE id = 1");
  if (!select.ok()) return select.status();
  auto row = select->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<PinRow>();
  return std::optional<PinRow>(
      PinRow{select->ColumnText(0), select->ColumnInt64(1), select->ColumnInt64(2)});
}

Status WriteState(store::Database& db, int64_t failures, int64_t locked_until) {
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return tx.status();
  {
    auto update = db.Prepare("record staff pin attempt",
                             "UPDATE staff_pin SET failures = ?, locked_until = ? WHERE id = 1");
    if (!update.ok()) return update.status();
    DVC_RETURN_IF_ERROR(update->BindInt64(1, failures));
    DVC_RETURN_IF_ERROR(update->BindInt64(2, locked_until));
    DVC_RETURN_IF_ERROR(update->Run());
  }
  return tx->Commit();
}

}  // namespace

std::string PinProblem(std::string_view pin) {
  if (pin.size() < 4 || pin.size() > 8 ||
      !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return "Mã PIN phải gồm 4 đến 8 chữ số.";
  }
  bool same = true, up = true, down = true;
  for (size_t i = 1; i < pin.size(); ++i) {
    same = same && pin[i] == pin[0];
    up = up && pin[i] == pin[i - 1] + 1;
    down = down && pin[i] == pin[i - 1] - 1;
  }
  const bool common =
      std::find(std::begin(kCommonPins), std::end(kCommonPins), pin) != std::end(kCommonPins);
  if (same || up || down || common) return "Mã PIN quá dễ đoán. Vui lòng chọn mã khác.";
  return "";
}

Result<std::unique_ptr<StaffPin>> StaffPin::Open(const std::string& db_path,
                                                 const StaffPolicy& policy) {
  if (policy.max_failures < 1 || policy.lockout.count() < 1) {
    return Status::InvalidInput("staff pin: max_failures and lockout must be positive");
  }
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  auto db = store::Database::Open(db_path, KioskMigrations());
  if (!db.ok()) return db.status();
  return std::make_unique<StaffPin>(std::move(db).value(), policy);
}

Status StaffPin::SetPin(std::string_view pin) {
  if (std::string problem = PinProblem(pin); !problem.empty()) {
    return Status::InvalidInput(problem);
  }
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str(hash.data(), pin.data(), pin.size(), policy_.opslimit, policy_.memlimit) !=
      0) {
    return Status::Internal("staff pin: hashing failed (out of memory)");
  }
  auto tx = store::Transaction::Begin(*db_);
  if (!tx.ok()) return tx.status();
  {
    auto upsert = db_->Prepare("set staff pin",
                               "INSERT INTO staff_pin(id, hash, failures, locked_until)"
                               " VALUES(1, ?, 0, 0) ON CONFLICT(id) DO UPDATE SET"
                               " hash = excluded.hash, failures = 0, locked_until = 0");
    if (!upsert.ok()) return upsert.status();
    DVC_RETURN_IF_ERROR(upsert->BindText(1, hash.data()));
    DVC_RETURN_IF_ERROR(upsert->Run());
  }
  return tx->Commit();
}

Result<bool> StaffPin::HasPin() {
  auto row = ReadRow(*db_);
  if (!row.ok()) return row.status();
  return row->has_value();
}

Result<PinCheck> StaffPin::VerifyPin(std::string_view pin, std::chrono::sys_seconds now) {
  auto read = ReadRow(*db_);
  if (!read.ok()) return read.status();
  if (!read->has_value()) {
    PinCheck check;
    check.outcome = PinOutcome::kNoPinSet;
    check.message_vi = "Chưa đặt mã PIN cho cán bộ.";
    check.message_en = "No staff PIN has been set.";
    return check;
  }
  const PinRow& row = **read;
  const int64_t now_s = now.time_since_epoch().count();
  const int64_t lockout_s = policy_.lockout.count();
  if (row.locked_until > now_s) {
    int64_t locked_until = row.locked_until;
    if (locked_until - now_s > lockout_s) {
      // The clock was set back: a lockout never lasts longer than lockout_s
      // from now, or going back a day would lock staff out for a day.
      locked_until = now_s + lockout_s;
      DVC_RETURN_IF_ERROR(WriteState(*db_, row.failures, locked_until));
    }
    return Locked(std::chrono::seconds(locked_until - now_s), false);
  }
  // The attempt counts as failed before the slow hash, so cutting the power
  // while it runs does not give a free guess; a match resets it.
  const int64_t failures = row.failures + 1;
  DVC_RETURN_IF_ERROR(WriteState(*db_, failures, 0));
  // Hashing takes a noticeable fraction of a second (docs/kiosk-config.md);
  // it runs outside any transaction so the outbox is never blocked behind it.
  const bool match = crypto_pwhash_str_verify(row.hash.c_str(), pin.data(), pin.size()) == 0;
  if (match) {
    DVC_RETURN_IF_ERROR(WriteState(*db_, 0, 0));
    return PinCheck{PinOutcome::kAccepted, policy_.max_failures, std::chrono::seconds(0), "", ""};
  }
  if (failures >= policy_.max_failures) {
    DVC_RETURN_IF_ERROR(WriteState(*db_, 0, now_s + lockout_s));
    return Locked(policy_.lockout, true);
  }
  PinCheck check;
  check.outcome = PinOutcome::kWrongPin;
  check.attempts_left = static_cast<int>(policy_.max_failures - failures);
  check.message_vi = "Sai mã PIN. Còn " + std::to_string(check.attempts_left) + " lần thử.";
  check.message_en = "Wrong PIN. " + std::to_string(check.attempts_left) +
                     (check.attempts_left == 1 ? " attempt left." : " attempts left.");
  return check;
}

}  // namespace dvc::kiosk
