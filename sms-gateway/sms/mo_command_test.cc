// Parsing residents' SMS commands (mo_command.h) with the repository's
// keywords, the replies file, and the reply length budget.
#include "sms/mo_command.h"

#include <gtest/gtest.h>

#include <string>

#include "core/file_util.h"
#include "dossier/status.h"
#include "service/sms_notifications.h"
#include "sms/mo_command_replies.h"
#include "text/gsm7_safe.h"

namespace dvc::gateway {
namespace {

const std::string kAssets = std::string(DVC_SOURCE_DIR) + "/assets/sms";

class MoCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = LoadMoKeywords(kAssets + "/mo_commands.json");
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    keywords_ = std::move(*loaded);
  }
  MoCommand Parse(std::string_view text) const { return ParseMoCommand(text, keywords_); }
  MoKeywords keywords_;
};

struct LookupCase {
  const char* typed;
  const char* code;
};

TEST_F(MoCommandTest, LookUpsAreReadWhateverTheCaseDiacriticsAndSpacing) {
  const LookupCase cases[] = {
      {"tt 12345-7k-4hq-2m9-x", "123457K4HQ2M9X"},
      {"TT123457K4HQ2M9X", "123457K4HQ2M9X"},
      {"Tra cứu  12345 7K4HQ2M9X", "123457K4HQ2M9X"},
      {"TRACUU 12345-7K-4HQ-2M9-X", "123457K4HQ2M9X"},
      {"tra cuu\t12345 7k 4hq 2m9 x ", "123457K4HQ2M9X"},
      {"  Tt   12345\n7K4HQ2M9X", "123457K4HQ2M9X"},
      {"12345-7K-4HQ-2M9-X", "123457K4HQ2M9X"},  // a bare code
      {"123457k4hq2m9x", "123457K4HQ2M9X"},
      {"T\xC3\xA1\xC2\xA0"
       "12345",
       ""},  // not a keyword ("tá"): unknown, checked below
      {"Hồ sơ 12345-7K-4HQ-2M9-X", "123457K4HQ2M9X"},
      {"KIỂM TRA 2026/000123", "2026000123"},  // a province number
  };
  for (const LookupCase& c : cases) {
    SCOPED_TRACE(c.typed);
    const MoCommand command = Parse(c.typed);
    if (std::string(c.code).empty()) {
      EXPECT_EQ(command.kind, MoCommandKind::kUnknown);
      continue;
    }
    EXPECT_EQ(command.kind, MoCommandKind::kLookup);
    EXPECT_EQ(command.code, c.code);
  }
}

struct KindCase {
  const char* typed;
  MoCommandKind kind;
};

TEST_F(MoCommandTest, HelpStopStartAndTheRest) {
  const KindCase cases[] = {
      {"HD", MoCommandKind::kHelp},
      {"hướng dẫn", MoCommandKind::kHelp},
      {"Trợ giúp!", MoCommandKind::kHelp},
      {"TT", MoCommandKind::kHelp},  // a look-up without a code
      {"tra cứu", MoCommandKind::kHelp},
      {"TU CHOI", MoCommandKind::kStop},
      {"từ chối", MoCommandKind::kStop},
      {"tuchoi", MoCommandKind::kStop},
      {"Stop", MoCommandKind::kStop},
      {"HỦY", MoCommandKind::kStop},
      {"Huy dang ky", MoCommandKind::kStop},
      {"DK", MoCommandKind::kStart},
      {"Đăng ký", MoCommandKind::kStart},
      {"start.", MoCommandKind::kStart},
      {"Huy Nguyen day", MoCommandKind::kUnknown},  // a name, not an opt-out
      {"Hồ sơ của tôi đâu?", MoCommandKind::kUnknown},
      {"xin chao", MoCommandKind::kUnknown},
      {"????", MoCommandKind::kEmpty},  // 8-bit data as DecodeSmsText shows it
      {"", MoCommandKind::kEmpty},
      {"  - . ", MoCommandKind::kEmpty},
  };
  for (const KindCase& c : cases) {
    SCOPED_TRACE(c.typed);
    const MoCommand command = Parse(c.typed);
    EXPECT_EQ(MoCommandKindId(command.kind), MoCommandKindId(c.kind));
    EXPECT_FALSE(command.not_text);
  }
}

TEST_F(MoCommandTest, BinaryInvalidUtf8AndOverLongTextAreUnknownNotText) {
  const std::string inputs[] = {
      std::string("TT\0\x01\x02", 5),
      "TT \xFF\xFE 12345",
      "\xC3",
      std::string(kMaxMoCommandBytes + 1, 'A'),
      "TT " + std::string(kMaxMoCommandBytes, '1'),
  };
  for (const std::string& input : inputs) {
    const MoCommand command = Parse(input);
    EXPECT_EQ(command.kind, MoCommandKind::kUnknown);
    EXPECT_TRUE(command.not_text);
    EXPECT_TRUE(command.code.empty());
  }
  // Exactly at the limit is still read.
  EXPECT_EQ(Parse("TT " + std::string(kMaxMoCommandBytes - 3, '1')).kind, MoCommandKind::kLookup);
}

