#include "core/file_util.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dvc::core {
namespace {

namespace fs = std::filesystem;

class FileUtilTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dvc_file_util_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  size_t EntryCount() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {}));
  }

  fs::path dir_;
};

TEST_F(FileUtilTest, WritesThenReplacesWholeFile) {
  const std::string path = (dir_ / "a.bin").string();
  ASSERT_TRUE(WriteFileAtomically(path, std::string_view("first contents, longer")).ok());
  EXPECT_EQ(Read(path), "first contents, longer");
  ASSERT_TRUE(WriteFileAtomically(path, std::string_view("second")).ok());
  EXPECT_EQ(Read(path), "second");
  EXPECT_EQ(EntryCount(), 1u) << "no temporary file may be left behind";
}

TEST_F(FileUtilTest, BinaryBytesKeptExactly) {
  const std::string path = (dir_ / "b.bin").string();
  const std::vector<uint8_t> bytes = {0, 255, 10, 13, 0, 1};
  ASSERT_TRUE(WriteFileAtomically(path, bytes).ok());
  const std::string back = Read(path);
  ASSERT_EQ(back.size(), bytes.size());
  EXPECT_EQ(std::vector<uint8_t>(back.begin(), back.end()), bytes);
}

TEST_F(FileUtilTest, MissingDirectoryIsAnIoErrorNamingThePath) {
  const std::string path = (dir_ / "no-such-dir" / "c.bin").string();
  Status s = WriteFileAtomically(path, std::string_view("x"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kIo);
  EXPECT_NE(s.message().find("no-such-dir"), std::string::npos) << s.message();
}

TEST_F(FileUtilTest, ReadFileReturnsEveryByteAndRefusesOversizeAndMissing) {
  const std::string path = (dir_ / "r.bin").string();
  const std::string bytes = std::string("a\0b", 3) + std::string(200000, 'x');
  ASSERT_TRUE(WriteFileAtomically(path, bytes).ok());
  Result<std::string> all = ReadFile(path);
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(*all, bytes);
  EXPECT_TRUE(ReadFile(path, bytes.size()).ok());
  Result<std::string> big = ReadFile(path, bytes.size() - 1);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(big.status().message(), path + ": larger than 200002 bytes");
  Result<std::string> missing = ReadFile(path + ".none");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kIo);
  EXPECT_EQ(missing.status().message(),
            path + ".none: cannot open the file: No such file or directory");
  EXPECT_EQ(ReadFile(dir_.string()).status().code(), ErrorCode::kIo);  // a directory
}

TEST_F(FileUtilTest, CreateDirectoriesDurablyMakesNestedAndAcceptsExisting) {
  const std::string nested = (dir_ / "x" / "y" / "receipts").string();
  ASSERT_TRUE(CreateDirectoriesDurably(nested).ok());
  EXPECT_TRUE(fs::is_directory(nested));
  EXPECT_TRUE(CreateDirectoriesDurably(nested).ok());
  EXPECT_TRUE(CreateDirectoriesDurably(nested + "/").ok());
  EXPECT_TRUE(CreateDirectoriesDurably((dir_ / "p" / "q" / "").string()).ok());
  EXPECT_TRUE(fs::is_directory(dir_ / "p" / "q"));
}

TEST_F(FileUtilTest, CreateDirectoriesOverAFileFails) {
  const std::string file = (dir_ / "plain").string();
  ASSERT_TRUE(WriteFileAtomically(file, std::string_view("x")).ok());
  Status s = CreateDirectoriesDurably(file);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kIo);
}

// SHA-256("abc"), FIPS 180-2 appendix B.1.
constexpr char kAbcSha256[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST_F(FileUtilTest, ModeIsApplied) {
  const std::string path = (dir_ / "key").string();
  ASSERT_TRUE(WriteFileAtomically(path, std::string_view("secret"), 0600).ok());
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(FileUtilTest, KeepOldRefusesToReplaceAndLeavesNoTemp) {
  const std::string path = (dir_ / "key").string();
  ASSERT_TRUE(WriteFileAtomically(path, std::string_view("first"), 0600, IfExists::kKeepOld).ok());
  Status again = WriteFileAtomically(path, std::string_view("second"), 0600, IfExists::kKeepOld);
  EXPECT_EQ(again.code(), ErrorCode::kConflict) << again.message();
  EXPECT_EQ(Read(path), "first");
  EXPECT_EQ(EntryCount(), 1u);
}

TEST_F(FileUtilTest, ContentStoreNamesFilesByHashAndKeepsOneCopy) {
  const std::string source = (dir_ / "scan.jpg").string();
  ASSERT_TRUE(WriteFileAtomically(source, std::string_view("abc")).ok());
  const std::string store = (dir_ / "store").string();
  ASSERT_TRUE(CreateDirectoriesDurably(store).ok());
  auto first = CopyIntoContentStore(source, store, 0600, 1 << 20);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(*first, kAbcSha256);
  EXPECT_EQ(Read(fs::path(store) / kAbcSha256), "abc");
  auto second = CopyIntoContentStore(source, store, 0600, 1 << 20);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(*second, kAbcSha256);
  EXPECT_EQ(std::distance(fs::directory_iterator(store), {}), 1) << "one file, no temporaries";
}

TEST_F(FileUtilTest, ContentStoreRefusesOversizeAndMissingSourcesLeavingNothing) {
  const std::string source = (dir_ / "big.pdf").string();
  ASSERT_TRUE(WriteFileAtomically(source, std::string(100, 'x')).ok());
  const std::string store = (dir_ / "store").string();
  ASSERT_TRUE(CreateDirectoriesDurably(store).ok());
  auto big = CopyIntoContentStore(source, store, 0600, 99);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), ErrorCode::kInvalidInput) << big.status().message();
  auto missing = CopyIntoContentStore((dir_ / "nope.jpg").string(), store, 0600, 99);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kIo);
  EXPECT_NE(missing.status().message().find("nope.jpg"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(store));
}

TEST_F(FileUtilTest, Sha256OfFileMatchesTheStandardVectorAndLimitsSize) {
  const std::string path = (dir_ / "abc").string();
  ASSERT_TRUE(WriteFileAtomically(path, std::string_view("abc")).ok());
  auto sha = Sha256OfFile(path, 3);
  ASSERT_TRUE(sha.ok());
  EXPECT_EQ(*sha, kAbcSha256);
  EXPECT_EQ(Sha256OfFile(path, 2).status().code(), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace dvc::core
