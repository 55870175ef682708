#include "receipt/qr_payload.h"

#include <gtest/gtest.h>

#include <map>

#include "receipt/qr_code.h"
#include "receipt/receipt_test_support.h"

namespace dvc::receipt {
namespace {

using testing::KeyPair;
using testing::KeysFromSeed;

const KeyPair& KioskKeys() {
  static const KeyPair k = KeysFromSeed(1);
  return k;
}
const KeyPair& ProvinceKeys() {
  static const KeyPair k = KeysFromSeed(2);
  return k;
}
const std::string kKiosk = KioskSignerId(KioskKeys().public_key);

// The verifier's key list: one kiosk and the province.
PublicKeyLookup Lookup(int* calls = nullptr) {
  return [calls](std::string_view id) -> std::optional<PublicKey> {
    if (calls) ++*calls;
    if (id == kKiosk) return KioskKeys().public_key;
    if (id == kProvinceSignerId) return ProvinceKeys().public_key;
    return std::nullopt;
  };
}

QrFields SampleFields() {
  QrFields f;
  f.dossier_code = testing::Code(7, 0x12345);
  f.procedure_code = "1.001193";
  f.received = calendar::LocalDateTime{calendar::Date::Ymd(2026, 11, 27), {8, 30, 0}};
  f.appointment = calendar::Date::Ymd(2026, 12, 2);
  f.signer_id = kKiosk;
  return f;
}

std::string Sign(const QrFields& f, const KeyPair& keys, const std::string& signer) {
  Result<std::string> unsigned_text = QrPayloadFields(f);
  EXPECT_TRUE(unsigned_text.ok()) << unsigned_text.status().message();
  Result<SignedQr> s = SignQrPayload(*unsigned_text, keys.secret_key, signer);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? s->text : std::string();
}

TEST(QrPayloadTest, TextIsTheDocumentedLayout) {
  const std::string text = Sign(SampleFields(), KioskKeys(), kKiosk);
  const std::string prefix =
      "DVC1|" + testing::Code(7, 0x12345) + "|1.001193|202611270830|20261202|" + kKiosk + "|";
  ASSERT_EQ(text.substr(0, prefix.size()), prefix);
  EXPECT_EQ(text.size(), prefix.size() + 86);
}

TEST(QrPayloadTest, RoundTripsForKioskAndProvince) {
  for (const auto& [signer, keys] :
       {std::pair{kKiosk, &KioskKeys()}, std::pair{std::string("P"), &ProvinceKeys()}}) {
    QrFields f = SampleFields();
    f.signer_id = signer;
    Result<QrFields> back = VerifyQrPayload(Sign(f, *keys, signer), Lookup());
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, f);
  }
}

TEST(QrPayloadTest, ReceivedSecondsAreDropped) {
  QrFields f = SampleFields();
  f.received.time.second = 59;
  Result<QrFields> back = VerifyQrPayload(Sign(f, KioskKeys(), kKiosk), Lookup());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->received.time, (calendar::TimeOfDay{8, 30, 0}));
}

// Replaces field `index` (0-based, '|'-separated) of `text`.
std::string ReplaceField(const std::string& text, size_t index, const std::string& value) {
  size_t start = 0;
  for (size_t i = 0; i < index; ++i) start = text.find('|', start) + 1;
  size_t end = text.find('|', start);
  if (end == std::string::npos) end = text.size();
  return text.substr(0, start) + value + text.substr(end);
}

TEST(QrPayloadTest, EveryAlteredFieldBreaksTheSignature) {
  const std::string good = Sign(SampleFields(), KioskKeys(), kKiosk);
  // Each replacement is well formed, so only the signature can catch it.
  const std::map<size_t, std::string> alterations = {
      {1, testing::Code(7, 0x12346)},  // another valid dossier code
      {2, "1.001194"},                 // another procedure
      {3, "202611270831"},             // received a minute later
      {4, "20261203"},                 // appointment a day later
      {5, "P"},                        // claims the province signed it
  };
  for (const auto& [index, value] : alterations) {
    Result<QrFields> r = VerifyQrPayload(ReplaceField(good, index, value), Lookup());
    ASSERT_FALSE(r.ok()) << "field " << index;
    EXPECT_EQ(r.status().code(), ErrorCode::kCorrupt) << index << ": " << r.status().message();
    EXPECT_NE(r.status().message().find("signature does not match"), std::string::npos);
  }
}

TEST(QrPayloadTest, SignedWithAnotherKeyIsRefused) {
  const std::string forged = Sign(SampleFields(), KeysFromSeed(9), kKiosk);
  Result<QrFields> r = VerifyQrPayload(forged, Lookup());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kCorrupt);
}

TEST(QrPayloadTest, FlippedSignatureCharacterIsRefused) {
  std::string text = Sign(SampleFields(), KioskKeys(), kKiosk);
  text[text.size() - 10] = text[text.size() - 10] == 'A' ? 'B' : 'A';
  Result<QrFields> r = VerifyQrPayload(text, Lookup());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kCorrupt);
}

TEST(QrPayloadTest, UnknownSignerIsNotFound) {
  const std::string stranger = KioskSignerId(KeysFromSeed(9).public_key);
  const std::string text = Sign(SampleFields(), KioskKeys(), stranger);
  Result<QrFields> r = VerifyQrPayload(text, Lookup());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find(stranger), std::string::npos) << r.status().message();
  // No lookup at all behaves like an empty key list.
  EXPECT_EQ(VerifyQrPayload(text, PublicKeyLookup()).status().code(), ErrorCode::kNotFound);
}

