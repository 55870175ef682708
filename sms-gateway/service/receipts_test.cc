// Receipt links, the gateway's receipt PNG and offline QR verification
// (receipts.h, receipts_png.h, receipts_verify.h, GatewayService receipts).
#include "service/receipts.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <stb/stb_image.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

#include "calendar/local_time.h"
#include "dossier/dossier_code.h"
#include "receipt/qr_code.h"
#include "receipt/qr_payload.h"
#include "receipt/receipt_output.h"
#include "service/receipts_png.h"
#include "service/receipts_verify.h"
#include "service/service_test_support.h"
#include "store/scratch_dir.h"

namespace dvc::gateway {
namespace {

using nlohmann::json;
using test_support::kCommune;
using test_support::kService;
using test_support::kVersion;

// ---- tokens, URLs, masking ----------------------------------------------------

TEST(ReceiptToken, HasTwentyBase32LettersAndNeverRepeats) {
  std::set<std::string> seen;
  std::map<char, int> counts;
  for (int i = 0; i < 2000; ++i) {
    const std::string token = NewReceiptToken();
    ASSERT_EQ(token.size(), 20u);
    for (char c : token) {
      ASSERT_NE(std::string_view("abcdefghijklmnopqrstuvwxyz234567").find(c), std::string::npos)
          << token;
      ++counts[c];
    }
    EXPECT_TRUE(IsReceiptToken(token));
    EXPECT_TRUE(seen.insert(token).second) << "repeated token " << token;
  }
  // 40000 characters: each of the 32 letters about 1250 times; a generator
  // that skips letters or favours some (fewer bits than claimed) shows here.
  ASSERT_EQ(counts.size(), 32u);
  for (const auto& [c, n] : counts) {
    EXPECT_GT(n, 1000) << c;
    EXPECT_LT(n, 1500) << c;
  }
  // 20 x 5 bits: at least the 96 bits asked for.
  EXPECT_GE(kReceiptTokenChars * 5, 96u);
}

TEST(ReceiptToken, ShapeCheckRefusesEverythingElse) {
  EXPECT_FALSE(IsReceiptToken(""));
  EXPECT_FALSE(IsReceiptToken("abcdefghijklmnopqrs"));    // 19
  EXPECT_FALSE(IsReceiptToken("abcdefghijklmnopqrstu"));  // 21
  EXPECT_FALSE(IsReceiptToken("ABCDEFGHIJKLMNOPQRST"));   // upper case
  EXPECT_FALSE(IsReceiptToken("abcdefghijklmnopqrs0"));   // 0 is not base32
  EXPECT_FALSE(IsReceiptToken("abcdefghijklmnopqrs1"));
  EXPECT_FALSE(IsReceiptToken("abcdefghijklmnopq.png"));
  EXPECT_FALSE(IsReceiptToken("123457K4HQ2M9X"));  // a dossier code
  EXPECT_TRUE(IsReceiptToken("abcdefghijklmnopqr27"));
}

TEST(ReceiptUrl, JoinsTheBaseAndTheToken) {
  EXPECT_EQ(ReceiptUrl("https://dvc.tinh.gov.vn", "abcdefghijklmnopqr27"),
            "https://dvc.tinh.gov.vn/r/abcdefghijklmnopqr27");
  EXPECT_EQ(ReceiptUrl("https://dvc.tinh.gov.vn/", "abcdefghijklmnopqr27"),
            "https://dvc.tinh.gov.vn/r/abcdefghijklmnopqr27");
  EXPECT_EQ(ReceiptUrl("https://tinh.gov.vn/dvc//", "t"), "https://tinh.gov.vn/dvc/r/t");
}

// ---- PNG text chunk ------------------------------------------------------------

struct FreePixels {
  void operator()(stbi_uc* p) const { stbi_image_free(p); }
};
using Pixels = std::unique_ptr<stbi_uc, FreePixels>;

std::vector<uint8_t> TinyPng() {
  const std::array<uint8_t, 4> pixels = {0, 255, 255, 0};
  return receipt::EncodePng(pixels, 2, 2, 1);
}

TEST(ReceiptPng, TextChunkRoundTripsAndTheImageStillDecodes) {
  const std::vector<uint8_t> png = TinyPng();
  ASSERT_FALSE(png.empty());
  const std::vector<uint8_t> with = AddPngText(png, kQrPayloadPngKeyword, "DVC1|x|y");
  ASSERT_EQ(with.size(), png.size() + 12 + 6 + 1 + 8);
  EXPECT_EQ(FindPngText(with, kQrPayloadPngKeyword), "DVC1|x|y");
  EXPECT_EQ(FindPngText(with, "other"), std::nullopt);
  EXPECT_EQ(FindPngText(png, kQrPayloadPngKeyword), std::nullopt);
  int w = 0, h = 0, n = 0;
  const Pixels pixels(
      stbi_load_from_memory(with.data(), static_cast<int>(with.size()), &w, &h, &n, 1));
  ASSERT_NE(pixels, nullptr);
  EXPECT_EQ(w, 2);
  EXPECT_EQ(pixels.get()[1], 255);
  // The chunk as the PNG standard writes it: length, "tEXt", keyword, NUL, text, CRC.
  const size_t at = png.size() - 12;
  const std::vector<uint8_t> head(with.begin() + static_cast<long>(at),
                                  with.begin() + static_cast<long>(at) + 15);
  const std::vector<uint8_t> expected = {0,   0,   0,   15,  't', 'E', 'X', 't',
                                         'd', 'v', 'c', '-', 'q', 'r', 0};
  EXPECT_EQ(head, expected);
}

TEST(ReceiptPng, DamagedOrForeignBytesGiveNothing) {
  std::vector<uint8_t> with = AddPngText(TinyPng(), kQrPayloadPngKeyword, "payload");
  std::vector<uint8_t> bad_crc = with;
  bad_crc[bad_crc.size() - 13] ^= 1;  // last byte of the tEXt chunk's CRC
  EXPECT_EQ(FindPngText(bad_crc, kQrPayloadPngKeyword), std::nullopt);
  for (size_t cut = 0; cut < with.size() - 12; cut += 7) {
    std::vector<uint8_t> part(with.begin(), with.begin() + static_cast<long>(cut));
    EXPECT_EQ(FindPngText(part, kQrPayloadPngKeyword), std::nullopt) << cut;
  }
  EXPECT_TRUE(AddPngText(std::vector<uint8_t>{1, 2, 3}, "k", "t").empty());
  EXPECT_TRUE(AddPngText(TinyPng(), "", "t").empty());
  EXPECT_TRUE(AddPngText(TinyPng(), "k", std::string_view("a\0b", 3)).empty());
}

// ---- the service ---------------------------------------------------------------

class ReceiptServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    keys_ = test_support::TestProvinceKeys(dir_);
    service_ = test_support::OpenTestService(dir_, keys_, [this] { return now_ms_; });
    auto published = service_->PublishCatalog(
        test_support::TestCatalogFiles(kVersion, test_support::TestServiceJson(kService)), "test");
    ASSERT_TRUE(published.ok()) << published.error().message;
  }

