#include "outbox/enrolment_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>
#include <vector>

#include "core/file_util.h"
#include "core/hex.h"
#include "core/sha256.h"
#include "core/unique_fd.h"
#include "dossier/dossier_code.h"
#include "dossier/masking.h"
#include "outbox/kiosk_schema.h"
#include "outbox/outbox.h"
#include "store/transaction.h"

namespace dvc::kiosk {

namespace {

std::string AttachmentsDir(const std::string& data_dir) { return data_dir + "/attachments"; }

bool IsCommuneCode(std::string_view code) {
  if (code.size() != 5) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Status CheckEnrolment(const Enrolment& enrolment) {
  if (enrolment.kiosk_id <= 0) return Status::InvalidInput("enrolment: kiosk id must be positive");
  if (!IsCommuneCode(enrolment.commune_code)) {
    return Status::InvalidInput("enrolment: commune code \"" + enrolment.commune_code +
                                "\" is not 5 digits");
  }
  if (enrolment.issuer < 1 || enrolment.issuer > 1023) {
    return Status::InvalidInput("enrolment: issuer " + std::to_string(enrolment.issuer) +
                                " is not between 1 and 1023");
  }
  auto key = SealingKeyOf(enrolment);
  if (!key.ok()) return key.status();
  return Status::Ok();
}

// Overwrites `path` with zeros and fsyncs before it is removed, so the clear
// bytes do not linger in the file's blocks for a copy of the raw disk made
// soon after (best effort: flash translation layers may keep old blocks).
// A missing file is fine (wiped before a crash).
Status WipeFile(const std::string& path) {
  core::UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) {
    if (errno == ENOENT) return Status::Ok();
    return Status::Io(path + ": cannot open to wipe: " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return Status::Io(path + ": stat: " + std::strerror(errno));
  const std::vector<char> zeros(64 * 1024, 0);
  for (off_t done = 0; done < st.st_size;) {
    const size_t n =
        static_cast<size_t>(std::min<off_t>(static_cast<off_t>(zeros.size()), st.st_size - done));
    const ssize_t written = ::pwrite(fd.get(), zeros.data(), n, done);
    if (written <= 0) return Status::Io(path + ": wipe: " + std::strerror(errno));
    done += written;
  }
  if (::fsync(fd.get()) != 0) return Status::Io(path + ": fsync: " + std::strerror(errno));
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return Status::Io(path + ": remove: " + std::strerror(errno));
  }
  return Status::Ok();
}

// Replaces every string equal to a key of `renamed` (an attachment's clear
// hash, as attachment fields answer) with its value (the sealed file's hash).
void RenameHashes(nlohmann::json& value, const std::map<std::string, SealedFile>& renamed) {
  if (value.is_string()) {
    auto it = renamed.find(value.get<std::string>());
    if (it != renamed.end()) value = it->second.sha256;
  } else if (value.is_array() || value.is_object()) {
    for (nlohmann::json& item : value) RenameHashes(item, renamed);
  }
}

struct ClearDossier {
  int64_t seq = 0;
  std::string service_id;
  std::string answers;
  std::string phone;
};

Result<std::vector<ClearDossier>> ClearDossiers(store::Database& db) {
  auto select = db.Prepare("enrolment: clear dossiers",
                           "SELECT seq, service_id, answers, phone FROM dossiers WHERE seq NOT IN"
                           " (SELECT dossier_seq FROM dossier_sync) ORDER BY seq");
  if (!select.ok()) return select.status();
  std::vector<ClearDossier> out;
  for (;;) {
    auto row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({select->ColumnInt64(0), select->ColumnText(1), select->ColumnText(2),
                   select->ColumnText(3)});
  }
  return out;
}

// Every file name in the attachment store that has no attachment_sync row
// (clear), with whether a dossier references it.
Result<std::map<std::string, bool>> ClearFiles(store::Database& db, const std::string& dir) {
  std::set<std::string> sealed;
  std::set<std::string> referenced;
  auto s = db.Prepare("enrolment: sealed files", "SELECT sha256 FROM attachment_sync");
  if (!s.ok()) return s.status();
  for (;;) {
    auto row = s->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    sealed.insert(s->ColumnText(0));
  }
  auto r =
      db.Prepare("enrolment: referenced files", "SELECT DISTINCT sha256 FROM dossier_attachments");
  if (!r.ok()) return r.status();
  for (;;) {
    auto row = r->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    referenced.insert(r->ColumnText(0));
  }
  std::map<std::string, bool> out;
  for (const std::string& name : referenced) {
    if (!sealed.contains(name)) out[name] = true;
  }
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    // Regular files only: never follow a link out of the store, never a folder.
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec) || it->is_symlink(type_ec)) continue;
    const std::string name = it->path().filename().string();
    if (!sealed.contains(name) && !referenced.contains(name)) out[name] = false;
  }
  if (ec) return Status::Io(dir + ": " + ec.message());
  return out;
}

