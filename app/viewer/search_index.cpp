#include "app/viewer/search_index.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <unordered_map>

#include "app/viewer/parent_levels.hpp"
#include "app/viewer/pick_index.hpp"
#include "base/text.hpp"
#include "geo/model/ons_codes.hpp"
#include "geo/model/table.hpp"

namespace nbhd::view {

namespace {

bool is_word_start(const std::string& s, size_t i) {
  return i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]));
}

constexpr size_t kMaxFuzzy = 64;  // longer queries are not typo-matched

// Smallest optimal-string-alignment distance (edits and swaps of neighbours) between q and any prefix of
// s whose length is within `cap` of q's; > cap when none is that close. One row per character of q.
int prefix_distance(std::string_view q, std::string_view s, int cap) {
  const size_t m = q.size(), n = std::min(s.size(), q.size() + size_t(cap));
  if (n + size_t(cap) < m || n >= kMaxFuzzy) return cap + 1;
  std::array<int, kMaxFuzzy + 1> prev2{}, prev{}, cur{};  // on the stack: this runs ~10^4 times a keystroke
  for (size_t j = 0; j <= n; ++j) prev[j] = int(j);
  for (size_t i = 1; i <= m; ++i) {
    cur[0] = int(i);
    int row_min = cur[0];
    for (size_t j = 1; j <= n; ++j) {
      int cost = q[i - 1] == s[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && q[i - 1] == s[j - 2] && q[i - 2] == s[j - 1]) v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  int best = cap + 1;
  for (size_t j = m > size_t(cap) ? m - size_t(cap) : 0; j <= n; ++j) best = std::min(best, prev[j]);
  return best;
}

// Fuzzy: the query against the name from each word start, with a tolerance that grows with its length.
// Names share most of their windows ("manchester" in 280 LSOA names), so each distinct window is compared
// once per query (memo); windows starting with a digit ("001A") are left out (a query with digits is a
// code or a postcode, not typo-matched).
class Fuzzy {
 public:
  explicit Fuzzy(std::string_view q) : q_(q), cap_(q.size() >= 9 ? 2 : 1) {}
  // The distance to the best window of `name`, or -1 when none is within the tolerance.
  int distance(const std::string& name) {
    int best = cap_ + 1;
    for (size_t i = 0; i < name.size() && best > 0; ++i) {
      unsigned char c = static_cast<unsigned char>(name[i]);
      if (!is_word_start(name, i) || !std::isalnum(c) || std::isdigit(c)) continue;
      std::string_view w = std::string_view(name).substr(i, q_.size() + size_t(cap_));
      auto [it, fresh] = memo_.try_emplace(w, 0);
      if (fresh) it->second = prefix_distance(q_, w, cap_);
      best = std::min(best, it->second);
    }
    return best <= cap_ ? best : -1;
  }

 private:
  std::string_view q_;
  int cap_;
  std::unordered_map<std::string_view, int> memo_;  // views into the index's names, alive for the query
};

}  // namespace

const char* tier_name(MatchTier t) {
  switch (t) {
    case MatchTier::ExactCode:
      return "exact code";
    case MatchTier::CodePrefix:
      return "code prefix";
    case MatchTier::ExactName:
      return "exact name";
    case MatchTier::NamePrefix:
      return "name prefix";
    case MatchTier::Word:
      return "word";
    case MatchTier::Substring:
      return "substring";
    case MatchTier::Fuzzy:
      return "fuzzy";
  }
  return "";
}

std::string level_label(const std::string& kind) {
  if (kind.empty()) return "Area";
  if (kind == "LSOA" || kind == "MSOA") return kind;
  std::string s = kind;
  s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

SearchIndex::SearchIndex(const AreaLayer& layer, const std::vector<const AreaLayer*>& outlines) {
  const size_t n = layer.size();
  std::vector<ParentLevel> parents = parent_levels(layer);
  auto parent_name = [&](size_t level, size_t area) -> std::string {  // the level's name (or code) at `area`
    if (level >= parents.size()) return "";
    const ParentLevel& p = parents[level];
    if (p.names && !trim(p.names->text[area]).empty()) return std::string(trim(p.names->text[area]));
    return std::string(trim(p.codes->text[area]));
  };
  std::vector<BBox> boxes(n);
  // 1. The layer's own areas: entry i is area i.
  std::string own_kind = layer.code_kind.empty() && n ? ons_code_kind(layer.codes[0]) : layer.code_kind;
  for (size_t i = 0; i < n; ++i) {
    boxes[i] = bbox_of(layer.geoms[i]);
    SearchEntry e;
    e.code = layer.codes[i];
    e.name = i < layer.names.size() ? layer.names[i] : "";
    e.level = level_label(own_kind);
    e.level_rank = kind_rank(own_kind);
    e.parent = parent_name(0, i);
    e.areas = {uint32_t(i)};
    e.bbox = boxes[i];
    entries_.push_back(std::move(e));
  }
  std::unordered_map<std::string, size_t> by_code;
  for (size_t i = 0; i < n; ++i) {
    by_code.emplace(entries_[i].code, i);
    area_by_code_.emplace(entries_[i].code, int(i));
  }
  // 2. Parent levels carried as fields: one entry per distinct code, covering its areas.
  for (size_t lv = 0; lv < parents.size(); ++lv) {
    const ParentLevel& p = parents[lv];
    for (size_t i = 0; i < n; ++i) {
      std::string code(trim(p.codes->text[i]));
      if (code.empty()) continue;
      auto [it, fresh] = by_code.emplace(code, entries_.size());
      if (fresh) {
        SearchEntry e;
        e.code = code;
        e.name = p.names ? std::string(trim(p.names->text[i])) : "";
        e.level = level_label(p.kind);
        e.level_rank = p.rank;
        e.parent = parent_name(lv + 1, i);
        entries_.push_back(std::move(e));
      }
      SearchEntry& e = entries_[it->second];
      if (e.level_rank != p.rank) continue;  // a code that is also another level's (should not happen)
      e.areas.push_back(uint32_t(i));
      e.bbox.expand(boxes[i]);
    }
  }
  // 3. Outline layers' areas not already known by code; their areas are the layer's areas whose box
  //    centre falls inside them.
  for (const AreaLayer* o : outlines) {
    PickIndex pick(o->geoms);
    std::vector<int> idx(o->size(), -1);
    std::string kind = o->code_kind.empty() && o->size() ? ons_code_kind(o->codes[0]) : o->code_kind;
    for (size_t k = 0; k < o->size(); ++k) {
      if (by_code.count(o->codes[k])) continue;
      SearchEntry e;
      e.code = o->codes[k];
      e.name = k < o->names.size() ? o->names[k] : "";
      e.level = level_label(kind);
      e.level_rank = kind_rank(kind);
      e.bbox = bbox_of(o->geoms[k]);
      idx[k] = int(entries_.size());
      by_code.emplace(e.code, entries_.size());
      entries_.push_back(std::move(e));
    }
    for (size_t i = 0; i < n; ++i) {
      const BBox& b = boxes[i];
      int k = pick.pick({(b.minx + b.maxx) / 2, (b.miny + b.maxy) / 2});
      if (k < 0 || idx[size_t(k)] < 0) continue;
      SearchEntry& e = entries_[size_t(idx[size_t(k)])];
      if (e.areas.empty()) {  // its parent: the level above it in the fields, at its first area
        for (size_t lv = 0; lv < parents.size(); ++lv)
          if (parents[lv].rank > e.level_rank) {
            e.parent = parent_name(lv, i);
            break;
          }
      }
      e.areas.push_back(uint32_t(i));
    }
  }
  for (const auto& e : entries_) {
    lcode_.push_back(lower(e.code));
    lname_.push_back(lower(e.name));
  }
}

std::vector<SearchHit> SearchIndex::search(std::string_view query, size_t limit,
                                           const PostcodeIndex* postcodes, const PickIndex* pick) const {
  std::string q = lower(trim(query));
  std::vector<SearchHit> out;
  if (q.empty() || limit == 0) return out;
  struct Scored {
    MatchTier tier;
    int distance;
    int entry;
  };
  std::vector<Scored> found;
  for (size_t i = 0; i < entries_.size(); ++i) {
    const std::string &c = lcode_[i], &nm = lname_[i];
    MatchTier t;
    if (c == q)
      t = MatchTier::ExactCode;
    else if (c.starts_with(q))
      t = MatchTier::CodePrefix;
    else if (nm == q)
      t = MatchTier::ExactName;
    else if (nm.starts_with(q))
      t = MatchTier::NamePrefix;
    else if (size_t at = nm.find(q); at != std::string::npos) {
      t = MatchTier::Substring;
      for (; at != std::string::npos; at = nm.find(q, at + 1))
        if (is_word_start(nm, at)) {
          t = MatchTier::Word;
          break;
        }
    } else if (c.find(q) != std::string::npos)
      t = MatchTier::Substring;
    else
      continue;
    found.push_back({t, 0, int(i)});
  }
  // Typos: only when the exact tiers leave room, so a common prefix stays fast.
  bool digits =
      std::any_of(q.begin(), q.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (found.size() < limit && q.size() >= 4 && q.size() < kMaxFuzzy && !digits) {
    Fuzzy fuzzy(q);
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (lname_[i].empty() || lname_[i].find(q) != std::string::npos ||
          lcode_[i].find(q) != std::string::npos)
        continue;
      int d = fuzzy.distance(lname_[i]);
      if (d > 0) found.push_back({MatchTier::Fuzzy, d, int(i)});
    }
  }
  auto better = [&](const Scored& a, const Scored& b) {
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.distance != b.distance) return a.distance < b.distance;
    const SearchEntry &ea = entries_[size_t(a.entry)], &eb = entries_[size_t(b.entry)];
    if (ea.level_rank != eb.level_rank) return ea.level_rank > eb.level_rank;
    if (ea.name.size() != eb.name.size()) return ea.name.size() < eb.name.size();
    if (ea.name != eb.name) return ea.name < eb.name;
    return ea.code < eb.code;
  };
  size_t keep = std::min(limit, found.size());
  std::partial_sort(found.begin(), found.begin() + std::ptrdiff_t(keep), found.end(), better);
  found.resize(keep);
  // Postcodes rank as codes: an exact postcode first of all, a partial one beside the code prefixes.
  std::vector<SearchHit> pc;
  if (postcodes && postcodes->size()) {
    std::string norm = normalise_postcode(query);
    for (auto& h : postcodes->find_prefix(query, limit)) {
      SearchHit s;
      s.tier = normalise_postcode(h.postcode) == norm ? MatchTier::ExactCode : MatchTier::CodePrefix;
      s.postcode = std::move(h);
      s.area = pick ? pick->pick(s.postcode.at) : -1;
      if (s.area < 0 && !s.postcode.lsoa.empty()) {  // outside every polygon (a coast): the table's LSOA
        auto it = area_by_code_.find(s.postcode.lsoa);
        if (it != area_by_code_.end()) s.area = it->second;
      }
      if (s.area >= 0)
        s.postcode_parent = entries_[size_t(s.area)].name.empty() ? entries_[size_t(s.area)].code
                                                                  : entries_[size_t(s.area)].name;
      pc.push_back(std::move(s));
    }
  }
  size_t a = 0, b = 0;
  while (out.size() < limit && (a < found.size() || b < pc.size())) {
    if (b < pc.size() && (a >= found.size() || pc[b].tier <= found[a].tier)) {
      out.push_back(std::move(pc[b++]));
    } else {
      SearchHit h;
      h.tier = found[a].tier;
      h.entry = found[a].entry;
      out.push_back(std::move(h));
      ++a;
    }
  }
  return out;
}

const std::string& SearchIndex::level_of(const SearchHit& h) const {
  static const std::string postcode = "Postcode";
  return h.entry < 0 ? postcode : entries_[size_t(h.entry)].level;
}

const std::string& SearchIndex::parent_of(const SearchHit& h) const {
  return h.entry < 0 ? h.postcode_parent : entries_[size_t(h.entry)].parent;
}

std::string SearchIndex::label(const SearchHit& h) const {
  std::string what;
  if (h.entry < 0) {
    what = h.postcode.postcode;
  } else {
    const SearchEntry& e = entries_[size_t(h.entry)];
    what = e.name.empty() ? e.code : e.name;
    if (e.level_rank <= 2 && !e.name.empty())
      what = e.code + " " + e.name;  // small areas: the code says more
  }
  const std::string& parent = parent_of(h);
  return what + " - " + level_of(h) + (parent.empty() ? "" : ", " + parent);
}

}  // namespace nbhd::view
