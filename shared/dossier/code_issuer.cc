#include "dossier/code_issuer.h"

#include <algorithm>
#include <vector>

#include "store/statement.h"
#include "store/transaction.h"

namespace dvc::dossier {

namespace {

Result<store::Statement> SelectIssuer(store::Database& db, std::string_view commune_code,
                                      uint32_t issuer) {
  auto select = db.Prepare("read dossier code issuer",
                           "SELECT secret, next_counter FROM dossier_code_issuers"
                           " WHERE commune_code = :commune AND issuer = :issuer");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindText(":commune", commune_code));
  DVC_RETURN_IF_ERROR(select->BindInt64(":issuer", issuer));
  return select;
}

std::string Describe(std::string_view commune_code, uint32_t issuer) {
  return "dossier code issuer " + std::string(commune_code) + "/" + std::to_string(issuer);
}

}  // namespace

CodeIssuer::CodeIssuer(store::Database& db, std::string commune_code, uint32_t issuer,
                       const IssuerSecret& secret)
    : db_(db), commune_code_(std::move(commune_code)), issuer_(issuer), permutation_(secret) {}

Result<std::unique_ptr<CodeIssuer>> CodeIssuer::Open(store::Database& db,
                                                     std::string_view commune_code,
                                                     uint32_t issuer) {
  // Validates the commune code and issuer number the same way codes do.
  if (auto probe = DossierCode::FromParts(commune_code, issuer, 0); !probe.ok()) {
    return probe.status();
  }
  const std::string context = Describe(commune_code, issuer);
  if (db.options().synchronous != store::Synchronous::kFull) {
    return Status::Conflict(context +
                            ": the database must use synchronous FULL, or a power cut could "
                            "undo a counter after its code was handed out");
  }

  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return tx.status().WithContext(context);
  IssuerSecret secret;
  bool found = false;
  {  // the statement is finalized before COMMIT
    auto select = SelectIssuer(db, commune_code, issuer);
    if (!select.ok()) return select.status().WithContext(context);
    auto row = select->Step();
    if (!row.ok()) return row.status().WithContext(context);
    found = *row;
    if (found) {
      const std::vector<uint8_t> stored = select->ColumnBlob(0);
      if (stored.size() != secret.size()) {
        return Status::Corrupt(context + ": the stored secret has " +
                               std::to_string(stored.size()) + " bytes instead of 32");
      }
      std::copy(stored.begin(), stored.end(), secret.begin());
    }
  }
  if (!found) {
    secret = NewIssuerSecret();
    auto insert = db.Prepare("create dossier code issuer",
                             "INSERT INTO dossier_code_issuers(commune_code, issuer, secret)"
                             " VALUES(:commune, :issuer, :secret)");
    if (!insert.ok()) return insert.status().WithContext(context);
    DVC_RETURN_IF_ERROR(insert->BindText(":commune", commune_code));
    DVC_RETURN_IF_ERROR(insert->BindInt64(":issuer", issuer));
    DVC_RETURN_IF_ERROR(insert->BindBlob(":secret", secret));
    DVC_RETURN_IF_ERROR(insert->Run().WithContext(context));
  }
  DVC_RETURN_IF_ERROR(tx->Commit().WithContext(context));
  return std::make_unique<CodeIssuer>(db, std::string(commune_code), issuer, secret);
}

Result<DossierCode> CodeIssuer::NextInTransaction(store::Transaction& tx) {
  const std::string context = Describe(commune_code_, issuer_);
  if (!tx.active() || !db_.InTransaction()) {
    return Status::Conflict(context + ": no open transaction on the issuer's database");
  }
  uint64_t counter = 0;
  {
    auto select = SelectIssuer(db_, commune_code_, issuer_);
    if (!select.ok()) return select.status().WithContext(context);
    auto row = select->Step();
    if (!row.ok()) return row.status().WithContext(context);
    if (!*row) return Status::NotFound(context + ": the issuer's row has disappeared");
    const int64_t stored = select->ColumnInt64(1);
    if (stored < 0) return Status::Corrupt(context + ": negative counter");
    counter = static_cast<uint64_t>(stored);
  }
  if (counter >= DossierCode::kCounterLimit) {
    return Status::Conflict(context +
                            ": every code of this issuer has been used; enrol the "
                            "kiosk again to get a new issuer number");
  }
  auto code = MakeDossierCode(commune_code_, issuer_, counter, permutation_);
  if (!code.ok()) return code.status();

  auto update = db_.Prepare("advance dossier code counter",
                            "UPDATE dossier_code_issuers SET next_counter = :next"
                            " WHERE commune_code = :commune AND issuer = :issuer");
  if (!update.ok()) return update.status().WithContext(context);
  DVC_RETURN_IF_ERROR(update->BindInt64(":next", static_cast<int64_t>(counter + 1)));
  DVC_RETURN_IF_ERROR(update->BindText(":commune", commune_code_));
  DVC_RETURN_IF_ERROR(update->BindInt64(":issuer", issuer_));
  DVC_RETURN_IF_ERROR(update->Run().WithContext(context));
  return code;
}

Result<uint64_t> CodeIssuer::IssuedCount() {
  auto select = SelectIssuer(db_, commune_code_, issuer_);
  if (!select.ok()) return select.status();
  auto row = select->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(Describe(commune_code_, issuer_) + ": no such issuer");
  return static_cast<uint64_t>(select->ColumnInt64(1));
}

}  // namespace dvc::dossier
