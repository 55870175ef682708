// CodeIssuer: hands out an issuer's dossier codes, durably, one at a time.
//
// The issuer's state lives in the table `dossier_code_issuers` (kCodeIssuerSchema;
// put it in the database's migration list): its 32-byte secret, made once from
// libsodium's random bytes, and the next counter. NextInTransaction() advances
// the counter inside the caller's transaction, so a code and the record that
// carries it (the kiosk's dossier) commit together (synchronous FULL): a crash
// or power cut at any point can lose an unused number but never hand out the
// same code twice, provided the caller shows the code only after the commit.
// kiosk/outbox/outbox_test.cc (KilledKioskKeepsEveryDossierItShowedAReceiptFor)
// kills the kiosk's process at random points to check this end to end.
//
// A kiosk whose database is lost must be enrolled again (a new issuer number):
// with a fresh secret and counter, an old number could repeat.
//
// Thread-safety: one thread at a time (like its Database). Several CodeIssuers of
// the same issuer, in one process or several, are safe: each code is issued in
// an IMMEDIATE transaction. Ownership: borrows the Database, which must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "dossier/code_permutation.h"
#include "dossier/dossier_code.h"
#include "store/database.h"
#include "store/transaction.h"

namespace dvc::dossier {

// Schema of the issuer table, for the owner's migration list, e.g.
//   {3, "dossier code issuers", kCodeIssuerSchema}
inline constexpr store::Sql kCodeIssuerSchema =
    "CREATE TABLE dossier_code_issuers("
    "  commune_code TEXT NOT NULL CHECK (length(commune_code) = 5),"
    "  issuer INTEGER NOT NULL CHECK (issuer BETWEEN 0 AND 1023),"
    "  secret BLOB NOT NULL CHECK (length(secret) = 32),"
    "  next_counter INTEGER NOT NULL DEFAULT 0 CHECK (next_counter >= 0),"
    "  PRIMARY KEY (commune_code, issuer)"
    ") WITHOUT ROWID;";

class CodeIssuer {
 public:
  // Loads issuer (commune_code, issuer) from `db`, creating its row (a new secret,
  // counter 0) the first time. Errors: kInvalidInput for a bad commune code or
  // issuer number; kConflict if `db` is not opened with Synchronous::kFull (a
  // power cut could then undo a handed-out counter); SQLite errors (e.g. "no such
  // table: dossier_code_issuers" when the schema is missing); kCorrupt for a
  // damaged row.
  static Result<std::unique_ptr<CodeIssuer>> Open(store::Database& db,
                                                  std::string_view commune_code, uint32_t issuer);

  // The next code, issued inside the caller's open transaction `tx` (which
  // must be on this issuer's database, IMMEDIATE so the counter read and its
  // increment cannot interleave with another writer): the counter's increment
  // commits or rolls back with whatever else the caller writes, e.g. the
  // dossier that carries the code. No code is ever handed out twice as long
  // as the caller shows the code to nobody before tx->Commit() has succeeded;
  // on rollback the counter is not advanced, and the code was never seen.
  // Errors: kConflict when the issuer has used all 2^30 counters or `tx` is not
  // active; SQLite errors. On error the caller should roll back.
  Result<DossierCode> NextInTransaction(store::Transaction& tx);

  // How many codes this issuer has handed out (the next counter).
  Result<uint64_t> IssuedCount();

  const std::string& commune_code() const { return commune_code_; }
  uint32_t issuer() const { return issuer_; }

  // Use Open.
  CodeIssuer(store::Database& db, std::string commune_code, uint32_t issuer,
             const IssuerSecret& secret);

 private:
  store::Database& db_;
  std::string commune_code_;
  uint32_t issuer_;
  CounterPermutation permutation_;
};

}  // namespace dvc::dossier
