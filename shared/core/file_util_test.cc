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

TEST_F(FileUtilTest, CreateDirectoriesDurablyMakesNestedAndAcceptsExisting) {
  const std::string nested = (dir_ / "x" / "y" / "receipts").string();
  ASSERT_TRUE(CreateDirectoriesDurably(nested).ok());
  EXPECT_TRUE(fs::is_directory(nested));
  EXPECT_TRUE(CreateDirectoriesDurably(nested).ok());
  EXPECT_TRUE(CreateDirectoriesDurably(nested + "/").ok());
}

TEST_F(FileUtilTest, CreateDirectoriesOverAFileFails) {
  const std::string file = (dir_ / "plain").string();
  ASSERT_TRUE(WriteFileAtomically(file, std::string_view("x")).ok());
  Status s = CreateDirectoriesDurably(file);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kIo);
}

}  // namespace
}  // namespace dvc::core