  std::string AddCounter() {
    auto created = service_->AddCounterDossier(
        CounterDossierRequest{kService, "0912345678", kCommune, "Trần Thị Bích"}, "op");
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created->code;
  }

  // A well-formed code no dossier has.
  static std::string Absent() {
    return dossier::DossierCode::FromParts(kCommune, 900, 5)->compact();
  }

  receipt::PublicKey ProvinceKey() const { return keys_->signing_public(); }

  std::vector<KioskKeyEntry> KioskList() {
    auto doc = service_->ExportKioskKeys();
    EXPECT_TRUE(doc.ok());
    auto list = ReadKioskKeys(*doc, ProvinceKey());
    EXPECT_TRUE(list.ok()) << list.status().message();
    return list.ok() ? *list : std::vector<KioskKeyEntry>{};
  }

  store::ScratchDir dir_;
  std::shared_ptr<sync::ProvinceKeys> keys_;
  // 2026-11-03 09:00 in Vietnam (a Tuesday).
  int64_t now_ms_ =
      (dossier::ParseTimestamp("2026-11-03T02:00:00Z")->time_since_epoch().count()) * 1000;
  std::unique_ptr<GatewayService> service_;
};

TEST_F(ReceiptServiceTest, LinkIsMadeOnceAndDiffersPerDossier) {
  const std::string a = AddCounter();
  const std::string b = AddCounter();
  auto ta = service_->ReceiptLink(a);
  ASSERT_TRUE(ta.ok()) << ta.error().message;
  EXPECT_TRUE(IsReceiptToken(*ta));
  EXPECT_EQ(*service_->ReceiptLink(a), *ta);
  auto tb = service_->ReceiptLink(b);
  ASSERT_TRUE(tb.ok());
  EXPECT_NE(*tb, *ta);
  EXPECT_EQ(ta->find(a), std::string::npos);
  // The display form of the code finds the same dossier.
  EXPECT_EQ(*service_->ReceiptLink(dossier::ParseDossierCode(a)->Display()), *ta);
  EXPECT_EQ(service_->ReceiptLink(Absent()).error().http_status, 404);
  EXPECT_EQ(service_->ReceiptLink("123457K4HQ2M9X").error().code, "code_mistyped");
}

