#include "store/database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <string>
#include <type_traits>

#include "store/scratch_dir.h"
#include "store/store_test_util.h"
#include "store/transaction.h"

namespace dvc::store {
namespace {

// SQL can only come from constants.
static_assert(!std::is_constructible_v<Sql, std::string>);
static_assert(!std::is_convertible_v<const char*, Sql>);
static_assert(!std::is_convertible_v<std::string_view, Sql>);

constexpr Migration kV1[] = {
    {1, "create people", "CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"},
};
constexpr Migration kV2[] = {
    kV1[0],
    {2, "add phone to people",
     "ALTER TABLE people ADD COLUMN phone TEXT NOT NULL DEFAULT '';"
     "UPDATE people SET phone = 'unknown';"},
};
// Migration 2 fails half-way: its first statement works, its second does not.
constexpr Migration kBrokenV2[] = {
    kV1[0],
    {2, "add pets",
     "CREATE TABLE pets(id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES(1);"},
};

int64_t QueryInt(Database& db, Sql sql) {
  auto stmt = db.Prepare("query", sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status().message();
  if (!stmt.ok()) return -1;
  auto row = stmt->Step();
  EXPECT_TRUE(row.ok() && *row);
  return row.ok() && *row ? stmt->ColumnInt64(0) : -1;
}

bool TableExists(Database& db, std::string_view name) {
  auto stmt = db.Prepare("find table", "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?");
  EXPECT_TRUE(stmt.ok());
  EXPECT_TRUE(stmt->BindText(1, name).ok());
  auto row = stmt->Step();
  return row.ok() && *row;
}

TEST(DatabaseTest, FreshDatabaseIsConfiguredAndMigrated) {
  ScratchDir dir;
  auto db = OpenOrFail(dir.File("a.db"), kV2);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(*db->UserVersion(), 2);
  EXPECT_TRUE(TableExists(*db, "people"));
  auto mode = db->Prepare("mode", "PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(*mode->Step());
  EXPECT_EQ(mode->ColumnText(0), "wal");
  EXPECT_EQ(QueryInt(*db, "PRAGMA synchronous"), 2);  // FULL
  EXPECT_EQ(QueryInt(*db, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(QueryInt(*db, "PRAGMA busy_timeout"), 5000);
}

TEST(DatabaseTest, OptionsAreApplied) {
  ScratchDir dir;
  OpenOptions options;
  options.synchronous = Synchronous::kNormal;
  options.busy_timeout = std::chrono::milliseconds(250);
  auto db = OpenOrFail(dir.File("a.db"), kV1, options);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(QueryInt(*db, "PRAGMA synchronous"), 1);  // NORMAL
  EXPECT_EQ(QueryInt(*db, "PRAGMA busy_timeout"), 250);
}

TEST(DatabaseTest, OlderDatabaseIsMigratedForwardAndKeepsItsData) {
  ScratchDir dir;
  const std::string path = dir.File("a.db");
  {
    auto db = OpenOrFail(path, kV1);
    ASSERT_NE(db, nullptr);
    ASSERT_OK(
        db->Exec("seed", "INSERT INTO people(name) VALUES('Nguyễn Văn An'), ('Trần Thị Bình')"));
    EXPECT_EQ(*db->UserVersion(), 1);
  }
  auto db = OpenOrFail(path, kV2);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(*db->UserVersion(), 2);
  auto rows = db->Prepare("list", "SELECT name, phone FROM people ORDER BY id");
  ASSERT_TRUE(rows.ok());
  ASSERT_TRUE(*rows->Step());
  EXPECT_EQ(rows->ColumnText(0), "Nguyễn Văn An");
  EXPECT_EQ(rows->ColumnText(1), "unknown");
  ASSERT_TRUE(*rows->Step());
  EXPECT_EQ(rows->ColumnText(0), "Trần Thị Bình");
  EXPECT_FALSE(*rows->Step());
}

TEST(DatabaseTest, NewerDatabaseIsRefused) {
  ScratchDir dir;
  const std::string path = dir.File("a.db");
  ASSERT_NE(OpenOrFail(path, kV2), nullptr);
  auto old_program = Database::Open(path, kV1);
  ASSERT_FALSE(old_program.ok());
  EXPECT_EQ(old_program.status().code(), ErrorCode::kConflict);
  EXPECT_NE(old_program.status().message().find("schema version 2, newer than this program's 1"),
            std::string::npos)
      << old_program.status().message();
  EXPECT_NE(old_program.status().message().find(path), std::string::npos);
  // And the file was not touched: the newer program still opens it.
  EXPECT_NE(OpenOrFail(path, kV2), nullptr);
}

TEST(DatabaseTest, FailingMigrationIsRolledBack) {
  ScratchDir dir;
  const std::string path = dir.File("a.db");
  auto broken = Database::Open(path, kBrokenV2);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("migration 2 (add pets): no such table: no_such_table"),
            std::string::npos)
      << broken.status().message();
  auto db = OpenOrFail(path, kV1);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(*db->UserVersion(), 1);  // migration 1 stayed, migration 2 left nothing
  EXPECT_TRUE(TableExists(*db, "people"));
  EXPECT_FALSE(TableExists(*db, "pets"));
}

TEST(DatabaseTest, MigrationListMustIncrease) {
  constexpr Migration kBad[] = {
      {2, "second", "CREATE TABLE b(x);"},
      {2, "again", "CREATE TABLE c(x);"},
  };
  ScratchDir dir;
  auto db = Database::Open(dir.File("a.db"), kBad);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kInternal);
  EXPECT_NE(db.status().message().find("version 2 (again) does not follow version 2"),
            std::string::npos);
}

TEST(DatabaseTest, MissingFileWithoutCreateIsAnError) {
  ScratchDir dir;
  OpenOptions options;
  options.create_if_missing = false;
  auto db = Database::Open(dir.File("absent.db"), kV1, options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kIo);
  EXPECT_NE(db.status().message().find("absent.db"), std::string::npos);
}

TEST(DatabaseTest, AFileThatIsNotADatabaseIsCorrupt) {
  ScratchDir dir;
  const std::string path = dir.File("junk.db");
  std::ofstream(path) << std::string(4096, 'x');
  auto db = Database::Open(path, kV1);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kCorrupt) << db.status().message();
  EXPECT_NE(db.status().message().find("file is not a database"), std::string::npos);
}

TEST(DatabaseTest, ConstraintErrorsNameThePurposeAndTheConstraint) {
  constexpr Migration kDossiers[] = {
      {1, "dossiers",
       "CREATE TABLE dossiers(id INTEGER PRIMARY KEY, code TEXT UNIQUE NOT NULL);"
       "CREATE TABLE notes(dossier INTEGER NOT NULL REFERENCES dossiers(id));"},
  };
  ScratchDir dir;
  auto db = OpenOrFail(dir.File("a.db"), kDossiers);
  ASSERT_NE(db, nullptr);
  auto insert = db->Prepare("insert dossier", "INSERT INTO dossiers(code) VALUES(?)");
  ASSERT_TRUE(insert.ok());
  ASSERT_OK(insert->BindText(1, "12345-22-ABC-DEF-G"));
  ASSERT_OK(insert->Run());
  EXPECT_EQ(db->ChangedRows(), 1);
  EXPECT_EQ(db->LastInsertRowId(), 1);
  insert->Reset();
  Status duplicate = insert->Run();
  EXPECT_EQ(duplicate.code(), ErrorCode::kConflict);
  EXPECT_EQ(duplicate.message(), "insert dossier: UNIQUE constraint failed: dossiers.code");

  // Foreign keys are enforced on every connection.
  auto note = db->Prepare("insert note", "INSERT INTO notes(dossier) VALUES(42)");
  ASSERT_TRUE(note.ok());
  Status orphan = note->Run();
  EXPECT_EQ(orphan.code(), ErrorCode::kConflict);
  EXPECT_EQ(orphan.message(), "insert note: FOREIGN KEY constraint failed");
}

TEST(DatabaseTest, BadSqlNamesThePurpose) {
  ScratchDir dir;
  auto db = OpenOrFail(dir.File("a.db"), kV1);
  ASSERT_NE(db, nullptr);
  auto stmt = db->Prepare("list pets", "SELECT * FROM pets");
  ASSERT_FALSE(stmt.ok());
  EXPECT_EQ(stmt.status().message(), "list pets: no such table: pets");
  Status s = db->Exec("drop pets", "DROP TABLE pets");
  EXPECT_EQ(s.message(), "drop pets: no such table: pets");
}

TEST(DatabaseTest, InMemoryDatabaseWorks) {
  auto db = OpenOrFail(":memory:", kV2);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(*db->UserVersion(), 2);
}

}  // namespace
}  // namespace dvc::store
