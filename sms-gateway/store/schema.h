// The gateway database's schema (data_dir/gateway.db), as migrations for
// store::Database::Open. Every table the service writes lives here; see
// schema.cc for the tables and why they look the way they do.
//
// Thread-safety: constant data.
#pragma once

#include <span>

#include "store/migration.h"

namespace dvc::gateway {

// The migration list, oldest first.
std::span<const store::Migration> GatewayMigrations();

}  // namespace dvc::gateway
