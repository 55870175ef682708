#include "dossier/code_issuer.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <string>
#include <vector>

#include "store/scratch_dir.h"

namespace dvc::dossier {
namespace {

constexpr store::Migration kSchema[] = {{1, "dossier code issuers", kCodeIssuerSchema}};

std::unique_ptr<store::Database> OpenDb(const std::string& path,
                                        store::Synchronous sync = store::Synchronous::kFull) {
  store::OpenOptions options;
  options.synchronous = sync;
  auto db = store::Database::Open(path, kSchema, options);
  EXPECT_TRUE(db.ok()) << db.status().message();
  return db.ok() ? std::move(db).value() : nullptr;
}

std::unique_ptr<CodeIssuer> OpenIssuer(store::Database& db, uint32_t issuer = 12) {
  auto opened = CodeIssuer::Open(db, "08317", issuer);
  EXPECT_TRUE(opened.ok()) << opened.status().message();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

std::vector<std::string> Issue(CodeIssuer& issuer, int n) {
  std::vector<std::string> codes;
  for (int i = 0; i < n; ++i) {
    auto code = issuer.Next();
    EXPECT_TRUE(code.ok()) << code.status().message();
    if (code.ok()) codes.push_back(code->compact());
  }
  return codes;
}

TEST(CodeIssuerTest, CodesCarryTheIssuerAndNeverRepeatAcrossReopen) {
  store::ScratchDir dir;
  const std::string path = dir.File("kiosk.db");
  std::set<std::string> seen;
  for (int session = 0; session < 4; ++session) {
    auto db = OpenDb(path);
    ASSERT_NE(db, nullptr);
    auto issuer = OpenIssuer(*db);
    ASSERT_NE(issuer, nullptr);
    EXPECT_EQ(*issuer->IssuedCount(), static_cast<uint64_t>(session * 25));
    for (const std::string& code : Issue(*issuer, 25)) {
      EXPECT_TRUE(seen.insert(code).second) << "repeated " << code;
      EXPECT_EQ(code.substr(0, 5), "08317");
      auto parsed = ParseDossierCode(code);
      ASSERT_TRUE(parsed.ok());
      EXPECT_EQ(parsed->issuer(), 12u);
    }
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(CodeIssuerTest, KilledProcessNeverCausesARepeat) {
  // A child hands out codes, reports each through a pipe the moment it has it,
  // then is killed without closing anything; the parent reopens the database and
  // carries on. Repeated for several kill points.
  store::ScratchDir dir;
  const std::string path = dir.File("kiosk.db");
  std::set<std::string> seen;
  for (int handed_out : {0, 1, 3, 10}) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      auto db = OpenDb(path);
      if (db == nullptr) _exit(2);
      auto issuer = OpenIssuer(*db);
      if (issuer == nullptr) _exit(2);
      for (int i = 0; i < handed_out; ++i) {
        auto code = issuer->Next();
        if (!code.ok()) _exit(3);
        const std::string line = code->compact() + "\n";
        if (write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(4);
      }
      raise(SIGKILL);
    }
    close(fds[1]);
    std::string received;
    char buffer[256];
    for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) received.append(buffer, n);
    close(fds[0]);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    size_t lines = 0;
    for (size_t start = 0, end; (end = received.find('\n', start)) != std::string::npos;
         start = end + 1) {
      EXPECT_TRUE(seen.insert(received.substr(start, end - start)).second);
      ++lines;
    }
    EXPECT_EQ(lines, static_cast<size_t>(handed_out));

    auto db = OpenDb(path);
    ASSERT_NE(db, nullptr);
    auto issuer = OpenIssuer(*db);
    ASSERT_NE(issuer, nullptr);
    for (const std::string& code : Issue(*issuer, 5)) {
      EXPECT_TRUE(seen.insert(code).second) << "repeated after a kill: " << code;
    }
  }
}

TEST(CodeIssuerTest, TwoConnectionsShareOneCounter) {
  store::ScratchDir dir;
  const std::string path = dir.File("kiosk.db");
  auto db_a = OpenDb(path);
  auto db_b = OpenDb(path);
  ASSERT_NE(db_a, nullptr);
  ASSERT_NE(db_b, nullptr);
  auto a = OpenIssuer(*db_a);
  auto b = OpenIssuer(*db_b);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    for (CodeIssuer* issuer : {a.get(), b.get()}) {
      auto code = issuer->Next();
      ASSERT_TRUE(code.ok()) << code.status().message();
      EXPECT_TRUE(seen.insert(code->compact()).second);
    }
  }
  EXPECT_EQ(*a->IssuedCount(), 40u);
}

TEST(CodeIssuerTest, EachIssuerHasItsOwnSecret) {
  store::ScratchDir dir;
  auto db = OpenDb(dir.File("gateway.db"));
  ASSERT_NE(db, nullptr);
  auto first = OpenIssuer(*db, 1);
  auto second = OpenIssuer(*db, 2);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  // Same counter, different issuers: the permuted parts differ as well as the issuer.
  auto a = first->Next();
  auto b = second->Next();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->scrambled(), b->scrambled());
}

TEST(CodeIssuerTest, RefusesWhatWouldBreakDurability) {
  store::ScratchDir dir;
  auto normal = OpenDb(dir.File("normal.db"), store::Synchronous::kNormal);
  ASSERT_NE(normal, nullptr);
  auto refused = CodeIssuer::Open(*normal, "08317", 1);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kConflict);
  EXPECT_NE(refused.status().message().find("synchronous FULL"), std::string::npos);

