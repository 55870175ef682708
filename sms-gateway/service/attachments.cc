// Attachments: resumable uploads named by SHA-256 of the sealed bytes. The
// bytes go to data_dir/attachments/<sha>.part, each chunk fsync'd before its
// offset is committed; on the last chunk the file is hashed (libsodium,
// streaming) and renamed to <sha> (directory fsync'd) or discarded.
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <functional>
#include <mutex>

#include "core/file_util.h"
#include "core/hex.h"
#include "core/unique_fd.h"
#include "service/gateway_service.h"
#include "service/service_impl.h"
#include "store/transaction.h"

namespace dvc::gateway {
namespace {

struct Referenced {
  bool found = false;
  AttachmentState state;
};

Result<Referenced> FindReferenced(store::Database& db, int64_t kiosk_id, std::string_view sha) {
  auto select = db.Prepare("find attachment",
                           "SELECT a.size, a.upload_offset, a.complete FROM dossier_attachments da "
                           "JOIN attachments a ON a.sha256 = da.sha256 "
                           "WHERE da.kiosk_id = ? AND da.sha256 = ? LIMIT 1");
  if (!select.ok()) return select.status();
  DVC_RETURN_IF_ERROR(select->BindInt64(1, kiosk_id));
  DVC_RETURN_IF_ERROR(select->BindText(2, sha));
  auto row = select->Step();
  if (!row.ok()) return row.status();
  Referenced out;
  if (!*row) return out;
  out.found = true;
  out.state.length = static_cast<uint64_t>(select->ColumnInt64(0));
  out.state.offset = static_cast<uint64_t>(select->ColumnInt64(1));
  out.state.complete = select->ColumnInt64(2) != 0;
  return out;
}

Status SetOffset(store::Database& db, std::string_view sha, uint64_t offset, bool complete,
                 int64_t now) {
  auto tx = store::Transaction::Begin(db);
  if (!tx.ok()) return tx.status();
  auto update = db.Prepare("record attachment offset",
                           "UPDATE attachments SET upload_offset = ?, complete = ?, "
                           "completed_at = CASE WHEN ? THEN ? ELSE NULL END WHERE sha256 = ?");
  if (!update.ok()) return update.status();
  DVC_RETURN_IF_ERROR(update->BindInt64(1, static_cast<int64_t>(offset)));
  DVC_RETURN_IF_ERROR(update->BindInt64(2, complete ? 1 : 0));
  DVC_RETURN_IF_ERROR(update->BindInt64(3, complete ? 1 : 0));
  DVC_RETURN_IF_ERROR(update->BindInt64(4, now));
  DVC_RETURN_IF_ERROR(update->BindText(5, sha));
  DVC_RETURN_IF_ERROR(update->Run());
  return tx->Commit();
}

// Writes `chunk` at `offset` of `path` (truncating anything past `offset`
// first: bytes a crash left after the last committed offset) and fsyncs. Only
// the first chunk creates the file: a later one into a missing or shorter
// file would leave a sparse hole that no hash can match (Reconcile resets the
// recorded offset before that can happen; this is the last guard).
Status WriteChunk(const std::string& path, uint64_t offset, std::string_view chunk) {
  const int flags = O_WRONLY | O_CLOEXEC | (offset == 0 ? O_CREAT : 0);
  core::UniqueFd fd(::open(path.c_str(), flags, 0600));
  if (!fd.valid()) return Status::Io(path + ": cannot open for writing");
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return Status::Io(path + ": cannot stat");
  if (static_cast<uint64_t>(st.st_size) < offset) {
    return Status::Io(path + ": holds " + std::to_string(st.st_size) + " bytes, fewer than " +
                      std::to_string(offset));
  }
  if (::ftruncate(fd.get(), static_cast<off_t>(offset)) != 0) {
    return Status::Io(path + ": cannot truncate");
  }
  size_t done = 0;
  while (done < chunk.size()) {
    ssize_t n = ::pwrite(fd.get(), chunk.data() + done, chunk.size() - done,
                         static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::Io(path + ": write failed");
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return Status::Io(path + ": fsync failed");
  return Status::Ok();
}

// The size of a regular file, 0 when it is missing.
Result<uint64_t> FileSize(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return uint64_t{0};
    return Status::Io(path + ": cannot stat");
  }
  return static_cast<uint64_t>(st.st_size);
}

// Brings the recorded state in line with the files a crash may have left
// (the caller holds the attachment's lock):
// - killed between the rename to <sha> and the commit of completion: the
//   final file is there and hashes right, so completion is recorded now;
// - the .part lost or cut short (a crash before the file system kept what
//   was fsync'd, a disk restored): the recorded offset goes back to the
//   bytes really there, and the kiosk resumes from that offset.
ApiResult<AttachmentState> Reconcile(GatewayService::Impl& impl, std::string_view sha256,
                                     AttachmentState state) {
  if (state.complete) return state;
  const std::string sha(sha256);
  const std::string part = impl.attachments_dir + "/" + sha + ".part";
  const std::string final_path = impl.attachments_dir + "/" + sha;
  const int64_t now = impl.NowS();
  auto final_size = FileSize(final_path);
  if (!final_size.ok()) return InternalError(final_size.status());
  if (*final_size == state.length && state.length > 0) {
    auto hash = core::Sha256OfFile(final_path, sync::kMaxAttachmentBytes);
    if (!hash.ok()) return InternalError(hash.status());
    if (*hash == sha) {
      std::remove(part.c_str());
      state.offset = state.length;
      state.complete = true;
      std::lock_guard lock(impl.write_mu);
      if (Status s = SetOffset(*impl.writer, sha, state.offset, true, now); !s.ok()) {
        return InternalError(s);
      }
      return state;
    }
  }
  auto part_size = FileSize(part);
  if (!part_size.ok()) return InternalError(part_size.status());
  if (*part_size < state.offset) {
    state.offset = *part_size;
    std::lock_guard lock(impl.write_mu);
    if (Status s = SetOffset(*impl.writer, sha, state.offset, false, now); !s.ok()) {
      return InternalError(s);
    }
  }
  return state;
}

// The recorded state of an attachment this kiosk's dossiers reference.
ApiResult<AttachmentState> Recorded(GatewayService::Impl& impl, const KioskRef& kiosk,
                                    std::string_view sha256) {
  if (!core::IsSha256Hex(sha256)) {
    return MakeApiError(400, "bad_request", "attachment name: expected 64 lower-case hex digits");
  }
  auto db = impl.readers->Acquire();
  if (!db.ok()) return InternalError(db.status());
  auto found = FindReferenced(**db, kiosk.kiosk_id, sha256);
  if (!found.ok()) return InternalError(found.status());
  if (!found->found) {
    return MakeApiError(404, "attachment_not_referenced",
                        "no stored dossier of this kiosk references this attachment");
  }
  return found->state;
}

std::mutex& LockOf(GatewayService::Impl& impl, std::string_view sha256) {
  return impl.attachment_mu[std::hash<std::string_view>()(sha256) % impl.attachment_mu.size()];
}

// Recorded, then reconciled with the files under the attachment's lock.
ApiResult<AttachmentState> Current(GatewayService::Impl& impl, const KioskRef& kiosk,
                                   std::string_view sha256) {
  auto recorded = Recorded(impl, kiosk, sha256);
  if (!recorded.ok()) return recorded;
  return Reconcile(impl, sha256, *recorded);
}

}  // namespace

ApiResult<AttachmentState> GatewayService::AttachmentStatus(const KioskRef& kiosk,
                                                            std::string_view sha256) {
  if (!core::IsSha256Hex(sha256)) return Recorded(*impl_, kiosk, sha256);
  std::lock_guard file_lock(LockOf(*impl_, sha256));
  return Current(*impl_, kiosk, sha256);
}

ApiResult<AttachmentState> GatewayService::AppendAttachment(const KioskRef& kiosk,
                                                            std::string_view sha256,
                                                            uint64_t offset, uint64_t length,
                                                            std::string_view chunk) {
  if (chunk.size() > sync::kMaxChunkBytes) {
    return MakeApiError(413, "chunk_too_large", "a chunk holds at most 4 MiB");
  }
  if (length > sync::kMaxAttachmentBytes) {
    return MakeApiError(413, "attachment_too_large", "an attachment holds at most 20 MiB");
  }
  auto status = Recorded(*impl_, kiosk, sha256);
  if (!status.ok()) return status;
  std::lock_guard file_lock(LockOf(*impl_, sha256));
  // Re-read under the per-attachment lock: another request may have moved it.
  status = Current(*impl_, kiosk, sha256);
  if (!status.ok()) return status;
  AttachmentState state = *status;
  if (length != state.length) {
    return MakeApiError(400, "length_mismatch",
                        "Upload-Length " + std::to_string(length) + " is not the declared size " +
                            std::to_string(state.length));
  }
  if (state.complete) return state;
  if (offset != state.offset) {
    ApiResult<AttachmentState> mismatch = MakeApiError(
        409, "offset_mismatch",
        "the gateway holds " + std::to_string(state.offset) + " bytes; resume from there");
    mismatch.AddHeader("Upload-Offset", std::to_string(state.offset));
    return mismatch;
  }
  if (chunk.size() > state.length - offset) {
    return MakeApiError(400, "length_mismatch", "the chunk goes past Upload-Length");
  }
  const std::string sha(sha256);
  const std::string part = impl_->attachments_dir + "/" + sha + ".part";
  const std::string final_path = impl_->attachments_dir + "/" + sha;
  if (Status s = WriteChunk(part, offset, chunk); !s.ok()) return InternalError(s);
  state.offset = offset + chunk.size();
  const int64_t now = impl_->NowS();
  if (state.offset == state.length) {
    auto hash = core::Sha256OfFile(part, sync::kMaxAttachmentBytes);
    if (!hash.ok()) return InternalError(hash.status());
    if (*hash != sha) {
      std::remove(part.c_str());
      std::lock_guard lock(impl_->write_mu);
      if (Status s = SetOffset(*impl_->writer, sha, 0, false, now); !s.ok())
        return InternalError(s);
      return MakeApiError(422, "hash_mismatch",
                          "the uploaded bytes hash to " + *hash +
                              ", not to their name; "
                              "the partial file was discarded");
    }
    // A kill from here to the commit below leaves <sha> on disk with the
    // old offset recorded: Reconcile records completion on the next request.
    if (std::rename(part.c_str(), final_path.c_str()) != 0) {
      return InternalError(Status::Io(part + ": cannot rename"));
    }
    if (Status s = core::FsyncDirectory(impl_->attachments_dir); !s.ok()) return InternalError(s);
    state.complete = true;
  }
  std::lock_guard lock(impl_->write_mu);
  if (Status s = SetOffset(*impl_->writer, sha, state.offset, state.complete, now); !s.ok()) {
    return InternalError(s);
  }
  return state;
}

}  // namespace dvc::gateway
