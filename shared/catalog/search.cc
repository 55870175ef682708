#include "catalog/search.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "text/normalize.h"

namespace dvc::catalog {
namespace {

// Source of an indexed word; the order is the weight order (best first).
enum Source : uint8_t { kName = 0, kField = 1, kAgency = 2 };
constexpr float kWeights[] = {10.0f, 4.0f, 3.0f};
constexpr float kExact = 1.0f, kPrefix = 0.7f, kTypo = 0.6f;
constexpr double kCoverageBonus = 2.0;
// A word matched in a name scores at least kTypo × 10 = 6, more than any
// other source can give (4): that is how a name match is recognised.
constexpr float kNameThreshold = kTypo * kWeights[kName] - 0.001f;

std::vector<std::string> Words(std::string_view text) {
  std::string key = text::SearchKey(text);
  std::vector<std::string> words;
  size_t i = 0;
  while (i < key.size()) {
    size_t end = key.find(' ', i);
    if (end == std::string::npos) end = key.size();
    if (end > i) words.push_back(key.substr(i, end - i));
    i = end + 1;
  }
  return words;
}

bool IsAdjacentSwap(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);
}

}  // namespace

bool IsOneEditApart(std::string_view a, std::string_view b) {
  if (a == b) return false;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    return a.substr(i + 1) == b.substr(i + 1) || IsAdjacentSwap(a, b);
  }
  return a.substr(i) == b.substr(i + 1);  // b has one extra character at i
}

SearchIndex SearchIndex::Build(const Catalog& catalog) {
  SearchIndex index;
  // (word, service, source) triples, then sorted and reduced to one posting
  // per (word, service) with its best source.
  struct Entry {
    std::string word;
    uint32_t service;
    uint8_t source;
  };
  std::vector<Entry> entries;
  auto add = [&](uint32_t service, std::string_view text, Source source) {
    for (std::string& w : Words(text)) entries.push_back(Entry{std::move(w), service, source});
  };
  // Names of each agency's family (itself, successors, predecessors), computed once.
  std::unordered_map<std::string, std::vector<std::string>> family_names;
  for (const Agency& agency : catalog.agencies()) {
    std::vector<const Agency*> family = catalog.SuccessorChain(agency.id);
    for (const Agency* p : catalog.Predecessors(agency.id)) family.push_back(p);
    std::vector<std::string>& names = family_names[agency.id];
    for (const Agency* a : family) {
      names.push_back(a->name.vi);
      if (a->short_name) names.push_back(a->short_name->vi);
    }
  }
  for (const Service& s : catalog.services()) {
    auto service = static_cast<uint32_t>(index.ids_.size());
    index.ids_.push_back(s.id);
    std::vector<std::string> name_words = Words(s.name.vi);
    std::set<std::string> distinct(name_words.begin(), name_words.end());
    index.name_word_counts_.push_back(
        static_cast<uint16_t>(std::min<size_t>(distinct.size(), 65535)));
    add(service, s.name.vi, kName);
    if (const CatalogField* field = catalog.FindField(s.field))
      add(service, field->name.vi, kField);
    std::vector<std::string> agency_ids = s.co_agencies;
    agency_ids.push_back(s.lead_agency);
    for (const std::string& id : agency_ids) {
      for (const std::string& name : family_names[id]) add(service, name, kAgency);
    }
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.word != b.word) return a.word < b.word;
    if (a.service != b.service) return a.service < b.service;
    return a.source < b.source;
  });
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    if (index.vocabulary_.empty() || index.vocabulary_.back() != e.word) {
      index.vocabulary_.push_back(e.word);
      index.postings_.emplace_back();
      if (index.by_length_.size() <= e.word.size()) index.by_length_.resize(e.word.size() + 1);
      index.by_length_[e.word.size()].push_back(
          static_cast<uint32_t>(index.vocabulary_.size() - 1));
    }
    std::vector<Posting>& list = index.postings_.back();
    // Sorted by source within a service: the first entry is the best.
    if (list.empty() || list.back().service != e.service)
      list.push_back(Posting{e.service, e.source});
  }
  return index;
}

