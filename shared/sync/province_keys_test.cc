#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/file_util.h"
#include "store/scratch_dir.h"
#include "sync/sealing.h"

namespace dvc::sync {
namespace {

std::string SigningPath(const store::ScratchDir& dir) {
  return dir.File("keys/province-signing.key");
}
std::string SealingPath(const store::ScratchDir& dir) {
  return dir.File("keys/province-sealing.key");
}

unsigned ModeOf(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 0777;
}

TEST(ProvinceKeysTest, CreateThenLoadGivesTheSameKeysOwnerOnly) {
  store::ScratchDir dir;
  auto created = ProvinceKeys::Create(dir.File("keys"));
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(ModeOf(SigningPath(dir)), 0600u);
  EXPECT_EQ(ModeOf(SealingPath(dir)), 0600u);
  auto text = core::ReadFile(SigningPath(dir));
  ASSERT_TRUE(text.ok());
  EXPECT_TRUE(text->starts_with("dvc-province-signing-key 1\n"));
  EXPECT_EQ(text->size(), std::string("dvc-province-signing-key 1\n").size() + 65);

  auto loaded = ProvinceKeys::Load(dir.File("keys"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const ProvincePublicKeys pub = loaded->PublicKeys();
  EXPECT_EQ(pub.signer_id, "P");
  EXPECT_EQ(pub.signing_key, created->PublicKeys().signing_key);
  EXPECT_EQ(pub.sealing_key, created->PublicKeys().sealing_key);
  EXPECT_NE(pub.signing_key, pub.sealing_key);

  // The loaded keys work: a box sealed to the public key opens, a signature verifies.
  auto opened = OpenSealed(loaded->sealing_public(), loaded->sealing_secret(),
                           Seal(created->sealing_public(), "bí mật"));
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "bí mật");
  nlohmann::json doc = {{"version", "1"}};
  doc["signature"] = SignJsonDocument(loaded->signing_secret(), doc);
  EXPECT_TRUE(VerifyJsonDocument(created->signing_public(), doc));
}

TEST(ProvinceKeysTest, CreateRefusesToReplaceKeys) {
  store::ScratchDir dir;
  auto first = ProvinceKeys::Create(dir.File("keys"));
  ASSERT_TRUE(first.ok());
  const auto before = core::ReadFile(SigningPath(dir));
  auto second = ProvinceKeys::Create(dir.File("keys"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(*core::ReadFile(SigningPath(dir)), *before);
  // Even when only one of the two is there.
  std::filesystem::remove(SigningPath(dir));
  auto half = ProvinceKeys::Create(dir.File("keys"));
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.status().code(), ErrorCode::kConflict);
  EXPECT_FALSE(std::filesystem::exists(SigningPath(dir)));
}

TEST(ProvinceKeysTest, LoadReportsAbsentKeysWithTheCommand) {
  store::ScratchDir dir;
  auto r = ProvinceKeys::Load(dir.File("none"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kIo);
  EXPECT_NE(r.status().message().find("sms-gateway keys init"), std::string::npos);
}

TEST(ProvinceKeysTest, LoadRefusesKeysOthersCanRead) {
  store::ScratchDir dir;
  ASSERT_TRUE(ProvinceKeys::Create(dir.File("keys")).ok());
  ASSERT_EQ(::chmod(SealingPath(dir).c_str(), 0640), 0);
  auto r = ProvinceKeys::Load(dir.File("keys"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kConflict);
  EXPECT_NE(r.status().message().find("chmod 600"), std::string::npos);
  ASSERT_EQ(::chmod(SealingPath(dir).c_str(), 0604), 0);
  EXPECT_FALSE(ProvinceKeys::Load(dir.File("keys")).ok());
  ASSERT_EQ(::chmod(SealingPath(dir).c_str(), 0600), 0);
  EXPECT_TRUE(ProvinceKeys::Load(dir.File("keys")).ok());
}

TEST(ProvinceKeysTest, LoadRefusesCorruptFiles) {
  store::ScratchDir dir;
  ASSERT_TRUE(ProvinceKeys::Create(dir.File("keys")).ok());
  const std::string good = *core::ReadFile(SigningPath(dir));
  std::string wrong_header = good;
  wrong_header.replace(0, 24, "dvc-province-sealing-key");  // the other kind's file
  std::string bad_digit = good;
  bad_digit[30] = 'g';
  const std::string cases[] = {
      "",
      good.substr(0, good.size() - 1),         // no final newline
      good + "\n",                             // longer
      good.substr(0, good.size() - 3) + "\n",  // short seed
      wrong_header,
      bad_digit,
  };
  for (const std::string& text : cases) {
    ASSERT_TRUE(core::WriteFileAtomically(SigningPath(dir), text, 0600).ok());
    auto r = ProvinceKeys::Load(dir.File("keys"));
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), ErrorCode::kCorrupt) << r.status().message();
  }
  ASSERT_TRUE(core::WriteFileAtomically(SigningPath(dir), good, 0600).ok());
  EXPECT_TRUE(ProvinceKeys::Load(dir.File("keys")).ok());
}

TEST(ProvinceKeysTest, MoveWipesTheSourceSecrets) {
  store::ScratchDir dir;
  auto created = ProvinceKeys::Create(dir.File("keys"));
  ASSERT_TRUE(created.ok());
  ProvinceKeys& source = *created;
  const auto public_hex = source.PublicKeys();
  ProvinceKeys moved(std::move(source));
  const auto zero = [](std::span<const uint8_t> bytes) {
    return std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) { return b == 0; });
  };
  EXPECT_TRUE(zero(source.signing_secret()));  // NOLINT(bugprone-use-after-move): the point
  EXPECT_TRUE(zero(source.sealing_secret()));
  EXPECT_FALSE(zero(moved.signing_secret()));
  EXPECT_EQ(moved.PublicKeys().sealing_key, public_hex.sealing_key);
  ProvinceKeys assigned = std::move(moved);
  EXPECT_TRUE(zero(moved.sealing_secret()));  // NOLINT(bugprone-use-after-move)
  EXPECT_FALSE(zero(assigned.sealing_secret()));
}

}  // namespace
}  // namespace dvc::sync
