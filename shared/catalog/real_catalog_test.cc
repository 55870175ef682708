// Loads the shipped catalog (assets/catalog, assets/units) and checks every
// service's form against answer sets generated from its field types: a good
// set passes, and each kind of bad value is refused with that field's message.
#include <gtest/gtest.h>

#include <cmath>

#include "catalog/catalog.h"
#include "catalog/catalog_test_support.h"
#include "catalog/form_parser.h"
#include "catalog/search.h"
#include "catalog/validation.h"
#include "text/utf8.h"

namespace dvc::catalog {
namespace {

using nlohmann::json;

const calendar::Date kRealToday = calendar::Date::Ymd(2026, 11, 27);

struct Shipped {
  std::optional<Catalog> catalog;
  std::optional<UnitTable> units;
  std::string error;
};

const Shipped& Load() {
  static const Shipped kShipped = [] {
    Shipped s;
    std::string root = testing::SourceDir() + "/assets";
    Result<Catalog> c = LoadCatalog(root + "/catalog");
    if (!c.ok()) s.error = c.status().message();
    if (c.ok()) s.catalog = std::move(c).value();
    Result<UnitTable> u = LoadUnits(root + "/units/units.csv");
    if (!u.ok()) s.error += u.status().message();
    if (u.ok()) s.units = std::move(u).value();
    return s;
  }();
  return kShipped;
}

ValidationContext RealCtx() {
  ValidationContext ctx;
  ctx.today = kRealToday;
  ctx.reference = &testing::Reference();
  ctx.units = &*Load().units;
  ctx.province_code = Load().catalog->header().province_code;
  return ctx;
}

// Values tried for text fields with a pattern, until one matches.
constexpr const char* kPatternSamples[] = {"0123456789", "0123456789-001", "08:30",
                                           "123",        "1234567",        "ABC123",
                                           "AB 1234567", "TB-12345-TS"};

std::string GoodText(const Field& f) {
  std::string s = "Nguyễn Văn An";
  if (f.pattern) {
    s.clear();
    for (const char* sample : kPatternSamples) {
      if (MatchesPattern(*f.pattern, sample)) {
        s = sample;
        break;
      }
    }
    EXPECT_FALSE(s.empty()) << f.id << ": no sample matches pattern " << f.pattern->source;
  }
  while (f.min_length && static_cast<int64_t>(text::CodePointCount(s)) < *f.min_length) s += " a";
  if (f.max_length && static_cast<int64_t>(text::CodePointCount(s)) > *f.max_length)
    s = std::string(*f.max_length, 'a');
  return s;
}

calendar::Date GoodDate(const Field& f) {
  if (f.max_date) return f.max_date->today ? kRealToday : f.max_date->date;
  if (f.min_date) return f.min_date->today ? kRealToday : f.min_date->date;
  return calendar::Date::Ymd(1990, 6, 15);
}

// A valid value for `f`; `answers` holds the values chosen so far (for the birth-date cross-check).
json GoodValue(const Field& f, const json& answers) {
  switch (f.type) {
    case FieldType::kText:
      return GoodText(f);
    case FieldType::kNumber: {
      double x = f.min_number ? *f.min_number : (f.max_number ? std::min(1.0, *f.max_number) : 1.0);
      if (f.integer) x = std::ceil(x);
      return x;
    }
    case FieldType::kDate:
      return GoodDate(f).ToIso();
    case FieldType::kChoice:
      return f.multiple ? json::array({f.options[0].value}) : json(f.options[0].value);
    case FieldType::kCitizenId: {
      int year = 1990;
      if (!f.birth_date_field.empty() && answers.contains(f.birth_date_field)) {
        year = calendar::Date::ParseIso(answers[f.birth_date_field].get<std::string>())->year();
      }
      int yy = year % 100;
      return "034" + std::to_string((year - 1900) / 100 * 2) + std::to_string(yy / 10) +
             std::to_string(yy % 10) + "012345";
    }
    case FieldType::kPhone:
      return "0912 345 678";
    case FieldType::kAddress: {
      std::vector<const Unit*> communes =
          Load().units->CommunesOf(Load().catalog->header().province_code, kRealToday);
      EXPECT_FALSE(communes.empty());
      return json{{"commune", communes.empty() ? "00000" : communes[0]->code},
                  {"detail", "Thôn Đông, số 5"}};
    }
    case FieldType::kCheckbox:
      return true;
    case FieldType::kAttachment: {
      json list = json::array();
      for (int64_t i = 0; i < std::max<int64_t>(1, f.min_files.value_or(1)); ++i) {
        list.push_back(std::string(63, 'a') + static_cast<char>('0' + i % 10));
      }
      return list;
    }
  }
  return nullptr;
}

// Fills every field that is visible given the earlier answers; `forced` overrides values.
json GoodAnswers(const Form& form, const json& forced = json::object()) {
  json answers = json::object();
  // Dates first, so a citizen ID can agree with its birth date wherever it sits.
  for (const Field& f : form.fields) {
    if (f.type == FieldType::kDate) answers[f.id] = GoodValue(f, answers);
  }
  json out = json::object();
  for (size_t i = 0; i < form.fields.size(); ++i) {
    const Field& f = form.fields[i];
    std::vector<std::optional<bool>> vis = EvaluateVisibility(form, out, RealCtx());
    if (vis[i] != true) continue;
    out[f.id] = forced.contains(f.id) ? forced[f.id] : GoodValue(f, answers);
    answers[f.id] = out[f.id];
  }
  return out;
}

struct BadValue {
  FieldType type;
  json value;
  MessageId expected;
};
const BadValue kBadValues[] = {
    {FieldType::kText, 12, MessageId::kWrongType},
    {FieldType::kNumber, "mười hai", MessageId::kNotANumber},
    {FieldType::kDate, "31/02/2024", MessageId::kBadDate},
    {FieldType::kChoice, "khong-co-lua-chon-nay", MessageId::kUnknownOption},
    {FieldType::kCitizenId, "12345", MessageId::kCitizenIdLength},
    {FieldType::kPhone, "12345", MessageId::kPhoneMalformed},
    {FieldType::kAddress,
     {{"commune", ""}, {"detail", "Thôn Đông"}},
     MessageId::kAddressCommuneMissing},
    {FieldType::kCheckbox, "có", MessageId::kWrongType},
    {FieldType::kAttachment, {"anh.jpg"}, MessageId::kAttachmentInvalid},
};

TEST(ShippedCatalog, LoadsWithUnits) {
  ASSERT_TRUE(Load().error.empty()) << Load().error;
  EXPECT_GE(Load().catalog->services().size(), 35u);
  EXPECT_FALSE(Load().units->CommunesOf(Load().catalog->header().province_code, kRealToday).empty());
  EXPECT_EQ(SearchIndex::Build(*Load().catalog)
                    .Search("giay phep xay dung", 1)[0]
                    .service_id.find("giay-phep-xay-dung") != std::string::npos,
            true);
}

// The receipt and the status SMS go to the person who submits: every form
// names that person's name and phone field, and for the civil-status forms
// about someone else (a newborn, a deceased) it is the requester's.
TEST(ShippedCatalog, EveryFormNamesTheApplicantsNameAndPhone) {
  ASSERT_TRUE(Load().error.empty()) << Load().error;
  for (const Service& s : Load().catalog->services()) {
    SCOPED_TRACE(s.id);
    const Field* name = s.form.FindField(s.form.applicant_name_field);
    ASSERT_NE(name, nullptr);
    EXPECT_EQ(name->type, FieldType::kText);
    EXPECT_TRUE(name->required);
    EXPECT_FALSE(name->visible_if.has_value());
    const Field* phone = s.form.FindField(s.form.applicant_phone_field);
    ASSERT_NE(phone, nullptr);
    EXPECT_EQ(phone->type, FieldType::kPhone);
    EXPECT_FALSE(phone->visible_if.has_value());
  }
  const Catalog& c = *Load().catalog;
  EXPECT_EQ(c.FindService("dang-ky-khai-tu")->form.applicant_name_field, "requester_name");
  EXPECT_EQ(c.FindService("dang-ky-khai-sinh")->form.applicant_name_field, "requester_name");
}

TEST(ShippedCatalog, EveryFormAcceptsGoodAnswersAndRefusesBadOnes) {
  ASSERT_TRUE(Load().error.empty()) << Load().error;
  for (const Service& s : Load().catalog->services()) {
    SCOPED_TRACE(s.id);
    const Form& form = s.form;
    json good = GoodAnswers(form);
    ValidationResult r = ValidateAnswers(form, good, RealCtx());
    ASSERT_TRUE(r.ok()) << r.errors[0].field_id << ": " << r.errors[0].text.vi << "\n"
                        << good.dump(1);

    // Each conditional field, once its condition holds, is validated and stored.
    for (const Field& f : form.fields) {
      if (!f.visible_if) continue;
      const Field& ref = *form.FindField(f.visible_if->field);
      json trigger = f.visible_if->values[0];
      if (ref.type == FieldType::kChoice && ref.multiple) trigger = json::array({trigger});
      json forced = {{ref.id, trigger}};
      json answers = GoodAnswers(form, forced);
      if (!answers.contains(ref.id)) continue;  // the trigger itself is hidden by its own condition
      ValidationResult shown = ValidateAnswers(form, answers, RealCtx());
      EXPECT_TRUE(shown.ok()) << f.id << ": " << (shown.ok() ? "" : shown.errors[0].text.vi);
      EXPECT_TRUE(shown.answers.contains(f.id))
          << f.id << " did not show when " << ref.id << " = " << trigger.dump();
    }

    for (const Field& f : form.fields) {
      if (!good.contains(f.id)) continue;
      SCOPED_TRACE(f.id);
      if (f.required) {
        json missing = good;
        missing.erase(f.id);
        ValidationResult m = ValidateAnswers(form, missing, RealCtx());
        const FieldMessage* msg = m.ErrorFor(f.id);
        ASSERT_NE(msg, nullptr);
        EXPECT_NE(msg->text.vi.find(f.label.vi), std::string::npos) << msg->text.vi;
      }
      for (const BadValue& bad : kBadValues) {
        if (bad.type != f.type) continue;
        json answers = good;
        answers[f.id] = bad.value;
        ValidationResult b = ValidateAnswers(form, answers, RealCtx());
        const FieldMessage* msg = b.ErrorFor(f.id);
        ASSERT_NE(msg, nullptr) << bad.value.dump();
        MessageId expected = bad.expected;
        if (expected == MessageId::kNotANumber && f.integer) expected = MessageId::kNotAWholeNumber;
        EXPECT_EQ(msg->id, expected) << msg->text.vi;
        EXPECT_NE(msg->text.vi.find(f.label.vi), std::string::npos) << msg->text.vi;
        EXPECT_FALSE(msg->text.en.empty());
      }
      if (f.type == FieldType::kText && f.max_length) {
        json answers = good;
        answers[f.id] = std::string(*f.max_length + 1, 'a');
        ValidationResult too_long = ValidateAnswers(form, answers, RealCtx());
        const FieldMessage* msg = too_long.ErrorFor(f.id);
        ASSERT_NE(msg, nullptr);
        EXPECT_EQ(msg->id, MessageId::kTooLong);
      }
    }
    json unknown = good;
    unknown["khong_co_truong_nay"] = "x";
    EXPECT_NE(ValidateAnswers(form, unknown, RealCtx()).ErrorFor("khong_co_truong_nay"), nullptr);
  }
}

}  // namespace
}  // namespace dvc::catalog
