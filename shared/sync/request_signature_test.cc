#include "sync/request_signature.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <set>
#include <string>

#include "core/hex.h"

namespace dvc::sync {
namespace {

constexpr int64_t kNow = 1'793'671'200;  // 2026-11-03T02:40:00Z
constexpr std::string_view kBody = R"({"dossiers": []})";
constexpr std::string_view kPath = "/v1/changes?after=41&limit=500";

class RequestSignatureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    crypto_sign_keypair(pk_.data(), sk_.data());
  }

  // Signs with the fixture's key and parses the headers back, as the gateway does.
  ParsedSignature SignedFor(std::string_view method, std::string_view path, int64_t timestamp,
                            std::string_view body, const std::vector<std::string>& extra = {}) {
    const SignatureHeaders headers = SignRequest(sk_, 17, method, path, timestamp, body, extra);
    ParsedSignature parsed;
    EXPECT_FALSE(ParseSignatureHeaders(headers, parsed).has_value());
    return parsed;
  }

  std::array<uint8_t, crypto_sign_PUBLICKEYBYTES> pk_{};
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> sk_{};
};

std::string CodeOf(const std::optional<ApiError>& e) { return e ? e->code : "ok"; }

TEST(CanonicalRequestTest, IsTheDocumentedText) {
  // SHA-256 of the empty string, for GET.
  const std::string empty_sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  EXPECT_EQ(CanonicalRequest("GET", kPath, 1793671200, "00112233445566778899aabbccddeeff", ""),
            "DVC-SYNC-1\nGET\n/v1/changes?after=41&limit=500\n1793671200\n"
            "00112233445566778899aabbccddeeff\n" +
                empty_sha);
  EXPECT_EQ(CanonicalRequest("PATCH", "/v1/attachments/x", 5, "n", "", {"0", "153600"}),
            "DVC-SYNC-1\nPATCH\n/v1/attachments/x\n5\nn\n" + empty_sha + "\n0\n153600");
  // The body's digest: SHA-256("abc").
  EXPECT_TRUE(CanonicalRequest("POST", "/", 0, "n", "abc")
                  .ends_with("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

TEST_F(RequestSignatureTest, SignsWithFreshNoncesThatVerify) {
  const SignatureHeaders a = SignRequest(sk_, 17, "POST", "/v1/dossiers", kNow, kBody);
  const SignatureHeaders b = SignRequest(sk_, 17, "POST", "/v1/dossiers", kNow, kBody);
  EXPECT_EQ(a.kiosk, "17");
  EXPECT_EQ(a.timestamp, std::to_string(kNow));
  EXPECT_EQ(a.nonce.size(), 32u);
  EXPECT_EQ(a.signature.size(), 128u);
  EXPECT_NE(a.nonce, b.nonce);
  ParsedSignature parsed;
  ASSERT_FALSE(ParseSignatureHeaders(a, parsed).has_value());
  EXPECT_EQ(parsed.kiosk_id, 17);
  EXPECT_EQ(parsed.timestamp_s, kNow);
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, parsed, "POST", "/v1/dossiers", kBody, kNow)), "ok");
}

TEST_F(RequestSignatureTest, AnyTamperingIsABadSignature) {
  const std::vector<std::string> extra = {"0", "4096"};
  const ParsedSignature good = SignedFor("PATCH", kPath, kNow, kBody, extra);
  ASSERT_EQ(CodeOf(VerifyRequest(pk_, good, "PATCH", kPath, kBody, kNow, extra)), "ok");

  EXPECT_EQ(CodeOf(VerifyRequest(pk_, good, "POST", kPath, kBody, kNow, extra)), "bad_signature");
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, good, "PATCH", "/v1/changes?after=40&limit=500", kBody, kNow,
                                 extra)),
            "bad_signature");
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, good, "PATCH", "/v1/changes", kBody, kNow, extra)),
            "bad_signature");
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, good, "PATCH", kPath, R"({"dossiers":[]})", kNow, extra)),
            "bad_signature");
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, good, "PATCH", kPath, kBody, kNow, {"4096", "8192"})),
            "bad_signature");
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, good, "PATCH", kPath, kBody, kNow, {"0"})), "bad_signature");
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, good, "PATCH", kPath, kBody, kNow, {})), "bad_signature");

  ParsedSignature t = good;
  t.timestamp_s += 1;
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, t, "PATCH", kPath, kBody, kNow, extra)), "bad_signature");
  t = good;
  t.nonce[0] = t.nonce[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, t, "PATCH", kPath, kBody, kNow, extra)), "bad_signature");
  t = good;
  t.signature[5] = t.signature[5] == 'a' ? 'b' : 'a';
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, t, "PATCH", kPath, kBody, kNow, extra)), "bad_signature");

  // Another kiosk's key.
  std::array<uint8_t, crypto_sign_PUBLICKEYBYTES> other_pk{};
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> other_sk{};
  crypto_sign_keypair(other_pk.data(), other_sk.data());
  EXPECT_EQ(CodeOf(VerifyRequest(other_pk, good, "PATCH", kPath, kBody, kNow, extra)),
            "bad_signature");
}

