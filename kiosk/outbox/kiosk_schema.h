// The schema of <data_dir>/kiosk.db: one migration list for every table the
// kiosk keeps (code issuer, outbox, staff PIN), so whoever opens the file
// first migrates all of it. Append new steps; never edit a shipped one.
//
// Thread-safety: constant data.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "dossier/dossier.h"
#include "store/database.h"
#include "store/migration.h"

namespace dvc::kiosk {

// <data_dir>/kiosk.db: the one place the file's name is spelled (Outbox,
// StaffPin and the tools all open it through this).
std::string KioskDatabasePath(const std::string& data_dir);

// Every migration of kiosk.db, in order.
std::span<const store::Migration> KioskMigrations();

// Reading a dossier's attachment refs (table dossier_attachments), for the
// Outbox's entries and the SyncQueue's push envelopes alike: prepare once,
// then read each dossier's refs, ordered by field then sha256, appended to
// `out`. Errors: kIo.
Result<store::Statement> PrepareAttachmentRefs(store::Database& db);
Status ReadAttachmentRefs(store::Statement& select, int64_t dossier_seq,
                          std::vector<dossier::AttachmentRef>& out);

}  // namespace dvc::kiosk