TEST_F(ReceiptServiceTest, ReceiptPngCarriesAProvinceSignedQrOfTheDossier) {
  const std::string code = AddCounter();
  auto token = service_->ReceiptLink(code);
  ASSERT_TRUE(token.ok());
  auto png = service_->RenderReceipt(*token);
  ASSERT_TRUE(png.ok()) << png.error().message;

  int w = 0, h = 0, n = 0;
  const Pixels pixels(
      stbi_load_from_memory(png->data(), static_cast<int>(png->size()), &w, &h, &n, 1));
  ASSERT_NE(pixels, nullptr) << stbi_failure_reason();
  EXPECT_EQ(w, 576);
  EXPECT_GT(h, 400);
  std::optional<std::string> payload = FindPngText(*png, kQrPayloadPngKeyword);
  ASSERT_TRUE(payload.has_value());
  // The QR printed in the image is the payload's: libqrencode's matrix for
  // it, module by module (the renderer centres the symbol at 4 dots per
  // module on 80 mm paper), found by its whole top-left finder pattern (a
  // row of text above it can hold a dark run as wide as the finder's top).
  auto matrix = receipt::QrModules(*payload);
  ASSERT_TRUE(matrix.ok());
  const int dots = 4;
  const int left = (w - matrix->size * dots) / 2;
  const auto dark = [&](int x, int y) {
    return pixels.get()[static_cast<size_t>(y) * w + x] < 128;
  };
  // The finder, module by module: a dark ring, a light ring, a dark 3x3.
  const auto finder_at = [&](int y0) {
    for (int my = 0; my < 7; ++my) {
      for (int mx = 0; mx < 7; ++mx) {
        const int ring = std::max(std::abs(mx - 3), std::abs(my - 3));
        const int y = y0 + my * dots + dots / 2;
        if (y >= h || dark(left + mx * dots + dots / 2, y) != (ring != 2)) return false;
      }
    }
    return true;
  };
  int top = -1;
  for (int y = 0; y < h && top < 0; ++y) {
    bool run = !dark(left - 1, y) && !dark(left + 7 * dots, y);
    for (int x = left; x < left + 7 * dots && run; ++x) run = dark(x, y);
    if (run && finder_at(y)) top = y;
  }
  ASSERT_GE(top, 0);
  ASSERT_LE(top + matrix->size * dots, h);
  int mismatches = 0;
  for (int my = 0; my < matrix->size; ++my) {
    for (int mx = 0; mx < matrix->size; ++mx) {
      mismatches += dark(left + mx * dots + 2, top + my * dots + 2) != matrix->At(mx, my);
    }
  }
  EXPECT_EQ(mismatches, 0);

  auto proof = VerifyReceiptPayload(*payload, ProvinceKey(), KioskList());
  ASSERT_TRUE(proof.ok()) << proof.status().message();
  EXPECT_TRUE(proof->signed_by_province);
  EXPECT_EQ(proof->fields.dossier_code, code);
  EXPECT_EQ(proof->fields.procedure_code.empty(), false);
  EXPECT_EQ(proof->fields.signer_id, "P");
  // Received 2026-11-03 09:00 Vietnam time, as the gateway's clock said.
  EXPECT_EQ(proof->fields.received.date.ToIso(), "2026-11-03");
  EXPECT_EQ(proof->fields.received.time.hour, 9);
  auto detail = service_->ShowDossier(code);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(proof->fields.appointment, *detail->dossier.official_appointment);
  // The same receipt by code; a payload is deterministic (Ed25519).
  auto by_code = service_->RenderReceipt(code);
  ASSERT_TRUE(by_code.ok());
  EXPECT_EQ(FindPngText(*by_code, kQrPayloadPngKeyword), payload);
}