Status SealOutbox(store::Database& db, const std::string& data_dir,
                  const sync::SealingPublicKey& key, const catalog::Catalog* catalog,
                  bool first_enrolment) {
  const std::string dir = AttachmentsDir(data_dir);
  auto files = ClearFiles(db, dir);
  if (!files.ok()) return files.status();
  std::map<std::string, SealedFile> renamed;
  auto purge = db.Prepare("enrolment: list clear file",
                          "INSERT OR IGNORE INTO purge_files(name)"
                          " VALUES(?)");
  if (!purge.ok()) return purge.status();
  for (const auto& [name, referenced] : *files) {
    // A clear file no dossier references is a draft's, abandoned: only wiped
    // at the first enrolment (later, every stored file is sealed already and
    // an unreferenced one may belong to a draft being filled in).
    if (!referenced && !first_enrolment) continue;
    if (referenced) {
      auto clear = core::ReadFile(dir + "/" + name, sync::kMaxAttachmentBytes);
      if (!clear.ok()) return clear.status().WithContext("enrolment: attachment");
      auto sealed = WriteSealedAttachment(dir, key, *clear);
      sodium_memzero(clear->data(), clear->size());
      if (!sealed.ok()) return sealed.status();
      renamed[name] = *sealed;
    }
    purge->Reset(true);
    DVC_RETURN_IF_ERROR(purge->BindText(1, name));
    DVC_RETURN_IF_ERROR(purge->Run());
  }
  {
    auto rename =
        db.Prepare("enrolment: rename attachment",
                   "UPDATE dossier_attachments SET sha256 = ?, size = ? WHERE sha256 = ?");
    if (!rename.ok()) return rename.status();
    auto track = db.Prepare("enrolment: track sealed attachment",
                            "INSERT OR IGNORE INTO attachment_sync(sha256, size) VALUES(?, ?)");
    if (!track.ok()) return track.status();
    for (const auto& [old_name, file] : renamed) {
      rename->Reset(true);
      DVC_RETURN_IF_ERROR(rename->BindText(1, file.sha256));
      DVC_RETURN_IF_ERROR(rename->BindInt64(2, static_cast<int64_t>(file.size)));
      DVC_RETURN_IF_ERROR(rename->BindText(3, old_name));
      DVC_RETURN_IF_ERROR(rename->Run());
      track->Reset(true);
      DVC_RETURN_IF_ERROR(track->BindText(1, file.sha256));
      DVC_RETURN_IF_ERROR(track->BindInt64(2, static_cast<int64_t>(file.size)));
      DVC_RETURN_IF_ERROR(track->Run());
    }
  }

  auto dossiers = ClearDossiers(db);
  if (!dossiers.ok()) return dossiers.status();
  auto clear_row = db.Prepare("enrolment: clear the dossier's personal columns",
                              "UPDATE dossiers SET answers = '', phone = '', masked_phone = ?"
                              " WHERE seq = ?");
  if (!clear_row.ok()) return clear_row.status();
  auto queue = db.Prepare("enrolment: queue the sealed dossier",
                          "INSERT INTO dossier_sync(dossier_seq, state, sealed)"
                          " VALUES(?, 'queued', ?)");
  if (!queue.ok()) return queue.status();
  for (ClearDossier& d : *dossiers) {
    sync::PrivatePart part;
    try {
      part.answers = nlohmann::json::parse(d.answers);
    } catch (const nlohmann::json::exception&) {
      return Status::Corrupt("enrolment: dossier " + std::to_string(d.seq) +
                             ": stored answers are not JSON");
    }
    RenameHashes(part.answers, renamed);
    part.phone = d.phone;
    if (catalog != nullptr) {
      if (const catalog::Service* service = catalog->FindService(d.service_id)) {
        auto it = part.answers.find(service->form.applicant_name_field);
        if (it != part.answers.end() && it->is_string()) part.applicant_name = *it;
      }
    }
    std::string plain = sync::ToJson(part).dump();
    const std::string sealed = sync::Seal(key, plain);
    sodium_memzero(plain.data(), plain.size());
    sodium_memzero(d.answers.data(), d.answers.size());
    clear_row->Reset(true);
    DVC_RETURN_IF_ERROR(clear_row->BindText(1, dossier::MaskPhone(d.phone)));
    DVC_RETURN_IF_ERROR(clear_row->BindInt64(2, d.seq));
    DVC_RETURN_IF_ERROR(clear_row->Run());
    queue->Reset(true);
    DVC_RETURN_IF_ERROR(queue->BindInt64(1, d.seq));
    DVC_RETURN_IF_ERROR(queue->BindBlob(
        2, std::span(reinterpret_cast<const uint8_t*>(sealed.data()), sealed.size())));
    DVC_RETURN_IF_ERROR(queue->Run());
  }
  return Status::Ok();
}

