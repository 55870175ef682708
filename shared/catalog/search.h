// Ranked, diacritic-insensitive, typo-tolerant search over a catalog's
// services, for the kiosk's search box and the SMS/USSD menus.
//
// Matching works on words of text::SearchKey ("Cấp giấy phép" → "cap giay
// phep"). Each query word matches an indexed word:
//   exact                                   quality 1.0
//   as a prefix (last query word only, as the resident is still typing)  0.7
//   with one typo (Damerau-Levenshtein distance 1: substitution,
//   insertion, deletion or adjacent swap) for words of 4+ characters;
//   3-character words tolerate only an adjacent swap ("xya" → "xay")    0.6
// Indexed text and its weight: the service name 10, its field (lĩnh vực)
// name 4, the names of its lead and co-handling agencies, including the
// former and later names along successor links, 3 (so "tài nguyên môi
// trường" finds the services of the merged department). Form field labels
// are not indexed: nearly every form asks for "Họ và tên" or "Số điện
// thoại", so they would match everything and rank nothing.
//
// Score of a service = Σ over query words of the best (quality × weight)
// among the words it matches, + 2 × (query words matched in the name ÷
// distinct words of the name, at most 1), which prefers the name that is
// closest to the query ("Cấp giấy phép xây dựng" before "Gia hạn giấy phép
// xây dựng"). Services matching no query word are not returned. Order: the
// number of query words matched (anywhere) descending, so a service matching
// every word comes before one matching some of them strongly; then score
// descending; then service id ascending, so ranking is deterministic.
// At most kMaxQueryWords query words are used.
//
// Thread-safety: a built index is immutable; Search may run concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace dvc::catalog {

inline constexpr size_t kMaxQueryWords = 8;

struct SearchHit {
  std::string service_id;
  double score = 0;
};

class SearchIndex {
 public:
  // Indexes `catalog`'s services. The index copies what it needs: the
  // catalog need not outlive it.
  static SearchIndex Build(const Catalog& catalog);

  // The best `limit` services for `query`, best first. Empty for a query
  // with no letters or digits.
  std::vector<SearchHit> Search(std::string_view query, size_t limit) const;

  size_t service_count() const { return ids_.size(); }
  size_t vocabulary_size() const { return vocabulary_.size(); }

 private:
  struct Posting {
    uint32_t service;
    uint8_t source;  // index into the weight table
  };
  struct Candidate {
    uint32_t token;
    float quality;
  };
  void Candidates(std::string_view word, bool last, std::vector<Candidate>* out) const;

  std::vector<std::string> ids_;                  // by service index
  std::vector<uint16_t> name_word_counts_;        // distinct words of each name
  std::vector<std::string> vocabulary_;           // sorted distinct words
  std::vector<std::vector<Posting>> postings_;    // by token, one per service (best source)
  std::vector<std::vector<uint32_t>> by_length_;  // token ids by word length
};

// True when `a` and `b` differ by exactly one substitution, insertion,
// deletion or swap of adjacent characters (bytes). Exposed for tests.
bool IsOneEditApart(std::string_view a, std::string_view b);

}  // namespace dvc::catalog