TEST_F(ReceiptServiceTest, UnknownTokenOrCodeIsNotFound) {
  AddCounter();
  EXPECT_EQ(service_->RenderReceipt("abcdefghijklmnopqr27").error().http_status, 404);
  EXPECT_EQ(service_->RenderReceipt(Absent()).error().http_status, 404);
}

TEST_F(ReceiptServiceTest, TamperedPayloadFailsVerification) {
  auto png = service_->RenderReceipt(AddCounter());
  ASSERT_TRUE(png.ok());
  const std::string payload = *FindPngText(*png, kQrPayloadPngKeyword);
  const std::vector<KioskKeyEntry> kiosks = KioskList();
  ASSERT_TRUE(VerifyReceiptPayload(payload, ProvinceKey(), kiosks).ok());
  // A later appointment: "...|YYYYMMDD|P|sig" — bump the day's last digit.
  const size_t signer = payload.find("|P|");
  ASSERT_NE(signer, std::string::npos);
  std::string later = payload;
  later[signer - 1] = later[signer - 1] == '1' ? '2' : '1';
  auto refused = VerifyReceiptPayload(later, ProvinceKey(), kiosks);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kCorrupt) << refused.status().message();
  // Another province's key.
  std::array<uint8_t, 32> other_pk{};
  std::array<uint8_t, 64> other_sk{};
  crypto_sign_keypair(other_pk.data(), other_sk.data());
  EXPECT_EQ(VerifyReceiptPayload(payload, other_pk, kiosks).status().code(), ErrorCode::kCorrupt);
  EXPECT_EQ(VerifyReceiptPayload("DVC1|junk", ProvinceKey(), kiosks).status().code(),
            ErrorCode::kInvalidInput);
}

