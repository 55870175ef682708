// ReaderPool: reader connections to the gateway database for concurrent
// reads (WAL readers never block the writer nor each other).
//
// Acquire() lends a connection (opening one when none is free); the Lease gives
// it back when it dies. At most `keep` idle connections are kept; extra ones
// close on return.
//
// Thread-safety: Acquire and Lease destruction may run on any threads; a
// leased Database is used by its holder's thread only. Ownership: the pool
// owns idle connections and must outlive every Lease.
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace dvc::gateway {

class ReaderPool {
 public:
  class Lease {
   public:
    Lease(ReaderPool* pool, std::unique_ptr<store::Database> db)
        : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (db_) pool_->Return(std::move(db_));
    }
    store::Database& operator*() { return *db_; }
    store::Database* operator->() { return db_.get(); }

   private:
    ReaderPool* pool_;
    std::unique_ptr<store::Database> db_;
  };

  // `migrations` must be the writer's list (already applied by the writer).
  ReaderPool(std::string path, std::span<const store::Migration> migrations, size_t keep)
      : path_(std::move(path)), migrations_(migrations), keep_(keep) {}

  // Errors: as store::Database::Open.
  Result<Lease> Acquire();

 private:
  void Return(std::unique_ptr<store::Database> db);

  std::string path_;
  std::span<const store::Migration> migrations_;
  size_t keep_;
  std::mutex mu_;
  std::vector<std::unique_ptr<store::Database>> idle_;
};

}  // namespace dvc::gateway
