// The schema of <data_dir>/kiosk.db: one migration list for every table the
// kiosk keeps (code issuer, outbox, staff PIN), so whoever opens the file
// first migrates all of it. Append new steps; never edit a shipped one.
//
// Thread-safety: constant data.
#pragma once

#include <span>
#include <string>

#include "store/migration.h"

namespace dvc::kiosk {

// <data_dir>/kiosk.db: the one place the file's name is spelled (Outbox,
// StaffPin and the tools all open it through this).
std::string KioskDatabasePath(const std::string& data_dir);

// Every migration of kiosk.db, in order.
std::span<const store::Migration> KioskMigrations();

}  // namespace dvc::kiosk
