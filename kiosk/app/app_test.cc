// The app's actions (submit, look up, print) against a fake DossierDesk, and
// the date the app keeps from its clock.
#include "app/app.h"

#include <gtest/gtest.h>

#include "app/staff_actions.h"
#include "app/ui_strings.h"
#include "config/kiosk_config.h"
#include "dossier/dossier_code.h"
#include "dossier/status.h"

namespace dvc::kiosk {
namespace {

// Records what the app asks of the desk and answers as told.
class FakeDesk : public DossierDesk {
 public:
  Result<receipt::ReceiptData> Submit(const SubmissionDraft& draft) override {
    drafts.push_back(draft);
    if (!submit_error.ok()) return submit_error;
    receipt::ReceiptData data;
    data.dossier_code = issued.compact();
    data.applicant_name = draft.applicant_name;
    return data;
  }
  Result<std::optional<DossierSummary>> Find(const dossier::DossierCode& code) override {
    looked_up.push_back(code.compact());
    return found;
  }
  Result<PrintOutcome> Print(const receipt::ReceiptData&) override { return print; }

  dossier::DossierCode issued = *dossier::DossierCode::FromParts("12345", 7, 42);
  Status submit_error = Status::Ok();
  std::vector<SubmissionDraft> drafts;
  std::optional<DossierSummary> found;
  std::vector<std::string> looked_up;
  Result<PrintOutcome> print = PrintOutcome{true, "/dev/usb/lp0"};
};

// Answers staff mode's questions as told and records what it was asked.
class FakeStaffDesk : public StaffDesk {
 public:
  Result<PinCheck> VerifyPin(std::string_view pin) override {
    pins.emplace_back(pin);
    if (pin == "482759") return PinCheck{PinOutcome::kAccepted, 0, {}, "", ""};
    PinCheck check;
    check.outcome = --tries_left <= 0 ? PinOutcome::kLockedOut : PinOutcome::kWrongPin;
    check.attempts_left = std::max(tries_left, 0);
    if (tries_left <= 0) check.retry_after = std::chrono::seconds(299);
    return check;
  }
  Result<std::vector<DossierSummary>> ListDossiers(size_t) override { return dossiers; }
  std::vector<ScanFile> ListScans() override { return scans; }
  Result<Thumbnail> LoadThumbnail(const std::string& path) override {
    decoded.push_back(path);
    return Thumbnail{2, 1, std::vector<uint8_t>(8, 255)};
  }
  StaffSettings Settings() const override { return settings; }
  Status SaveSettings(const StaffSettings& wanted) override {
    if (!save_error.ok()) return save_error;
    settings = wanted;
    return Status::Ok();
  }

  int tries_left = 3;
  std::vector<std::string> pins;
  std::vector<DossierSummary> dossiers;
  std::vector<ScanFile> scans;
  std::vector<std::string> decoded;
  StaffSettings settings;
  Status save_error = Status::Ok();
};

// The sync worker as the UI sees it: records the look-ups asked, answers none
// (the test puts the worker's answer in state.link).
class FakeSyncLink : public SyncLink {
 public:
  void Notify() override { ++notified; }
  uint64_t RequestLookup(std::string_view code) override {
    asked.emplace_back(code);
    return ++serial;
  }
  bool TrySnapshot(LinkSnapshot*) const override { return false; }

  int notified = 0;
  uint64_t serial = 40;
  std::vector<std::string> asked;
};

// Hands out fake texture ids and counts the live ones.
class FakeTextures : public TextureStore {
 public:
  Result<ImTextureID> Upload(const Thumbnail&) override {
    ++live;
    return reinterpret_cast<ImTextureID>(static_cast<uintptr_t>(++next));
  }
  void Release(ImTextureID) override { --live; }
  int live = 0;
  int next = 0;
};

ScanFile Jpeg(const std::string& name, int64_t modified = 1) {
  return ScanFile{"/scans/" + name, name, ScanKind::kJpeg, 5000, modified, false};
}

// 2026-11-27 00:00:30 and 2026-11-26 23:59:30 in Vietnam (UTC+7).
constexpr int64_t kJustAfterMidnight = 1795712430;
constexpr int64_t kJustBeforeMidnight = kJustAfterMidnight - 60;

class AppTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The built-in defaults name the shipped assets.
    Result<KioskConfig> config = LoadKioskConfig("");
    ASSERT_TRUE(config.ok());
    auto data = LoadKioskData(*config);
    auto strings = LoadUiStrings(std::string(DVC_SOURCE_DIR) + "/assets/ui/strings.json");
    ASSERT_TRUE(data.ok() && strings.ok());
    data_ = data->release();
    strings_ = new UiStrings(std::move(*strings));
  }
  static void TearDownTestSuite() {
    delete data_;
    delete strings_;
  }

