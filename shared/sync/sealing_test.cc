#include "sync/sealing.h"

#include <gtest/gtest.h>

#include <string>

#include "core/hex.h"

namespace dvc::sync {
namespace {

class SealingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    crypto_box_keypair(pk_.data(), sk_.data());
  }
  SealingPublicKey pk_{};
  std::array<uint8_t, crypto_box_SECRETKEYBYTES> sk_{};
};

constexpr std::string_view kPrivate =
    R"({"answers":{"ho_ten":"Nguyễn Văn An"},"phone":"0912345678","applicant_name":"Nguyễn Văn An"})";

TEST_F(SealingTest, SealAndOpenRoundTrip) {
  const std::string sealed = Seal(pk_, kPrivate);
  EXPECT_EQ(sealed.size(), kPrivate.size() + crypto_box_SEALBYTES);
  EXPECT_EQ(sealed.find("0912345678"), std::string::npos);
  auto opened = OpenSealed(pk_, sk_, sealed);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  EXPECT_EQ(*opened, kPrivate);
  // Anonymous sender: sealing twice gives different boxes.
  EXPECT_NE(Seal(pk_, kPrivate), sealed);
  auto empty = OpenSealed(pk_, sk_, Seal(pk_, ""));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, "");
}

TEST_F(SealingTest, WrongKeyTruncatedOrAlteredCannotBeOpened) {
  const std::string sealed = Seal(pk_, kPrivate);
  SealingPublicKey other_pk{};
  std::array<uint8_t, crypto_box_SECRETKEYBYTES> other_sk{};
  crypto_box_keypair(other_pk.data(), other_sk.data());
  const std::string expected = "sealed data cannot be opened with the province key";

  auto r = OpenSealed(other_pk, other_sk, sealed);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.status().message(), expected);
  EXPECT_FALSE(OpenSealed(pk_, sk_, sealed.substr(0, sealed.size() - 1)).ok());
  EXPECT_FALSE(OpenSealed(pk_, sk_, sealed.substr(0, crypto_box_SEALBYTES - 1)).ok());
  EXPECT_FALSE(OpenSealed(pk_, sk_, "").ok());
  for (size_t i : {size_t{0}, size_t{31}, size_t{40}, sealed.size() - 1}) {
    std::string flipped = sealed;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x01);
    EXPECT_FALSE(OpenSealed(pk_, sk_, flipped).ok()) << "byte " << i;
  }
}

TEST(Base64Test, RoundTripsAllLengthsAndRefusesNonBase64) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode("\xfb\xff"), "+/8=");  // standard alphabet, not URL-safe
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    bytes.push_back(static_cast<char>(i * 7));
    auto back = Base64Decode(Base64Encode(bytes));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, bytes);
  }
  EXPECT_FALSE(Base64Decode("Zg").ok());  // padding required
  EXPECT_FALSE(Base64Decode("Zm9v!").ok());
  EXPECT_FALSE(Base64Decode("-_8=").ok());  // URL-safe alphabet
  EXPECT_FALSE(Base64Decode("Zg==Zg==").ok());
  EXPECT_FALSE(Base64Decode("Zg== ").ok());
}

TEST(Key32Test, ParsesLowerHexOnly) {
  const std::string hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  auto key = Key32FromHex(hex);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ((*key)[10], 10);
  EXPECT_EQ(core::HexOf(*key), hex);
  EXPECT_FALSE(Key32FromHex(hex.substr(2)).ok());
  EXPECT_FALSE(Key32FromHex(hex + "00").ok());
  std::string upper = hex;
  upper[21] = 'A';
  EXPECT_FALSE(Key32FromHex(upper).ok());
  EXPECT_EQ(Key32FromHex("xyz").status().message(), "expected 64 hex digits");
}

TEST(SignedJsonTest, SignAndVerifyIgnoringTheSignatureMember) {
  ASSERT_GE(sodium_init(), 0);
  std::array<uint8_t, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  nlohmann::json doc = {{"version", "2026.11.2"},
                        {"files", {{"services/a.json", {{"ten", "Chứng thực"}}}}},
                        {"kiosk_keys", nlohmann::json::array()}};
  const std::string signature = SignJsonDocument(sk, doc);
  EXPECT_EQ(signature.size(), 128u);
  doc["signature"] = signature;
  EXPECT_TRUE(VerifyJsonDocument(pk, doc));
  // Signing a document that already has a signature member ignores it.
  EXPECT_EQ(SignJsonDocument(sk, doc), signature);
  // Key order does not matter (nlohmann sorts), content does.
  const nlohmann::json reparsed = nlohmann::json::parse(doc.dump());
  EXPECT_TRUE(VerifyJsonDocument(pk, reparsed));
  nlohmann::json changed = doc;
  changed["version"] = "2026.11.3";
  EXPECT_FALSE(VerifyJsonDocument(pk, changed));
  changed = doc;
  changed["extra"] = true;
  EXPECT_FALSE(VerifyJsonDocument(pk, changed));
  changed = doc;
  changed.erase("signature");
  EXPECT_FALSE(VerifyJsonDocument(pk, changed));
  changed = doc;
  changed["signature"] = 5;
  EXPECT_FALSE(VerifyJsonDocument(pk, changed));
  EXPECT_FALSE(VerifyJsonDocument(pk, nlohmann::json::array()));
  std::array<uint8_t, crypto_sign_PUBLICKEYBYTES> other{};
  other[0] = 1;
  EXPECT_FALSE(VerifyJsonDocument(other, doc));
}

TEST(SignedJsonTest, InvalidUtf8NeverVerifies) {
  ASSERT_GE(sodium_init(), 0);
  std::array<uint8_t, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<uint8_t, crypto_sign_SECRETKEYBYTES> sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  nlohmann::json doc = {{"name", "bad \xff byte"}};
  doc["signature"] = SignJsonDocument(sk, doc);  // does not throw
  EXPECT_FALSE(VerifyJsonDocument(pk, doc));
}

}  // namespace
}  // namespace dvc::sync
