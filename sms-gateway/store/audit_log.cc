#include "store/audit_log.h"

#include <sodium.h>

#include <array>

namespace dvc::gateway {
namespace {

using Hash = std::array<uint8_t, crypto_hash_sha256_BYTES>;

void AddPart(crypto_hash_sha256_state& state, std::string_view part) {
  // Length-prefixed so that ("ab", "c") and ("a", "bc") hash differently.
  uint64_t n = part.size();
  std::array<uint8_t, 8> len{};
  for (int i = 0; i < 8; ++i) len[i] = static_cast<uint8_t>(n >> (8 * i));
  crypto_hash_sha256_update(&state, len.data(), len.size());
  crypto_hash_sha256_update(&state, reinterpret_cast<const uint8_t*>(part.data()), part.size());
}

Hash RowHash(const Hash& prev, const AuditEntry& e) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, prev.data(), prev.size());
  AddPart(state, std::to_string(e.seq));
  AddPart(state, std::to_string(e.at_s));
  AddPart(state, e.actor);
  AddPart(state, e.action);
  AddPart(state, e.subject);
  AddPart(state, e.detail);
  Hash out{};
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

bool ToHash(const std::vector<uint8_t>& blob, Hash& out) {
  if (blob.size() != out.size()) return false;
  std::copy(blob.begin(), blob.end(), out.begin());
  return true;
}

}  // namespace

Status AppendAudit(store::Database& db, int64_t at_s, std::string_view actor,
                   std::string_view action, std::string_view subject, std::string_view detail) {
  if (!db.InTransaction()) return Status::Internal("audit log: append outside a transaction");
  auto last = db.Prepare("read last audit row",
                         "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!last.ok()) return last.status();
  auto row = last->Step();
  if (!row.ok()) return row.status();
  Hash prev{};
  int64_t seq = 1;
  if (*row) {
    seq = last->ColumnInt64(0) + 1;
    if (!ToHash(last->ColumnBlob(1), prev)) return Status::Corrupt("audit log: bad hash length");
  }
  AuditEntry entry{seq,
                   at_s,
                   std::string(actor),
                   std::string(action),
                   std::string(subject),
                   std::string(detail)};
  Hash hash = RowHash(prev, entry);
  auto insert = db.Prepare("append audit row",
                           "INSERT INTO audit_log(seq, at, actor, action, subject, detail, "
                           "prev_hash, hash) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  DVC_RETURN_IF_ERROR(insert->BindInt64(1, seq));
  DVC_RETURN_IF_ERROR(insert->BindInt64(2, at_s));
  DVC_RETURN_IF_ERROR(insert->BindText(3, actor));
  DVC_RETURN_IF_ERROR(insert->BindText(4, action));
  DVC_RETURN_IF_ERROR(insert->BindText(5, subject));
  DVC_RETURN_IF_ERROR(insert->BindText(6, detail));
  DVC_RETURN_IF_ERROR(insert->BindBlob(7, prev));
  DVC_RETURN_IF_ERROR(insert->BindBlob(8, hash));
  return insert->Run();
}

Result<std::vector<AuditEntry>> ReadAudit(store::Database& db, int64_t after, int limit) {
  auto select = db.Prepare("read audit log",
                           "SELECT seq, at, actor, action, subject, detail FROM audit_log "
                           "WHERE seq > ? ORDER BY seq LIMIT ?");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindInt64(1, after));
  DVC_RETURN_IF_ERROR(select->BindInt64(2, limit));
  std::vector<AuditEntry> out;
  while (true) {
    auto row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({select->ColumnInt64(0), select->ColumnInt64(1), select->ColumnText(2),
                   select->ColumnText(3), select->ColumnText(4), select->ColumnText(5)});
  }
  return out;
}

Status VerifyAuditChain(store::Database& db) {
  auto select = db.Prepare("verify audit log",
                           "SELECT seq, at, actor, action, subject, detail, prev_hash, hash "
                           "FROM audit_log ORDER BY seq");
  if (!select.ok()) return select.status();
  Hash prev{};
  int64_t expected_seq = 1;
  while (true) {
    auto row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    AuditEntry e{select->ColumnInt64(0), select->ColumnInt64(1), select->ColumnText(2),
                 select->ColumnText(3),  select->ColumnText(4),  select->ColumnText(5)};
    Hash stored_prev{}, stored{};
    if (!ToHash(select->ColumnBlob(6), stored_prev) || !ToHash(select->ColumnBlob(7), stored)) {
      return Status::Corrupt("audit log row " + std::to_string(e.seq) + ": bad hash length");
    }
    if (e.seq != expected_seq) {
      return Status::Corrupt("audit log: row " + std::to_string(expected_seq) +
                             " is missing (next is " + std::to_string(e.seq) + ")");
    }
    if (stored_prev != prev || RowHash(prev, e) != stored) {
      return Status::Corrupt("audit log row " + std::to_string(e.seq) +
                             ": hash does not match its content and the previous row");
    }
    prev = stored;
    ++expected_seq;
  }
}

}  // namespace dvc::gateway
