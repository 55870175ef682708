#include "ussd/ussd_session.h"

namespace dvc::gateway {

UssdSessionTable::Touched UssdSessionTable::Touch(const std::string& key, int64_t now_ms,
                                                  bool starts_over,
                                                  std::optional<std::string_view> append) {
  std::lock_guard lock(mu_);
  Touched touched;
  auto found = index_.find(key);
  if (found != index_.end()) {
    auto it = found->second;
    if (starts_over) {
      it->lookups = 0;
      it->steps.clear();
    } else if (now_ms - it->last_ms > options_.idle_timeout_ms) {
      order_.erase(it);
      index_.erase(found);
      touched.expired = true;
      return touched;
    }
    it->last_ms = now_ms;
    order_.splice(order_.begin(), order_, it);
  } else {
    while (!order_.empty() && order_.size() >= options_.max_sessions) {
      index_.erase(order_.back().key);
      order_.pop_back();
    }
    order_.push_front(Entry{key, now_ms, 0, {}});
    index_[key] = order_.begin();
  }
  Entry& entry = order_.front();
  if (append) entry.steps.emplace_back(*append);
  touched.steps = entry.steps;
  return touched;
}

bool UssdSessionTable::CountLookup(const std::string& key) {
  std::lock_guard lock(mu_);
  auto found = index_.find(key);
  if (found == index_.end()) return true;  // evicted meanwhile: nothing to count against
  return ++found->second->lookups <= options_.max_lookups;
}

void UssdSessionTable::End(const std::string& key) {
  std::lock_guard lock(mu_);
  auto found = index_.find(key);
  if (found == index_.end()) return;
  order_.erase(found->second);
  index_.erase(found);
}

size_t UssdSessionTable::size() const {
  std::lock_guard lock(mu_);
  return order_.size();
}

}  // namespace dvc::gateway
