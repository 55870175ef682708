// Fixtures for the USSD tests: the repository's menu and catalog, a layout
// over them, and the check every screen must pass. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "text/gsm7.h"
#include "ussd/ussd_layout.h"
#include "ussd/ussd_menu.h"

namespace dvc::gateway::ussd_test {

inline const std::string kSourceDir = DVC_SOURCE_DIR;

inline UssdMenu RealMenu() { return LoadUssdMenu(kSourceDir + "/assets/ussd/menu.json").value(); }

inline std::shared_ptr<const catalog::Catalog> RealCatalog() {
  return std::make_shared<const catalog::Catalog>(
      catalog::LoadCatalog(kSourceDir + "/assets/catalog").value());
}

// What the phone shows must be GSM-7 (checked by the shared encoder, not
// the layout's own count), plain ASCII for Vietnamese, and fit one screen.
inline void ExpectFitsScreen(const std::string& text, const std::string& where) {
  Result<std::string> septets = text::EncodeGsm7(text);
  ASSERT_TRUE(septets.ok()) << where << ": " << septets.status().message();
  EXPECT_LE(septets->size(), kUssdScreenSeptets) << where << ":\n" << text;
  EXPECT_FALSE(text.empty()) << where;
  for (char c : text) {
    EXPECT_TRUE(static_cast<unsigned char>(c) < 0x80) << where << ": not ASCII:\n" << text;
  }
}

}  // namespace dvc::gateway::ussd_test