void SearchIndex::Candidates(std::string_view word, bool last, std::vector<Candidate>* out) const {
  out->clear();
  auto lo = std::lower_bound(vocabulary_.begin(), vocabulary_.end(), word);
  for (auto it = lo; it != vocabulary_.end() && it->compare(0, word.size(), word) == 0; ++it) {
    bool exact = it->size() == word.size();
    if (!exact && !last) break;  // sorted: the exact word comes first
    out->push_back(
        Candidate{static_cast<uint32_t>(it - vocabulary_.begin()), exact ? kExact : kPrefix});
  }
  auto scan_length = [&](size_t length, bool swap_only) {
    if (length >= by_length_.size()) return;
    for (uint32_t t : by_length_[length]) {
      const std::string& v = vocabulary_[t];
      bool near = swap_only ? IsAdjacentSwap(word, v) : IsOneEditApart(word, v);
      // For the last word, a longer word starting with it ("thong" for
      // "thon") is already a prefix candidate, which scores higher than a
      // typo. Earlier words have no prefix candidates, so there it is a typo.
      bool prefix_candidate = last && v.compare(0, word.size(), word) == 0;
      if (near && !prefix_candidate) out->push_back(Candidate{t, kTypo});
    }
  };
  if (word.size() >= 4) {
    for (size_t length = word.size() - 1; length <= word.size() + 1; ++length)
      scan_length(length, false);
  } else if (word.size() == 3) {
    scan_length(3, true);
  }
}

namespace {

// Per-thread scratch space reused across queries, so a query allocates
// nothing proportional to the catalog and touches only the services it hits.
struct Scratch {
  std::vector<float> best;  // best[service * kMaxQueryWords + word]
  std::vector<uint8_t> seen;
  std::vector<uint32_t> touched;
  std::vector<double> scores;
  std::vector<uint8_t> matched;
  std::vector<uint32_t> order;

  void Prepare(size_t n) {
    if (seen.size() != n) {
      best.assign(n * kMaxQueryWords, 0.0f);
      seen.assign(n, 0);
    }
    touched.clear();
    scores.clear();
    matched.clear();
    order.clear();
  }
  // Restores the all-zero state for the next query.
  void Reset() {
    for (uint32_t s : touched) {
      seen[s] = 0;
      std::fill_n(best.begin() + static_cast<std::ptrdiff_t>(s * kMaxQueryWords), kMaxQueryWords,
                  0.0f);
    }
  }
};

}  // namespace

std::vector<SearchHit> SearchIndex::Search(std::string_view query, size_t limit) const {
  std::vector<std::string> words = Words(query);
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
  std::vector<SearchHit> hits;
  if (words.empty() || limit == 0 || ids_.empty()) return hits;

  thread_local Scratch scratch;
  scratch.Prepare(ids_.size());
  std::vector<Candidate> candidates;
  for (size_t w = 0; w < words.size(); ++w) {
    Candidates(words[w], w + 1 == words.size(), &candidates);
    for (const Candidate& c : candidates) {
      for (const Posting& p : postings_[c.token]) {
        float v = c.quality * kWeights[p.source];
        float& slot = scratch.best[p.service * kMaxQueryWords + w];
        if (v > slot) slot = v;
        if (!scratch.seen[p.service]) {
          scratch.seen[p.service] = 1;
          scratch.touched.push_back(p.service);
        }
      }
    }
  }
  const size_t touched = scratch.touched.size();
  for (size_t k = 0; k < touched; ++k) {
    uint32_t s = scratch.touched[k];
    const float* row = &scratch.best[s * kMaxQueryWords];
    double score = 0;
    size_t name_hits = 0;
    uint8_t matched = 0;
    for (size_t w = 0; w < words.size(); ++w) {
      score += row[w];
      if (row[w] > 0) ++matched;
      if (row[w] >= kNameThreshold) ++name_hits;
    }
    double coverage = name_word_counts_[s] == 0
                          ? 0.0
                          : std::min(1.0, static_cast<double>(name_hits) / name_word_counts_[s]);
    scratch.scores.push_back(score + kCoverageBonus * coverage);
    scratch.matched.push_back(matched);
    scratch.order.push_back(static_cast<uint32_t>(k));
  }
  // Services are indexed in id order (Catalog sorts them), so comparing
  // indexes breaks ties by id without string compares.
  auto better = [&](uint32_t a, uint32_t b) {
    if (scratch.matched[a] != scratch.matched[b]) return scratch.matched[a] > scratch.matched[b];
    if (scratch.scores[a] != scratch.scores[b]) return scratch.scores[a] > scratch.scores[b];
    return scratch.touched[a] < scratch.touched[b];
  };
  size_t top = std::min(limit, touched);
  std::partial_sort(scratch.order.begin(), scratch.order.begin() + static_cast<std::ptrdiff_t>(top),
                    scratch.order.end(), better);
  hits.reserve(top);
  for (size_t k = 0; k < top; ++k) {
    uint32_t o = scratch.order[k];
    hits.push_back(SearchHit{ids_[scratch.touched[o]], scratch.scores[o]});
  }
  scratch.Reset();
  return hits;
}

}  // namespace dvc::catalog
