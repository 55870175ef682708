// The app's actions (submit, look up, print) against a fake DossierDesk, and
// the date the app keeps from its clock.
#include "app/app.h"

#include <gtest/gtest.h>

#include "app/ui_strings.h"
#include "dossier/dossier_code.h"

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

// 2026-11-27 00:00:30 and 2026-11-26 23:59:30 in Vietnam (UTC+7).
constexpr int64_t kJustAfterMidnight = 1795712430;
constexpr int64_t kJustBeforeMidnight = kJustAfterMidnight - 60;

class AppTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string root = std::string(DVC_SOURCE_DIR) + "/assets";
    auto catalog = catalog::LoadCatalog(root + "/catalog");
    auto units = catalog::LoadUnits(root + "/units/units.csv");
    auto reference = catalog::LoadReferenceData(root + "/reference");
    auto strings = LoadUiStrings(root + "/ui/strings.json");
    ASSERT_TRUE(catalog.ok() && units.ok() && reference.ok() && strings.ok());
    catalog::SearchIndex index = catalog::SearchIndex::Build(*catalog);
    data_ = new KioskData{std::move(*catalog), std::move(index), std::move(*units),
                          std::move(*reference), {}, {}};
    data_->BuildBrowseLists();
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
    s.consent = true;
    state_.GoTo(Screen::kReview);
  }

  static KioskData* data_;
  static UiStrings* strings_;
  FakeDesk desk_;
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
  App app(**platform, state_, [](AppState&, int64_t) {}, [&clock] { return clock; });
  app.Frame(nullptr);
  EXPECT_EQ(state_.today, calendar::Date::Ymd(2026, 11, 26));
  clock = kJustAfterMidnight;
  app.Frame(nullptr);
  EXPECT_EQ(state_.today, calendar::Date::Ymd(2026, 11, 27));
}

}  // namespace
}  // namespace dvc::kiosk