  void SetUp() override {
    state_.data = data_;
    state_.strings = strings_;
    state_.desk = &desk_;
    state_.staff_desk = &staff_desk_;
    state_.textures = &textures_;
    state_.settings.province_code = data_->catalog.header().province_code;
    state_.settings.sms_short_code = "8088";
    UpdateToday(state_, kJustAfterMidnight);
    state_.WipeSession();
  }

  // A death registration filled in as at the counter, on the review screen.
  void FillDeathRegistration() {
    ResidentSession& s = state_.session;
    s.service_id = "dang-ky-khai-tu";
    s.form.emplace(data_->catalog.FindService(s.service_id));
    FormSession& form = *s.form;
    form.SetValue("deceased_name", "Trần Văn Bình");
    form.SetValue("deceased_birth_date", "12/03/1941");
    form.SetValue("death_date", "20/11/2026");
    form.SetValue("death_place", "Thôn Đông, xã Vũ Phúc");
    form.SetValue("death_cause", "gia-yeu");
    form.SetValue("death_notice_type", "giay-bao-tu");
    form.SetValue("requester_name", "Trần Thị Hoa");
    form.SetValue("requester_id", "034185001234");
    form.SetValue("relation", "con");
    form.SetValue("phone", "0912345678");
    // The death notice, scanned and attached by staff.
    s.attached["death_notice_scan"] = {ScanFile{.path = "/scans/giay-bao-tu.pdf",
                                                .name = "giay-bao-tu.pdf",
                                                .kind = ScanKind::kPdf,
                                                .size = 1000}};
    s.consent = true;
    state_.GoTo(Screen::kReview);
  }

  static KioskData* data_;
  static UiStrings* strings_;
  // Types `pin` on the staff pad and runs the check.
  void EnterPin(const std::string& pin) {
    state_.staff.pin = pin;
    ExecuteAction(state_, ActionCheckPin{});
  }

  FakeDesk desk_;
  FakeStaffDesk staff_desk_;
  FakeTextures textures_;
  AppState state_;
};
KioskData* AppTest::data_ = nullptr;
UiStrings* AppTest::strings_ = nullptr;

TEST_F(AppTest, ReceiptNamesTheRequesterNotTheDeceased) {
  FillDeathRegistration();
  ExecuteAction(state_, ActionSubmit{});
  ASSERT_EQ(desk_.drafts.size(), 1u) << state_.session.error_message;
  EXPECT_EQ(desk_.drafts[0].applicant_name, "Trần Thị Hoa");
  EXPECT_EQ(desk_.drafts[0].phone, "84912345678");
  ASSERT_EQ(desk_.drafts[0].attachments.size(), 1u);
  EXPECT_EQ(desk_.drafts[0].attachments[0],
            (DraftAttachment{"death_notice_scan", "/scans/giay-bao-tu.pdf"}));
  EXPECT_EQ(state_.screen, Screen::kReceipt);
  EXPECT_EQ(state_.session.receipt_code_display, desk_.issued.Display());
  EXPECT_EQ(state_.session.receipt_code_display.size(), 18u);  // 14 characters and 4 dashes
  EXPECT_FALSE(state_.session.form.has_value());  // the answers are gone from the session
}

TEST_F(AppTest, FailedSubmitKeepsTheFormAndSaysWhy) {
  FillDeathRegistration();
  desk_.submit_error = Status::Io("kiosk.db: disk full");
  ExecuteAction(state_, ActionSubmit{});
  EXPECT_EQ(state_.screen, Screen::kReview);
  ASSERT_TRUE(state_.session.form.has_value());
  EXPECT_EQ(state_.session.form->TextOf("requester_name"), "Trần Thị Hoa");
  EXPECT_FALSE(state_.session.receipt.has_value());
  EXPECT_EQ(state_.session.error_message,
            state_.F(StringId::kSubmitFailed, {{"reason", "kiosk.db: disk full"}}));
}