TEST_F(RequestSignatureTest, SkewOf300SecondsIsAcceptedAnd301IsStale) {
  for (int64_t skew : {-300, 0, 300}) {
    const ParsedSignature s = SignedFor("GET", kPath, kNow + skew, "");
    EXPECT_EQ(CodeOf(VerifyRequest(pk_, s, "GET", kPath, "", kNow)), "ok") << skew;
  }
  for (int64_t skew : {-301, 301, -100000}) {
    const ParsedSignature s = SignedFor("GET", kPath, kNow + skew, "");
    const auto error = VerifyRequest(pk_, s, "GET", kPath, "", kNow);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->http_status, 401);
    EXPECT_EQ(error->code, "stale_timestamp") << skew;
  }
  // The skew is checked first: a stale request with a bad signature says stale,
  // so the kiosk corrects its clock rather than doubting its key.
  ParsedSignature s = SignedFor("GET", kPath, kNow - 400, "");
  s.signature[0] = s.signature[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, s, "GET", kPath, "", kNow)), "stale_timestamp");
  // Extreme values neither overflow nor pass.
  s.timestamp_s = 999'999'999'999'999'999;
  EXPECT_EQ(CodeOf(VerifyRequest(pk_, s, "GET", kPath, "", INT64_MIN)), "stale_timestamp");
}

TEST_F(RequestSignatureTest, MalformedHeadersAreMissingSignature) {
  const SignatureHeaders good = SignRequest(sk_, 17, "GET", kPath, kNow, "");
  struct Case {
    std::string SignatureHeaders::*field;
    std::string value;
    std::string header;
  };
  const Case cases[] = {
      {&SignatureHeaders::kiosk, "", "X-DVC-Kiosk"},
      {&SignatureHeaders::kiosk, "0", "X-DVC-Kiosk"},
      {&SignatureHeaders::kiosk, "-3", "X-DVC-Kiosk"},
      {&SignatureHeaders::kiosk, "017", "X-DVC-Kiosk"},
      {&SignatureHeaders::kiosk, "17 ", "X-DVC-Kiosk"},
      {&SignatureHeaders::kiosk, "99999999999999999999", "X-DVC-Kiosk"},
      {&SignatureHeaders::timestamp, "", "X-DVC-Timestamp"},
      {&SignatureHeaders::timestamp, "1.5", "X-DVC-Timestamp"},
      {&SignatureHeaders::timestamp, "+1793671200", "X-DVC-Timestamp"},
      {&SignatureHeaders::nonce, "", "X-DVC-Nonce"},
      {&SignatureHeaders::nonce, std::string(31, 'a'), "X-DVC-Nonce"},
      {&SignatureHeaders::nonce, std::string(32, 'A'), "X-DVC-Nonce"},
      {&SignatureHeaders::signature, "", "X-DVC-Signature"},
      {&SignatureHeaders::signature, std::string(127, 'a'), "X-DVC-Signature"},
      {&SignatureHeaders::signature, std::string(128, 'g'), "X-DVC-Signature"},
  };
  for (const Case& c : cases) {
    SignatureHeaders headers = good;
    headers.*c.field = c.value;
    ParsedSignature parsed;
    const auto error = ParseSignatureHeaders(headers, parsed);
    ASSERT_TRUE(error.has_value()) << c.header << " = " << c.value;
    EXPECT_EQ(error->http_status, 401);
    EXPECT_EQ(error->code, "missing_signature");
    EXPECT_TRUE(error->message.starts_with(c.header + ": ")) << error->message;
  }
}

TEST_F(RequestSignatureTest, EnrolmentProofRoundTripAndTamper) {
  const std::string pk_hex = core::HexOf(pk_);
  EXPECT_EQ(EnrolmentProofMessage("ABCDEFGHJK", pk_hex), "DVC-ENROLL-1\nABCDEFGHJK\n" + pk_hex);
  const std::string proof = SignEnrolmentProof(sk_, "ABCDEFGHJK", pk_hex);
  EXPECT_EQ(proof.size(), 128u);
  EXPECT_TRUE(VerifyEnrolmentProof("ABCDEFGHJK", pk_hex, proof));
  EXPECT_FALSE(VerifyEnrolmentProof("ABCDEFGHJL", pk_hex, proof));
  std::string bad = proof;
  bad[10] = bad[10] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(VerifyEnrolmentProof("ABCDEFGHJK", pk_hex, bad));
  // A proof made by another key for this public key does not verify.
  std::array<uint8_t, crypto_sign_PUBLICKEYBYTES> other_pk{};
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> other_sk{};
  crypto_sign_keypair(other_pk.data(), other_sk.data());
  EXPECT_FALSE(VerifyEnrolmentProof("ABCDEFGHJK", pk_hex,
                                    SignEnrolmentProof(other_sk, "ABCDEFGHJK", pk_hex)));
  // Malformed inputs are simply false.
  EXPECT_FALSE(VerifyEnrolmentProof("ABCDEFGHJK", "zz", proof));
  EXPECT_FALSE(VerifyEnrolmentProof("ABCDEFGHJK", pk_hex, proof.substr(2)));
  std::string upper = pk_hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_FALSE(VerifyEnrolmentProof("ABCDEFGHJK", upper, proof));
}

}  // namespace
}  // namespace dvc::sync
