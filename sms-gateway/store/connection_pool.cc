#include "store/connection_pool.h"

namespace dvc::gateway {

Result<ReaderPool::Lease> ReaderPool::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<store::Database> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  store::OpenOptions options;
  options.create_if_missing = false;
  auto db = store::Database::Open(path_, migrations_, options);
  if (!db.ok()) return db.status();
  return Lease(this, std::move(db).value());
}

void ReaderPool::Return(std::unique_ptr<store::Database> db) {
  std::lock_guard lock(mu_);
  if (idle_.size() < keep_) idle_.push_back(std::move(db));
}

}  // namespace dvc::gateway