TEST_F(AppTest, SubmitWithoutConsentDoesNothing) {
  FillDeathRegistration();
  state_.session.consent = false;
  ExecuteAction(state_, ActionSubmit{});
  EXPECT_TRUE(desk_.drafts.empty());
  EXPECT_EQ(state_.screen, Screen::kReview);
}

TEST_F(AppTest, EachKindOfBadCodeGetsItsMessage) {
  Result<dossier::DossierCode> good = dossier::DossierCode::FromParts("12345", 7, 4242);
  ASSERT_TRUE(good.ok());
  std::string bad_char = good->compact();
  bad_char[7] = 'O';  // never a code character after the commune number
  std::string mistyped = good->compact();
  mistyped[9] = mistyped[9] == 'A' ? 'B' : 'A';
  const struct {
    std::string typed;
    std::string expected;
  } cases[] = {
      {" - ", state_.S(StringId::kLookupEmpty)},
      {"12345ABCDE", state_.F(StringId::kLookupWrongLength, {{"n", "10"}})},
      {bad_char, state_.F(StringId::kLookupBadCharacter, {{"pos", "8"}, {"ch", "O"}})},
      {mistyped, state_.S(StringId::kLookupCheckMismatch)},
      {good->compact(),
       state_.F(StringId::kLookupNotFound, {{"code", good->Display()}, {"short", "8088"}})},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.typed);
    state_.session.lookup_code = c.typed;
    ExecuteAction(state_, ActionLookup{});
    EXPECT_EQ(state_.session.lookup_message, c.expected);
    EXPECT_FALSE(state_.session.lookup_result.has_value());
  }
  // Only the well-formed code reached the desk.
  EXPECT_EQ(desk_.looked_up, std::vector<std::string>{good->compact()});
}

TEST_F(AppTest, ACodeNotHeldHereIsAskedOfTheProvinceWithoutWaiting) {
  FakeSyncLink link;
  state_.sync = &link;
  const dossier::DossierCode code = *dossier::DossierCode::FromParts("12345", 0, 77);
  state_.session.lookup_code = code.Display();
  ExecuteAction(state_, ActionLookup{});
  // Queued to the worker; the screen says it is asking.
  ASSERT_EQ(link.asked, std::vector<std::string>{code.compact()});
  const uint64_t serial = state_.session.lookup_serial;
  EXPECT_EQ(serial, 41u);
  EXPECT_TRUE(state_.session.lookup_message.empty());

  // An answer to an older request is not this one.
  state_.link.lookup = RemoteLookup{40, code.compact(), RemoteLookupOutcome::kNotFound, {}, ""};
  CollectRemoteLookup(state_);
  EXPECT_EQ(state_.session.lookup_serial, serial);
  EXPECT_TRUE(state_.session.lookup_message.empty());

  sync::LookupAnswer answer;
  answer.code = code.compact();
  answer.status = dossier::DossierStatus::kInProcessing;
  answer.received_at = dossier::Timestamp(std::chrono::seconds(kJustBeforeMidnight));
  answer.official_appointment = calendar::Date::Ymd(2026, 12, 3);
  state_.link.lookup =
      RemoteLookup{serial, code.compact(), RemoteLookupOutcome::kFound, answer, ""};
  CollectRemoteLookup(state_);
  EXPECT_EQ(state_.session.lookup_serial, 0u);
  ASSERT_TRUE(state_.session.lookup_remote.has_value());
  const RemoteDossierView& view = *state_.session.lookup_remote;
  EXPECT_EQ(view.code_display, code.Display());
  EXPECT_EQ(view.status.vi, dossier::StatusLabelVi(dossier::DossierStatus::kInProcessing));
  EXPECT_EQ(view.status.en, dossier::StatusLabelEn(dossier::DossierStatus::kInProcessing));
  EXPECT_EQ(view.received, calendar::Date::Ymd(2026, 11, 26));  // local date, not UTC
  EXPECT_EQ(view.appointment, calendar::Date::Ymd(2026, 12, 3));
}

