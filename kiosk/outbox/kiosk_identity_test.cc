#include "outbox/kiosk_identity.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "receipt/qr_payload.h"
#include "store/scratch_dir.h"

namespace dvc::kiosk {
namespace {

TEST(KioskIdentityTest, CreatedOnceOwnerOnlyThenLoaded) {
  store::ScratchDir scratch;
  const std::string dir = scratch.File("data");
  auto first = KioskIdentity::LoadOrCreate(dir);
  ASSERT_TRUE(first.ok()) << first.status().message();
  struct stat info {};
  ASSERT_EQ(stat((dir + "/kiosk.key").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  auto again = KioskIdentity::LoadOrCreate(dir);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_TRUE(std::equal(first->public_key().begin(), first->public_key().end(),
                         again->public_key().begin()));
  EXPECT_EQ(first->signer_id(), again->signer_id());
  // The id printed in QR codes is the one format receipts use for kiosks.
  receipt::PublicKey key{};
  std::copy(first->public_key().begin(), first->public_key().end(), key.begin());
  EXPECT_EQ(first->signer_id(), receipt::KioskSignerId(key));
  EXPECT_TRUE(receipt::IsSignerId(first->signer_id()));

  // What the key signs, its public key verifies.
  const std::string message = "12430A7K4HQ2M9X|chung-thuc-ban-sao";
  uint8_t signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const uint8_t*>(message.data()),
                       message.size(), again->secret_key().data());
  EXPECT_EQ(crypto_sign_verify_detached(signature, reinterpret_cast<const uint8_t*>(message.data()),
                                        message.size(), first->public_key().data()),
            0);

  // Another kiosk gets another key.
  auto other = KioskIdentity::LoadOrCreate(scratch.File("other"));
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->signer_id(), first->signer_id());
}

TEST(KioskIdentityTest, RefusesAKeyOthersCanReadOrADamagedOne) {
  store::ScratchDir scratch;
  const std::string dir = scratch.File("data");
  ASSERT_TRUE(KioskIdentity::LoadOrCreate(dir).ok());
  const std::string path = dir + "/kiosk.key";
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  auto readable = KioskIdentity::LoadOrCreate(dir);
  ASSERT_FALSE(readable.ok());
  EXPECT_EQ(readable.status().code(), ErrorCode::kConflict);
  EXPECT_NE(readable.status().message().find("chmod 600"), std::string::npos);

  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  {
    std::ofstream out(path, std::ios::trunc);
    out << "dvc-kiosk-key 1\nnot hex\n";
  }
  auto damaged = KioskIdentity::LoadOrCreate(dir);
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().code(), ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace dvc::kiosk
