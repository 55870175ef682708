// Helpers shared by the store tests. A header, not a .cc, because the build
// puts every non-test .cc into the library.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <span>
#include <string>

#include "core/status.h"
#include "store/database.h"
#include "store/migration.h"

// Fails the current test with the status message unless `expr` (a
// dvc::Status) is ok. A macro because ASSERT_* must return from the test body.
#define ASSERT_OK(expr)                                                 \
  do {                                                                  \
    const ::dvc::Status assert_ok_status_ = (expr);                     \
    ASSERT_TRUE(assert_ok_status_.ok()) << assert_ok_status_.message(); \
  } while (0)

namespace dvc::store {

// Opens (creating and migrating) the database at `path`; on failure records a
// test failure with the message and returns nullptr, so the test goes on to
// report rather than abort the binary.
inline std::unique_ptr<Database> OpenOrFail(const std::string& path,
                                            std::span<const Migration> migrations,
                                            const OpenOptions& options = {}) {
  auto db = Database::Open(path, migrations, options);
  if (!db.ok()) {
    ADD_FAILURE() << db.status().message();
    return nullptr;
  }
  return std::move(db).value();
}

}  // namespace dvc::store