TEST_F(AppTest, TheProvincesOtherAnswersGetTheirMessages) {
  FakeSyncLink link;
  state_.sync = &link;
  const dossier::DossierCode code = *dossier::DossierCode::FromParts("12345", 0, 78);
  const struct {
    RemoteLookupOutcome outcome;
    std::string expected;
  } cases[] = {
      {RemoteLookupOutcome::kNotFound,
       state_.F(StringId::kLookupRemoteNotFound, {{"code", code.Display()}})},
      {RemoteLookupOutcome::kMistyped,
       state_.F(StringId::kLookupRemoteMistyped, {{"code", code.Display()}})},
      {RemoteLookupOutcome::kUnreachable,
       state_.F(StringId::kLookupUnreachable, {{"code", code.Display()}, {"short", "8088"}})},
  };
  for (const auto& c : cases) {
    state_.session.lookup_code = code.compact();
    ExecuteAction(state_, ActionLookup{});
    state_.link.lookup =
        RemoteLookup{state_.session.lookup_serial, code.compact(), c.outcome, {}, "offline"};
    CollectRemoteLookup(state_);
    EXPECT_EQ(state_.session.lookup_message, c.expected);
    EXPECT_FALSE(state_.session.lookup_remote.has_value());
    EXPECT_EQ(state_.session.lookup_serial, 0u);
  }
  // The unreachable message names the code and the SMS short code, in Vietnamese first.
  EXPECT_NE(cases[2].expected.find("TT " + code.Display()), std::string::npos);
  EXPECT_NE(cases[2].expected.find("8088"), std::string::npos);
}

TEST_F(AppTest, ADossierHeldHereIsNotAskedOfTheProvince) {
  FakeSyncLink link;
  state_.sync = &link;
  desk_.found = DossierSummary{};
  state_.session.lookup_code = dossier::DossierCode::FromParts("12345", 7, 42)->compact();
  ExecuteAction(state_, ActionLookup{});
  EXPECT_TRUE(link.asked.empty());
  EXPECT_EQ(state_.session.lookup_serial, 0u);
  EXPECT_TRUE(state_.session.lookup_result.has_value());
}

TEST_F(AppTest, PrintSaysWhetherThereIsPaper) {
  FillDeathRegistration();
  ExecuteAction(state_, ActionSubmit{});
  ASSERT_TRUE(state_.session.receipt.has_value());

  ExecuteAction(state_, ActionPrint{});
  EXPECT_EQ(state_.session.print_message, state_.S(StringId::kReceiptPrinted));

  desk_.print = PrintOutcome{false, "/var/lib/dvc-kiosk/receipts/123457K4HQ2M9X.png"};
  ExecuteAction(state_, ActionPrint{});
  EXPECT_EQ(state_.session.print_message, state_.S(StringId::kReceiptSaved));
  EXPECT_NE(state_.S(StringId::kReceiptSaved), state_.S(StringId::kReceiptPrinted));

  desk_.print = Status::Io("/dev/usb/lp0: out of paper");
  ExecuteAction(state_, ActionPrint{});
  EXPECT_EQ(state_.session.print_message,
            state_.F(StringId::kReceiptPrintFailed, {{"reason", "/dev/usb/lp0: out of paper"}}));
}

TEST_F(AppTest, TodayTurnsAtMidnight) {
  UpdateToday(state_, kJustBeforeMidnight);
  EXPECT_EQ(state_.today, calendar::Date::Ymd(2026, 11, 26));
  FillDeathRegistration();
  FormSession& form = *state_.session.form;
  form.SetValue("death_date", "27/11/2026");
  form.Touch("death_date");
  const catalog::Field& death_date = *form.form().FindField("death_date");
  EXPECT_TRUE(form.MessageFor(death_date, state_.Validation()).has_value());  // tomorrow

  UpdateToday(state_, kJustAfterMidnight);
  EXPECT_EQ(state_.today, calendar::Date::Ymd(2026, 11, 27));
  EXPECT_FALSE(form.MessageFor(death_date, state_.Validation()).has_value());  // today now

  UpdateToday(state_, INT64_MAX);  // a clock that cannot be read keeps the date
  EXPECT_EQ(state_.today, calendar::Date::Ymd(2026, 11, 27));
}

TEST_F(AppTest, EveryFrameTakesTheDateFromTheAppsClock) {
  PlatformOptions options;
  options.width = 640;
  options.height = 480;
  options.headless = true;
  Result<std::unique_ptr<Platform>> platform = Platform::Create(options);
  ASSERT_TRUE(platform.ok()) << platform.status().message();
  int64_t clock = kJustBeforeMidnight;
  App app(
      **platform, state_, [](AppState&, int64_t) {}, [&clock] { return clock; });
  app.Frame(nullptr);
  EXPECT_EQ(state_.today, calendar::Date::Ymd(2026, 11, 26));
  clock = kJustAfterMidnight;
  app.Frame(nullptr);
  EXPECT_EQ(state_.today, calendar::Date::Ymd(2026, 11, 27));
}