Status WriteEnrolmentRow(store::Database& db, const Enrolment& e) {
  auto insert = db.Prepare(
      "enrolment: record",
      "INSERT OR REPLACE INTO enrolment(id, kiosk_id, commune_code, name, issuer, signer_id,"
      " province_signer_id, province_signing_key, province_sealing_key, gateway_url, enrolled_at)"
      " VALUES(1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  DVC_RETURN_IF_ERROR(insert->BindInt64(1, e.kiosk_id));
  DVC_RETURN_IF_ERROR(insert->BindText(2, e.commune_code));
  DVC_RETURN_IF_ERROR(insert->BindText(3, e.name));
  DVC_RETURN_IF_ERROR(insert->BindInt64(4, e.issuer));
  DVC_RETURN_IF_ERROR(insert->BindText(5, e.signer_id));
  DVC_RETURN_IF_ERROR(insert->BindText(6, e.province.signer_id));
  DVC_RETURN_IF_ERROR(insert->BindText(7, e.province.signing_key));
  DVC_RETURN_IF_ERROR(insert->BindText(8, e.province.sealing_key));
  DVC_RETURN_IF_ERROR(insert->BindText(9, e.gateway_url));
  DVC_RETURN_IF_ERROR(insert->BindInt64(10, e.enrolled_at.time_since_epoch().count()));
  return insert->Run();
}

}  // namespace

Status PrepareKioskConnection(store::Database& db) {
  return db.Exec("enable secure delete", "PRAGMA secure_delete = ON");
}

Result<std::unique_ptr<store::Database>> OpenKioskDatabase(const std::string& data_dir,
                                                           bool create) {
  store::OpenOptions options;
  options.synchronous = store::Synchronous::kFull;
  options.create_if_missing = create;
  auto db = store::Database::Open(KioskDatabasePath(data_dir), KioskMigrations(), options);
  if (!db.ok()) return db.status();
  DVC_RETURN_IF_ERROR(PrepareKioskConnection(**db));
  return db;
}

Result<sync::SealingPublicKey> SealingKeyOf(const Enrolment& enrolment) {
  auto key = sync::Key32FromHex(enrolment.province.sealing_key);
  if (!key.ok()) return key.status().WithContext("enrolment: province sealing key");
  return *key;
}

Result<SealedFile> WriteSealedAttachment(const std::string& attachments_dir,
                                         const sync::SealingPublicKey& key,
                                         std::string_view clear) {
  const std::string sealed = sync::Seal(key, clear);
  SealedFile file{core::Sha256Hex(sealed), sealed.size()};
  // Sealing is randomised, so the name is new; kKeepOld only guards the
  // impossible collision.
  Status written = core::WriteFileAtomically(attachments_dir + "/" + file.sha256, sealed, 0600,
                                             core::IfExists::kKeepOld);
  if (!written.ok() && written.code() != ErrorCode::kConflict) return written;
  return file;
}

Result<std::optional<Enrolment>> ReadEnrolment(store::Database& db) {
  auto select = db.Prepare(
      "read enrolment",
      "SELECT kiosk_id, commune_code, name, issuer, signer_id, province_signer_id,"
      " province_signing_key, province_sealing_key, gateway_url, enrolled_at FROM enrolment"
      " WHERE id = 1");
  if (!select.ok()) return select.status();
  auto row = select->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Enrolment>();
  Enrolment e;
  e.kiosk_id = select->ColumnInt64(0);
  e.commune_code = select->ColumnText(1);
  e.name = select->ColumnText(2);
  e.issuer = static_cast<uint32_t>(select->ColumnInt64(3));
  e.signer_id = select->ColumnText(4);
  e.province.signer_id = select->ColumnText(5);
  e.province.signing_key = select->ColumnText(6);
  e.province.sealing_key = select->ColumnText(7);
  e.gateway_url = select->ColumnText(8);
  e.enrolled_at = dossier::Timestamp(std::chrono::seconds(select->ColumnInt64(9)));
  if (!SealingKeyOf(e).ok()) return Status::Corrupt("enrolment: stored sealing key is not hex");
  return std::optional<Enrolment>(std::move(e));
}