TEST(QrPayloadTest, EveryTruncationIsMalformedWithoutALookup) {
  const std::string good = Sign(SampleFields(), KioskKeys(), kKiosk);
  for (size_t n = 0; n < good.size(); ++n) {
    int calls = 0;
    Result<QrFields> r = VerifyQrPayload(good.substr(0, n), Lookup(&calls));
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput) << n << ": " << r.status().message();
    EXPECT_EQ(calls, 0) << n;
  }
}

TEST(QrPayloadTest, GarbageIsMalformedWithAReason) {
  const std::string good = Sign(SampleFields(), KioskKeys(), kKiosk);
  const std::map<std::string, std::string> cases = {
      {"", "must start with"},
      {"https://dichvucong.gov.vn", "must start with"},
      {std::string("DVC1|\0|x", 8), "fields"},
      {"DVC1||||||", "dossier code"},
      {ReplaceField(good, 0, "DVC2"), "must start with"},
      {ReplaceField(good, 1, "12345-7K-4HQ-2M9-X"), "dossier code"},
      {ReplaceField(good, 1, testing::Code(7, 0x12345).substr(0, 13) + "Z"), "dossier code"},
      {ReplaceField(good, 2, "a|b"), "fields"},
      {ReplaceField(good, 2, "thủ-tục"), "procedure code"},
      {ReplaceField(good, 3, "202602300830"), "receipt time"},
      {ReplaceField(good, 3, "202611272460"), "receipt time"},
      {ReplaceField(good, 4, "2026120"), "appointment date"},
      {ReplaceField(good, 5, "K 1"), "signer id"},
      {ReplaceField(good, 5, "K:12345-7"), "signer id"},
      {ReplaceField(good, 5, "k" + std::string(16, 'A')), "signer id"},
      {ReplaceField(good, 6, "AAAA"), "signature"},
      {ReplaceField(good, 6, std::string(86, '!')), "signature"},
      {good + "|", "fields"},
      {good + std::string(300, 'A'), "bytes"},
  };
  for (const auto& [text, reason] : cases) {
    Result<QrFields> r = VerifyQrPayload(text, Lookup());
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput) << text;
    EXPECT_NE(r.status().message().find(reason), std::string::npos)
        << text << " -> " << r.status().message();
  }
}

TEST(QrPayloadTest, LongestPayloadFitsVersion10AtLevelM) {
  QrFields f = SampleFields();
  f.procedure_code = std::string(kMaxProcedureCodeBytes, 'x');
  const std::string text = Sign(f, KioskKeys(), kKiosk);
  EXPECT_LE(text.size(), kMaxQrPayloadBytes);
  Result<QrMatrix> qr = QrModules(text);
  ASSERT_TRUE(qr.ok());
  EXPECT_LE(qr->version, 10);
  // A realistic kiosk receipt is smaller still.
  Result<QrMatrix> typical = QrModules(Sign(SampleFields(), KioskKeys(), kKiosk));
  ASSERT_TRUE(typical.ok());
  EXPECT_LE(typical->version, 9);
}

TEST(QrPayloadTest, SigningRefusesBadInput) {
  const std::string unsigned_text = *QrPayloadFields(SampleFields());
  EXPECT_EQ(SignQrPayload(unsigned_text, std::vector<uint8_t>(32), kKiosk).status().code(),
            ErrorCode::kInvalidInput);
  EXPECT_FALSE(SignQrPayload(unsigned_text, KioskKeys().secret_key, "").ok());
  EXPECT_FALSE(SignQrPayload(unsigned_text, KioskKeys().secret_key, "K|1").ok());
  EXPECT_FALSE(SignQrPayload(unsigned_text, KioskKeys().secret_key, kKiosk + "0").ok());
  EXPECT_FALSE(SignQrPayload(unsigned_text, KioskKeys().secret_key, "K:12345-7").ok());
  EXPECT_FALSE(SignQrPayload(unsigned_text + "|x", KioskKeys().secret_key, kKiosk).ok());
  QrFields f = SampleFields();
  f.procedure_code = "";
  EXPECT_FALSE(QrPayloadFields(f).ok());
  f.procedure_code = std::string(kMaxProcedureCodeBytes + 1, 'x');
  EXPECT_FALSE(QrPayloadFields(f).ok());
  f = SampleFields();
  f.dossier_code = "12345-7K-4HQ-2M9-X";
  EXPECT_FALSE(QrPayloadFields(f).ok());
}

TEST(QrPayloadTest, KioskSignerIdFollowsTheKey) {
  // "k" + 16 hex digits of BLAKE2b-256(public key), recomputed here by hand.
  uint8_t hash[32];
  crypto_generichash(hash, sizeof hash, KioskKeys().public_key.data(),
                     KioskKeys().public_key.size(), nullptr, 0);
  std::string expected = "k";
  for (int i = 0; i < 8; ++i) {
    expected += "0123456789abcdef"[hash[i] >> 4];
    expected += "0123456789abcdef"[hash[i] & 15];
  }
  EXPECT_EQ(kKiosk, expected);
  EXPECT_NE(KioskSignerId(ProvinceKeys().public_key), kKiosk);
  EXPECT_TRUE(IsSignerId(kKiosk));
  EXPECT_TRUE(IsSignerId(kProvinceSignerId));
  EXPECT_FALSE(IsSignerId("K:12345-7"));
  EXPECT_FALSE(IsSignerId(""));
}

}  // namespace
}  // namespace dvc::receipt