TEST_F(AppTest, WrongPinSaysHowManyTriesAreLeftThenLocksOut) {
  state_.GoTo(Screen::kStaffPin);
  state_.now_ms = 10'000;
  EnterPin("111111");
  EXPECT_EQ(state_.screen, Screen::kStaffPin);
  EXPECT_FALSE(state_.staff.active);
  EXPECT_EQ(state_.staff.pin, "");  // never kept after a check
  EXPECT_EQ(state_.staff.pin_message, "Sai mã PIN. Còn 2 lần thử trước khi bị tạm khóa.");
  EnterPin("222222");
  EnterPin("333333");
  // The pad counts the lockout down from here (StaffPinTest covers the refusal).
  EXPECT_EQ(state_.staff.locked_until_ms, 10'000 + 299'000);
  EXPECT_FALSE(state_.staff.active);
  EXPECT_EQ(state_.screen, Screen::kStaffPin);
}

TEST_F(AppTest, RightPinOpensStaffHomeAndTheIdleWipeEndsStaffMode) {
  state_.GoTo(Screen::kStaffPin);
  EnterPin("482759");
  EXPECT_TRUE(state_.staff.active);
  EXPECT_EQ(state_.screen, Screen::kStaffHome);
  state_.WipeSession();  // what the idle timeout does
  EXPECT_FALSE(state_.staff.active);
  EXPECT_EQ(state_.screen, Screen::kWelcome);
}

TEST_F(AppTest, AfterAWalkInReceiptStaffModeReturnsToStaffHome) {
  EnterPin("482759");
  FillDeathRegistration();
  ExecuteAction(state_, ActionSubmit{});
  ASSERT_EQ(state_.screen, Screen::kReceipt) << state_.session.error_message;
  ExecuteAction(state_, ActionWipe{});  // "Hoàn tất"
  EXPECT_EQ(state_.screen, Screen::kStaffHome);
  EXPECT_TRUE(state_.staff.active);
  EXPECT_FALSE(state_.session.receipt.has_value());
}

TEST_F(AppTest, AResidentCannotSubmitWithoutTheRequiredScan) {
  FillDeathRegistration();
  state_.session.attached.clear();
  EXPECT_EQ(MissingAttachments(state_).size(), 1u);
  ExecuteAction(state_, ActionSubmit{});
  EXPECT_TRUE(desk_.drafts.empty());
  EXPECT_EQ(state_.screen, Screen::kReview);
  EXPECT_NE(state_.session.error_message.find("Giấy báo tử hoặc giấy tờ thay thế"),
            std::string::npos)
      << state_.session.error_message;
}

TEST_F(AppTest, CallingStaffForAScanKeepsTheAnswersAndOpensThePicker) {
  FillDeathRegistration();
  state_.session.attached.clear();
  staff_desk_.scans = {Jpeg("a.jpg", 2), Jpeg("b.jpg", 1)};
  // Without the PIN the picker does not open.
  OpenScanPicker(state_, "death_notice_scan");
  EXPECT_EQ(state_.screen, Screen::kReview);
  state_.staff.pin_for_field = "death_notice_scan";
  EnterPin("482759");
  EXPECT_EQ(state_.screen, Screen::kScanPicker);
  EXPECT_FALSE(state_.staff.active);  // only this resident's attachments are unlocked
  EXPECT_TRUE(state_.session.staff_attach);
  ToggleScan(state_, staff_desk_.scans[1]);
  EXPECT_EQ(state_.session.form->TextOf("requester_name"), "Trần Thị Hoa");
  EXPECT_TRUE(MissingAttachments(state_).empty());
  ExecuteAction(state_, ActionSubmit{});
  ASSERT_EQ(desk_.drafts.size(), 1u) << state_.session.error_message;
  EXPECT_EQ(desk_.drafts[0].attachments,
            (std::vector<DraftAttachment>{{"death_notice_scan", "/scans/b.jpg"}}));
}