TEST_F(ReceiptServiceTest, KioskSignedPayloadVerifiesUntilTheKioskIsRevoked) {
  auto ticket = service_->CreateEnrolment(kCommune, "Kiosk 1", "op");
  ASSERT_TRUE(ticket.ok());
  std::array<uint8_t, 32> pk{};
  std::array<uint8_t, 64> sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  auto enrolled = service_->Enroll(test_support::MakeEnrollRequest(ticket->code, pk, sk));
  ASSERT_TRUE(enrolled.ok()) << enrolled.error().message;
  ASSERT_EQ(enrolled->signer_id, receipt::KioskSignerId(pk));

  // What the kiosk prints: fields signed with its own key.
  receipt::QrFields fields;
  fields.dossier_code = dossier::DossierCode::FromParts(kCommune, enrolled->issuer, 1)->compact();
  fields.procedure_code = "1.001193";
  fields.received = *calendar::LocalDateTime::ParseIso("2026-11-03T09:00");
  fields.appointment = *calendar::Date::ParseIso("2026-11-10");
  fields.signer_id = enrolled->signer_id;
  auto unsigned_payload = receipt::QrPayloadFields(fields);
  ASSERT_TRUE(unsigned_payload.ok()) << unsigned_payload.status().message();
  auto signed_qr = receipt::SignQrPayload(*unsigned_payload, sk, fields.signer_id);
  ASSERT_TRUE(signed_qr.ok()) << signed_qr.status().message();

  auto proof = VerifyReceiptPayload(signed_qr->text, ProvinceKey(), KioskList());
  ASSERT_TRUE(proof.ok()) << proof.status().message();
  EXPECT_FALSE(proof->signed_by_province);
  EXPECT_EQ(proof->fields, fields);
  EXPECT_NE(DescribeProof(*proof).find(fields.signer_id), std::string::npos);

  // A kiosk the province never enrolled.
  std::array<uint8_t, 32> stranger_pk{};
  std::array<uint8_t, 64> stranger_sk{};
  crypto_sign_keypair(stranger_pk.data(), stranger_sk.data());
  auto stranger =
      receipt::SignQrPayload(*unsigned_payload, stranger_sk, receipt::KioskSignerId(stranger_pk));
  ASSERT_TRUE(stranger.ok());
  EXPECT_EQ(VerifyReceiptPayload(stranger->text, ProvinceKey(), KioskList()).status().code(),
            ErrorCode::kNotFound);

  ASSERT_TRUE(service_->RevokeKiosk(enrolled->kiosk_id, "op").ok());
  const std::vector<KioskKeyEntry> after = KioskList();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_TRUE(after[0].revoked);
  EXPECT_EQ(VerifyReceiptPayload(signed_qr->text, ProvinceKey(), after).status().code(),
            ErrorCode::kNotFound);
}

TEST_F(ReceiptServiceTest, AKioskDossiersReceiptCarriesTheKiosksOwnQrText) {
  auto ticket = service_->CreateEnrolment(kCommune, "Kiosk 1", "op");
  ASSERT_TRUE(ticket.ok());
  std::array<uint8_t, 32> pk{};
  std::array<uint8_t, 64> sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  auto enrolled = service_->Enroll(test_support::MakeEnrollRequest(ticket->code, pk, sk));
  ASSERT_TRUE(enrolled.ok()) << enrolled.error().message;
  const KioskRef kiosk{enrolled->kiosk_id, enrolled->commune_code, enrolled->issuer,
                       enrolled->signer_id, enrolled->name};

  // Two dossiers received at 09:00 (7 working days: officially 2026-11-12);
  // the second kiosk computed another date.
  const auto kiosk_dossier = [&](uint32_t counter, calendar::Date kiosk_date) {
    sync::PushDossier d;
    d.id = dossier::NewDossierId();
    d.code = dossier::DossierCode::FromParts(kCommune, enrolled->issuer, counter)->compact();
    d.service_id = kService;
    d.catalog_version = kVersion;
    d.form_version = 1;
    d.created_at = dossier::Timestamp(std::chrono::seconds(now_ms_ / 1000));
    d.kiosk_appointment = kiosk_date;
    d.sealed = test_support::SealedPart(*keys_,
                                        {{"org_name", "Công ty Bình An"}, {"phone", "0912345678"}});
    receipt::QrFields fields;
    fields.dossier_code = d.code;
    fields.procedure_code = "2.001955";
    fields.received = *calendar::LocalDateTime::ParseIso("2026-11-03T09:00:00");
    fields.appointment = kiosk_date;
    fields.signer_id = enrolled->signer_id;
    d.receipt_qr =
        receipt::SignQrPayload(*receipt::QrPayloadFields(fields), sk, fields.signer_id)->text;
    return d;
  };
  const sync::PushDossier same = kiosk_dossier(1, calendar::Date::Ymd(2026, 11, 12));
  const sync::PushDossier moved = kiosk_dossier(2, calendar::Date::Ymd(2026, 11, 10));
  auto pushed = service_->Push(kiosk, sync::PushRequest{{same, moved}});
  ASSERT_TRUE(pushed.ok()) << pushed.error().message;
  for (const sync::PushResult& r : pushed->results) {
    ASSERT_EQ(r.result, sync::PushOutcome::kStored) << (r.error ? r.error->message : "");
  }
  EXPECT_EQ(pushed->results[1].official_appointment, calendar::Date::Ymd(2026, 11, 12));

  int same_height = 0;
  for (const sync::PushDossier* d : {&same, &moved}) {
    auto token = service_->ReceiptLink(d->code);
    ASSERT_TRUE(token.ok());
    auto png = service_->RenderReceipt(*token);
    ASSERT_TRUE(png.ok()) << png.error().message;
    // Byte for byte the text the kiosk printed, verifiable with the
    // exported key list as the kiosk's (not the province's) signature.
    EXPECT_EQ(FindPngText(*png, kQrPayloadPngKeyword), d->receipt_qr);
    auto proof = VerifyReceiptPayload(d->receipt_qr, ProvinceKey(), KioskList());
    ASSERT_TRUE(proof.ok()) << proof.status().message();
    EXPECT_FALSE(proof->signed_by_province);
    EXPECT_EQ(proof->fields.signer_id, enrolled->signer_id);
    EXPECT_EQ(proof->fields.appointment, *d->kiosk_appointment);
    int w = 0, h = 0, n = 0;
    const Pixels pixels(
        stbi_load_from_memory(png->data(), static_cast<int>(png->size()), &w, &h, &n, 1));
    ASSERT_NE(pixels, nullptr);
    if (d == &same) {
      same_height = h;
    } else {
      // The official date, which differs, gets its own lines.
      EXPECT_GT(h, same_height);
    }
  }

  // A counter dossier's receipt is still the province's.
  auto counter_png = service_->RenderReceipt(AddCounter());
  ASSERT_TRUE(counter_png.ok());
  auto counter = VerifyReceiptPayload(*FindPngText(*counter_png, kQrPayloadPngKeyword),
                                      ProvinceKey(), KioskList());
  ASSERT_TRUE(counter.ok()) << counter.status().message();
  EXPECT_TRUE(counter->signed_by_province);
}