TEST(MoKeywordsTest, TheLoaderNamesTheProblem) {
  struct Bad {
    const char* json;
    const char* says;
  };
  const Bad cases[] = {
      {"[]", "expected a JSON object"},
      {R"({"lookup":["TT"],"help":["HD"],"stop":["STOP"]})", "start has no keywords"},
      {R"({"lookup":["TT"],"help":["HD"],"stop":["STOP"],"start":["DK"],"hi":["X"]})",
       "hi: not a command"},
      {R"({"lookup":["TT1"],"help":["HD"],"stop":["STOP"],"start":["DK"]})",
       "keyword \"TT1\" must be letters"},
      {R"({"lookup":["TT"],"help":["HD"],"stop":["STOP"],"start":["tt"]})",
       "also a keyword of lookup"},
      {R"({"lookup":[],"help":["HD"],"stop":["STOP"],"start":["DK"]})", "non-empty array"},
  };
  for (const Bad& c : cases) {
    auto parsed = ParseMoKeywords(c.json, "kw.json");
    ASSERT_FALSE(parsed.ok()) << c.json;
    EXPECT_NE(parsed.status().message().find(c.says), std::string::npos)
        << parsed.status().message();
    EXPECT_EQ(parsed.status().message().rfind("kw.json: ", 0), 0u);
  }
  EXPECT_FALSE(LoadMoKeywords(kAssets + "/no-such-file.json").ok());
}

TEST(MoRepliesTest, TheLoaderNamesTheProblem) {
  auto good = LoadMoReplies(kAssets + "/replies.json");
  ASSERT_TRUE(good.ok()) << good.status().message();
  nlohmann::json doc = nlohmann::json::parse(core::ReadFile(kAssets + "/replies.json").value());
  nlohmann::json missing = doc;
  missing.erase("help");
  auto parsed = ParseMoReplies(missing.dump(), "r.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "r.json: the reply help is missing");
  nlohmann::json placeholder = doc;
  placeholder["help"] = "nhắn {name}";
  parsed = ParseMoReplies(placeholder.dump(), "r.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "r.json: help: unknown placeholder {name}");
  nlohmann::json status = doc;
  status["next"]["done"] = "x";
  parsed = ParseMoReplies(status.dump(), "r.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "r.json: next: done: not a dossier status id");
}

TEST(MoRepliesTest, EveryCommonReplyFitsOneGsm7Sms) {
  auto replies = LoadMoReplies(kAssets + "/replies.json");
  ASSERT_TRUE(replies.ok()) << replies.status().message();
  // The longest Vietnamese status name and next step with a realistic long
  // procedure name.
  const std::string service =
      "Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất";
  for (dossier::DossierStatus status : dossier::AllStatuses()) {
    const std::string id(dossier::StatusId(status));
    SCOPED_TRACE(id);
    const std::map<std::string, std::string, std::less<>> values = {
        {"code", "12345-7K-4HQ-2M9-X"}, {"status", std::string(dossier::StatusLabelVi(status))},
        {"appointment", "31/12/2026"},  {"next", replies->Next(id)},
        {"service", service},           {"short_code", "8079"}};
    EXPECT_FALSE(replies->Next(id).empty());
    const std::string owner = FitMoReply(replies->Text("lookup_owner"), values, "service");
    EXPECT_LE(Gsm7Length(owner), 160u) << text::ToGsm7Safe(owner);
    EXPECT_NE(owner.find("Cấp giấy chứng nhận"), std::string::npos) << owner;
    const std::string stranger = FitMoReply(replies->Text("lookup_status_only"), values, "service");
    EXPECT_LE(Gsm7Length(stranger), 160u) << text::ToGsm7Safe(stranger);
  }
  const std::map<std::string, std::string, std::less<>> values = {
      {"code", "12345-7K-4HQ-2M9-XXXXXX"},  // echoed codes are cut to 24 characters
      {"typed", "12345-7K-4HQ-2M9-Y"},
      {"short_code", "8079"}};
  for (const char* key : {"mistyped", "not_found", "help", "stopped", "started", "rate_limited"}) {
    SCOPED_TRACE(key);
    const std::string text = FillSmsTemplate(replies->Text(key), values);
    EXPECT_LE(Gsm7Length(text), 160u) << text::ToGsm7Safe(text);
  }
}

TEST(MoRepliesTest, Gsm7LengthCountsExtensionCharactersTwice) {
  EXPECT_EQ(Gsm7Length("Hồ sơ"), 5u);
  EXPECT_EQ(Gsm7Length("TT <ma>"), 7u);
  EXPECT_EQ(Gsm7Length("[x]"), 5u);
  EXPECT_EQ(Gsm7Length("5€"), 3u);
  EXPECT_EQ(Gsm7Length("£"), 1u);
}

TEST(MoRepliesTest, FitShortensTheProcedureNameOnly) {
  const std::string tmpl = "Hồ sơ {code} ({service}): xong.";
  const std::string fitted =
      FitMoReply(tmpl, {{"code", "X"}, {"service", "Đăng ký nội quy lao động"}}, "service", 31);
  EXPECT_EQ(fitted, "Hồ sơ X (Đăng ký nội...): xong.");
  EXPECT_EQ(FitMoReply(tmpl, {{"code", "X"}, {"service", "Đăng ký"}}, "service", 160),
            "Hồ sơ X (Đăng ký): xong.");
}

}  // namespace
}  // namespace dvc::gateway
