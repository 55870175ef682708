#include "ussd/ussd_replay.h"

#include <gtest/gtest.h>

#include "dossier/dossier_code.h"
#include "text/gsm7_safe.h"
#include "ussd/ussd_test_support.h"

namespace dvc::gateway {
namespace {

class UssdReplayTest : public ::testing::Test {
 protected:
  void SetUp() override { layout_ = UssdLayout::Build(ussd_test::RealMenu(), catalog_); }

  UssdScreen At(std::string_view text_so_far) {
    return ReplayUssd(*layout_, SplitUssdSteps(text_so_far), lookup_);
  }
  // The screen, checked to fit and to continue.
  std::string Con(const std::string& text_so_far) {
    const UssdScreen screen = At(text_so_far);
    EXPECT_FALSE(screen.end) << text_so_far << ":\n" << screen.text;
    ussd_test::ExpectFitsScreen(screen.text, text_so_far);
    return screen.text;
  }
  static std::string Repeat(const std::string& step, size_t times) {
    std::string out;
    for (size_t i = 0; i < times; ++i) out += "*" + step;
    return out;
  }

  std::shared_ptr<const catalog::Catalog> catalog_ = ussd_test::RealCatalog();
  std::shared_ptr<const UssdLayout> layout_;
  int lookups_ = 0;
  UssdLookup next_lookup_;
  std::string looked_up_;
  UssdLookupFn lookup_ = [this](std::string_view typed) {
    ++lookups_;
    looked_up_ = std::string(typed);
    return next_lookup_;
  };
};

constexpr char kMain[] =
    "Dich vu cong tinh Hung Yen\n1. Tra cuu ho so\n2. Thu tuc hanh chinh\n"
    "3. Gio lam viec va lien he";

TEST_F(UssdReplayTest, TheDialShowsTheMainMenu) {
  EXPECT_EQ(Con(""), kMain);
  EXPECT_EQ(SplitUssdSteps("").size(), 0u);
  EXPECT_EQ(SplitUssdSteps(" 1 *2*").size(), 3u);
}

// Every field page, every service page of every field and every detail page
// of every service of the real catalog: reached by the keys a resident
// types, each one screen of GSM-7.
TEST_F(UssdReplayTest, EveryBrowsePathOfTheRealCatalogFitsOneScreen) {
  size_t screens = 0;
  size_t services_seen = 0;
  const auto& field_pages = layout_->field_pages();
  ASSERT_FALSE(field_pages.empty());
  for (size_t fp = 0; fp < field_pages.size(); ++fp) {
    const std::string to_fields = "2" + Repeat("9", fp);
    EXPECT_EQ(Con(to_fields), field_pages[fp].text);
    ++screens;
    for (size_t f = 0; f < field_pages[fp].count; ++f) {
      const UssdFieldScreens& field = layout_->fields()[field_pages[fp].first + f];
      const std::string to_field = to_fields + "*" + std::to_string(f + 1);
      for (size_t sp = 0; sp < field.pages.size(); ++sp) {
        const std::string to_services = to_field + Repeat("9", sp);
        EXPECT_EQ(Con(to_services), field.pages[sp].text);
        ++screens;
        for (size_t s = 0; s < field.pages[sp].count; ++s) {
          const size_t service = field.services[field.pages[sp].first + s];
          const std::string to_detail = to_services + "*" + std::to_string(s + 1);
          const auto& detail = layout_->detail(service);
          for (size_t dp = 0; dp < detail.size(); ++dp) {
            EXPECT_EQ(Con(to_detail + Repeat("9", dp)), detail[dp].text);
            ++screens;
          }
          // The first detail page names the service.
          EXPECT_EQ(Con(to_detail).rfind(
                        text::ToGsm7Safe(catalog_->services()[service].name.vi).substr(0, 20), 0),
                    0u)
              << to_detail;
          // Back from the detail's first page: the list page it came from.
          EXPECT_EQ(Con(to_detail + "*0"), field.pages[sp].text);
          ++services_seen;
        }
      }
    }
  }
  EXPECT_EQ(services_seen, catalog_->services().size());
  EXPECT_GT(screens, catalog_->services().size());
}

TEST_F(UssdReplayTest, EveryPageLeavesRoomForTheInvalidChoiceLine) {
  std::vector<const UssdPage*> pages;
  for (const UssdPage& p : layout_->field_pages()) pages.push_back(&p);
  for (const UssdPage& p : layout_->hours_pages()) pages.push_back(&p);
  for (const UssdFieldScreens& f : layout_->fields()) {
    for (const UssdPage& p : f.pages) pages.push_back(&p);
  }
  for (size_t i = 0; i < catalog_->services().size(); ++i) {
    for (const UssdPage& p : layout_->detail(i)) pages.push_back(&p);
  }
  for (const UssdPage* page : pages) {
    ussd_test::ExpectFitsScreen("Lua chon khong hop le.\n" + page->text, "page");
    EXPECT_LE(page->count, 8u);
  }
}

TEST_F(UssdReplayTest, PagesGoForwardWithNineAndBackWithZero) {
  ASSERT_GT(layout_->field_pages().size(), 1u) << "the real catalog's fields need two pages";
  EXPECT_NE(Con("2*9"), Con("2"));
  EXPECT_EQ(Con("2*9*0"), Con("2"));
  EXPECT_EQ(Con("2*0"), kMain);
  EXPECT_NE(Con("2").find("9 Tiep, 0 Lai, 00 Menu"), std::string::npos);
  const size_t last = layout_->field_pages().size() - 1;
  const std::string last_page = Con("2" + Repeat("9", last));
  EXPECT_NE(last_page.find("\n0 Lai, 00 Menu"), std::string::npos) << last_page;
  // 9 on the last page is no page: refused, the page stays.
  EXPECT_EQ(Con("2" + Repeat("9", last + 1)), "Lua chon khong hop le.\n" + last_page);
  // 00 from deep inside: the main menu.
  EXPECT_EQ(Con("2*1*1*9*00"), kMain);
  EXPECT_EQ(Con("2*1*1*00*2"), Con("2"));
}

TEST_F(UssdReplayTest, HoursAndContactThenBack) {
  const std::string hours = Con("3");
  EXPECT_EQ(hours.rfind("Gio lam viec: thu Hai den thu Sau", 0), 0u) << hours;
  EXPECT_EQ(Con("3*0"), kMain);
}

TEST_F(UssdReplayTest, BadChoicesShowTheScreenAgainUnderANotice) {
  EXPECT_EQ(Con("7"), std::string("Lua chon khong hop le.\n") + kMain);
  EXPECT_EQ(Con("abc"), std::string("Lua chon khong hop le.\n") + kMain);
  EXPECT_EQ(Con("2*"), "Lua chon khong hop le.\n" + Con("2"));
  EXPECT_EQ(Con("2*99"), "Lua chon khong hop le.\n" + Con("2"));
  EXPECT_EQ(Con("2*-1"), "Lua chon khong hop le.\n" + Con("2"));
  // A refused step changes nothing: the next one applies to the same screen.
  EXPECT_EQ(Con("x*2"), Con("2"));
  EXPECT_EQ(Con("3*5"), "Lua chon khong hop le.\n" + Con("3"));
}

TEST_F(UssdReplayTest, HostileInputEndsWithAShortScreen) {
  const UssdScreen deep = At("1" + Repeat("1", 99));
  EXPECT_TRUE(deep.end);
  EXPECT_EQ(deep.text, "Ban da nhap qua nhieu buoc. Vui long quay so lai.");
  const UssdScreen bad = At("2*\xC3\x28");
  EXPECT_TRUE(bad.end);
  EXPECT_EQ(bad.text, "Noi dung nhap khong doc duoc. Vui long quay so lai.");
  EXPECT_EQ(At(std::string(5000, '*')).end, true);
  EXPECT_EQ(lookups_, 0);
}

TEST_F(UssdReplayTest, LookUpAnswersStatusDateAndNextStepOnly) {
  EXPECT_EQ(Con("1").rfind("Nhap ma ho so tren phieu hen", 0), 0u);
  const dossier::DossierCode code = dossier::DossierCode::FromParts("12430", 7, 4242).value();
  next_lookup_.kind = UssdLookup::Kind::kFound;
  next_lookup_.answer.code = code.compact();
  next_lookup_.answer.status = dossier::DossierStatus::kResultReady;
  next_lookup_.answer.official_appointment = calendar::Date::Ymd(2026, 12, 3);
  const UssdScreen found = At("1*" + code.Display());
  EXPECT_TRUE(found.end);
  EXPECT_EQ(found.text, "Ho so " + code.Display() +
                            "\nTrang thai: Da co ket qua\nHen tra ket qua: 03/12/2026\n"
                            "Mang phieu hen va CCCD den nhan ket qua.");
  ussd_test::ExpectFitsScreen(found.text, "found");
  EXPECT_EQ(looked_up_, code.Display());
  EXPECT_EQ(lookups_, 1);
}

TEST_F(UssdReplayTest, LookUpRefusalsAskAgainAndOnlyTheLastCodeIsLookedUp) {
  next_lookup_.kind = UssdLookup::Kind::kMistyped;
  EXPECT_EQ(Con("1*123457K4HQ2M9Y").rfind("Ma ho so bi go nham", 0), 0u);
  next_lookup_.kind = UssdLookup::Kind::kNotFound;
  EXPECT_EQ(Con("1*bad*123457K4HQ2M9X").rfind("Khong tim thay ho so", 0), 0u);
  EXPECT_EQ(looked_up_, "123457K4HQ2M9X");
  EXPECT_EQ(lookups_, 2);
  next_lookup_.kind = UssdLookup::Kind::kMalformed;
  EXPECT_EQ(Con("1*abc").rfind("Ma ho so co 14 ky tu", 0), 0u);
  // Back from the prompt, after refused codes.
  EXPECT_EQ(Con("1*abc*0"), kMain);
  EXPECT_EQ(lookups_, 3);  // "0" is navigation, not a code
  // A step longer than any code is refused without asking the store.
  EXPECT_EQ(Con("1*" + std::string(100, '7')).rfind("Ma ho so co 14 ky tu", 0), 0u);
  EXPECT_EQ(lookups_, 3);
  next_lookup_.kind = UssdLookup::Kind::kTooMany;
  EXPECT_TRUE(At("1*x").end);
  next_lookup_.kind = UssdLookup::Kind::kUnavailable;
  const UssdScreen busy = At("1*x");
  EXPECT_TRUE(busy.end);
  EXPECT_EQ(busy.text, "He thong dang ban. Vui long thu lai sau it phut.");
}

TEST_F(UssdReplayTest, WithoutACatalogTheBrowseMenuSaysSo) {
  layout_ = UssdLayout::Build(ussd_test::RealMenu(), nullptr);
  const UssdScreen screen = At("2");
  EXPECT_TRUE(screen.end);
  EXPECT_EQ(screen.text, "Danh muc thu tuc dang duoc cap nhat. Vui long quay so lai sau.");
  EXPECT_EQ(Con("3*0"), kMain);
}

TEST(UssdLayoutTest, CutKeepsCharactersWholeAndMarksTheCut) {
  EXPECT_EQ(CutToSeptets("abcdef", 6), "abcdef");
  EXPECT_EQ(CutToSeptets("abcdefgh", 6), "abc...");
  EXPECT_EQ(CutToSeptets("ab [cd]", 6), "ab...");
  EXPECT_EQ(SafeSeptets("a{b}"), 6u);
}

}  // namespace
}  // namespace dvc::gateway
