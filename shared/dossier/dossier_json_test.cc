#include "dossier/dossier_json.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "dossier/dossier_code.h"

namespace dvc::dossier {
namespace {

using namespace std::chrono;
using nlohmann::json;
using S = DossierStatus;

Timestamp AtHour(int hour) { return sys_days(year(2026) / 11 / 3) + hours(hour); }

Dossier Full() {
  Dossier d;
  d.id = "3f2b8c1e-9a4d-4e7f-8b6a-0c1d2e3f4a5b";
  d.code = DossierCode::FromParts("08317", 12, 123456).value().compact();
  d.province_number = "000.00.08.H54-261103-0001";
  d.service_id = "khai-sinh";
  d.catalog_version = "2026.11.1";
  d.form_version = 2;
  d.answers = {{"ho_ten", "Nguyễn Thị Hoa"}, {"so_con", 2}, {"dia_chi", {{"xa", "08317"}}}};
  d.attachments = {{"giay_chung_sinh", std::string(64, 'a'), 183204}};
  d.phone = "+84912345678";
  d.created_at = AtHour(2);
  d.received_at = AtHour(3);
  d.kiosk_appointment = calendar::Date::Ymd(2026, 11, 10);
  d.official_appointment = calendar::Date::Ymd(2026, 11, 11);
  d.status = S::kNeedsSupplement;
  d.history = {{S::kQueuedAtKiosk, S::kReceived, AtHour(3), Actor::kGateway, ""},
               {S::kReceived, S::kAccepted, AtHour(4), Actor::kOfficer, ""},
               {S::kAccepted, S::kNeedsSupplement, AtHour(5), Actor::kOfficer, "Thiếu bản sao CCCD"}};
  return d;
}

std::string ErrorOf(const json& j) {
  auto d = DossierFromJson(j);
  EXPECT_FALSE(d.ok());
  return d.ok() ? "" : d.status().message();
}

TEST(DossierJsonTest, RoundTripsEveryField) {
  const Dossier d = Full();
  const std::string text = DossierToJsonText(d);
  auto back = DossierFromJsonText(text);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, d);
  const json j = json::parse(text);
  EXPECT_EQ(j["created_at"], "2026-11-03T02:00:00Z");
  EXPECT_EQ(j["official_appointment"], "2026-11-11");
  EXPECT_EQ(j["status"], "needs_supplement");
  EXPECT_EQ(j["history"][2]["note"], "Thiếu bản sao CCCD");
}

TEST(DossierJsonTest, OptionalMembersAreLeftOut) {
  Dossier d = Full();
  d.province_number.clear();
  d.attachments.clear();
  d.phone.clear();
  d.received_at.reset();
  d.kiosk_appointment.reset();
  d.official_appointment.reset();
  d.history.clear();
  d.status = S::kQueuedAtKiosk;
  const json j = DossierToJson(d);
  for (const char* absent : {"province_number", "attachments", "phone", "received_at",
                             "kiosk_appointment", "official_appointment", "history"}) {
    EXPECT_FALSE(j.contains(absent)) << absent;
  }
  auto back = DossierFromJson(j);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, d);
}

TEST(DossierJsonTest, ErrorsNameTheMember) {
  const json good = DossierToJson(Full());
  auto with = [&](const std::string& pointer, json value) {
    json j = good;
    j[json::json_pointer(pointer)] = std::move(value);
    return ErrorOf(j);
  };
  auto without = [&](const std::string& key) {
    json j = good;
    j.erase(key);
    return ErrorOf(j);
  };
  EXPECT_EQ(with("/form_version", "2"),
            "dossier.form_version: expected a whole number, found a string");
  EXPECT_EQ(with("/form_version", 2.5),
            "dossier.form_version: expected a whole number, found a fractional number");
  EXPECT_EQ(with("/form_version", -1),
            "dossier.form_version: expected a whole number from 1 to 2147483647");
  EXPECT_EQ(with("/form_version", json(uint64_t{1} << 63)),
            "dossier.form_version: expected a whole number from 1 to 2147483647");
  EXPECT_EQ(without("service_id"), "dossier.service_id: missing required value");
  EXPECT_EQ(with("/answers", "x"), "dossier.answers: expected an object, found a string");
  EXPECT_EQ(with("/attachments/0/size", -5),
            "dossier.attachments[0].size: expected a whole number from 0 to 9223372036854775807");
  EXPECT_EQ(with("/attachments/0", 7),
            "dossier.attachments[0]: expected an object, found a number");
  EXPECT_EQ(with("/history/1/to", "done"), "dossier.history[1].to: unknown status \"done\"");
  EXPECT_EQ(with("/history/1/actor", "robot"), "dossier.history[1].actor: unknown actor \"robot\"");
  EXPECT_EQ(with("/history/0/at", "yesterday"),
            "dossier.history[0].at: \"yesterday\" is not RFC 3339 date-time text");
  EXPECT_EQ(with("/kiosk_appointment", "2026-02-30"),
            "dossier.kiosk_appointment: \"2026-02-30\": day 30 does not exist: February 2026 "
            "has 28 days");
  EXPECT_EQ(with("/official_appointment", "10/11/2026"),
            "dossier.official_appointment: \"10/11/2026\": expected a date YYYY-MM-DD");
  EXPECT_EQ(with("/extra", true),
            "dossier.extra: unknown key (expected one of: id, code, province_number, service_id, "
            "catalog_version, form_version, answers, attachments, phone, created_at, "
            "received_at, kiosk_appointment, official_appointment, status, history)");
  EXPECT_EQ(with("/history/0/extra", 1),
            "dossier.history[0].extra: unknown key (expected one of: from, to, at, actor, note)");
  EXPECT_EQ(with("/history", json::object()),
            "dossier.history: expected an array, found an object");
  EXPECT_EQ(ErrorOf(json::array()), "dossier: expected an object, found an array");
  EXPECT_EQ(with("/status", "received"),
            "dossier.status: is received, but the history ends at needs_supplement");
}

