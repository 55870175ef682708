#include "text/telex.h"

#include <gtest/gtest.h>

#include <string>

#include "text/input_method_test_util.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::text {
namespace {

std::string Telex(std::string_view keys) { return ApplyKeys(InputMethod::kTelex, "", keys); }

TEST(TelexTest, EveryToneOnEveryVowel) {
  ExpectEveryToneOnEveryVowel(InputMethod::kTelex, &VowelCase::telex, kTelexToneKeys);
}

TEST(TelexTest, VowelAndConsonantTransformations) {
  EXPECT_EQ(Telex("aa"), "â");
  EXPECT_EQ(Telex("aw"), "ă");
  EXPECT_EQ(Telex("ee"), "ê");
  EXPECT_EQ(Telex("oo"), "ô");
  EXPECT_EQ(Telex("ow"), "ơ");
  EXPECT_EQ(Telex("uw"), "ư");
  EXPECT_EQ(Telex("w"), "ư");
  EXPECT_EQ(Telex("tw"), "tư");
  EXPECT_EQ(Telex("ngw"), "ngư");
  EXPECT_EQ(Telex("dd"), "đ");
  EXPECT_EQ(Telex("uow"), "ươ");
  EXPECT_EQ(Telex("nguow"), "ngươ");
  EXPECT_EQ(Telex("uwo"), "ưo");  // completed by the next letter or tone
  EXPECT_EQ(Telex("uwoi"), "ươi");
  EXPECT_EQ(Telex("thuwor"), "thưở");
  EXPECT_EQ(Telex("dduwowngf"), "đường");
  EXPECT_EQ(Telex("nguwowif"), "người");
  EXPECT_EQ(Telex("nguwoif"), "người");
  EXPECT_EQ(Telex("muaw"), "mưa");
  EXPECT_EQ(Telex("hoawcj"), "hoặc");
  EXPECT_EQ(Telex("huuw"), "hưu");
  EXPECT_EQ(Telex("tuaan"), "tuân");
  EXPECT_EQ(Telex("quaw"), "quă");
}

TEST(TelexTest, WordsFromTheBrief) {
  EXPECT_EQ(Telex("nguowif"), "người");
  EXPECT_EQ(Telex("dduowngf"), "đường");
  EXPECT_EQ(Telex("toans"), "toán");
  EXPECT_EQ(Telex("hoangf"), "hoàng");
  EXPECT_EQ(Telex("quyeenf"), "quyền");
  EXPECT_EQ(Telex("gias"), "giá");
  EXPECT_EQ(Telex("thuyr"), "thủy");
  EXPECT_EQ(Telex("DDaau"), "Đâu");
  EXPECT_EQ(Telex("VIEETJ"), "VIỆT");
}

TEST(TelexTest, OldStyleTonePlacement) {
  EXPECT_EQ(Telex("hoaf"), "hòa");
  EXPECT_EQ(Telex("thuys"), "thúy");
  EXPECT_EQ(Telex("khoer"), "khỏe");
  EXPECT_EQ(Telex("muaf"), "mùa");
  EXPECT_EQ(Telex("kiaf"), "kìa");
  EXPECT_EQ(Telex("hoaif"), "hoài");
  EXPECT_EQ(Telex("khuyur"), "khuỷu");
  EXPECT_EQ(Telex("thuyeets"), "thuyết");
  EXPECT_EQ(Telex("muoons"), "muốn");
  EXPECT_EQ(Telex("nguoiwf"), "người");
  EXPECT_EQ(Telex("giuwx"), "giữ");
  EXPECT_EQ(Telex("gif"), "gì");
  EXPECT_EQ(Telex("quys"), "quý");
  EXPECT_EQ(Telex("thuowr"), "thuở");
  EXPECT_EQ(Telex("thuown"), "thươn");
  EXPECT_EQ(Telex("huow"), "huơ");
  EXPECT_EQ(Telex("huynhf"), "huỳnh");
  EXPECT_EQ(Telex("DDawks Lawks"), "Đắk Lắk");
}

TEST(TelexTest, ToneMovesAsTheSyllableGrows) {
  EXPECT_EQ(ApplyKey(InputMethod::kTelex, Telex("hoaf"), U'n'), "hoàn");
  EXPECT_EQ(Telex("hoafn"), "hoàn");
  EXPECT_EQ(Telex("gifa"), "già");
  EXPECT_EQ(Telex("thuyst"), "thuýt");
  EXPECT_EQ(Telex("nguowfi"), "người");
  EXPECT_EQ(Telex("tieesng"), "tiếng");
  // Marks may come after the final consonant too.
  EXPECT_EQ(Telex("tienges"), "tiếng");
  EXPECT_EQ(Telex("vietej"), "việt");
}

TEST(TelexTest, LaterToneReplacesEarlierAndZRemoves) {
  EXPECT_EQ(Telex("asf"), "à");
  EXPECT_EQ(Telex("hoangfs"), "hoáng");
  EXPECT_EQ(Telex("asz"), "a");
  EXPECT_EQ(Telex("az"), "az");
  EXPECT_EQ(Telex("vieetjz"), "viêt");
}

TEST(TelexTest, RepeatedKeyUndoesAndTypesTheKey) {
  EXPECT_EQ(Telex("ass"), "as");
  EXPECT_EQ(Telex("asss"), "ass");
  EXPECT_EQ(Telex("aaa"), "aa");
  EXPECT_EQ(Telex("aaaa"), "aaa");
  EXPECT_EQ(Telex("ddd"), "dd");
  EXPECT_EQ(Telex("ww"), "w");
  EXPECT_EQ(Telex("www"), "ww");
  EXPECT_EQ(Telex("uww"), "w");  // the text cannot tell "uw" from "w"
  EXPECT_EQ(Telex("ooo"), "oo");
  EXPECT_EQ(Telex("eee"), "ee");
  EXPECT_EQ(Telex("aww"), "aw");
  EXPECT_EQ(Telex("uoww"), "uow");
  EXPECT_EQ(Telex("hoaff"), "hoaf");
  EXPECT_EQ(Telex("DDD"), "DD");
}

TEST(TelexTest, CaseIsKeptPerLetter) {
  EXPECT_EQ(Telex("Nguowif"), "Người");
  EXPECT_EQ(Telex("NGUOWIF"), "NGƯỜI");
  EXPECT_EQ(Telex("Dd"), "Đ");
  EXPECT_EQ(Telex("dD"), "đ");
  EXPECT_EQ(Telex("Aa"), "Â");
  EXPECT_EQ(Telex("W"), "Ư");
  EXPECT_EQ(Telex("TW"), "TƯ");
  EXPECT_EQ(Telex("ASS"), "AS");
  EXPECT_EQ(Telex("Tieengs Vieetj"), "Tiếng Việt");
}

TEST(TelexTest, NfcAndNfdTextSoFar) {
  const std::string nfd_hoa =
      "ho\xCC\x80"
      "a";  // "hòa" decomposed
  EXPECT_EQ(ApplyKey(InputMethod::kTelex, nfd_hoa, U'n'), "hoàn");
  const std::string nfd_viet = "Vie\xCC\x82t";  // "Viêt" decomposed
  EXPECT_EQ(ApplyKey(InputMethod::kTelex, nfd_viet, U'j'), "Việt");
  EXPECT_EQ(ApplyKey(InputMethod::kTelex, "Việt", U'j'), "Viêtj");  // undo on NFC text
  EXPECT_EQ(ApplyKey(InputMethod::kTelex, "Nộp hồ s", U'o'), "Nộp hồ so");
}

TEST(TelexTest, NonLettersEndTheWord) {
  EXPECT_EQ(Telex("toan s"), "toan s");
  EXPECT_EQ(Telex("a1s"), "a1s");
  EXPECT_EQ(Telex("hoa, as"), "hoa, á");
  EXPECT_EQ(Telex("so 12"), "so 12");
  EXPECT_EQ(Telex("a-a"), "a-a");
}

TEST(TelexTest, KeysThatMakeNoVietnameseSenseAreTyped) {
  EXPECT_EQ(Telex("ok"), "ok");
  EXPECT_EQ(Telex("email"), "email");
  EXPECT_EQ(Telex("class"), "class");
  EXPECT_EQ(Telex("string"), "string");
  EXPECT_EQ(Telex("Internet"), "Internet");
  EXPECT_EQ(Telex("s"), "s");
  EXPECT_EQ(Telex("ts"), "ts");
  EXPECT_EQ(Telex("cacf"), "cacf");  // huyền never goes with a stop final
  EXPECT_EQ(Telex("cacs"), "các");
  EXPECT_EQ(Telex("eoe"), "eoe");
  EXPECT_EQ(Telex("toana"), "toana");
  // What Telex does to English: documented in docs/telex.md.
  EXPECT_EQ(Telex("test"), "tét");
  EXPECT_EQ(Telex("dad"), "đa");
  EXPECT_EQ(Telex("door"), "dổ");
}

TEST(TelexTest, InvalidUtf8IsReplaced) {
  EXPECT_EQ(ApplyKey(InputMethod::kTelex, "\xFF", U'a'),
            "\xEF\xBF\xBD"
            "a");
  EXPECT_EQ(ApplyKey(InputMethod::kTelex, "a\xC3", U's'), "a\xEF\xBF\xBDs");
  EXPECT_EQ(ApplyKey(InputMethod::kTelex, "a", 0xD800), "a\xEF\xBF\xBD");
  EXPECT_EQ(ApplyKey(InputMethod::kTelex, "a", 0x110000), "a\xEF\xBF\xBD");
  EXPECT_EQ(ApplyKeys(InputMethod::kTelex, "", "a\xFFs"), "a\xEF\xBF\xBDs");
  EXPECT_TRUE(IsValidUtf8(ApplyKeys(InputMethod::kTelex, "\xED\xA0\x80", "aas")));
}

TEST(TelexTest, CombiningKeyIsComposed) {
  // A combining acute typed after "a" composes to "á" (output is NFC).
  EXPECT_EQ(ApplyKey(InputMethod::kTelex, "a", 0x0301), "á");
}

TEST(BackspaceTest, DeletesOneCodePointOfNfcText) {
  EXPECT_EQ(DeleteLastCodePoint("Việt"), "Việ");
  EXPECT_EQ(DeleteLastCodePoint("Vie\xCC\xA3\xCC\x82"), "Vi");  // NFD ệ is one letter
  EXPECT_EQ(DeleteLastCodePoint("a"), "");
  EXPECT_EQ(DeleteLastCodePoint(""), "");
  EXPECT_EQ(DeleteLastCodePoint("a\xFF"), "a");
  EXPECT_EQ(DeleteLastCodePoint("😀x"), "😀");
  EXPECT_EQ(DeleteLastCodePoint("😀"), "");
}

}  // namespace
}  // namespace dvc::text