TEST_F(AppTest, TappingAPickedScanAgainDetachesIt) {
  FillDeathRegistration();
  state_.session.attached.clear();
  EnterPin("482759");
  staff_desk_.scans = {Jpeg("a.jpg")};
  OpenScanPicker(state_, "death_notice_scan");
  ToggleScan(state_, staff_desk_.scans[0]);
  EXPECT_EQ(state_.session.attached.count("death_notice_scan"), 1u);
  ToggleScan(state_, staff_desk_.scans[0]);
  EXPECT_EQ(state_.session.attached.count("death_notice_scan"), 0u);
}

TEST_F(AppTest, ThumbnailsAreDecodedAFewPerFrameAndOnlyOnce) {
  EnterPin("482759");
  FillDeathRegistration();
  staff_desk_.scans = {Jpeg("1.jpg"), Jpeg("2.jpg"), Jpeg("3.jpg"), Jpeg("4.jpg"), Jpeg("5.jpg")};
  staff_desk_.scans.push_back(ScanFile{"/scans/x.pdf", "x.pdf", ScanKind::kPdf, 100, 1, false});
  OpenScanPicker(state_, "death_notice_scan");
  ASSERT_EQ(state_.actions.size(), 1u);
  ExecuteQueuedActions(state_);
  EXPECT_EQ(staff_desk_.decoded.size(), 2u);  // the rest after the next frame
  ExecuteQueuedActions(state_);
  ExecuteQueuedActions(state_);
  EXPECT_EQ(staff_desk_.decoded.size(), 5u);  // never the PDF
  EXPECT_TRUE(state_.actions.empty());
  EXPECT_EQ(textures_.live, 5);
  OpenScanPicker(state_, "death_notice_scan");  // "Tìm lại"
  ExecuteQueuedActions(state_);
  EXPECT_EQ(staff_desk_.decoded.size(), 5u);  // cached
}

TEST_F(AppTest, ReprintSendsTheStoredReceiptAndSaysWhereItWent) {
  EnterPin("482759");
  DossierSummary d;
  d.receipt.dossier_code = "12430000100013";
  d.receipt.applicant_name = "Trần T. H.";
  staff_desk_.dossiers = {DossierSummary{}, d};
  ExecuteAction(state_, ActionOpenOutbox{});
  EXPECT_EQ(state_.screen, Screen::kStaffOutbox);
  ASSERT_EQ(state_.staff.dossiers.size(), 2u);
  state_.staff.selected = 1;
  desk_.print = PrintOutcome{false, "/data/receipts/12430000100013.png"};
  ExecuteAction(state_, ActionReprint{});
  EXPECT_EQ(state_.staff.message,
            "Chưa có máy in: biên nhận đã được lưu thành tệp "
            "(/data/receipts/12430000100013.png).");
  EXPECT_FALSE(state_.staff.message_is_error);
}

TEST_F(AppTest, SavedSettingsTakeEffectAtOnce) {
  EnterPin("482759");
  ExecuteAction(state_, ActionOpenSettings{});
  EXPECT_EQ(state_.screen, Screen::kStaffSettings);
  state_.staff.settings.idle_timeout_s = 300;
  state_.staff.settings.language = "en";
  state_.idle.Touch(0);
  ExecuteAction(state_, ActionSaveSettings{});
  EXPECT_EQ(state_.staff.message, "Đã lưu cài đặt. Có hiệu lực ngay.");
  EXPECT_EQ(staff_desk_.settings.idle_timeout_s, 300);
  EXPECT_EQ(state_.idle.Phase(299'000), IdlePhase::kActive);  // was 90 s
  EXPECT_EQ(state_.settings.default_language, catalog::Language::kEn);
  staff_desk_.save_error = Status::InvalidInput("idle_timeout_s: too short");
  ExecuteAction(state_, ActionSaveSettings{});
  EXPECT_TRUE(state_.staff.message_is_error);
  EXPECT_EQ(state_.staff.message, "Chưa lưu được cài đặt: idle_timeout_s: too short");
}

TEST_F(AppTest, StaffActionsDoNothingOutsideStaffMode) {
  ExecuteAction(state_, ActionOpenOutbox{});
  ExecuteAction(state_, ActionOpenSettings{});
  EXPECT_EQ(state_.screen, Screen::kWelcome);
  EXPECT_TRUE(state_.staff.dossiers.empty());
}

}  // namespace
}  // namespace dvc::kiosk
