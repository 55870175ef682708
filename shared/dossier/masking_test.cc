#include "dossier/masking.h"

#include <gtest/gtest.h>

namespace dvc::dossier {
namespace {

TEST(MaskingTest, NamesKeepTheFamilyNameAndInitials) {
  EXPECT_EQ(MaskName("Nguyễn Văn An"), "Nguyễn V. A.");
  EXPECT_EQ(MaskName("  Đỗ   Thị  Ánh "), "Đỗ T. Á.");
  EXPECT_EQ(MaskName("Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An"), "Nguyễn V. A.");  // NFD in
  EXPECT_EQ(MaskName("An"), "A.");
  EXPECT_EQ(MaskName(""), "");
  EXPECT_EQ(MaskName("\xFF\xFE"), "\xEF\xBF\xBD.");  // invalid bytes do not pass through
}

TEST(MaskingTest, PhonesShowTheirEnds) {
  EXPECT_EQ(MaskPhone("0912345678"), "091****678");
  EXPECT_EQ(MaskPhone("84912345678"), "849*****678");
  EXPECT_EQ(MaskPhone("12345"), "***45");
  EXPECT_EQ(MaskPhone(""), "");
}

}  // namespace
}  // namespace dvc::dossier