TEST(DossierJsonTest, AnswersMustSurviveARoundTrip) {
  json j = DossierToJson(Full());
  std::string text = j.dump();
  const std::string key = "\"so_con\":2";
  ASSERT_NE(text.find(key), std::string::npos);
  text.replace(text.find(key), key.size(), "\"so_con\":[1e400]");
  auto huge = DossierFromJsonText(text);
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().message(), "dossier: number overflow parsing '1e400'");

  Dossier d = Full();
  d.answers["so_con"] = std::numeric_limits<double>::infinity();  // JSON cannot carry it
  EXPECT_EQ(ValidateDossier(d).message(), "dossier.answers: holds a number out of range");
  d.answers["x"] = std::string("\xc3");
  EXPECT_EQ(ValidateDossier(d).message(), "dossier.answers: holds text that is not valid UTF-8");
}

TEST(DossierJsonTest, TextIsBoundedBeforeParsing) {
  const std::string text = DossierToJsonText(Full());
  JsonLimits small;
  small.max_bytes = 100;
  auto too_big = DossierFromJsonText(text, small);
  ASSERT_FALSE(too_big.ok());
  EXPECT_NE(too_big.status().message().find("more than the limit of 100"), std::string::npos);

  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto nested = DossierFromJsonText(deep);
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.status().message(),
            "dossier: line 1, column 33 (byte 32): nested more than 32 levels deep");

  // Brackets inside strings do not count.
  json j = DossierToJson(Full());
  j["answers"]["ghi_chu"] = std::string(50, '[') + "\"]\\";
  auto fine = DossierFromJsonText(j.dump());
  EXPECT_TRUE(fine.ok()) << fine.status().message();
}

TEST(DossierJsonTest, SyntaxErrorsSayWhere) {
  auto bad = DossierFromJsonText("{\"id\": }");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(
      bad.status().message().rfind("dossier: line 1, column 8 (byte 7): JSON syntax error", 0), 0u)
      << bad.status().message();
  auto invalid_utf8 = DossierFromJsonText("{\"id\": \"\xff\"}");
  EXPECT_FALSE(invalid_utf8.ok());
}

// With a plain JSON parser the last "status" would silently win, so a
// tampered or corrupted record could claim a status its history denies.
TEST(DossierJsonTest, DuplicatedMembersAreRefused) {
  std::string text = DossierToJsonText(Full());
  ASSERT_EQ(text.back(), '}');
  text.pop_back();
  text += ",\"status\":\"received\"}";
  auto twice = DossierFromJsonText(text);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(twice.status().message(), "dossier: $: duplicate key \"status\"");

  const std::string inner = R"({"history": [{"to": "a", "to": "b"}]})";
  auto nested = DossierFromJsonText(inner);
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.status().message(), "dossier: $.history[0]: duplicate key \"to\"");
}

TEST(DossierJsonTest, InvalidUtf8BuiltInCodeDoesNotThrow) {
  Dossier d = Full();
  d.answers["bad"] = std::string("\xff\xfe");
  const std::string text = DossierToJsonText(d);
  EXPECT_NE(text.find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD
}

}  // namespace
}  // namespace dvc::dossier