  auto db = OpenDb(dir.File("kiosk.db"));
  ASSERT_NE(db, nullptr);
  EXPECT_FALSE(CodeIssuer::Open(*db, "8317", 1).ok());
  EXPECT_FALSE(CodeIssuer::Open(*db, "08317", 1024).ok());
  auto issuer = OpenIssuer(*db);
  ASSERT_NE(issuer, nullptr);
  ASSERT_TRUE(db->Exec("begin", "BEGIN").ok());
  auto inside = issuer->Next();
  ASSERT_FALSE(inside.ok());
  EXPECT_EQ(inside.status().code(), ErrorCode::kConflict);
  ASSERT_TRUE(db->Exec("rollback", "ROLLBACK").ok());
}

TEST(CodeIssuerTest, ExhaustedIssuerSaysToEnrolAgain) {
  store::ScratchDir dir;
  auto db = OpenDb(dir.File("kiosk.db"));
  ASSERT_NE(db, nullptr);
  auto issuer = OpenIssuer(*db);
  ASSERT_NE(issuer, nullptr);
  auto set_last = db->Prepare("test: jump to the last counter",
                              "UPDATE dossier_code_issuers SET next_counter = 1073741823");
  ASSERT_TRUE(set_last.ok());
  ASSERT_TRUE(set_last->Run().ok());
  ASSERT_TRUE(issuer->Next().ok());  // the very last code
  auto exhausted = issuer->Next();
  ASSERT_FALSE(exhausted.ok());
  EXPECT_NE(exhausted.status().message().find("enrol the kiosk again"), std::string::npos);
  EXPECT_EQ(*issuer->IssuedCount(), uint64_t{1} << 30);  // nothing moved
}

TEST(CodeIssuerTest, MissingSchemaIsReported) {
  auto db = store::Database::Open(":memory:", {});
  ASSERT_TRUE(db.ok());
  auto issuer = CodeIssuer::Open(**db, "08317", 1);
  ASSERT_FALSE(issuer.ok());
  EXPECT_NE(issuer.status().message().find("no such table: dossier_code_issuers"),
            std::string::npos)
      << issuer.status().message();
}

TEST(CodeIssuerTest, CodeInsideACallersTransactionCommitsOrRollsBackWithIt) {
  // The kiosk issues a code and inserts the dossier that carries it in one
  // transaction: a rollback must undo the counter too (the code was never
  // shown, so reusing its counter is safe), a commit must keep both.
  constexpr store::Migration kWithRecords[] = {
      {1, "dossier code issuers", kCodeIssuerSchema},
      {2, "records", "CREATE TABLE records(code TEXT PRIMARY KEY)"}};
  store::ScratchDir dir;
  auto opened = store::Database::Open(dir.File("kiosk.db"), kWithRecords);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  store::Database& db = **opened;
  auto issuer = OpenIssuer(db);
  ASSERT_NE(issuer, nullptr);

  auto record = [&](store::Transaction& tx) -> Result<std::string> {
    auto code = issuer->NextInTransaction(tx);
    if (!code.ok()) return code.status();
    auto insert = db.Prepare("test: insert record", "INSERT INTO records(code) VALUES(?)");
    if (!insert.ok()) return insert.status();
    DVC_RETURN_IF_ERROR(insert->BindText(1, code->compact()));
    DVC_RETURN_IF_ERROR(insert->Run());
    return code->compact();
  };
  std::string rolled_back;
  {
    auto tx = store::Transaction::Begin(db);
    ASSERT_TRUE(tx.ok());
    auto code = record(*tx);
    ASSERT_TRUE(code.ok()) << code.status().message();
    rolled_back = *code;
  }  // destroyed without commit: rolled back
  EXPECT_EQ(*issuer->IssuedCount(), 0u);

  std::string committed;
  {
    auto tx = store::Transaction::Begin(db);
    ASSERT_TRUE(tx.ok());
    auto code = record(*tx);
    ASSERT_TRUE(code.ok()) << code.status().message();
    committed = *code;
    ASSERT_TRUE(tx->Commit().ok());
  }
  // The rolled-back counter is the one handed out again; nobody saw it before.
  EXPECT_EQ(committed, rolled_back);
  EXPECT_EQ(*issuer->IssuedCount(), 1u);
  auto next = issuer->Next();  // the old API continues from the shared counter
  ASSERT_TRUE(next.ok());
  EXPECT_NE(next->compact(), committed);
  EXPECT_EQ(*issuer->IssuedCount(), 2u);

  auto count = db.Prepare("test: count records", "SELECT count(*) FROM records");
  ASSERT_TRUE(count.ok());
  ASSERT_TRUE(*count->Step());
  EXPECT_EQ(count->ColumnInt64(0), 1);
}

TEST(CodeIssuerTest, NextInTransactionNeedsAnOpenTransaction) {
  store::ScratchDir dir;
  auto db = OpenDb(dir.File("kiosk.db"));
  ASSERT_NE(db, nullptr);
  auto issuer = OpenIssuer(*db);
  ASSERT_NE(issuer, nullptr);
  auto tx = store::Transaction::Begin(*db);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(tx->Commit().ok());
  auto code = issuer->NextInTransaction(*tx);
  ASSERT_FALSE(code.ok());
  EXPECT_EQ(code.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(*issuer->IssuedCount(), 0u);
}

}  // namespace
}  // namespace dvc::dossier
