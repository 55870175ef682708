// UssdSessionTable: the USSD sessions in progress, bounded (the least
// recently used session is dropped when full) and expiring (a session idle
// longer than the timeout answers "session expired" once, then is gone).
// It holds what the stateless replay cannot: when the session was last
// seen, how many look-ups it made (a stranger guessing codes is stopped),
// and for SMPP, where each step arrives alone, the steps so far.
//
// Thread-safety: every member may be called concurrently (one mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dvc::gateway {

struct UssdSessionOptions {
  size_t max_sessions = 10000;
  int64_t idle_timeout_ms = 120 * 1000;
  int max_lookups = 5;  // per session
};

class UssdSessionTable {
 public:
  explicit UssdSessionTable(UssdSessionOptions options) : options_(options) {}

  struct Touched {
    bool expired = false;            // idle too long: the entry was removed
    std::vector<std::string> steps;  // after appending (SMPP)
  };

  // Marks `key` seen at `now_ms`. `starts_over`: a new dial (the entry, if
  // any, is reset). Otherwise an entry idle beyond the timeout is removed and
  // reported expired; a missing one is created (the replay does not need it).
  // `append`: a step to add to the entry's steps (SMPP), unless expired.
  Touched Touch(const std::string& key, int64_t now_ms, bool starts_over,
                std::optional<std::string_view> append = std::nullopt);

  // Counts a look-up for `key`; false when the session used them up.
  bool CountLookup(const std::string& key);

  // Removes `key` (the session ended).
  void End(const std::string& key);

  size_t size() const;

 private:
  struct Entry {
    std::string key;
    int64_t last_ms = 0;
    int lookups = 0;
    std::vector<std::string> steps;
  };
  UssdSessionOptions options_;
  mutable std::mutex mu_;
  std::list<Entry> order_;  // most recently seen first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace dvc::gateway
