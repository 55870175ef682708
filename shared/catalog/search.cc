#include "catalog/search.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "text/normalize.h"

namespace dvc::catalog {
namespace {

// Source of an indexed word; the order is the weight order (best first).
enum Source : uint8_t { kName = 0, kField = 1, kAgency = 2, kFormLabel = 3 };
constexpr float kWeights[] = {10.0f, 4.0f, 3.0f, 1.0f};
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
  // token -> service -> best source
  std::unordered_map<std::string, std::map<uint32_t, uint8_t>> raw;
  auto add = [&](uint32_t service, std::string_view text, Source source) {
    for (const std::string& w : Words(text)) {
      auto [it, fresh] = raw[w].emplace(service, source);
      if (!fresh) it->second = std::min<uint8_t>(it->second, source);
    }
  };
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
      std::vector<const Agency*> family = catalog.SuccessorChain(id);
      for (const Agency* p : catalog.Predecessors(id)) family.push_back(p);
      for (const Agency* a : family) {
        add(service, a->name.vi, kAgency);
        if (a->short_name) add(service, a->short_name->vi, kAgency);
      }
    }
    for (const Field& f : s.form.fields) add(service, f.label.vi, kFormLabel);
  }
  for (const auto& [word, _] : raw) index.vocabulary_.push_back(word);
  std::sort(index.vocabulary_.begin(), index.vocabulary_.end());
  for (size_t t = 0; t < index.vocabulary_.size(); ++t) {
    const std::string& word = index.vocabulary_[t];
    std::vector<Posting> list;
    for (const auto& [service, source] : raw[word]) list.push_back(Posting{service, source});
    index.postings_.push_back(std::move(list));
    if (index.by_length_.size() <= word.size()) index.by_length_.resize(word.size() + 1);
    index.by_length_[word.size()].push_back(static_cast<uint32_t>(t));
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
      // A prefix candidate already scores higher than a typo.
      if (near && v.compare(0, word.size(), word) != 0) out->push_back(Candidate{t, kTypo});
    }
  };
  if (word.size() >= 4) {
    for (size_t length = word.size() - 1; length <= word.size() + 1; ++length)
      scan_length(length, false);
  } else if (word.size() == 3) {
    scan_length(3, true);
  }
}

std::vector<SearchHit> SearchIndex::Search(std::string_view query, size_t limit) const {
  std::vector<std::string> words = Words(query);
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
  std::vector<SearchHit> hits;
  if (words.empty() || limit == 0 || ids_.empty()) return hits;

  const size_t n = ids_.size();
  std::vector<float> best(words.size() * n, 0.0f);  // best[w * n + service]
  std::vector<uint32_t> touched;
  std::vector<uint8_t> seen(n, 0);
  std::vector<Candidate> candidates;
  for (size_t w = 0; w < words.size(); ++w) {
    Candidates(words[w], w + 1 == words.size(), &candidates);
    float* row = best.data() + w * n;
    for (const Candidate& c : candidates) {
      for (const Posting& p : postings_[c.token]) {
        float v = c.quality * kWeights[p.source];
        if (v > row[p.service]) row[p.service] = v;
        if (!seen[p.service]) {
          seen[p.service] = 1;
          touched.push_back(p.service);
        }
      }
    }
  }
  hits.reserve(touched.size());
  std::vector<uint32_t> order;
  std::vector<double> scores(touched.size());
  std::vector<uint8_t> matched(touched.size());
  for (size_t k = 0; k < touched.size(); ++k) {
    uint32_t s = touched[k];
    double score = 0;
    size_t name_hits = 0;
    for (size_t w = 0; w < words.size(); ++w) {
      float v = best[w * n + s];
      score += v;
      if (v > 0) ++matched[k];
      if (v >= kNameThreshold) ++name_hits;
    }
    double coverage = name_word_counts_[s] == 0
                          ? 0.0
                          : std::min(1.0, static_cast<double>(name_hits) / name_word_counts_[s]);
    scores[k] = score + kCoverageBonus * coverage;
    order.push_back(static_cast<uint32_t>(k));
  }
  auto better = [&](uint32_t a, uint32_t b) {
    if (matched[a] != matched[b]) return matched[a] > matched[b];
    if (scores[a] != scores[b]) return scores[a] > scores[b];
    return ids_[touched[a]] < ids_[touched[b]];
  };
  size_t top = std::min(limit, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                    better);
  for (size_t k = 0; k < top; ++k)
    hits.push_back(SearchHit{ids_[touched[order[k]]], scores[order[k]]});
  return hits;
}

}  // namespace dvc::catalog
