#include "store/migration.h"

#include <string>

#include "store/database.h"
#include "store/transaction.h"

namespace dvc::store {

namespace {

Status CheckList(std::span<const Migration> migrations) {
  int previous = 0;
  for (const Migration& m : migrations) {
    if (m.version <= previous) {
      return Status::Internal("migration list: version " + std::to_string(m.version) + " (" +
                              std::string(m.description) + ") does not follow version " +
                              std::to_string(previous));
    }
    previous = m.version;
  }
  return Status::Ok();
}

std::string Describe(const Migration& m) {
  return "migration " + std::to_string(m.version) + " (" + std::string(m.description) + ")";
}

}  // namespace

Status ApplyMigrations(Database& db, std::span<const Migration> migrations) {
  DVC_RETURN_IF_ERROR(CheckList(migrations));
  const int latest = migrations.empty() ? 0 : migrations.back().version;

  auto current = db.UserVersion();
  if (!current.ok()) return current.status();
  if (*current > latest) {
    return Status::Conflict("the database has schema version " + std::to_string(*current) +
                            ", newer than this program's " + std::to_string(latest) +
                            "; it was written by a newer version of the program: upgrade this "
                            "program instead of opening the file with it");
  }

  for (const Migration& m : migrations) {
    if (m.version <= *current) continue;
    auto tx = Transaction::Begin(db);
    if (!tx.ok()) return tx.status().WithContext(Describe(m));
    // Another process may have applied this step since we looked.
    auto now = db.UserVersion();
    if (!now.ok()) return now.status().WithContext(Describe(m));
    if (*now >= m.version) continue;  // the guard rolls back the empty transaction
    DVC_RETURN_IF_ERROR(db.Exec(Describe(m), m.sql));
    DVC_RETURN_IF_ERROR(db.SetUserVersion(m.version).WithContext(Describe(m)));
    DVC_RETURN_IF_ERROR(tx->Commit().WithContext(Describe(m)));
  }
  return Status::Ok();
}

}  // namespace dvc::store