Result<std::optional<Enrolment>> LoadEnrolment(const std::string& data_dir) {
  std::error_code ec;
  if (!std::filesystem::exists(KioskDatabasePath(data_dir), ec)) {
    if (ec) return Status::Io(KioskDatabasePath(data_dir) + ": " + ec.message());
    return std::optional<Enrolment>();
  }
  auto db = OpenKioskDatabase(data_dir, /*create=*/false);
  if (!db.ok()) return db.status();
  return ReadEnrolment(**db);
}

Result<std::vector<IssuedCodes>> PendingCodeIssuers(const std::string& data_dir) {
  std::vector<IssuedCodes> out;
  std::error_code ec;
  if (!std::filesystem::exists(KioskDatabasePath(data_dir), ec)) {
    if (ec) return Status::Io(KioskDatabasePath(data_dir) + ": " + ec.message());
    return out;
  }
  auto db = OpenKioskDatabase(data_dir, /*create=*/false);
  if (!db.ok()) return db.status();
  // No dossier_sync row: filed before enrolment. 'acked' ones are delivered
  // and 'set_aside' ones refused for good: their issuer no longer matters.
  auto select = (*db)->Prepare("pending codes",
                               "SELECT d.code FROM dossiers d LEFT JOIN dossier_sync s "
                               "ON s.dossier_seq = d.seq WHERE s.state IS NULL "
                               "OR s.state = 'queued'");
  if (!select.ok()) return select.status();
  std::map<std::pair<std::string, uint32_t>, int64_t> counts;
  for (;;) {
    auto row = select->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    auto code = dossier::ParseDossierCode(select->ColumnText(0));
    if (!code.ok()) return Status::Corrupt("kiosk.db: " + code.status().message());
    ++counts[{std::string(code->commune_code()), code->issuer()}];
  }
  for (const auto& [key, n] : counts) out.push_back({key.first, key.second, n});
  return out;
}

Status FinishPurge(store::Database& db, const std::string& data_dir, bool force) {
  std::vector<std::string> names;
  {
    auto select = db.Prepare("purge: list", "SELECT name FROM purge_files");
    if (!select.ok()) return select.status();
    for (;;) {
      auto row = select->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      names.push_back(select->ColumnText(0));
    }
  }
  if (names.empty() && !force) return Status::Ok();
  const std::string dir = AttachmentsDir(data_dir);
  for (const std::string& name : names) {
    // Names come from our own directory listing; never follow one out of it.
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
      continue;
    }
    DVC_RETURN_IF_ERROR(WipeFile(dir + "/" + name));
  }
  DVC_RETURN_IF_ERROR(core::FsyncDirectory(dir));
  DVC_RETURN_IF_ERROR(db.Exec("purge: forget wiped files", "DELETE FROM purge_files"));
  // VACUUM rewrites the file from live rows only (no free page keeps an old
  // row); TRUNCATE empties the WAL, whose old frames held the clear pages.
  DVC_RETURN_IF_ERROR(db.Exec("purge: vacuum", "VACUUM"));
  auto checkpoint = db.Prepare("purge: truncate the WAL", "PRAGMA wal_checkpoint(TRUNCATE)");
  if (!checkpoint.ok()) return checkpoint.status();
  auto row = checkpoint->Step();
  if (!row.ok()) return row.status();
  if (*row && checkpoint->ColumnInt64(0) != 0) {
    return Status::Io(db.path() +
                      ": the WAL could not be truncated (another connection is reading); "
                      "close the kiosk and enrol again, or restart it");
  }
  return Status::Ok();
}

Status SaveEnrolment(const std::string& data_dir, const Enrolment& enrolment,
                     const catalog::Catalog* catalog) {
  DVC_RETURN_IF_ERROR(CheckEnrolment(enrolment));
  auto key = SealingKeyOf(enrolment);
  if (!key.ok()) return key.status();
  DVC_RETURN_IF_ERROR(core::CreateDirectoriesDurably(AttachmentsDir(data_dir)));
  auto db = OpenKioskDatabase(data_dir, /*create=*/true);
  if (!db.ok()) return db.status();
  {
    auto tx = store::Transaction::Begin(**db);
    if (!tx.ok()) return tx.status().WithContext("enrolment");
    auto previous = ReadEnrolment(**db);
    if (!previous.ok()) return previous.status();
    DVC_RETURN_IF_ERROR(
        SealOutbox(**db, data_dir, *key, catalog, /*first_enrolment=*/!previous->has_value()));
    DVC_RETURN_IF_ERROR(WriteEnrolmentRow(**db, enrolment));
    DVC_RETURN_IF_ERROR(tx->Commit().WithContext("enrolment"));
  }
  return FinishPurge(**db, data_dir, /*force=*/true);
}

}  // namespace dvc::kiosk
