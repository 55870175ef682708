// Enrolment, request authentication, and the operator's kiosk actions.
#include <sodium.h>

#include <map>

#include "core/hex.h"
#include "receipt/qr_payload.h"
#include "service/gateway_service.h"
#include "service/service_impl.h"
#include "store/audit_log.h"
#include "store/transaction.h"
#include "sync/enrolment_code.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dvc::gateway {
namespace {

constexpr int64_t kNonceKeepS = 15 * 60;
constexpr int64_t kLastSeenWriteEveryMs = 10'000;
constexpr size_t kMaxKioskNameBytes = 200;

std::optional<sync::ApiError> CheckCommune(const GatewayService::Impl& impl,
                                           std::string_view commune, int64_t now_s) {
  bool digits = commune.size() == 5 && std::all_of(commune.begin(), commune.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return MakeApiError(400, "bad_request", "commune_code: expected 5 digits");
  if (impl.units) {
    auto local = calendar::LocalDateTime::FromUnixSeconds(now_s);
    if (local.ok() && impl.units->UnitAt(commune, local->date) == nullptr) {
      return MakeApiError(400, "bad_request",
                          "commune_code: " + std::string(commune) + " is not a commune in force");
    }
  }
  return std::nullopt;
}

KioskInfo ReadKioskInfo(const store::Statement& s) {
  KioskInfo k;
  k.kiosk_id = s.ColumnInt64(0);
  k.commune_code = s.ColumnText(1);
  k.name = s.ColumnText(2);
  k.issuer = static_cast<uint32_t>(s.ColumnInt64(3));
  k.signer_id = s.ColumnText(4);
  k.public_key = core::HexOf(s.ColumnBlob(5));
  k.enrolled_at = FromUnix(s.ColumnInt64(6));
  if (!s.ColumnIsNull(7)) k.last_seen = FromUnix(s.ColumnInt64(7));
  if (!s.ColumnIsNull(8)) k.revoked_at = FromUnix(s.ColumnInt64(8));
  return k;
}

constexpr store::Sql kSelectKiosks =
    "SELECT kiosk_id, commune_code, name, issuer, signer_id, public_key, enrolled_at, last_seen, "
    "revoked_at FROM kiosks ORDER BY kiosk_id";
constexpr store::Sql kSelectKiosk =
    "SELECT kiosk_id, commune_code, name, issuer, signer_id, public_key, enrolled_at, last_seen, "
    "revoked_at FROM kiosks WHERE kiosk_id = ?";

// The issuer a new kiosk of `commune` gets: the one it asked for (the issuer
// of the codes its outbox already holds) when no kiosk ever had it, else the
// next one above every issuer ever given (the lowest never given once 1023 is
// reached). Kiosk rows are never deleted, so revoked kiosks' issuers count as
// given: an issuer is never reused. Errors: 409 commune_mismatch,
// issuer_taken, issuers_exhausted; internal.
ApiResult<int64_t> ChooseIssuer(store::Database& db, const std::string& commune,
                                const sync::EnrollRequest& request) {
  if (request.issuer && request.issuer_commune != commune) {
    return MakeApiError(409, "commune_mismatch",
                        "this kiosk's queued dossiers have codes of commune " +
                            request.issuer_commune + " but the enrolment code is for commune " +
                            commune +
                            "; the code was not spent: ask the operator for a code of commune " +
                            request.issuer_commune);
  }
  auto given = db.Prepare("issuers given",
                          "SELECT issuer, kiosk_id FROM kiosks WHERE commune_code = ? "
                          "ORDER BY issuer");
  if (!given.ok()) return InternalError(given.status());
  if (auto s = given->BindText(1, commune); !s.ok()) return InternalError(s);
  std::map<int64_t, int64_t> holder;  // issuer -> kiosk id
  for (;;) {
    auto row = given->Step();
    if (!row.ok()) return InternalError(row.status());
    if (!*row) break;
    holder[given->ColumnInt64(0)] = given->ColumnInt64(1);
  }
  if (request.issuer) {
    const int64_t wanted = *request.issuer;
    auto it = holder.find(wanted);
    if (it == holder.end()) return wanted;
    const std::string n = std::to_string(wanted);
    return MakeApiError(
        409, "issuer_taken",
        "issuer " + n + " of commune " + commune + " was given to kiosk " +
            std::to_string(it->second) +
            " already (an issuer is never reused), and this kiosk's "
            "queued dossiers carry codes of issuer " +
            n +
            " (its issuer_number before enrolment), which no other issuer can deliver. The code "
            "was not spent. The operator should check with `sms-gateway kiosk list` which kiosk "
            "has issuer " +
            n +
            "; this kiosk can only be enrolled once its queued dossiers are "
            "registered some other way (at the counter) and its outbox emptied");
  }
  const int64_t limit = static_cast<int64_t>(dossier::DossierCode::kIssuerCount);
  if (holder.empty()) return int64_t{1};
  if (holder.rbegin()->first + 1 < limit) return holder.rbegin()->first + 1;
  for (int64_t i = 1; i < limit; ++i) {
    if (!holder.contains(i)) return i;
  }
  return MakeApiError(409, "issuers_exhausted",
                      "commune " + commune + " has used all 1023 kiosk issuer numbers");
}

}  // namespace

ApiResult<sync::EnrollResponse> GatewayService::Enroll(const sync::EnrollRequest& request) {
  auto code = sync::ParseEnrolmentCode(request.code);
  if (!code.ok()) return MakeApiError(400, "bad_request", "code: " + code.status().message());
  auto key = sync::Key32FromHex(request.public_key);
  if (!key.ok()) return MakeApiError(400, "bad_request", "public_key: " + key.status().message());
  if (!sync::VerifyEnrolmentProof(*code, request.public_key, request.proof)) {
    return MakeApiError(400, "bad_proof",
                        "the proof is not a signature of the code by this public key");
  }
  const std::vector<uint8_t> code_hash = Sha256(*code);
  const int64_t now = impl_->NowS();
  receipt::PublicKey public_key{};
  std::copy(key->begin(), key->end(), public_key.begin());
  const std::string signer_id = receipt::KioskSignerId(public_key);

  sync::EnrollResponse response;
  response.province = impl_->options.keys->PublicKeys();
  if (auto current = impl_->CurrentCatalog()) response.catalog_version = current->version;
  std::lock_guard lock(impl_->write_mu);
  store::Database& db = *impl_->writer;
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return InternalError(tx.status());
  auto find = db.Prepare("find enrolment code",
                         "SELECT commune_code, name, expires_at, used_at IS NOT NULL, "
                         "COALESCE(kiosk_id, 0) FROM enrolment_codes WHERE code_hash = ?");
  if (!find.ok()) return InternalError(find.status());
  if (auto s = find->BindBlob(1, code_hash); !s.ok()) return InternalError(s);
  auto row = find->Step();
  if (!row.ok()) return InternalError(row.status());
  if (!*row) {
    return MakeApiError(403, "enrolment_code_unknown",
                        "no enrolment code " + sync::FormatEnrolmentCode(*code) + " was issued");
  }
  const std::string commune = find->ColumnText(0);
  const std::string name = find->ColumnText(1);
  const bool expired = find->ColumnInt64(2) <= now;
  const bool used = find->ColumnInt64(3) != 0;
  const int64_t used_by = find->ColumnInt64(4);
  auto taken = db.Prepare("find kiosk key",
                          "SELECT kiosk_id, commune_code, name, issuer, signer_id, "
                          "revoked_at IS NOT NULL FROM kiosks WHERE public_key = ?");
  if (!taken.ok()) return InternalError(taken.status());
  if (auto s = taken->BindBlob(1, *key); !s.ok()) return InternalError(s);
  auto taken_row = taken->Step();
  if (!taken_row.ok()) return InternalError(taken_row.status());
  if (*taken_row) {
    // A key already enrolled: the kiosk lost the answer (link cut, crash,
    // kiosk.db not written) and asks again. The code that enrolled it, or a
    // fresh valid one (left unspent), gets the stored enrolment back.
    const int64_t kiosk_id = taken->ColumnInt64(0);
    if (taken->ColumnInt64(5) != 0) {
      return MakeApiError(409, "key_already_enrolled",
                          "this public key belongs to kiosk " + std::to_string(kiosk_id) +
                              ", which was revoked; a revoked kiosk's key cannot enrol again");
    }
    if (used && used_by != kiosk_id) {
      return MakeApiError(403, "enrolment_code_used", "this enrolment code was used already");
    }
    if (!used && expired) {
      return MakeApiError(403, "enrolment_code_expired",
                          "this enrolment code expired; ask the operator for a new one");
    }
    response.kiosk_id = kiosk_id;
    response.commune_code = taken->ColumnText(1);
    response.name = taken->ColumnText(2);
    response.issuer = static_cast<uint32_t>(taken->ColumnInt64(3));
    response.signer_id = taken->ColumnText(4);
    return response;
  }
  if (used) return MakeApiError(403, "enrolment_code_used", "this enrolment code was used already");
  if (expired) {
    return MakeApiError(403, "enrolment_code_expired",
                        "this enrolment code expired; ask the operator for a new one");
  }
  auto issuer = ChooseIssuer(db, commune, request);
  if (!issuer.ok()) return issuer.error();
  auto insert = db.Prepare("insert kiosk",
                           "INSERT INTO kiosks(commune_code, name, issuer, public_key, signer_id, "
                           "software, enrolled_at) VALUES(?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return InternalError(insert.status());
  Status s = insert->BindText(1, commune);
  if (s.ok()) s = insert->BindText(2, name);
  if (s.ok()) s = insert->BindInt64(3, *issuer);
  if (s.ok()) s = insert->BindBlob(4, *key);
  if (s.ok()) s = insert->BindText(5, signer_id);
  if (s.ok()) s = insert->BindText(6, text::SanitizeUtf8(request.software));
  if (s.ok()) s = insert->BindInt64(7, now);
  if (s.ok()) s = insert->Run();
  if (!s.ok()) return InternalError(s);
  const int64_t kiosk_id = db.LastInsertRowId();
  auto spend =
      db.Prepare("spend enrolment code",
                 "UPDATE enrolment_codes SET used_at = ?, kiosk_id = ? WHERE code_hash = ?");
  if (!spend.ok()) return InternalError(spend.status());
  s = spend->BindInt64(1, now);
  if (s.ok()) s = spend->BindInt64(2, kiosk_id);
  if (s.ok()) s = spend->BindBlob(3, code_hash);
  if (s.ok()) s = spend->Run();
  if (s.ok()) {
    s = AppendAudit(db, now, "kiosk:" + std::to_string(kiosk_id), "kiosk.enroll",
                    std::to_string(kiosk_id),
                    "commune " + commune + ", issuer " + std::to_string(*issuer) +
                        (request.issuer ? " (its codes issued before enrolment)" : "") +
                        ", signer " + signer_id + ", name " + name);
  }
  if (s.ok()) s = tx->Commit();
  if (!s.ok()) return InternalError(s);

  response.kiosk_id = kiosk_id;
  response.commune_code = commune;
  response.name = name;
  response.issuer = static_cast<uint32_t>(*issuer);
  response.signer_id = signer_id;
  return response;
}

ApiResult<KioskRef> GatewayService::Authenticate(std::string_view method,
                                                 std::string_view path_and_query,
                                                 const sync::SignatureHeaders& headers,
                                                 std::string_view body,
                                                 const std::vector<std::string>& extra_lines) {
  sync::ParsedSignature parsed;
  if (auto error = sync::ParseSignatureHeaders(headers, parsed)) return *error;
  auto record = impl_->FindKiosk(parsed.kiosk_id);
  if (!record.ok()) return InternalError(record.status());
  if (!record->has_value()) {
    return MakeApiError(401, "unknown_kiosk",
                        "no kiosk has the id " + std::to_string(parsed.kiosk_id));
  }
  const KioskRecord& kiosk = **record;
  if (kiosk.revoked) {
    return MakeApiError(401, "revoked_kiosk",
                        "kiosk " + std::to_string(parsed.kiosk_id) + " was revoked");
  }
  const int64_t now_ms = impl_->NowMs();
  const int64_t now_s = Impl::FloorDiv(now_ms, 1000);
  if (auto error = sync::VerifyRequest(kiosk.public_key, parsed, method, path_and_query, body,
                                       now_s, extra_lines)) {
    return *error;
  }
  bool write_last_seen = false;
  {
    std::lock_guard lock(impl_->kiosk_mu);
    impl_->last_seen_ms[kiosk.ref.kiosk_id] = now_ms;
    int64_t& written = impl_->last_seen_written_ms[kiosk.ref.kiosk_id];
    if (written == 0 || now_ms - written >= kLastSeenWriteEveryMs || now_ms < written) {
      written = now_ms;
      write_last_seen = true;
    }
  }
  std::lock_guard lock(impl_->write_mu);
  store::Database& db = *impl_->writer;
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return InternalError(tx.status());
  auto insert = db.Prepare(
      "record nonce", "INSERT OR IGNORE INTO nonces(kiosk_id, nonce, seen_at) VALUES(?, ?, ?)");
  if (!insert.ok()) return InternalError(insert.status());
  Status s = insert->BindInt64(1, kiosk.ref.kiosk_id);
  if (s.ok()) s = insert->BindText(2, parsed.nonce);
  if (s.ok()) s = insert->BindInt64(3, now_s);
  if (s.ok()) s = insert->Run();
  if (!s.ok()) return InternalError(s);
  if (db.ChangedRows() == 0) {
    return MakeApiError(401, "replayed_nonce", "this nonce was used already");
  }
  if (now_s - impl_->last_nonce_prune_s >= 60) {
    auto prune = db.Prepare("prune nonces", "DELETE FROM nonces WHERE seen_at < ?");
    if (!prune.ok()) return InternalError(prune.status());
    s = prune->BindInt64(1, now_s - kNonceKeepS);
    if (s.ok()) s = prune->Run();
    if (!s.ok()) return InternalError(s);
    impl_->last_nonce_prune_s = now_s;
  }
  if (write_last_seen) {
    auto seen =
        db.Prepare("record last seen", "UPDATE kiosks SET last_seen = ? WHERE kiosk_id = ?");
    if (!seen.ok()) return InternalError(seen.status());
    s = seen->BindInt64(1, now_s);
    if (s.ok()) s = seen->BindInt64(2, kiosk.ref.kiosk_id);
    if (s.ok()) s = seen->Run();
    if (!s.ok()) return InternalError(s);
  }
  s = tx->Commit();
  if (!s.ok()) return InternalError(s);
  return kiosk.ref;
}

ApiResult<EnrolmentTicket> GatewayService::CreateEnrolment(std::string_view commune_code,
                                                           std::string_view name,
                                                           std::string_view actor) {
  const int64_t now = impl_->NowS();
  if (auto error = CheckCommune(*impl_, commune_code, now)) return *error;
  if (!text::IsValidUtf8(name)) return MakeApiError(400, "bad_request", "name: not UTF-8");
  std::string clean = text::ToNfc(name);
  if (clean.empty() || clean.size() > kMaxKioskNameBytes) {
    return MakeApiError(400, "bad_request", "name: give 1 to 200 bytes");
  }
  // The enrol answer carries the name and the kiosk's reader refuses control
  // characters (shared/sync's text rules): such a kiosk could never enrol.
  if (std::any_of(clean.begin(), clean.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
      })) {
    return MakeApiError(400, "bad_request",
                        "name: control characters (line breaks, tabs) are not allowed");
  }
  EnrolmentTicket ticket;
  ticket.code = sync::NewEnrolmentCode();
  ticket.display = sync::FormatEnrolmentCode(ticket.code);
  ticket.expires_at = FromUnix(now + impl_->options.enrolment_code_ttl_s);
  std::lock_guard lock(impl_->write_mu);
  store::Database& db = *impl_->writer;
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return InternalError(tx.status());
  auto insert = db.Prepare("insert enrolment code",
                           "INSERT INTO enrolment_codes(code_hash, commune_code, name, "
                           "created_at, expires_at) VALUES(?, ?, ?, ?, ?)");
  if (!insert.ok()) return InternalError(insert.status());
  Status s = insert->BindBlob(1, Sha256(ticket.code));
  if (s.ok()) s = insert->BindText(2, commune_code);
  if (s.ok()) s = insert->BindText(3, clean);
  if (s.ok()) s = insert->BindInt64(4, now);
  if (s.ok()) s = insert->BindInt64(5, ToUnix(ticket.expires_at));
  if (s.ok()) s = insert->Run();
  // The code itself is never logged: the audit log is readable by more people.
  if (s.ok()) {
    s = AppendAudit(db, now, actor, "enrolment.create", std::string(commune_code),
                    "name " + clean + ", expires " + dossier::FormatTimestamp(ticket.expires_at));
  }
  if (s.ok()) s = tx->Commit();
  if (!s.ok()) return InternalError(s);
  return ticket;
}

ApiResult<std::vector<KioskInfo>> GatewayService::ListKiosks() {
  auto db = impl_->readers->Acquire();
  if (!db.ok()) return InternalError(db.status());
  auto select = (*db)->Prepare("list kiosks", kSelectKiosks);
  if (!select.ok()) return InternalError(select.status());
  std::vector<KioskInfo> out;
  while (true) {
    auto row = select->Step();
    if (!row.ok()) return InternalError(row.status());
    if (!*row) break;
    out.push_back(ReadKioskInfo(*select));
  }
  std::lock_guard lock(impl_->kiosk_mu);
  for (KioskInfo& k : out) {
    if (auto it = impl_->last_seen_ms.find(k.kiosk_id); it != impl_->last_seen_ms.end()) {
      k.last_seen = FromUnix(Impl::FloorDiv(it->second, 1000));
    }
  }
  return out;
}

ApiResult<KioskInfo> GatewayService::RevokeKiosk(int64_t kiosk_id, std::string_view actor) {
  const int64_t now = impl_->NowS();
  std::lock_guard lock(impl_->write_mu);
  store::Database& db = *impl_->writer;
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return InternalError(tx.status());
  auto revoke = db.Prepare(
      "revoke kiosk", "UPDATE kiosks SET revoked_at = ? WHERE kiosk_id = ? AND revoked_at IS NULL");
  if (!revoke.ok()) return InternalError(revoke.status());
  Status s = revoke->BindInt64(1, now);
  if (s.ok()) s = revoke->BindInt64(2, kiosk_id);
  if (s.ok()) s = revoke->Run();
  if (!s.ok()) return InternalError(s);
  const bool changed = db.ChangedRows() > 0;
  if (changed) {
    s = AppendAudit(db, now, actor, "kiosk.revoke", std::to_string(kiosk_id), "");
    if (!s.ok()) return InternalError(s);
  }
  auto select = db.Prepare("read kiosk", kSelectKiosk);
  if (!select.ok()) return InternalError(select.status());
  if (s = select->BindInt64(1, kiosk_id); !s.ok()) return InternalError(s);
  auto row = select->Step();
  if (!row.ok()) return InternalError(row.status());
  if (!*row)
    return MakeApiError(404, "unknown_kiosk", "no kiosk has the id " + std::to_string(kiosk_id));
  KioskInfo info = ReadKioskInfo(*select);
  select->Reset();
  if (s = tx->Commit(); !s.ok()) return InternalError(s);
  // Refused from the next request on. The revoked record is written to the
  // cache whether or not an entry exists: a FindKiosk that read the row from a
  // snapshot before this commit and has not inserted it yet then finds this
  // entry and keeps it (it never overwrites), instead of caching "not revoked".
  KioskRecord record;
  record.ref = {info.kiosk_id, info.commune_code, info.issuer, info.signer_id, info.name};
  auto key = sync::Key32FromHex(info.public_key);
  if (!key.ok()) return InternalError(key.status());
  std::copy(key->begin(), key->end(), record.public_key.begin());
  record.revoked = true;
  std::lock_guard kiosk_lock(impl_->kiosk_mu);
  impl_->kiosks.insert_or_assign(kiosk_id, std::move(record));
  return info;
}

}  // namespace dvc::gateway
