#include "receipt/qr_code.h"

#include <gtest/gtest.h>

#include <string>

namespace dvc::receipt {
namespace {

// ISO/IEC 18004 finder pattern: a 7x7 dark ring, light ring, 3x3 dark core.
bool FinderAt(const QrMatrix& qr, int x0, int y0) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
      const bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      if (qr.At(x0 + x, y0 + y) != (ring || core)) return false;
    }
  }
  return true;
}

TEST(QrModulesTest, SymbolHasItsFinderPatternsAndSize) {
  Result<QrMatrix> qr = QrModules("DVC1|123457K4HQ2M9X|1.001193|202611270830|20261202");
  ASSERT_TRUE(qr.ok()) << qr.status().message();
  EXPECT_EQ(qr->size, 17 + 4 * qr->version);
  EXPECT_EQ(qr->dark.size(), static_cast<size_t>(qr->size * qr->size));
  EXPECT_TRUE(FinderAt(*qr, 0, 0));
  EXPECT_TRUE(FinderAt(*qr, qr->size - 7, 0));
  EXPECT_TRUE(FinderAt(*qr, 0, qr->size - 7));
  EXPECT_FALSE(FinderAt(*qr, qr->size - 7, qr->size - 7));
}

TEST(QrModulesTest, VersionGrowsWithPayloadUpToVersion10AtMaximum) {
  // 8-bit capacities at level M: version 9 holds 180 bytes, version 10 holds 213.
  Result<QrMatrix> small = QrModules(std::string(20, 'a'));
  Result<QrMatrix> v10 = QrModules(std::string(213, 'a'));
  Result<QrMatrix> v11 = QrModules(std::string(214, 'a'));
  ASSERT_TRUE(small.ok() && v10.ok() && v11.ok());
  EXPECT_LT(small->version, v10->version);
  EXPECT_EQ(v10->version, 10);
  EXPECT_EQ(v11->version, 11);
}

TEST(QrModulesTest, RefusesWhatCannotBeEncoded) {
  EXPECT_EQ(QrModules("").status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(QrModules(std::string("a\0b", 3)).status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(QrModules(std::string(5000, 'z')).status().code(), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace dvc::receipt