TEST_F(ReceiptServiceTest, KioskListMustCarryTheProvinceSignature) {
  auto ticket = service_->CreateEnrolment(kCommune, "Kiosk 1", "op");
  std::array<uint8_t, 32> pk{};
  std::array<uint8_t, 64> sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  ASSERT_TRUE(service_->Enroll(test_support::MakeEnrollRequest(ticket->code, pk, sk)).ok());
  ASSERT_TRUE(service_->RevokeKiosk(1, "op").ok());
  auto doc = service_->ExportKioskKeys();
  ASSERT_TRUE(doc.ok());
  json parsed = json::parse(*doc);
  EXPECT_EQ(parsed["format"], kKioskKeysFormat);
  ASSERT_TRUE(ReadKioskKeys(*doc, ProvinceKey()).ok());
  // Un-revoking the kiosk in the file breaks the signature.
  parsed["kiosk_keys"][0]["revoked"] = false;
  EXPECT_EQ(ReadKioskKeys(parsed.dump(), ProvinceKey()).status().code(), ErrorCode::kCorrupt);
  std::array<uint8_t, 32> other_pk{};
  std::array<uint8_t, 64> other_sk{};
  crypto_sign_keypair(other_pk.data(), other_sk.data());
  EXPECT_EQ(ReadKioskKeys(*doc, other_pk).status().code(), ErrorCode::kCorrupt);
  EXPECT_EQ(ReadKioskKeys("not json", ProvinceKey()).status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(ReadKioskKeys("{}", ProvinceKey()).status().code(), ErrorCode::kInvalidInput);
}

TEST(ProvinceKeyFile, IsSixtyFourHexDigits) {
  const std::string hex(64, 'a');
  ASSERT_TRUE(ParseProvinceKey(" " + hex + "\n").ok());
  EXPECT_EQ((*ParseProvinceKey(hex))[0], 0xaa);
  EXPECT_TRUE(ParseProvinceKey(std::string(64, 'A')).ok());
  EXPECT_FALSE(ParseProvinceKey(std::string(63, 'a')).ok());
  EXPECT_FALSE(ParseProvinceKey(std::string(64, 'g')).ok());
  EXPECT_FALSE(ParseProvinceKey("").ok());
}

}  // namespace
}  // namespace dvc::gateway
