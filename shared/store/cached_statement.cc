#include "store/cached_statement.h"

#include <utility>

namespace dvc::store {

CachedStatement::CachedStatement(Statement own) : own_(std::move(own)), statement_(&*own_) {}

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : own_(std::move(other.own_)),
      statement_(own_ ? &*own_ : other.statement_),
      in_use_(std::exchange(other.in_use_, nullptr)) {
  other.own_.reset();
  other.statement_ = nullptr;
}

CachedStatement::~CachedStatement() {
  if (statement_ == nullptr) return;
  statement_->Reset(/*clear_bindings=*/true);
  if (in_use_ != nullptr) *in_use_ = false;
}

}  // namespace dvc::store
