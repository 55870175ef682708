#include "app/outbox_desk.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

#include "store/scratch_dir.h"

namespace dvc::kiosk {
namespace {

// A FIFO stands in for the printer's character device: a reader that never
// reads is a printer that stopped taking paper.
class FakePrinter {
 public:
  FakePrinter() : path_(scratch_.File("lp0")) {
    EXPECT_EQ(::mkfifo(path_.c_str(), 0600), 0);
    reader_ = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    EXPECT_GE(reader_, 0);
  }
  ~FakePrinter() {
    if (reader_ >= 0) ::close(reader_);
  }
  const std::string& path() const { return path_; }
  std::vector<uint8_t> Drain() {
    std::vector<uint8_t> got(1 << 16);
    const ssize_t n = ::read(reader_, got.data(), got.size());
    got.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return got;
  }

 private:
  store::ScratchDir scratch_;
  std::string path_;
  int reader_ = -1;
};

TEST(WriteToPrinterTest, APrinterThatTakesTheJobGetsEveryByte) {
  FakePrinter printer;
  const std::vector<uint8_t> job = {0x1B, '@', 'a', 'b', 'c'};
  ASSERT_TRUE(WriteToPrinter(printer.path(), job, std::chrono::milliseconds(1000)).ok());
  EXPECT_EQ(printer.Drain(), job);
}

TEST(WriteToPrinterTest, AStalledPrinterTimesOutInsteadOfFreezingTheScreen) {
  FakePrinter printer;
  // Larger than a pipe's buffer, and nobody reads: the write cannot finish.
  const std::vector<uint8_t> job(4 << 20, 0xAA);
  const Status s = WriteToPrinter(printer.path(), job, std::chrono::milliseconds(50));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kIo);
  EXPECT_NE(s.message().find(printer.path()), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("stopped"), std::string::npos) << s.message();
}

TEST(WriteToPrinterTest, AMissingDeviceIsNamed) {
  store::ScratchDir scratch;
  const std::string device = scratch.File("no-such-lp");
  const Status s = WriteToPrinter(device, std::vector<uint8_t>{1, 2, 3}, std::chrono::seconds(1));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kIo);
  EXPECT_NE(s.message().find(device), std::string::npos);
}

}  // namespace
}  // namespace dvc::kiosk
