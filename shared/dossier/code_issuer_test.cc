#include "dossier/code_issuer.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/scratch_dir.h"
#include "store/store_test_util.h"

namespace dvc::dossier {
namespace {

constexpr store::Migration kSchema[] = {{1, "dossier code issuers", kCodeIssuerSchema}};

std::unique_ptr<store::Database> OpenDb(const std::string& path,
                                        store::Synchronous sync = store::Synchronous::kFull) {
  store::OpenOptions options;
  options.synchronous = sync;
  return store::OpenOrFail(path, kSchema, options);
}

// One code issued and committed on its own, as the kiosk does with the
// dossier that carries it.
Result<DossierCode> IssueOne(store::Database& db, CodeIssuer& issuer) {
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return tx.status();
  auto code = issuer.NextInTransaction(*tx);
  if (!code.ok()) return code.status();
  DVC_RETURN_IF_ERROR(tx->Commit());
  return code;
}

std::unique_ptr<CodeIssuer> OpenIssuer(store::Database& db, uint32_t issuer = 12) {
  auto opened = CodeIssuer::Open(db, "08317", issuer);
  EXPECT_TRUE(opened.ok()) << opened.status().message();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

std::vector<std::string> Issue(store::Database& db, CodeIssuer& issuer, int n) {
  std::vector<std::string> codes;
  for (int i = 0; i < n; ++i) {
    auto code = IssueOne(db, issuer);
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
    for (const std::string& code : Issue(*db, *issuer, 25)) {
      EXPECT_TRUE(seen.insert(code).second) << "repeated " << code;
      EXPECT_EQ(code.substr(0, 5), "08317");
      auto parsed = ParseDossierCode(code);
      ASSERT_TRUE(parsed.ok());
      EXPECT_EQ(parsed->issuer(), 12u);
    }
  }
  EXPECT_EQ(seen.size(), 100u);
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
    for (auto [db, issuer] : {std::pair{db_a.get(), a.get()}, std::pair{db_b.get(), b.get()}}) {
      auto code = IssueOne(*db, *issuer);
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
  auto a = IssueOne(*db, *first);
  auto b = IssueOne(*db, *second);
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
  ASSERT_TRUE(IssueOne(*db, *issuer).ok());  // the very last code
  auto exhausted = IssueOne(*db, *issuer);
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
  auto opened = store::OpenOrFail(dir.File("kiosk.db"), kWithRecords);
  ASSERT_NE(opened, nullptr);
  store::Database& db = *opened;
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
  auto next = IssueOne(db, *issuer);  // continues from the committed counter
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
